import type { Socket as Engine, SocketOptions as EngineOptions } from "engine.io-client";
import type { Manager } from "./manager.js";
import type { Socket } from "./socket.js";

/* eslint-disable @typescript-eslint/no-explicit-any -- parser modules are plain JavaScript (msgpack): any packet goes */
/** A parser module: any object with `Encoder` and `Decoder` classes (socket.io-parser, a msgpack parser, ...). */
export interface ParserModule {
  Encoder: new () => { encode(packet: any): any[] };
  Decoder: new () => {
    add(chunk: unknown): void;
    destroy(): void;
    on(ev: "decoded", fn: (packet: any) => void): unknown;
    off(ev?: string, fn?: (...args: any[]) => void): unknown;
  };
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/** Options of a Manager. Anything not listed here is handed to engine.io-client as it is. */
export interface ManagerOptions extends Partial<EngineOptions> {
  /** Make a new Manager even when one for this server is cached. Default `false`. */
  forceNew?: boolean;
  /** Same as `forceNew: true`, under its historical name. */
  "force new connection"?: boolean;
  /** `false` makes a new Manager for this call (no sharing of the engine connection). Default `true`. */
  multiplex?: boolean;
  /** The Engine.IO path on the server. Default `/socket.io`. */
  path?: string;
  /** Reconnect automatically. Default `true`. */
  reconnection?: boolean;
  /** Attempts before giving up. Default `Infinity`; `0` also means Infinity, as in the official client. */
  reconnectionAttempts?: number;
  /** First backoff step in ms. Default `1000`; `0` also means 1000, as in the official client. */
  reconnectionDelay?: number;
  /** Backoff cap in ms. Default `5000`. */
  reconnectionDelayMax?: number;
  /** Jitter, from 0 (none) to 1. Default `0.5`. */
  randomizationFactor?: number;
  /** Connection timeout in ms, or `false` for none. Default `20000`. */
  timeout?: number | false;
  /** Connect at once. Default `true`. */
  autoConnect?: boolean;
  /** The packet parser. Default socket.io-parser. */
  parser?: ParserModule;
  /**
   * The protocol to speak, when not the default (Socket.IO v3/v4: Engine.IO 4, Socket.IO protocol 5):
   * `v2` from the `v2` module, for Socket.IO v2 servers. Loaded only by those who import it.
   */
  protocol?: ProtocolAdapter;
}

/** What a protocol other than the default one supplies: its engine and its socket. */
export interface ProtocolAdapter {
  /** A short name, also part of the Manager cache key ("v2"). */
  readonly name: string;
  readonly Engine: new (uri: string | undefined, opts: Partial<EngineOptions>) => Engine;
  readonly Socket: new (io: Manager, nsp: string, opts?: Partial<SocketOptions>) => Socket;
}

/** The authentication payload of a namespace, or a function that produces it at every (re)connection. */
export type AuthOption = Record<string, unknown> | ((cb: (data: Record<string, unknown>) => void) => void);

/** Options of a Socket (one namespace). */
export interface SocketOptions {
  /** Sent in the CONNECT packet. */
  auth?: AuthOption;
  /** Default time-out, in ms, for every ack of this socket. */
  ackTimeout?: number;
  /** Resend an unacknowledged emit up to this many times (emits are then queued, one in flight). */
  retries?: number;
}

const isMs = (v: unknown): v is number => typeof v == "number" && v >= 0; // NaN fails >= 0

/** What each checked option must be: its test and the words of the error. */
const RULES: Record<string, [(v: unknown) => boolean, string]> = {};
for (const [names, test, text] of [
  ["reconnection autoConnect forceNew multiplex", (v) => typeof v == "boolean", "a boolean"],
  ["reconnectionDelay reconnectionDelayMax ackTimeout", isMs, "a number >= 0"],
  // No fractional part; Infinity (the default of reconnectionAttempts) passes too, since Infinity % 1 is NaN.
  ["reconnectionAttempts retries", (v) => isMs(v) && !(v % 1), "an integer >= 0"],
  ["randomizationFactor", (v) => isMs(v) && v <= 1, "a number from 0 to 1"],
  // null is the default too, as the official client allows.
  ["timeout", (v) => v === null || v === false || isMs(v), "a number >= 0 or false"],
  ["path", (v) => typeof v == "string", "a string"],
  // Object(v) is v itself for an object or a function (not for null or a primitive).
  ["auth", (v) => Object(v) === v && !Array.isArray(v), "an object or a function"],
  ["transports", Array.isArray, "an array"],
] as Array<[string, (v: unknown) => boolean, string]>) {
  for (const name of names.split(" ")) RULES[name] = [test, text];
}

/**
 * Checks one option. `undefined` means the default; options the engine owns are left to the engine.
 * @throws TypeError that names the option, what it must be and what it got.
 */
export function checkOption(name: string, value: unknown): void {
  const rule = RULES[name];
  if (rule && value !== undefined && !rule[0](value)) {
    // What it got: a string quoted, an object (or array) by its type alone, anything else as String() has it.
    const got =
      typeof value == "string" ? `string "${value}"` : String(typeof value == "object" ? value && "object" : value);
    throw new TypeError(`Option "${name}" must be ${rule[1]}, got ${got}`);
  }
}

/** Checks every option this library knows. */
export function checkOptions(options: object): void {
  for (const name in options) checkOption(name, (options as Record<string, unknown>)[name]);
}
