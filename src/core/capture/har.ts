// A HAR file (Chromium's "Save all as HAR with content", Playwright's recordHar) read for its Socket.IO traffic:
// every Engine.IO connection in it (polling requests and responses, WebSocket messages), joined by its session id,
// its frames in time order, decoded into timeline records (frame-decoder.ts). Each connection is a client of its own,
// named by its server, path and order. What the file lacks to decode (content, WebSocket messages) is said, not guessed.
import { numberRecorded } from "../feed/feed.js";
import type { TimelineRecord } from "../feed/records.js";
import { SLICE_MS, sliceClock } from "../shared/slices.js";
import { ConnectionDecoder, type RawFrame } from "./frame-decoder.js";
import { problem, type Problem } from "../shared/errors.js";
import {
  ConnectionJoiner,
  HarProblems,
  engineEntryOf,
  fillTimes,
  messageFrame,
  pollingFrames,
  type EngineEntry,
  type HarEntry,
} from "./har-entry.js";
import { HarError, HarSplitter } from "./har-splitter.js";

export { HarError };

export interface HarCapture {
  records: TimelineRecord[];
  /** The connections found, in order: their client names, and the server and Engine.IO path they went to. */
  connections: Array<{ name: string; url: string; path: string }>;
  /** What could not be read, and how to export the file so that it can. */
  problems: Problem[];
}

/** An Engine.IO request or WebSocket of the file with its frames, kept (the rest of the file is not) until all are read. */
interface Kept {
  engine: EngineEntry;
  frames: RawFrame[];
}

/** Whether a file is a HAR rather than a session file: by its name, or by how its JSON begins (its first 200 characters). */
export function isHarText(start: string, fileName: string): boolean {
  return /\.har$/i.test(fileName) || /^\s*\{\s*"log"\s*:/.test(start.slice(0, 200));
}

/** How far a HAR being read has come: `share` of the file read (then of its connections decoded), from 0 to 1. */
export type HarProgress = (phase: "read" | "decode", share: number) => void;

/**
 * Collects a HAR's Engine.IO entries as the splitter hands them on, then decodes them: entries that are not Engine.IO
 * (pages, scripts, images) are parsed and let go at once. An entry or a message that cannot be read is named (a
 * problem, or a row of its connection) and the rest is read.
 */
class HarCollector {
  readonly problems = new HarProblems();
  private readonly kept: Kept[] = [];
  /** The frames of the WebSocket messages of the entry being read (they come before the entry). */
  private messages: RawFrame[] = [];
  private entries = 0;
  readonly splitter: HarSplitter;

  constructor(private readonly name: string) {
    this.splitter = new HarSplitter({ entry: (text) => this.entry(text), message: (text) => this.message(text) }, name);
  }

  private message(text: string): void {
    this.messages.push(messageFrame(text, this.entries + 1, this.messages.length + 1));
  }

  private entry(text: string): void {
    const messages = this.messages;
    this.messages = [];
    const n = ++this.entries;
    let entry: unknown;
    try {
      entry = JSON.parse(text);
    } catch {
      this.problems.add(problem("har-entry-not-json", { name: this.name, entry: n }));
      return;
    }
    if (typeof entry !== "object" || entry === null) return;
    const { engine, problem: unread } = engineEntryOf(entry as HarEntry, n);
    if (unread) this.problems.add(unread);
    if (!engine) return;
    if (engine.transport === "websocket") {
      fillTimes(messages, engine.start);
      this.kept.push({ engine, frames: messages });
      return;
    }
    const polling = pollingFrames(entry as HarEntry, engine);
    if ("missing" in polling)
      this.problems.add(problem("har-polling-without-content", { host: new URL(engine.url).host }));
    if ("frames" in polling) this.kept.push({ engine, frames: polling.frames });
  }

  /**
   * The connections' records, a step at a time (the caller may yield between steps: a big file's decoding then
   * leaves the page drawing): yields the share done.
   * @throws HarError when the file is not a HAR, or holds no Engine.IO traffic (saying how to export one)
   */
  *decode(result: HarCapture): Generator<number> {
    if (!this.splitter.hasEntries) throw new HarError(problem("har-no-entries", { name: this.name }));
    if (!this.splitter.complete) this.problems.add(problem("har-cut-short", { name: this.name }));
    const { connections, frames } = this.connect();
    if (connections.length === 0)
      throw new HarError(problem("har-no-traffic", { name: this.name, problems: this.problems.list }));
    const records: TimelineRecord[] = [];
    const total = frames.reduce((sum, f) => sum + f.length, 0);
    let done = 0;
    let seq = 0;
    for (const [i, c] of connections.entries()) {
      const decoder = new ConnectionDecoder(
        c.name,
        c.eio,
        () => ++seq,
        (r) => records.push(r),
      );
      // Stable: frames of one moment keep the order the file gave them.
      const order = (frames[i] ?? []).map((f, i) => ({ f, i })).sort((a, b) => a.f.t - b.f.t || a.i - b.i);
      for (const { f } of order) {
        decoder.frame(f);
        if ((++done & 1023) === 0) yield done / total;
      }
    }
    result.records = inTimeOrder(records);
    result.connections = connections.map(({ name, url, path }) => ({ name, url, path }));
    result.problems = this.problems.list;
  }

  /** The kept entries joined into connections by session id, in the order requests started; each one's frames. */
  private connect() {
    const joiner = new ConnectionJoiner();
    const frames: RawFrame[][] = [];
    // A handshake comes before the requests that carry its sid.
    const sorted = this.kept.map((k, i) => ({ k, i })).sort((a, b) => a.k.engine.start - b.k.engine.start || a.i - b.i);
    for (const { k } of sorted) {
      const c = k.engine.transport === "websocket" ? joiner.webSocket(k.engine) : joiner.polling(k.engine, k.frames);
      if (c === undefined) continue;
      const into = (frames[c] ??= []);
      for (const f of k.frames) into.push(f); // one by one: a WebSocket's messages may be millions
    }
    // Websocket-only connections have their sid in their first frame: nothing to join them to.
    return { connections: joiner.connections, frames };
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
