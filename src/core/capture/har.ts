// A HAR file (Chromium's "Save all as HAR with content", Playwright's recordHar) read for its Socket.IO traffic:
// every Engine.IO connection in it (polling requests and responses, WebSocket messages), joined by its session id,
// its frames in time order, decoded into timeline records (frame-decoder.ts). Each connection is a client of its own,
// named by its server, path and order. What the file lacks to decode (content, WebSocket messages) is said, not guessed.
import { numberRecorded } from "../feed/feed.js";
import type { TimelineRecord } from "../feed/records.js";
import { fromBase64 } from "../shared/base64.js";
import { SLICE_MS, sliceClock } from "../shared/slices.js";
import { ConnectionDecoder, type RawFrame } from "./frame-decoder.js";
import { HarError, HarSplitter } from "./har-splitter.js";
import { splitBinaryPayload, splitPayload } from "./payloads.js";

export { HarError };

export interface HarCapture {
  records: TimelineRecord[];
  /** The connections found, in order: their client names, and the server and Engine.IO path they went to. */
  connections: Array<{ name: string; url: string; path: string }>;
  /** What could not be read, and how to export the file so that it can. */
  problems: string[];
}

interface HarMessage {
  type?: string;
  time?: number;
  opcode?: number;
  data?: string;
}

interface HarEntry {
  startedDateTime?: string;
  time?: number;
  request?: { method?: string; url?: string; postData?: { text?: string; encoding?: string } };
  response?: { status?: number; content?: { text?: string; encoding?: string; size?: number; mimeType?: string } };
  _webSocketMessages?: HarMessage[];
}

/** An Engine.IO request or WebSocket of the file, kept (the rest of the file is not) until all are read. */
interface EngineEntry {
  start: number;
  url: URL;
  eio: 3 | 4;
  entry: HarEntry;
  messages: HarMessage[];
}

interface Connection {
  name: string;
  url: string;
  path: string;
  eio: number;
  frames: RawFrame[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** A WebSocket message's time: Chromium writes seconds since the epoch, others milliseconds. */
const messageTime = (time: number) => (time < 1e11 ? time * 1000 : time);

/** Whether a file is a HAR rather than a session file: by its name, or by how its JSON begins (its first 200 characters). */
export function isHarText(start: string, fileName: string): boolean {
  return /\.har$/i.test(fileName) || /^\s*\{\s*"log"\s*:/.test(start.slice(0, 200));
}

/** How far a HAR being read has come: `share` of the file read (then of its connections decoded), from 0 to 1. */
export type HarProgress = (phase: "read" | "decode", share: number) => void;

/**
 * Collects a HAR's Engine.IO entries as the splitter hands them on, then decodes them: entries that are not Engine.IO
 * (pages, scripts, images) are parsed and let go at once.
 */
class HarCollector {
  readonly problems = new Set<string>();
  private readonly kept: EngineEntry[] = [];
  private messages: HarMessage[] = [];
  private entries = 0;
  readonly splitter: HarSplitter;

  constructor(private readonly name: string) {
    this.splitter = new HarSplitter({ entry: (text) => this.entry(text), message: (text) => this.message(text) }, name);
  }

  private parse(text: string, what: string): unknown {
    try {
      return JSON.parse(text);
    } catch {
      throw new HarError(`${this.name} is not valid JSON in ${what}`);
    }
  }

  private message(text: string): void {
    const m = this.parse(text, `a WebSocket message of entry ${this.entries + 1}`);
    if (isObject(m)) this.messages.push(m as HarMessage);
  }

  private entry(text: string): void {
    const messages = this.messages;
    this.messages = [];
    const e = this.parse(text, `entry ${++this.entries}`);
    if (!isObject(e)) return;
    const entry = e as HarEntry;
    let url: URL;
    try {
      url = new URL(String(entry.request?.url ?? ""));
    } catch {
      return;
    }
    const eio = Number(url.searchParams.get("EIO"));
    const transport = url.searchParams.get("transport");
    if (!(eio === 3 || eio === 4) || (transport !== "polling" && transport !== "websocket")) return;
    if (url.searchParams.has("j")) return; // JSONP polling wraps packets in script: not read
    if (transport === "websocket" && !Array.isArray(entry._webSocketMessages)) {
      this.problems.add(
        `${url.host}: a WebSocket without its messages: export from Chromium's Network panel with “Save all as HAR with content” (or Playwright's recordHar with content "embed")`,
      );
      return;
    }
    const start = Date.parse(String(entry.startedDateTime ?? "")) || 0;
    this.kept.push({ start, url, eio, entry, messages });
  }

  /**
   * The connections' records, a step at a time (the caller may yield between steps: a big file's decoding then
   * leaves the page drawing): yields the share done.
   * @throws HarError when the file is not a HAR, or holds no Engine.IO traffic (saying how to export one)
   */
  *decode(result: HarCapture): Generator<number> {
    if (!this.splitter.hasEntries) throw new HarError(`${this.name} is not a HAR file: it has no log.entries`);
    if (!this.splitter.complete)
      this.problems.add(`${this.name} ends before its JSON does (cut short?): what came before the end was read`);
    const connections = this.connect();
    if (connections.length === 0) {
      const problems = [...this.problems];
      throw new HarError(
        `${this.name} holds no Engine.IO traffic${problems.length ? `: ${problems.join("; ")}` : " (no request with EIO=3 or EIO=4)"}`,
      );
    }
    const records: TimelineRecord[] = [];
    const total = connections.reduce((sum, c) => sum + c.frames.length, 0);
    let done = 0;
    let seq = 0;
    for (const c of connections) {
      const decoder = new ConnectionDecoder(
        c.name,
        c.eio,
        () => ++seq,
        (r) => records.push(r),
      );
      // Stable: frames of one moment keep the order the file gave them.
      const order = c.frames.map((f, i) => ({ f, i })).sort((a, b) => a.f.t - b.f.t || a.i - b.i);
      for (const { f } of order) {
        decoder.frame(f);
        if ((++done & 1023) === 0) yield done / total;
      }
    }
    result.records = inTimeOrder(records);
    result.connections = connections.map(({ name, url, path }) => ({ name, url, path }));
    result.problems = [...this.problems];
  }

  /** The kept entries joined into connections by session id, in the order requests started. */
  private connect(): Connection[] {
    const connections: Connection[] = [];
    const bySid = new Map<string, Connection>();
    const counts = new Map<string, number>();
    const newConnection = (url: URL, eio: number): Connection => {
      const where = `${url.host}${url.pathname.replace(/\/$/, "")}`;
      const n = (counts.get(where) ?? 0) + 1;
      counts.set(where, n);
      const origin = `${url.protocol.replace(/^ws/, "http")}//${url.host}`;
      const c = { name: `${where} #${n}`, url: origin, path: url.pathname.replace(/\/$/, "") || "/", eio, frames: [] };
      connections.push(c);
      return c;
    };
    // A handshake comes before the requests that carry its sid.
    const sorted = this.kept.map((k, i) => ({ k, i })).sort((a, b) => a.k.start - b.k.start || a.i - b.i);
    for (const { k } of sorted) {
      const { url, eio, entry: e, start } = k;
      const sid = url.searchParams.get("sid");
      if (url.searchParams.get("transport") === "websocket") {
        const c = (sid && bySid.get(sid)) || newConnection(url, eio);
        for (const m of k.messages) {
          if (typeof m.data !== "string" || typeof m.time !== "number") continue;
          const data = m.opcode === 2 ? fromBase64(m.data) : m.data;
          c.frames.push({
            dir: m.type === "send" ? "out" : "in",
            t: messageTime(m.time),
            data,
            transport: "websocket",
          });
        }
        continue;
      }
      // Polling: the handshake (no sid) starts a connection; a GET brings packets in, a POST takes them out.
      const c = sid ? bySid.get(sid) : undefined;
      const end = start + (typeof e.time === "number" && e.time > 0 ? e.time : 0);
      const post = e.request?.method === "POST";
      const content = post ? e.request?.postData : e.response?.content;
      if (content?.text === undefined) {
        if ((e.response?.content?.size ?? 1) !== 0)
          this.problems.add(
            `${url.host}: polling requests without their content: export with “Save all as HAR with content”`,
          );
        continue;
      }
      const bytes = content.encoding === "base64" ? fromBase64(content.text) : undefined;
      const packets: Array<string | Uint8Array> =
        bytes && eio === 3 && (bytes[0] === 0 || bytes[0] === 1)
          ? splitBinaryPayload(bytes)
          : splitPayload(bytes ? new TextDecoder().decode(bytes) : content.text, eio);
      if (post && packets.length === 1 && packets[0] === "ok") continue;
      let connection = c;
      if (!connection) {
        if (sid) continue; // a request of a connection whose handshake the file does not hold
        connection = newConnection(url, eio);
        const open = packets[0];
        if (typeof open === "string" && open.startsWith("0")) {
          try {
            const handshakeSid = (JSON.parse(open.slice(1)) as { sid?: unknown }).sid;
            if (typeof handshakeSid === "string") bySid.set(handshakeSid, connection);
          } catch {
            // the decoder names it
          }
        }
      }
      for (const data of packets)
        connection.frames.push({ dir: post ? "out" : "in", t: post ? start : end, data, transport: "polling" });
    }
    // Websocket-only connections have their sid in their first frame: nothing to join them to.
    return connections;
  }
}

const emptyCapture = (): HarCapture => ({ records: [], connections: [], problems: [] });

/**
 * Reads a HAR's Socket.IO connections into records, one client per connection, from its whole text.
 * @throws HarError when the text is not a HAR, or holds no Engine.IO traffic at all (saying how to export one)
 */
export function decodeHar(text: string, fileName = "The file"): HarCapture {
  const collector = new HarCollector(fileName);
  collector.splitter.push(text);
  const result = emptyCapture();
  const steps = collector.decode(result);
  while (!steps.next().done); // no slices: the whole text is already in hand
  return result;
}

/**
 * Reads a HAR as a stream of text chunks (a 200 MB export need never be one string): only its Engine.IO entries are
 * kept; `onProgress` is told how far reading (by `size`, the file's characters or bytes) and decoding have come, and
 * the event loop is given back between slices.
 * @throws HarError as `decodeHar`
 */
export async function readHar(
  chunks: AsyncIterable<string>,
  fileName: string,
  { size, onProgress, sliceMs = SLICE_MS }: { size?: number; onProgress?: HarProgress; sliceMs?: number } = {},
): Promise<HarCapture> {
  const collector = new HarCollector(fileName);
  const clock = sliceClock(sliceMs);
  let read = 0;
  for await (const chunk of chunks) {
    collector.splitter.push(chunk);
    read += chunk.length;
    if (size) onProgress?.("read", Math.min(1, read / size));
    if (clock.due()) await clock.next();
  }
  const result = emptyCapture();
  for (const share of collector.decode(result)) {
    if (!clock.due()) continue;
    onProgress?.("decode", share);
    await clock.next();
  }
  return result;
}

/**
 * All connections' records in time order (stable: one moment keeps the order they were decoded in), numbered and
 * paired as the feed does (the decoders' numbers, shared by every connection of the file, are its key).
 */
function inTimeOrder(records: TimelineRecord[]): TimelineRecord[] {
  const ordered = records.map((r, i) => ({ r, i })).sort((a, b) => a.r.t - b.r.t || a.i - b.i);
  return numberRecorded(ordered.map(({ r }) => r));
}
