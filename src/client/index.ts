/**
 * Our Socket.IO v4 client, on engine.io-client and socket.io-parser.
 *
 * @example
 * import { io } from "./client";
 * const socket = io("http://localhost:3000");
 * socket.on("connect", () => socket.emit("hello", "world", (reply) => console.log(reply)));
 */
import { io } from "./lookup.js";

export { io, io as connect };
export default io;
export { protocol } from "socket.io-parser";
export { Manager } from "./manager.js";
export type { CloseReason, ManagerReservedEvents, ReadyState } from "./manager.js";
export { Socket } from "./socket.js";
export type { DisconnectDescription, DisconnectReason, SocketReservedEvents } from "./socket.js";
export type { AuthOption, ManagerOptions, ParserModule, ProtocolAdapter, SocketOptions } from "./options.js";
export type { DecorateAcknowledgements, DefaultEventsMap, EventNames, EventParams, EventsMap } from "./typed-events.js";
