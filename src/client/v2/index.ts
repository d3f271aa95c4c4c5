/**
 * The v2 mode: Engine.IO protocol 3 and Socket.IO protocol 4, as Socket.IO v2 servers speak them (and v3/v4 servers
 * with `allowEIO3: true`). Imported on its own, so that the default v4 client carries none of it.
 *
 * @example
 * import { io } from "../index.js";
 * import { v2 } from "./index.js";
 * const socket = io("http://localhost:3000/admin", { protocol: v2, query: { token: "abc" } });
 */
import type { ProtocolAdapter } from "../options.js";
import { Engine3 } from "./engine3.js";
import { SocketV2 } from "./socket-v2.js";

export const v2: ProtocolAdapter = { name: "v2", Engine: Engine3, Socket: SocketV2 };
export { Engine3, SocketV2 };
export type { SocketV2Options } from "./socket-v2.js";
