import * as official from "socket.io-msgpack-parser";
import { describe, expect, it } from "vitest";
import { decodeMsgpack, inspectorMsgpackParser, MAX_MSGPACK_DEPTH } from "../../../src/core/live/msgpack-parser.js";
import { decodeSession, encodeSession } from "../../../src/core/files/session-file.js";
import type { TimelineRecord } from "../../../src/core/feed/records.js";
import { dateText, rawMillis } from "../../../src/core/shared/dates.js";
import { preview } from "../../../src/core/shared/preview.js";
import { Timeline } from "../../../src/ui/timeline/timeline.js";
import { withCode } from "../../helpers/codes.js";

/** notepack.io (socket.io-msgpack-parser's codec) through that parser: its encoder, and its decoder's result. */
const notepackEncode = (value: unknown): Buffer =>
  (new official.Encoder().encode(value as never) as unknown as Buffer[])[0] as Buffer;
function notepackDecode(bytes: Uint8Array): unknown {
  const decoder = new official.Decoder();
  let out: unknown;
  decoder.on("decoded", (packet: unknown) => (out = packet));
  decoder.add(bytes);
  return out;
}

/** A msgpack packet whose `at` is a timestamp of `ms` (notepack's fixext 8, type 0), written byte by byte. */
function packetWithTimestamp(ms: bigint): Uint8Array {
  const bytes = new Uint8Array(notepackEncode({ type: 2, nsp: "/", data: ["when", { at: new Date(0) }] }));
  const at = bytes.findIndex((b, i) => b === 0xd7 && bytes[i + 1] === 0x00);
  new DataView(bytes.buffer).setBigInt64(at + 2, ms);
  return bytes;
}

const toArrayBuffers = (v: unknown): unknown =>
  Buffer.isBuffer(v)
    ? v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength)
    : Array.isArray(v)
      ? v.map(toArrayBuffers)
      : v && typeof v === "object" && !(v instanceof Date)
        ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toArrayBuffers(x)]))
        : v;

describe("the inspector's msgpack decoder", () => {
  it("reads what notepack.io writes as notepack reads it (binary as ArrayBuffer)", () => {
    const samples = [
      0,
      127,
      128,
      -1,
      -33,
      -129,
      65_535,
      2 ** 32 + 5,
      -(2 ** 40),
      1.5,
      "",
      "é".repeat(40),
      "x".repeat(70_000),
      null,
      true,
      false,
      undefined,
      new Date("2026-11-25T12:34:56.789Z"),
      Buffer.from([0xca, 0xfe]),
      Buffer.alloc(300, 1),
      Array.from({ length: 20 }, (_, i) => i),
      Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, { nested: [i, `v${i}`] }])),
      { type: 2, nsp: "/chat", data: ["event", { a: [1, { b: null }] }], id: 7 },
    ];
    for (const value of samples) {
      const bytes = notepackEncode({ type: 2, nsp: "/", data: [value] });
      expect(decodeMsgpack(bytes), JSON.stringify(value)?.slice(0, 40)).toEqual(toArrayBuffers(notepackDecode(bytes)));
    }
  });

  it("keeps an out-of-range timestamp as an Invalid Date with its exact milliseconds (notepack loses them)", () => {
    const bytes = packetWithTimestamp(9_200_000_000_000_000_000n);
    expect(
      Number.isNaN((notepackDecode(Buffer.from(bytes)) as { data: [string, { at: Date }] }).data[1].at.getTime()),
    ).toBe(true);
    const packet = decodeMsgpack(bytes) as { data: [string, { at: Date }] };
    const at = packet.data[1].at;
    expect(at).toBeInstanceOf(Date);
    expect(Number.isNaN(at.getTime())).toBe(true);
    expect(rawMillis(at)).toBe("9200000000000000000");
    expect(dateText(at)).toBe("Invalid Date (9200000000000000000 ms since 1970, out of range)");
    expect(preview(packet.data)).toContain("Invalid Date (9200000000000000000 ms since 1970, out of range)");
    // An in-range one is a Date as usual.
    const fine = decodeMsgpack(packetWithTimestamp(1_764_000_000_000n)) as { data: [string, { at: Date }] };
    expect(fine.data[1].at.toISOString()).toBe("2025-11-24T16:00:00.000Z");
  });

  it("a row with an invalid date is shown, and the record after it too; the session file keeps the raw value", () => {
    const packet = decodeMsgpack(packetWithTimestamp(-9_200_000_000_000_000_000n)) as { data: [string, unknown] };
    const records = [
      {
        seq: 1,
        t: 1,
        kind: "packet",
        dir: "in",
        nsp: "/",
        type: "EVENT",
        event: "when",
        args: [packet.data[1]],
        attachments: 0,
      },
      {
        seq: 2,
        t: 2,
        kind: "packet",
        dir: "in",
        nsp: "/",
        type: "EVENT",
        event: "after",
        args: [new Date(Number.NaN)],
        attachments: 0,
      },
      { seq: 3, t: 3, kind: "packet", dir: "in", nsp: "/", type: "EVENT", event: "next", args: [1], attachments: 0 },
    ] as TimelineRecord[];
    const timeline = new Timeline(10);
    timeline.push(records);
    expect(timeline.length).toBe(3);
    const back = decodeSession(encodeSession(records));
    expect(back.map((r) => ("event" in r ? r.event : undefined))).toEqual(["when", "after", "next"]);
    const at = ((back[0] as { args: Array<{ at: Date }> }).args[0] as { at: Date }).at;
    expect(rawMillis(at)).toBe("-9200000000000000000");
    expect(dateText((back[1] as { args: Date[] }).args[0] as Date)).toBe("Invalid Date");
  });

  it("a map key __proto__ is a key, not the prototype", () => {
    // {"__proto__": {"polluted": 1}} written by hand: fixmap 1, fixstr 9 "__proto__", fixmap 1, fixstr 8, 1.
    const bytes = Uint8Array.from([0x81, 0xa9, ...Buffer.from("__proto__"), 0x81, 0xa8, ...Buffer.from("polluted"), 1]);
    const value = decodeMsgpack(bytes) as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("a map key that is itself a map (whose toString is not a function) is a key named by its text", () => {
    // {{"toString": 1}: "v"} written by hand: fixmap 1, key fixmap 1 (fixstr 8 "toString", 1), value fixstr 1 "v".
    const bytes = Uint8Array.from([0x81, 0x81, 0xa8, ...Buffer.from("toString"), 1, 0xa1, ...Buffer.from("v")]);
    expect(decodeMsgpack(bytes)).toEqual({ "{toString: 1}": "v" });
  });

  it("refuses nesting past its bound and bytes that start no value, by name", () => {
    const deep = new Uint8Array(MAX_MSGPACK_DEPTH + 2).fill(0x91);
    expect(() => decodeMsgpack(deep)).toThrow(withCode("msgpack-too-deep", { max: MAX_MSGPACK_DEPTH }));
    expect(() => decodeMsgpack(Uint8Array.from([0xc1]))).toThrow(withCode("msgpack-bad-byte", { byte: 0xc1 }));
    expect(() => decodeMsgpack(Uint8Array.from([0x92, 1]))).toThrow(withCode("msgpack-cut", { at: 2 }));
  });

  it("checks packets as socket.io-msgpack-parser does, and refuses them in its words", () => {
    const decoder = new inspectorMsgpackParser.Decoder();
    const got: unknown[] = [];
    decoder.on("decoded", (p: unknown) => got.push(p));
    decoder.add(notepackEncode({ type: 2, nsp: "/", data: ["ok"] }));
    expect(got).toEqual([{ type: 2, nsp: "/", data: ["ok"] }]);
    /** What the official decoder throws for the same bytes. */
    const officialRefusal = (bytes: Buffer): string => {
      try {
        new official.Decoder().add(bytes);
      } catch (err) {
        return (err as Error).message;
      }
      throw new Error("the official decoder took it");
    };
    for (const [packet, refusal] of [
      [{ type: 9, nsp: "/", data: [] }, "type"],
      [{ type: 2, nsp: 1, data: [] }, "namespace"],
      [{ type: 2, nsp: "/", data: {} }, "payload"],
      [{ type: 2, nsp: "/", data: [], id: "x" }, "id"],
    ] as const) {
      const bytes = notepackEncode(packet);
      expect(() => decoder.add(bytes)).toThrow(withCode("msgpack-packet-refused", { refusal }));
      expect(() => decoder.add(bytes)).toThrow(officialRefusal(bytes));
    }
  });
});
