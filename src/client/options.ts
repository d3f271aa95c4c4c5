import type { SocketOptions as EngineOptions } from "engine.io-client";

/** A parser module: any object with `Encoder` and `Decoder` classes (socket.io-parser, a msgpack parser, ...). */
export interface ParserModule {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  Encoder: new () => { encode(packet: any): any[] };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  Decoder: new () => {
    add(chunk: unknown): void;
    destroy(): void;
    on(ev: "decoded", fn: (packet: any) => void): unknown;
    off(ev?: string, fn?: (...args: any[]) => void): unknown;
  };
}

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

function describe(value: unknown): string {
  if (typeof value === "string") return `string "${value}"`;
  if (typeof value === "number") return String(value);
  if (value === null) return "null";
  return typeof value;
}

type Check = (value: unknown) => boolean;

const isBoolean: Check = (v) => typeof v === "boolean";
const isNonNegativeNumber: Check = (v) => typeof v === "number" && !Number.isNaN(v) && v >= 0;
const isNonNegativeInteger: Check = (v) => isNonNegativeNumber(v) && (Number.isInteger(v) || v === Infinity);

const RULES: Record<string, { check: Check; expected: string }> = {
  reconnection: { check: isBoolean, expected: "a boolean" },
  autoConnect: { check: isBoolean, expected: "a boolean" },
  forceNew: { check: isBoolean, expected: "a boolean" },
  multiplex: { check: isBoolean, expected: "a boolean" },
  reconnectionAttempts: { check: isNonNegativeInteger, expected: "a non-negative integer or Infinity" },
  reconnectionDelay: { check: isNonNegativeNumber, expected: "a non-negative number of ms" },
  reconnectionDelayMax: { check: isNonNegativeNumber, expected: "a non-negative number of ms" },
  randomizationFactor: {
    check: (v) => typeof v === "number" && v >= 0 && v <= 1,
    expected: "a number from 0 to 1",
  },
  timeout: { check: (v) => v === false || isNonNegativeNumber(v), expected: "a non-negative number of ms or false" },
  path: { check: (v) => typeof v === "string", expected: "a string" },
  ackTimeout: { check: isNonNegativeNumber, expected: "a non-negative number of ms" },
  retries: { check: isNonNegativeInteger, expected: "a non-negative integer" },
  auth: {
    check: (v) => typeof v === "function" || (typeof v === "object" && v !== null && !Array.isArray(v)),
    expected: "an object or a function",
  },
  transports: { check: (v) => Array.isArray(v), expected: "an array of transport names" },
  query: { check: (v) => typeof v === "object" && v !== null, expected: "an object" },
};

/**
 * Checks one option. `undefined` (and `null` for `timeout`, as the official client allows) means the default.
 * @throws TypeError that names the option, what it must be and what it got.
 */
export function checkOption(name: string, value: unknown): void {
  if (value === undefined || (value === null && name === "timeout")) return;
  const rule = RULES[name];
  if (rule && !rule.check(value)) {
    throw new TypeError(`Option "${name}" must be ${rule.expected}, got ${describe(value)}`);
  }
}

/** Checks every option this library knows; the engine's own options are left to the engine. */
export function checkOptions(options: object): void {
  if (typeof options !== "object" || options === null) {
    throw new TypeError(`Options must be an object, got ${describe(options)}`);
  }
  for (const [name, value] of Object.entries(options)) checkOption(name, value);
}
