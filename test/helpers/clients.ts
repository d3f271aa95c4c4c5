import { io as officialIo } from "socket.io-client";
import { io as ourIo } from "../../src/client/index.js";

/**
 * The two clients run side by side: ours and the official one, our behavioural reference.
 * Both are driven through the same small surface, so a scenario is written once.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnySocket = any;
export type IoFn = (url: string, opts?: Record<string, unknown>) => AnySocket;

export const CLIENTS: Array<{ name: "ours" | "official"; io: IoFn }> = [
  { name: "ours", io: ourIo as unknown as IoFn },
  { name: "official", io: officialIo as unknown as IoFn },
];

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
