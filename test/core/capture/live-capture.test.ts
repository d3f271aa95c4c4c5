// A watched page's frames as the browser reports them: one that cannot be read is a row saying so, and the
// connection goes on.
import { expect, test } from "vitest";
import { LiveCapture, MAX_KNOWN_SESSIONS } from "../../../src/core/capture/live-capture.js";
import type { TimelineRecord } from "../../../src/core/feed/records.js";

test("a binary WebSocket message reported as base64 that is not: a row saying so; the next message is read", () => {
  const records: TimelineRecord[] = [];
  const capture = new LiveCapture((r) => records.push(r));
  capture.webSocket("ws1", "ws://localhost:3000/socket.io/?EIO=4&transport=websocket");
  capture.frame("ws1", "in", 1, '0{"sid":"s","upgrades":[],"pingInterval":25000,"pingTimeout":20000}', false);
  capture.frame("ws1", "in", 2, "not base64!", true);
  capture.frame("ws1", "in", 3, '42["after"]', false);
  expect(records.map((r) => (r.kind === "note" ? r.text : r.kind === "packet" ? r.event : r.kind))).toEqual([
    "handshake",
    "a binary WebSocket message the browser received that is not base64",
    "after",
  ]);
});

test("a polling answer reported as base64 that is not: a row saying so", () => {
  const records: TimelineRecord[] = [];
  const capture = new LiveCapture((r) => records.push(r));
  capture.polling("http://localhost:3000/socket.io/?EIO=4&transport=polling", "GET", 1, "%%%", true);
  expect(records.map((r) => (r.kind === "note" ? r.text : r.kind))).toEqual([
    "a polling GET whose body the browser gave as base64 that is not base64",
  ]);
});

test("a page that reconnects all day: what is held stays bounded (WebSockets closed are let go, polling sessions at most 1,000)", () => {
  const capture = new LiveCapture(() => undefined);
  for (let i = 0; i < 1_500; i++) {
    capture.polling(
      "http://localhost:3000/socket.io/?EIO=4&transport=polling",
      "GET",
      i,
      `0{"sid":"s${i}","upgrades":["websocket"],"pingInterval":25000,"pingTimeout":20000}`,
      false,
    );
    capture.webSocket(`ws${i}`, `ws://localhost:3000/socket.io/?EIO=4&transport=websocket&sid=s${i}`);
    capture.frame(`ws${i}`, "out", i, "5", false);
    capture.closed(`ws${i}`);
  }
  expect(capture.connectionCount).toBe(1_500);
  expect(capture.sizes).toEqual({ sockets: 0, sessions: MAX_KNOWN_SESSIONS, waiting: 0 });
});

test("an upgraded connection's WebSocket closing with no close packet is its close; a probe's is not", () => {
  const records: TimelineRecord[] = [];
  const capture = new LiveCapture((r) => records.push(r));
  const handshake = '0{"sid":"a","upgrades":["websocket"],"pingInterval":25000,"pingTimeout":20000}';
  capture.polling("http://app.test/socket.io/?EIO=4&transport=polling", "GET", 1, handshake, false);
  capture.webSocket("probe", "ws://app.test/socket.io/?EIO=4&transport=websocket&sid=a");
  capture.frame("probe", "out", 2, "2probe", false);
  capture.closed("probe", 3);
  capture.webSocket("ws", "ws://app.test/socket.io/?EIO=4&transport=websocket&sid=a");
  capture.frame("ws", "out", 4, "5", false);
  capture.closed("ws", 5);
  expect(records.map((r) => r.kind)).toEqual(["handshake", "upgrading", "upgrade", "close"]);
  expect(records.at(-1)).toMatchObject({ t: 5, reason: "the WebSocket closed without an Engine.IO close packet" });
});
