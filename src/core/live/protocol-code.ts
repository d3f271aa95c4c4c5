// What a client needs beyond the default client, fetched the first time a session needs it: the v2 mode (Socket.IO 2,
// Engine.IO 3) and the msgpack parser. The default client carries neither.
import type { ProtocolAdapter } from "../../client/index.js";

type MsgpackParser = typeof import("./msgpack-parser.js").inspectorMsgpackParser;

let v2Module: ProtocolAdapter | undefined;
let msgpackModule: MsgpackParser | undefined;

/** The v2 mode, fetched once. */
export async function loadV2(): Promise<ProtocolAdapter> {
  return (v2Module ??= (await import("../../client/v2/index.js")).v2);
}

/** The msgpack parser, fetched once. */
export async function loadMsgpack(): Promise<MsgpackParser> {
  return (msgpackModule ??= (await import("./msgpack-parser.js")).inspectorMsgpackParser);
}

/** The v2 mode when it is here (loaded), else undefined. */
export const loadedV2 = (): ProtocolAdapter | undefined => v2Module;

/** The msgpack parser when it is here (loaded), else undefined. */
export const loadedMsgpack = (): MsgpackParser | undefined => msgpackModule;
