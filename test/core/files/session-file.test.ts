import { expect, test } from "vitest";
import type { ClientRecord } from "../../../src/client/observe/records.js";
import type { TimelineRecord } from "../../../src/core/feed/records.js";
import {
  SessionFileError,
  decodeSession,
  decodeSessionInSlices,
  encodeSession,
} from "../../../src/core/files/session-file.js";
import { problem } from "../../../src/core/shared/errors.js";
import { withCode } from "../../helpers/codes.js";

const records = [
  {
    kind: "handshake",
    seq: 1,
    t: 1000.5,
    sid: "abc",
    pingInterval: 25000,
    pingTimeout: 20000,
    maxPayload: 1e6,
    upgrades: ["websocket"],
    transport: "polling",
  },
  {
    kind: "packet",
    seq: 2,
    t: 1001.25,
    dir: "in",
    nsp: "/",
    type: "BINARY_EVENT",
    event: "snap",
    args: [
      new Uint8Array([1, 2, 255]).buffer,
      { nested: new Uint8Array([7]), when: new Date("2026-11-25T20:00:00Z"), gone: undefined },
    ],
    attachments: 2,
  },
  {
    kind: "packet",
    seq: 3,
    t: 1002,
    dir: "out",
    nsp: "/a",
    type: "EVENT",
    event: "x",
    args: ["<script>", { __proto__: null, a: 1 }],
    attachments: 0,
    ackId: 4,
    pair: 3,
  },
  { kind: "disconnect", seq: 4, t: 1003, nsp: "/", reason: "transport close", active: true },
] as unknown as ClientRecord[];

test("round trip: timestamps, order, binary (as ArrayBuffer or typed array), dates and undefined survive", () => {
  const text = encodeSession(records, new Date("2026-11-25T21:00:00Z"));
  expect(text.split("\n")[0]).toBe(
    '{"format":"socketio-inspector-session","version":2,"exported":"2026-11-25T21:00:00.000Z","count":4,"clients":[]}',
  );
  const back = decodeSession(text);
  expect(back.map((r) => [r.seq, r.t, r.kind])).toEqual(records.map((r) => [r.seq, r.t, r.kind]));
  const args = (back[1] as { args: unknown[] }).args;
  expect(args[0]).toBeInstanceOf(ArrayBuffer);
  expect([...new Uint8Array(args[0] as ArrayBuffer)]).toEqual([1, 2, 255]);
  const nested = args[1] as { nested: Uint8Array; when: Date; gone: unknown };
  expect([...nested.nested]).toEqual([7]);
  expect(nested.when.toISOString()).toBe("2026-11-25T20:00:00.000Z");
  expect("gone" in nested && nested.gone === undefined).toBe(true);
  expect(back[2]).toMatchObject({ ackId: 4, pair: 3, args: ["<script>", { a: 1 }] });
});

test("bad files are refused with the line and the reason", () => {
  expect(() => decodeSession('{"presets": []}\n', "x.json")).toThrow(
    withCode("session-no-format", { name: "x.json", format: "socketio-inspector-session" }),
  );
  expect(() => decodeSession('{"presets": []}\n', "x.json")).toThrow(SessionFileError);
  expect(() => decodeSession('{"format":"socketio-inspector-session","version":9}\n')).toThrow(
    withCode("session-version", { version: "9" }),
  );
  const text = encodeSession(records);
  const cut = text.slice(0, text.length - 30);
  expect(() => decodeSession(cut, "s.ndjson")).toThrow(
    withCode("session-line-not-json", { name: "s.ndjson", line: 5 }),
  );
  expect(() => decodeSession(text.replace('"kind":"disconnect"', '"kind":"rm -rf"'), "s.ndjson")).toThrow(
    lineProblem(5, problem("record-kind-unknown", { got: { kind: "text", text: "rm -rf" } }), "s.ndjson"),
  );
});

/** A record line refused: its line, and why (the record check's problem). */
const lineProblem = (line: number, cause: unknown, name = "f.ndjson") =>
  withCode("session-line-invalid", { name, line, cause });
const wrong = (field: string, wanted: unknown, got: unknown) => withCode("record-field-wrong", { field, wanted, got });

test("forged field types are refused with the line and the field, before anything reads them", () => {
  const header = encodeSession([]).split("\n")[0];
  const packet = { seq: 1, t: 1, kind: "packet", dir: "in", nsp: "/", type: "EVENT", attachments: 0 };
  const refused = (record: unknown) => () => decodeSession(`${header}\n${JSON.stringify(record)}\n`, "f.ndjson");
  expect(refused({ ...packet, event: { evil: 1 } })).toThrow(
    lineProblem(2, wrong("event", { type: "string" }, { kind: "object" })),
  );
  expect(refused({ ...packet, event: "x", args: { length: 3 } })).toThrow(
    lineProblem(2, wrong("args", { type: "list" }, { kind: "object" })),
  );
  expect(refused({ ...packet, type: "SMUGGLE" })).toThrow(
    lineProblem(
      2,
      wrong(
        "type",
        { oneOf: ["CONNECT", "DISCONNECT", "EVENT", "ACK", "CONNECT_ERROR", "BINARY_EVENT", "BINARY_ACK"] },
        { kind: "text", text: "SMUGGLE" },
      ),
    ),
  );
  expect(refused({ ...packet, client: 7 })).toThrow(
    lineProblem(2, wrong("client", { type: "string" }, { kind: "number", text: "7" })),
  );
  expect(refused({ seq: 1, t: 1, kind: "connect_error", nsp: "/", error: "no" })).toThrow(
    lineProblem(2, wrong("error", { type: "error" }, { kind: "text", text: "no" })),
  );
  expect(refused({ seq: 1, t: 1, kind: "flush", nsp: "/" })).toThrow(
    lineProblem(2, withCode("record-field-missing", { field: "count", kind: "flush" })),
  );
  expect(refused([1, 2])).toThrow(lineProblem(2, withCode("record-not-object", { got: { kind: "list" } })));
});

test("times and measured durations past the range of a date are refused with the line; the edge and a server's numbers load", () => {
  const header = encodeSession([]).split("\n")[0];
  const lines = (...records: unknown[]) => `${header}\n${records.map((r) => JSON.stringify(r)).join("\n")}\n`;
  const packet = { seq: 1, t: 1, kind: "packet", dir: "in", nsp: "/", type: "EVENT", event: "x", args: [] };
  // The reports of issue 31: two events at 1e19 and 1e19 + 2048, pong round trips of 1e20 and 1e20 + 16384.
  expect(() => decodeSession(lines(packet, { ...packet, seq: 2, t: 1e19 }), "far.ndjson")).toThrow(
    lineProblem(3, wrong("t", { type: "time" }, { kind: "number", text: "10000000000000000000" }), "far.ndjson"),
  );
  expect(() => decodeSession(lines({ seq: 1, t: 1, kind: "pong", rtt: 1e20 + 16384 }), "rtt.ndjson")).toThrow(
    lineProblem(2, wrong("rtt", { type: "duration" }, { kind: "number", text: "100000000000000020000" }), "rtt.ndjson"),
  );
  expect(() => decodeSession(lines({ ...packet, type: "ACK", latency: -1e300 }), "ack.ndjson")).toThrow(
    lineProblem(2, withCode("record-field-wrong", { field: "latency", wanted: { type: "duration" } }), "ack.ndjson"),
  );
  expect(() => decodeSession(lines({ seq: 1, t: 1, kind: "ping", sinceLast: 1e16 }), "ping.ndjson")).toThrow(
    lineProblem(2, withCode("record-field-wrong", { field: "sinceLast", wanted: { type: "duration" } }), "ping.ndjson"),
  );
  // JSON reads 1e400 as Infinity: refused as well.
  expect(() =>
    decodeSession(`${header}\n${JSON.stringify(packet).replace('"t":1', '"t":1e400')}\n`, "inf.ndjson"),
  ).toThrow(lineProblem(2, withCode("record-field-wrong", { field: "t", wanted: { type: "time" } }), "inf.ndjson"));
  // The edge of a date loads, and so does what a server sent (its ping interval), whatever its size.
  const loaded = decodeSession(
    lines(
      { ...packet, t: -8.64e15 },
      { ...packet, seq: 2, t: 8.64e15 },
      { seq: 3, t: 2, kind: "pong", rtt: 8.64e15 },
      {
        seq: 4,
        t: 3,
        kind: "handshake",
        sid: "s",
        pingInterval: 1e300,
        pingTimeout: 1e300,
        upgrades: [],
        transport: "polling",
      },
    ),
  );
  expect(loaded.map((r) => r.t)).toEqual([-8.64e15, 8.64e15, 2, 3]);
});

test("read in slices, a file gives the same records as at once, and says how far it got", async () => {
  const many = Array.from({ length: 5000 }, (_, i) => ({ ...records[2], seq: i + 1, t: i })) as TimelineRecord[];
  const text = encodeSession(many);
  const shares: number[] = [];
  const sliced = await decodeSessionInSlices(text, "big.ndjson", { sliceMs: 0, onProgress: (s) => shares.push(s) });
  expect(sliced).toEqual(decodeSession(text, "big.ndjson"));
  expect(shares.length).toBeGreaterThan(1);
  expect(shares).toEqual([...shares].sort((a, b) => a - b));
});

test("a payload nested 100,000 levels deep exports and loads back (no recursion); __proto__ stays a key; a forged tag stays data", () => {
  let deep: unknown = "bottom";
  for (let i = 0; i < 100_000; i++) deep = [deep];
  const hostile = JSON.parse(
    '{"__proto__": {"polluted": true}, "bin": {"$sio-inspector": "binary", "kind": "Uint8Array", "base64": "AQI="}}',
  );
  const session = [
    {
      kind: "packet",
      seq: 1,
      t: 1,
      dir: "in",
      nsp: "/",
      type: "EVENT",
      event: "deep",
      args: [deep, hostile],
      attachments: 0,
    },
  ] as unknown as ClientRecord[];
  const back = decodeSession(encodeSession(session));
  let v = (back[0] as { args: unknown[] }).args[0];
  let depth = 0;
  while (Array.isArray(v)) {
    v = v[0];
    depth++;
  }
  expect([depth, v]).toEqual([100_000, "bottom"]);
  const h = (back[0] as { args: unknown[] }).args[1] as Record<string, unknown>;
  expect(Object.getPrototypeOf(h)).toBe(Object.prototype);
  expect(Object.keys(h)).toEqual(["__proto__", "bin"]);
  expect(h.bin).toEqual({ "$sio-inspector": "binary", kind: "Uint8Array", base64: "AQI=" });
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});
