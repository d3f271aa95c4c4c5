// A HAR with one piece that cannot be read: that piece becomes a row (or a problem) naming its entry and message,
// and the rest of the file is read.
import { describe, expect, test } from "vitest";
import { decodeHar } from "../../../src/core/capture/har.js";
import type { TimelineRecord } from "../../../src/core/feed/records.js";
import { problem } from "../../../src/core/shared/errors.js";

const T = 1764669600; // seconds, as Chromium writes WebSocket message times
const message = (type: "send" | "receive", time: number, data: string, opcode = 1) =>
  JSON.stringify({ type, time, opcode, data });

/** A HAR of a page script and one WebSocket whose messages are given as JSON text (so that one may be broken). */
function harWith(messages: string[], before: string[] = []): string {
  const script = JSON.stringify({ request: { method: "GET", url: "http://localhost:3000/app.js" }, response: {} });
  const ws =
    '{"startedDateTime":"2026-12-02T10:00:00.000Z","time":5,' +
    '"request":{"method":"GET","url":"ws://localhost:3000/socket.io/?EIO=4&transport=websocket"},' +
    `"response":{"status":101,"content":{"size":0}},"_webSocketMessages":[${messages.join(",")}]}`;
  return `{"log":{"version":"1.2","entries":[${[script, ...before, ws].join(",")}]}}`;
}

const OPEN = [
  message("receive", T, '0{"sid":"s","upgrades":[],"pingInterval":25000,"pingTimeout":20000}'),
  message("send", T + 0.1, "40"),
  message("receive", T + 0.2, '40{"sid":"x"}'),
];
const events = (records: TimelineRecord[]) =>
  records.flatMap((r) => (r.kind === "packet" && r.type === "EVENT" ? [r.event] : []));
/** The notes' problems: their codes and params. */
const notes = (records: TimelineRecord[]) =>
  records.flatMap((r) => (r.kind === "note" ? [{ code: r.code, params: r.params }] : []));

describe("a HAR with one piece that cannot be read", () => {
  test("a binary WebSocket message that is not base64: a row naming its entry and message; the rest read", () => {
    const capture = decodeHar(
      harWith([
        ...OPEN,
        message("receive", T + 0.3, '42["before"]'),
        message("receive", T + 0.4, "not base64!", 2),
        message("receive", T + 0.5, '42["after"]'),
      ]),
      "bad.har",
    );
    expect(events(capture.records)).toEqual(["before", "after"]);
    expect(notes(capture.records)).toEqual([
      problem("har-message-not-base64", { entry: 2, message: 5, dir: "in", data: { text: "not base64!" } }),
    ]);
    // In its place: between the events it came between.
    const note = capture.records.find((r) => r.kind === "note");
    expect(note).toMatchObject({ t: (T + 0.4) * 1000, client: "localhost:3000/socket.io #1", topic: "undecoded" });
  });

  test("a WebSocket message that is not valid JSON: a row at the time of the message before it", () => {
    const capture = decodeHar(
      harWith([
        ...OPEN,
        '{"type":"receive","time":nope,"opcode":1,"data":"42"}',
        message("receive", T + 0.5, '42["after"]'),
      ]),
      "bad.har",
    );
    expect(events(capture.records)).toEqual(["after"]);
    expect(notes(capture.records)).toEqual([problem("har-message-not-json", { entry: 2, message: 4 })]);
    expect(capture.records.find((r) => r.kind === "note")?.t).toBe((T + 0.2) * 1000);
  });

  test("a WebSocket message without its data: a row saying so", () => {
    const capture = decodeHar(harWith([...OPEN, '{"type":"receive","time":1764669600.3,"opcode":1}']), "bad.har");
    expect(notes(capture.records)).toEqual([problem("har-message-no-data", { entry: 2, message: 4 })]);
  });

  test("a polling answer marked base64 that is not: a row naming its entry; the connection's WebSocket still read", () => {
    const get = (sid: string | null, text: string, encoding?: string) =>
      JSON.stringify({
        startedDateTime: "2026-12-02T09:59:59.000Z",
        time: 1,
        request: {
          method: "GET",
          url: `http://localhost:3000/socket.io/?EIO=4&transport=polling${sid ? `&sid=${sid}` : ""}`,
        },
        response: { status: 200, content: { size: text.length, text, ...(encoding ? { encoding } : {}) } },
      });
    const handshake = get(null, '0{"sid":"s","upgrades":["websocket"],"pingInterval":25000,"pingTimeout":20000}');
    const capture = decodeHar(
      harWith(
        [
          message("send", T, "2probe"),
          message("receive", T, "3probe"),
          message("send", T, "5"),
          message("receive", T + 1, '42["over ws"]'),
        ],
        [handshake, get("s", "%%% not base64 %%%", "base64")],
      ).replace("transport=websocket", "transport=websocket&sid=s"),
      "bad.har",
    );
    expect(capture.connections).toHaveLength(1);
    expect(events(capture.records)).toEqual(["over ws"]);
    expect(notes(capture.records)).toEqual([problem("har-polling-not-base64", { entry: 3, post: false })]);
  });

  test("an entry that is not valid JSON: a problem naming it; the rest read", () => {
    const capture = decodeHar(
      harWith([...OPEN, message("receive", T + 0.3, '42["kept"]')], ['{"request":{"url":nope}}']),
      "bad.har",
    );
    expect(events(capture.records)).toEqual(["kept"]);
    expect(capture.problems).toEqual([problem("har-entry-not-json", { name: "bad.har", entry: 2 })]);
  });
});
