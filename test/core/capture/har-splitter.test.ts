import { describe, expect, test } from "vitest";
import { HarError, HarSplitter } from "../../../src/core/capture/har-splitter.js";
import { decodeHar, readHar } from "../../../src/core/capture/har.js";
import { problem } from "../../../src/core/shared/errors.js";
import { withCode } from "../../helpers/codes.js";

const ws = (messages: unknown[]) => ({
  startedDateTime: "2026-12-02T10:00:00.000Z",
  time: 5,
  request: { method: "GET", url: "ws://localhost:3000/socket.io/?EIO=4&transport=websocket" },
  response: { status: 101, content: { size: 0 } },
  _webSocketMessages: messages,
});
const message = (type: "send" | "receive", time: number, data: string) => ({ type, time, opcode: 1, data });

const HAR = JSON.stringify({
  log: {
    version: "1.2",
    creator: { name: 'a "quoted" name with a \\ and }{ ][', version: "1" },
    entries: [
      { request: { url: "http://localhost:3000/app.js" }, response: { content: { text: '{"log":["}"]}' } } },
      ws([
        message("receive", 1764669600, '0{"sid":"s","upgrades":[],"pingInterval":25000,"pingTimeout":20000}'),
        message("send", 1764669600.1, "40"),
        message("receive", 1764669600.2, '40{"sid":"x"}'),
        message("send", 1764669600.3, '421["hi","}{\\"]"]'),
        message("receive", 1764669600.4, "431[true]"),
      ]),
    ],
  },
});

/** What the splitter hands on when the text comes in chunks of `size` characters. */
function split(text: string, size: number) {
  const out: string[] = [];
  const splitter = new HarSplitter(
    { entry: (t) => out.push(`entry ${t}`), message: (t) => out.push(`message ${t}`) },
    "a.har",
  );
  for (let i = 0; i < text.length; i += size) splitter.push(text.slice(i, i + size));
  return { out, splitter };
}

describe("a HAR cut into entries as it streams", () => {
  test("each entry is handed on alone, its WebSocket messages one by one before it, with its array left empty", () => {
    const { out, splitter } = split(HAR, HAR.length);
    expect(out.map((p) => p.split(" ")[0])).toEqual(["entry", ...Array(5).fill("message"), "entry"]);
    const entry = JSON.parse((out.at(-1) as string).slice("entry ".length));
    expect(entry._webSocketMessages).toEqual([]);
    expect(JSON.parse((out[4] as string).slice("message ".length)).data).toBe('421["hi","}{\\"]"]');
    expect(splitter.hasEntries && splitter.complete).toBe(true);
  });

  test("chunks of any size, cut inside strings and escapes, give the same pieces", () => {
    const whole = split(HAR, HAR.length).out;
    for (const size of [1, 2, 3, 7, 64]) expect(split(HAR, size).out).toEqual(whole);
  });

  test("an empty chunk right after a backslash keeps the escape for the next character", () => {
    const whole = split(HAR, HAR.length).out;
    // Between a backslash and the quote it escapes: read unescaped, the quote would end the string early.
    const at = HAR.indexOf('quoted\\"') + "quoted\\".length;
    const out: string[] = [];
    const splitter = new HarSplitter(
      { entry: (t) => out.push(`entry ${t}`), message: (t) => out.push(`message ${t}`) },
      "a.har",
    );
    for (const chunk of [HAR.slice(0, at), "", HAR.slice(at)]) splitter.push(chunk);
    expect(out).toEqual(whole);
    expect(splitter.complete).toBe(true);
  });

  test("text that is not JSON is named at once", () => {
    expect(() => split("<html>", 10)).toThrow(HarError);
    expect(() => split("<html>", 10)).toThrow(withCode("har-not-json", { name: "a.har" }));
  });

  test("a bracket that closes nothing open is named with its position", () => {
    expect(() => split('{"log":{"entries":[}]}}', 100)).toThrow(
      withCode("har-json-invalid", { name: "a.har", at: 20, what: problem("json-closes-nothing", { character: "}" }) }),
    );
  });

  test("a file cut short keeps what came before and says it ended early", () => {
    const capture = decodeHar(HAR.slice(0, HAR.lastIndexOf("]")), "cut.har");
    expect(capture.records.filter((r) => r.kind === "packet").length).toBe(4);
    expect(capture.problems).toContainEqual(problem("har-cut-short", { name: "cut.har" }));
  });
});

describe("a HAR read as a stream", () => {
  test("gives the records the whole text gives, telling how far reading went", async () => {
    const shares: number[] = [];
    async function* chunks() {
      for (let i = 0; i < HAR.length; i += 50) yield HAR.slice(i, i + 50);
    }
    const streamed = await readHar(chunks(), "a.har", {
      size: HAR.length,
      sliceMs: 0,
      onProgress: (phase, share) => phase === "read" && shares.push(share),
    });
    expect(streamed).toEqual(decodeHar(HAR, "a.har"));
    expect(shares.at(-1)).toBe(1);
    expect(shares.length).toBeGreaterThan(10);
  });

  test("an event and its ack are paired across the messages cut out one by one", () => {
    const packets = decodeHar(HAR, "a.har").records.filter((r) => r.kind === "packet");
    const ack = packets.at(-1);
    expect(ack).toMatchObject({ type: "ACK", args: [true], pair: packets.at(-2)?.seq });
  });
});
