// The command line's reading of a HAR on disk gives the records, numbers and pairs the page's reading in memory gives,
// whatever order the file tells its entries in; and its sort on disk puts any number of lines in order.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { decodeHar } from "../../src/core/capture/har.js";
import { decodeSession } from "../../src/core/files/session-file.js";
import { ExternalSort } from "../../src/cli/external-sort.js";
import { streamHar } from "../../src/cli/har-stream.js";
import { withCode } from "../helpers/codes.js";

const dir = mkdtempSync(join(tmpdir(), "har-stream-"));
const T = 1764669600;
const message = (type: "send" | "receive", time: number | undefined, data: string, opcode = 1) => ({
  type,
  ...(time === undefined ? {} : { time }),
  opcode,
  data,
});
const entry = (started: string, url: string, rest: Record<string, unknown>) =>
  JSON.stringify({ startedDateTime: started, time: 3, request: { method: "GET", url }, ...rest });

/** Two connections: one polling then upgraded (entries told out of order), one WebSocket only, their frames interleaved. */
function twoConnections(): string {
  const base = "localhost:3000/socket.io/?EIO=4&transport=";
  const handshake = entry("2026-12-02T10:00:00.000Z", `http://${base}polling`, {
    response: {
      content: { size: 90, text: '0{"sid":"s1","upgrades":["websocket"],"pingInterval":25000,"pingTimeout":20000}' },
    },
  });
  const connect = JSON.stringify({
    startedDateTime: "2026-12-02T10:00:00.010Z",
    time: 2,
    request: { method: "POST", url: `http://${base}polling&sid=s1`, postData: { text: "40" } },
    response: { content: { size: 2, text: "ok" } },
  });
  const connected = entry("2026-12-02T10:00:00.011Z", `http://${base}polling&sid=s1`, {
    response: { content: { size: 13, text: '40{"sid":"a"}\x1e42["poll"]', encoding: undefined } },
  });
  const upgrade = entry("2026-12-02T10:00:00.020Z", `ws://${base}websocket&sid=s1`, {
    _webSocketMessages: [
      message("send", T + 0.02, "2probe"),
      message("receive", T + 0.021, "3probe"),
      message("send", T + 0.022, "5"),
      message("send", T + 0.5, '421["ask",1]'),
      message("receive", T + 0.6, "431[2]"),
      message("receive", undefined, '42["no time of its own"]'),
      message("receive", T + 0.7, "not base64", 2),
    ],
  });
  const alone = entry("2026-12-02T10:00:00.030Z", `ws://${base}websocket`, {
    _webSocketMessages: [
      message("receive", T + 0.03, '0{"sid":"s2","upgrades":[],"pingInterval":25000,"pingTimeout":20000}'),
      message("send", T + 0.031, "40"),
      message("receive", T + 0.032, '40{"sid":"b"}'),
      message("receive", T + 0.5, '42["same moment"]'),
      message("send", T + 0.55, '427["ask",2]'),
      message("receive", T + 0.65, "437[3]"),
    ],
  });
  // The WebSocket-only one first, the upgrade before the handshake: the reader puts them in order of start.
  return `{"log":{"entries":[${[alone, upgrade, connected, handshake, connect].join(",")}]}}`;
}

async function* chunksOf(text: string, size: number) {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

describe("a HAR read on disk", () => {
  test("gives the session the page's reading gives: the same records, in the same order, numbered and paired alike", async () => {
    const text = twoConnections();
    const inMemory = decodeHar(text, "two.har");
    expect(inMemory.connections.map((c) => c.name)).toEqual([
      "localhost:3000/socket.io #1",
      "localhost:3000/socket.io #2",
    ]);
    const out = join(dir, "two.ndjson");
    const streamed = await streamHar(chunksOf(text, 37), "two.har", out);
    expect(decodeSession(readFileSync(out, "utf8"))).toEqual(inMemory.records);
    // The numbers and pairs as written, before any reader numbers them again.
    const written = readFileSync(out, "utf8")
      .trim()
      .split("\n")
      .slice(1)
      .map((l) => JSON.parse(l));
    expect(written.map((r) => [r.seq, r.pair])).toEqual(
      inMemory.records.map((r) => [r.seq, (r as { pair?: number }).pair]),
    );
    expect(streamed.records).toBe(inMemory.records.length);
    expect(streamed.problems).toEqual(inMemory.problems);
    expect(streamed.connections.map((c) => [c.name, c.tally.events, c.tally.acks, c.tally.undecoded])).toEqual([
      ["localhost:3000/socket.io #1", 3, 1, 1], // its message without a time of its own is decoded
      ["localhost:3000/socket.io #2", 2, 1, 0],
    ]);
    const header = JSON.parse(readFileSync(out, "utf8").split("\n")[0] as string);
    expect(header).toMatchObject({ count: inMemory.records.length, clients: inMemory.connections.map((c) => c.name) });
  });

  test("a file that is not a HAR, or holds no Engine.IO traffic, is refused as the page refuses it", async () => {
    await expect(streamHar(chunksOf('{"log": {}}', 4), "empty.har", undefined)).rejects.toThrow(
      withCode("har-no-entries", { name: "empty.har" }),
    );
    await expect(streamHar(chunksOf('{"log": {"entries": []}}', 4), "none.har", undefined)).rejects.toThrow(
      withCode("har-no-traffic", { name: "none.har", problems: [] }),
    );
  });
});

describe("the sort on disk", () => {
  test("lines past its budget go to runs on disk; read back, all of them come in order of their numbers", () => {
    const sort = new ExternalSort(join(dir, "runs"), 100, 1_000);
    let x = 7;
    const added: Array<[number, number, number, string]> = [];
    for (let i = 0; i < 2_345; i++) {
      x = (x * 48271) % 2147483647; // a fixed pseudo-random sequence
      const key: [number, number, number, string] = [x % 50, (x >> 8) % 3, i, `line ${i}\twith a tab, “quotes”`];
      added.push(key);
      sort.add(...key);
    }
    const read = [...sort.sorted()].map((k) => [k.a, k.b, k.c, k.line]);
    sort.remove();
    expect(read).toEqual(added.sort((p, q) => p[0] - q[0] || p[1] - q[1] || p[2] - q[2]));
  });
});
