/**
 * har.ts read directly, on HAR text written here as Chromium's "Save all as HAR with content" and Playwright's
 * recordHar write it: WebSocket messages under `_webSocketMessages` (times in seconds since the epoch, binary as
 * base64 with opcode 2), polling requests with their content, the page's other requests around them. (e2e/har.spec.ts
 * reads files recorded from real Chromium sessions.)
 */
import { describe, expect, test } from "vitest";
import { decodeHar, HarError, isHarText, readHar, type HarCapture } from "../../../src/core/capture/har.js";
import type { TimelineRecord } from "../../../src/core/feed/records.js";
import { har, webSocket } from "../../helpers/har-text.js";
import { problem } from "../../../src/core/shared/errors.js";
import { withCode } from "../../helpers/codes.js";

const T0 = Date.UTC(2026, 11, 2, 10, 0, 0);
const HANDSHAKE = (sid: string) =>
  `0{"sid":"${sid}","upgrades":["websocket"],"pingInterval":25000,"pingTimeout":20000}`;

/** A polling GET that took `ms` and brought `text` in. */
function pollGet(url: string, atMs: number, ms: number, text: string) {
  return {
    startedDateTime: new Date(atMs).toISOString(),
    time: ms,
    request: { method: "GET", url },
    response: { status: 200, content: { size: text.length, mimeType: "text/plain", text } },
  };
}

/** A polling POST that took `text` out (the server answers "ok"). */
function pollPost(url: string, atMs: number, text: string) {
  return {
    startedDateTime: new Date(atMs).toISOString(),
    time: 2,
    request: { method: "POST", url, postData: { mimeType: "text/plain", text } },
    response: { status: 200, content: { size: 2, mimeType: "text/html", text: "ok" } },
  };
}

const packets = (capture: HarCapture) =>
  capture.records.flatMap((r) =>
    r.kind === "packet" ? [`${r.client ?? ""} ${r.dir} ${r.nsp} ${r.type}${r.event ? ` ${r.event}` : ""}`] : [],
  );
const kinds = (records: TimelineRecord[]) => records.map((r) => r.kind);

describe("telling a HAR from a session file", () => {
  test("by its name, whatever the case of .har", () => {
    expect([isHarText("", "app.HAR"), isHarText("", "session.ndjson")]).toEqual([true, false]);
  });

  test('by how its JSON begins: {"log": within its first 200 characters', () => {
    expect(isHarText(' \n{ "log" : {"version":"1.2"}', "export")).toBe(true);
    expect(isHarText('{"format":"socketio-inspector-session","version":2}', "export")).toBe(false);
  });
});

describe("a WebSocket connection", () => {
  test("becomes one client named by its server and path, with its handshake, namespace and emits in order", () => {
    const url = "ws://localhost:3000/socket.io/?EIO=4&transport=websocket";
    const capture = decodeHar(
      har([
        webSocket(url, T0, [
          ["receive", T0 + 1, HANDSHAKE("s1")],
          ["send", T0 + 2, "40"],
          ["receive", T0 + 3, '40{"sid":"n1"}'],
          ["send", T0 + 4, '421["hello","world"]'],
          ["receive", T0 + 5, '431["hi"]'],
        ]),
      ]),
      "app.har",
    );
    expect(capture.connections).toEqual([
      { name: "localhost:3000/socket.io #1", url: "http://localhost:3000", path: "/socket.io" },
    ]);
    expect(capture.problems).toEqual([]);
    expect(kinds(capture.records)[0]).toBe("handshake");
    expect(packets(capture)).toEqual([
      "localhost:3000/socket.io #1 out / CONNECT",
      "localhost:3000/socket.io #1 in / CONNECT",
      "localhost:3000/socket.io #1 out / EVENT hello",
      "localhost:3000/socket.io #1 in / ACK",
    ]);
  });

  test("its message times, in seconds as Chromium writes them or in ms as others do, are read as ms", () => {
    const url = "ws://localhost:3000/socket.io/?EIO=4&transport=websocket";
    const inSeconds = webSocket(url, T0, [["receive", T0 + 250, HANDSHAKE("s1")]]);
    const inMs = {
      ...inSeconds,
      _webSocketMessages: [{ type: "receive", time: T0 + 250, opcode: 1, data: HANDSHAKE("s2") }],
    };
    const times = [inSeconds, inMs].map((entry) => decodeHar(har([entry])).records[0]?.t);
    expect(times).toEqual([T0 + 250, T0 + 250]);
  });

  test("a binary message (opcode 2, base64) is the attachment of the event before it", () => {
    const url = "ws://localhost:3000/socket.io/?EIO=4&transport=websocket";
    const entry = webSocket(url, T0, [
      ["receive", T0 + 1, HANDSHAKE("s1")],
      ["send", T0 + 2, "40"],
      ["receive", T0 + 3, '40{"sid":"n1"}'],
      ["receive", T0 + 4, '451-["file",{"_placeholder":true,"num":0}]'],
    ]);
    entry._webSocketMessages.push({ type: "receive", time: (T0 + 4) / 1000, opcode: 2, data: "3q2+7w==" });
    const event = decodeHar(har([entry])).records.find((r) => r.kind === "packet" && r.event === "file");
    expect(event).toMatchObject({ type: "BINARY_EVENT", attachments: 1 });
    const [bytes] = (event as { args: unknown[] }).args;
    expect([...new Uint8Array(bytes as ArrayBuffer)]).toEqual([0xde, 0xad, 0xbe, 0xef]);
  });

  test("without its messages (a HAR saved without content) it is named as a problem, with how to export one", () => {
    const bare = { ...webSocket("ws://localhost:3000/socket.io/?EIO=4&transport=websocket", T0, []) };
    delete (bare as { _webSocketMessages?: unknown })._webSocketMessages;
    const other = webSocket("ws://localhost:4000/socket.io/?EIO=4&transport=websocket", T0, [
      ["receive", T0 + 1, HANDSHAKE("s1")],
    ]);
    const capture = decodeHar(har([bare, other]));
    expect(capture.connections.map((c) => c.name)).toEqual(["localhost:4000/socket.io #1"]);
    expect(capture.problems).toEqual([problem("har-websocket-without-messages", { host: "localhost:3000" })]);
  });
});

describe("polling", () => {
  const base = "http://localhost:3000/socket.io/?EIO=4&transport=polling";

  test("requests are joined into one connection by the session id of their handshake, GETs in and POSTs out", () => {
    const capture = decodeHar(
      har([
        pollGet(`${base}&t=1`, T0, 5, HANDSHAKE("s1")),
        pollPost(`${base}&t=2&sid=s1`, T0 + 10, "40"),
        pollGet(`${base}&t=3&sid=s1`, T0 + 11, 4, '40{"sid":"n1"}\x1e42["news",1]'),
      ]),
    );
    expect(capture.connections.map((c) => c.name)).toEqual(["localhost:3000/socket.io #1"]);
    expect(packets(capture)).toEqual([
      "localhost:3000/socket.io #1 out / CONNECT",
      "localhost:3000/socket.io #1 in / CONNECT",
      "localhost:3000/socket.io #1 in / EVENT news",
    ]);
  });

  test("what a GET brought in is timed at its end, what a POST took out at its start", () => {
    const capture = decodeHar(
      har([
        pollGet(`${base}&t=1`, T0, 5, HANDSHAKE("s1")),
        pollPost(`${base}&t=2&sid=s1`, T0 + 10, "40"),
        pollGet(`${base}&t=3&sid=s1`, T0 + 11, 30, '40{"sid":"n1"}'),
      ]),
    );
    const connects = capture.records.filter((r) => r.kind === "packet" && r.type === "CONNECT");
    expect(connects.map((r) => r.t)).toEqual([T0 + 10, T0 + 41]);
  });

  test("the upgrade to a WebSocket with the same session id stays the same connection", () => {
    const capture = decodeHar(
      har([
        pollGet(`${base}&t=1`, T0, 5, HANDSHAKE("s1")),
        pollPost(`${base}&t=2&sid=s1`, T0 + 10, "40"),
        pollGet(`${base}&t=3&sid=s1`, T0 + 11, 4, '40{"sid":"n1"}'),
        webSocket("ws://localhost:3000/socket.io/?EIO=4&transport=websocket&sid=s1", T0 + 20, [
          ["send", T0 + 21, "2probe"],
          ["receive", T0 + 22, "3probe"],
          ["send", T0 + 23, "5"],
          ["send", T0 + 24, '42["after-upgrade"]'],
        ]),
      ]),
    );
    expect(capture.connections).toHaveLength(1);
    expect(packets(capture).at(-1)).toBe("localhost:3000/socket.io #1 out / EVENT after-upgrade");
  });

  test("Engine.IO 3 payloads (length:packet) are split as Engine.IO 3 framed them", () => {
    const v3 = "http://localhost:3000/socket.io/?EIO=3&transport=polling";
    const open = HANDSHAKE("s1");
    const event = '42["old-style",1]';
    const capture = decodeHar(har([pollGet(`${v3}&t=1`, T0, 5, `${open.length}:${open}2:40${event.length}:${event}`)]));
    expect(packets(capture)).toEqual([
      "localhost:3000/socket.io #1 in / CONNECT",
      "localhost:3000/socket.io #1 in / EVENT old-style",
    ]);
  });

  test("a request whose handshake the file does not hold is left out", () => {
    const capture = decodeHar(
      har([
        pollGet(`${base}&t=1`, T0, 5, HANDSHAKE("s1")),
        pollGet(`${base}&t=2&sid=elsewhere`, T0 + 5, 5, '42["not-ours"]'),
      ]),
    );
    expect(packets(capture)).toEqual([]);
    expect(capture.connections).toHaveLength(1);
  });

  test("requests saved without their content are named as a problem", () => {
    const noContent = pollGet(`${base}&t=2&sid=s1`, T0 + 10, 5, "");
    delete (noContent.response.content as { text?: string }).text;
    noContent.response.content.size = 120;
    const capture = decodeHar(har([pollGet(`${base}&t=1`, T0, 5, HANDSHAKE("s1")), noContent]));
    expect(capture.problems).toEqual([withCode("har-polling-without-content")]);
  });

  test("JSONP polling (its packets wrapped in script) is not read", () => {
    expect(() => decodeHar(har([pollGet(`${base}&j=0&t=1`, T0, 5, HANDSHAKE("s1"))]), "jsonp.har")).toThrow(HarError);
  });
});

describe("the file as a whole", () => {
  test("the page's other requests (documents, scripts) are let go", () => {
    const page = pollGet("http://localhost:3000/", T0, 3, "<!doctype html>");
    const script = pollGet("http://localhost:3000/app.js?EIO=4", T0, 3, "console.log(1)"); // EIO but no transport
    const socket = webSocket("ws://localhost:3000/socket.io/?EIO=4&transport=websocket", T0 + 5, [
      ["receive", T0 + 6, HANDSHAKE("s1")],
    ]);
    const capture = decodeHar(har([page, script, socket]));
    expect(capture.connections.map((c) => c.name)).toEqual(["localhost:3000/socket.io #1"]);
  });

  test("connections to one server and path are numbered in the order they started; others are named apart", () => {
    const ws = (host: string, path: string, at: number) =>
      webSocket(`ws://${host}${path}?EIO=4&transport=websocket`, at, [["receive", at + 1, HANDSHAKE(`s${at}`)]]);
    const capture = decodeHar(
      har([
        ws("localhost:3000", "/socket.io/", T0 + 20),
        ws("localhost:3000", "/socket.io/", T0),
        ws("localhost:3000", "/realtime/", T0 + 10),
        ws("example.test:443", "/socket.io/", T0 + 30),
      ]),
    );
    expect(capture.connections).toEqual([
      { name: "localhost:3000/socket.io #1", url: "http://localhost:3000", path: "/socket.io" },
      { name: "localhost:3000/realtime #1", url: "http://localhost:3000", path: "/realtime" },
      { name: "localhost:3000/socket.io #2", url: "http://localhost:3000", path: "/socket.io" },
      { name: "example.test:443/socket.io #1", url: "http://example.test:443", path: "/socket.io" },
    ]);
  });

  test("the records of all connections come in time order", () => {
    const capture = decodeHar(
      har([
        webSocket("ws://a.test/socket.io/?EIO=4&transport=websocket", T0, [
          ["receive", T0 + 1, HANDSHAKE("a")],
          ["receive", T0 + 30, '42["late"]'],
        ]),
        webSocket("ws://b.test/socket.io/?EIO=4&transport=websocket", T0 + 5, [
          ["receive", T0 + 6, HANDSHAKE("b")],
          ["receive", T0 + 20, '42["early"]'],
        ]),
      ]),
    );
    const times = capture.records.map((r) => r.t);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(packets(capture)).toEqual(["b.test/socket.io #1 in / EVENT early", "a.test/socket.io #1 in / EVENT late"]);
  });

  test("JSON without log.entries is not a HAR, and the error says so with the file's name", () => {
    const error = (() => {
      try {
        decodeHar('{"log": {}}', "empty.har");
      } catch (err) {
        return err;
      }
    })();
    expect(error).toBeInstanceOf(HarError);
    expect(error).toEqual(withCode("har-no-entries", { name: "empty.har" }));
  });

  test("an entry that is not JSON is named by its number", () => {
    const text = `{"log":{"entries":[${JSON.stringify(pollGet("http://x.test/", T0, 1, "a"))},{"request": nope}]}}`;
    expect(() => decodeHar(text, "bad.har")).toThrow(
      withCode("har-no-traffic", { problems: [problem("har-entry-not-json", { name: "bad.har", entry: 2 })] }),
    );
  });

  test("a HAR with no Engine.IO traffic at all is an error, not an empty capture", () => {
    expect(() => decodeHar(har([pollGet("http://localhost:3000/", T0, 3, "<!doctype html>")]), "page.har")).toThrow(
      HarError,
    );
    expect(() => decodeHar(har([pollGet("http://localhost:3000/", T0, 3, "<!doctype html>")]), "page.har")).toThrow(
      withCode("har-no-traffic", { name: "page.har", problems: [] }),
    );
  });

  test("a file cut short is read up to where it ends, and says it was cut", () => {
    const whole = har([
      webSocket("ws://localhost:3000/socket.io/?EIO=4&transport=websocket", T0, [["receive", T0 + 1, HANDSHAKE("s1")]]),
      pollGet("http://localhost:3000/app.js", T0 + 5, 3, "x".repeat(500)),
    ]);
    const capture = decodeHar(whole.slice(0, whole.length - 300), "cut.har");
    expect(capture.connections).toHaveLength(1);
    expect(capture.problems).toEqual([problem("har-cut-short", { name: "cut.har" })]);
  });
});

describe("read as a stream", () => {
  const text = har([
    pollGet("http://localhost:3000/bundle.js", T0, 3, "x".repeat(5000)),
    webSocket("ws://localhost:3000/socket.io/?EIO=4&transport=websocket", T0 + 5, [
      ["receive", T0 + 6, HANDSHAKE("s1")],
      ["send", T0 + 7, "40"],
      ["receive", T0 + 8, '40{"sid":"n1"}'],
      ["receive", T0 + 9, '42["news",{"a":1}]'],
    ]),
  ]);
  async function* chunks(size: number) {
    for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
  }

  test("in chunks of any size, it reads as the whole text does", async () => {
    const whole = decodeHar(text, "app.har");
    for (const size of [1, 7, 4096]) {
      const streamed = await readHar(chunks(size), "app.har");
      expect(JSON.stringify(streamed)).toBe(JSON.stringify(whole));
    }
  });

  test("it tells how far reading has come, by the size given, up to the whole file", async () => {
    const shares: number[] = [];
    await readHar(chunks(500), "app.har", {
      size: text.length,
      sliceMs: 0,
      onProgress: (phase, share) => phase === "read" && shares.push(share),
    });
    expect(shares.length).toBeGreaterThan(1);
    expect(shares).toEqual([...shares].sort((a, b) => a - b));
    expect(shares.at(-1)).toBe(1);
  });
});
