import { describe, expect, test } from "vitest";
import msgpackParser from "socket.io-msgpack-parser";
import { ConnectionDecoder, MAX_OPEN_ASKS, type RawFrame } from "../../../src/core/capture/frame-decoder.js";
import { splitBinaryPayload, splitPayload } from "../../../src/core/capture/payloads.js";
import type { TimelineRecord } from "../../../src/core/feed/records.js";
import { problem, words, type Problem } from "../../../src/core/shared/errors.js";
import { withCode } from "../../helpers/codes.js";

function decode(eio: number, frames: Array<Omit<RawFrame, "t" | "transport">>): TimelineRecord[] {
  const out: TimelineRecord[] = [];
  let seq = 0;
  const d = new ConnectionDecoder(
    "app #1",
    eio,
    () => ++seq,
    (r) => out.push(r),
  );
  frames.forEach((f, i) => d.frame({ ...f, t: 1000 + i, transport: "websocket" }));
  return out;
}

describe("a captured connection's frames", () => {
  test("handshake, ping, namespaces, an event with its ack paired both ways", () => {
    const records = decode(4, [
      { dir: "in", data: '0{"sid":"abc","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}' },
      { dir: "out", data: "40/chat," },
      { dir: "in", data: '40/chat,{"sid":"s1"}' },
      { dir: "out", data: '42/chat,7["add",1,2]' },
      { dir: "in", data: "43/chat,7[3]" },
      { dir: "in", data: "2" },
    ]);
    expect(records.map((r) => r.kind)).toEqual(["handshake", "packet", "packet", "packet", "packet", "ping"]);
    const emit = records[3] as TimelineRecord & { pair?: number };
    expect(emit).toMatchObject({ dir: "out", nsp: "/chat", event: "add", args: [1, 2], ackId: 7 });
    expect(records[4]).toMatchObject({ type: "ACK", args: [3], pair: emit.seq, latency: 1 });
    expect(records.every((r) => r.client === "app #1")).toBe(true);
  });

  test("a frame that does not decode is a row saying why, and the frames after it still decode", () => {
    const records = decode(4, [
      { dir: "in", data: "9what" },
      { dir: "in", data: "42[broken" },
      { dir: "in", data: '42["fine"]' },
    ]);
    expect(records[0]).toMatchObject({
      kind: "note",
      topic: "undecoded",
      code: "frame-undecoded",
      params: {
        dir: "in",
        data: { text: "9what" },
        transport: "websocket",
        why: problem("engine-type-unknown", { type: "9" }),
      },
    });
    expect((records[0] as { text: string }).text).toBe(words(records[0] as Problem)); // its words, kept for a file
    expect(records[1]).toMatchObject({ code: "frame-undecoded", params: { why: withCode("packet-undecodable") } });
    expect(records[2]).toMatchObject({ kind: "packet", event: "fine" });
  });

  test("emits never answered are kept waiting up to a bound: past it the oldest's late ack is unpaired, the rest pair", () => {
    const emits = Array.from({ length: MAX_OPEN_ASKS + 1 }, (_, i) => ({ dir: "out" as const, data: `42${i}["ask"]` }));
    const records = decode(4, [...emits, { dir: "in", data: "430[0]" }, { dir: "in", data: `43${MAX_OPEN_ASKS}[1]` }]);
    const [late, answered] = records.slice(-2);
    expect(late).toMatchObject({ type: "ACK", ackId: 0 });
    expect(late).not.toHaveProperty("pair");
    expect(answered).toMatchObject({ type: "ACK", ackId: MAX_OPEN_ASKS, pair: records[MAX_OPEN_ASKS]?.seq });
  });

  test("msgpack: whole packets in binary frames", () => {
    const encoder = new msgpackParser.Encoder();
    // Typed as one buffer, it hands back a list of one (as socket.io-parser's encoders do).
    const [bytes] = encoder.encode({ type: 2, nsp: "/", data: ["hi", { a: 1 }], id: 3 }) as unknown as [Uint8Array];
    const records = decode(4, [{ dir: "out", data: new Uint8Array(bytes) }]);
    expect(records[0]).toMatchObject({ kind: "packet", dir: "out", event: "hi", args: [{ a: 1 }], ackId: 3 });
  });

  test("Engine.IO 3 polling payloads: length-prefixed text, and the binary form", () => {
    expect(splitPayload('2:4012:42["a",1]', 3)).toEqual(["40", '42["a",1]']);
    expect(splitPayload('40\x1e42["a"]', 4)).toEqual(["40", '42["a"]']);
    const binary = new Uint8Array([0, 2, 255, ...new TextEncoder().encode("40"), 1, 3, 255, 4, 1, 2]);
    expect(splitBinaryPayload(binary)).toEqual(["40", new Uint8Array([4, 1, 2])]);
  });
});
