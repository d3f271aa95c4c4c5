import type { PacketType } from "socket.io-parser";

// The protocol's packet types as the numbers they are (fixed by the protocol), typed as socket.io-parser's: a bundle
// holds each as its number, where the parser's enum is an object read at every use.
export const CONNECT = 0 as PacketType.CONNECT;
export const DISCONNECT = 1 as PacketType.DISCONNECT;
export const EVENT = 2 as PacketType.EVENT;
export const ACK = 3 as PacketType.ACK;
export const CONNECT_ERROR = 4 as PacketType.CONNECT_ERROR;
export const BINARY_EVENT = 5 as PacketType.BINARY_EVENT;
export const BINARY_ACK = 6 as PacketType.BINARY_ACK;
