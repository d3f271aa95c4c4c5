/**
 * Every member of the official client's Manager and Socket, checked against ours: the members on the prototypes
 * (methods, getters) and the fields of live instances, taken at each step of a session against a real socket.io
 * server on loopback. Ours must have each member with the same kind (for a field, holding the same kind of value), so
 * that code written against the official client keeps working: its own suite calls `manager._close()`,
 * `socket.onpacket()`, reads `socket.acks` with `Object.keys` and `socket._queue.length`. A member left out is named in
 * EXCLUDED with its reason, and that list is checked to be minimal: each name in it must really be missing from ours.
 */
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { Manager as OfficialManager, Socket as OfficialSocket, io as officialIo } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { Manager, Socket, io } from "../../src/client/index.js";
import type { AnySocket, IoFn } from "../helpers/clients.js";
import { once, startServer, type TestServer } from "../helpers/server.js";

type ClassName = "Manager" | "Socket";
type Kind = "method" | "getter" | "setter" | "getter+setter" | "value";

// -- what is left out, and why --------------------------------------------------------------------------------------

/**
 * Members of the official classes that ours does not have. Each is private in the official client's published types
 * (checked below: TypeScript code cannot reach it), none is reached by the official client's own suite, and ours does
 * its work inline where the official client calls it: each would add bytes to a bundle that must stay within the
 * official one's size (bench/bundle-size.mjs).
 */
const EXCLUDED: Record<ClassName, Record<string, string>> = {
  Manager: {
    maybeReconnectOnOpen: "starts the reconnection loop after a failed first open: inline in open()'s error handler",
    onping: "re-emits the engine's ping as the Manager's `ping`: a listener made in onopen()",
    ondata: "hands the engine's data to the decoder (a throw closes with 'parse error'): a listener made in onopen()",
    onerror: "re-emits an engine error as the Manager's `error`: a listener made in onopen()",
    onreconnect: "reports a reconnection that succeeded (`reconnect`): inline in reconnect()",
  },
  Socket: {
    subEvents: "subscribes to the Manager's events: inline in connect(), into `subs` as there",
    onerror: "turns a Manager error before `connect` into `connect_error`: a listener made in connect()",
    onevent: "delivers an EVENT packet, or buffers it before `connect`: inline in onpacket(), which code can call",
    onack: "calls the ack an ACK packet answers: inline in onpacket()",
    ondisconnect: "a DISCONNECT from the server: inline in onpacket()",
    notifyOutgoingListeners: "calls the onAnyOutgoing listeners: done by sendEmit(), right before it sends",
    _queueSeq:
      "numbers the emits of the retry queue (the `id` of a `_queue` entry), a number nothing reads since the queue " +
      "is kept in order: ours keeps its entries without it",
  },
};

// -- reading the members --------------------------------------------------------------------------------------------

/** The members a class's instances inherit, by name, down to (not including) Object.prototype. */
function prototypeMembers(cls: { prototype: object }): Map<string, Kind> {
  const members = new Map<string, Kind>();
  for (let proto = cls.prototype; proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (name === "constructor" || members.has(name)) continue;
      const d = Object.getOwnPropertyDescriptor(proto, name) as PropertyDescriptor;
      const kind: Kind = d.get && d.set ? "getter+setter" : d.get ? "getter" : d.set ? "setter" : "value";
      members.set(name, kind === "value" && typeof d.value === "function" ? "method" : kind);
    }
  }
  return members;
}

/** What a field holds, as far as code reading it can tell: how it is read (keys, index, calls) depends on it. */
function valueKind(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (value instanceof Map) return "Map";
  if (value instanceof Set) return "Set";
  if (typeof value !== "object") return typeof value;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null ? "plain object" : "class instance";
}

/** The own fields of an instance, with the kind of value each holds. */
function fields(instance: object): Map<string, string> {
  return new Map(
    Object.getOwnPropertyNames(instance).map((name) => [name, valueKind((instance as Record<string, unknown>)[name])]),
  );
}

/** The members a published .d.ts declares `private`. */
function declaredPrivate(dts: string): Set<string> {
  return new Set([...dts.matchAll(/^\s*private (?:readonly )?(\w+)\??[;:(]/gm)].map((m) => m[1]!));
}

// -- a session, side by side ----------------------------------------------------------------------------------------

interface Step {
  step: string;
  Socket: Map<string, string>;
  Manager: Map<string, string>;
}

/**
 * The fields of a Socket and its Manager at each step of a session that reaches every state: made, connected, with
 * catch-all listeners and an ack awaited (through the retry queue), after an event carrying a recovery offset,
 * disconnected by the client.
 */
async function session(connect: IoFn, url: string): Promise<Step[]> {
  const steps: Step[] = [];
  const socket: AnySocket = connect(url, { forceNew: true, auth: { token: "t" }, retries: 1, ackTimeout: 5000 });
  const take = (step: string) => steps.push({ step, Socket: fields(socket), Manager: fields(socket.io) });
  try {
    take("made");
    await once(socket, "connect");
    take("connected");
    socket.onAny(() => {});
    socket.onAnyOutgoing(() => {});
    const news = once(socket, "news");
    const reply = socket.emitWithAck("echo", 1);
    take("ack awaited");
    await reply;
    await news;
    take("after traffic");
    socket.disconnect();
    take("disconnected");
  } finally {
    socket.io.reconnection(false);
    socket.disconnect();
  }
  return steps;
}

let server: TestServer;
let official: Step[];
let ours: Step[];
beforeAll(async () => {
  server = await startServer({ connectionStateRecovery: {} });
  server.io.on("connection", (s) => {
    s.on("echo", (value: unknown, ack: (v: unknown) => void) => {
      ack(value);
      s.emit("news", "hello");
    });
  });
  official = await session(officialIo as unknown as IoFn, server.url);
  ours = await session(io as unknown as IoFn, server.url);
});
afterAll(() => server.close());

const classes = { Manager: [OfficialManager, Manager], Socket: [OfficialSocket, Socket] } as const;

// -- the checks -----------------------------------------------------------------------------------------------------

describe.each(["Manager", "Socket"] as const)("%s", (cls) => {
  const [officialClass, ourClass] = classes[cls];

  test("every member of the official prototype is on ours, of the same kind", () => {
    const mine = prototypeMembers(ourClass);
    const missing = [...prototypeMembers(officialClass)]
      .filter(([name, kind]) => !(name in EXCLUDED[cls]) && mine.get(name) !== kind)
      .map(([name, kind]) => `${name}: ${kind}, ours ${mine.get(name) ?? "absent"}`);
    expect(missing).toEqual([]);
  });

  test("every field of an official instance is on ours at the same step, holding the same kind of value", () => {
    expect(ours.map((s) => s.step)).toEqual(official.map((s) => s.step));
    const missing = official.flatMap(({ step, [cls]: theirs }, i) =>
      [...theirs]
        .filter(([name, kind]) => !(name in EXCLUDED[cls]) && ours[i]![cls].get(name) !== kind)
        .map(([name, kind]) => `${step}: ${name}: ${kind}, ours ${ours[i]![cls].get(name) ?? "absent"}`),
    );
    expect(missing).toEqual([]);
  });

  test("each excluded name is a private member of the official class, and missing from ours", () => {
    const dir = createRequire(import.meta.url)
      .resolve("socket.io-client")
      .replace(/[^/\\]+$/, "");
    const declared = declaredPrivate(readFileSync(`${dir}../esm/${cls.toLowerCase()}.d.ts`, "utf8"));
    // The parse finds what it should: a member known to be private there, and not a public one.
    expect([declared.has("subs"), declared.has(cls === "Manager" ? "_close" : "emit")]).toEqual([true, false]);

    const inOfficial = new Set([
      ...prototypeMembers(officialClass).keys(),
      ...official.flatMap((s) => [...s[cls].keys()]),
    ]);
    const inOurs = new Set([...prototypeMembers(ourClass).keys(), ...ours.flatMap((s) => [...s[cls].keys()])]);
    const wrong = Object.keys(EXCLUDED[cls]).flatMap((name) => [
      ...(declared.has(name) ? [] : [`${name} is not private in the official types`]),
      ...(inOfficial.has(name) ? [] : [`${name} is not in the official client`]),
      ...(inOurs.has(name) ? [`${name} is in ours: no exclusion needed`] : []),
    ]);
    expect(wrong).toEqual([]);
  });
});
