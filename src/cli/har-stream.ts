// `har`'s reading of a HAR of any size with memory bounded: the page keeps a file's frames to decode them
// (core/capture/har.ts), the command line keeps them on disk. The same pieces (core/capture/har-entry.ts) in four
// steps, each holding a bounded part:
//   1. read: the file streamed through the splitter; each WebSocket message and polling packet becomes a frame
//      written to a working file, each Engine.IO entry a line of an index sorted on disk by start time;
//   2. join: the entries, in the order they started, joined into connections by session id; their frames sorted on
//      disk by time (then connection, then order in the file);
//   3. decode: the frames in that order, each connection's decoder alive from its first frame to its last: the
//      records come out in time order, numbered as they come (the numbering the page's reading gives);
//   4. write: the session's header, then the records.
// What stays in memory: a few MB of sort buffer, the decoders of connections open at the same moment, and per
// connection its name, session id and counts.
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConnectionDecoder, type RawFrame } from "../core/capture/frame-decoder.js";
import {
  ConnectionJoiner,
  engineEntryOf,
  messageFrame,
  pollingFrames,
  type EngineEntry,
  type HarConnection,
  type HarEntry,
  HarProblems,
} from "../core/capture/har-entry.js";
import { problem, type Problem } from "../core/shared/errors.js";
import { HarError, HarSplitter } from "../core/capture/har-splitter.js";
import type { TimelineRecord } from "../core/feed/records.js";
import { sessionHeader, toTaggedJson } from "../core/files/session-file.js";
import { fromBase64, toBase64 } from "../core/shared/base64.js";
import { ExternalSort } from "./external-sort.js";
import { appendFile, LineWriter, readLines } from "./line-files.js";

/** What `har` says of a connection: its events, acks paired, frames not decoded, namespaces. */
export interface ConnectionTally {
  events: number;
  acks: number;
  undecoded: number;
  namespaces: Set<string>;
}

export const newTally = (): ConnectionTally => ({ events: 0, acks: 0, undecoded: 0, namespaces: new Set() });

/** Counts a record into its connection's tally. */
export function tallyRecord(tally: ConnectionTally, r: TimelineRecord): void {
  if (r.kind === "note") tally.undecoded++;
  if (r.kind !== "packet") return;
  tally.namespaces.add(r.nsp);
  if (r.type.endsWith("EVENT")) tally.events++;
  if (r.type.endsWith("ACK") && r.pair !== undefined) tally.acks++;
}

export interface StreamedHar {
  connections: Array<HarConnection & { tally: ConnectionTally }>;
  problems: Problem[];
  /** Records written (or, with no file to write, decoded). */
  records: number;
}

/**
 * A frame as a line of the working files: its time, its direction, transport and kind as three digits, what it
 * carries as JSON text (binary as base64), and why it could not be read, if so.
 */
function frameLine(f: RawFrame): string {
  const binary = typeof f.data !== "string";
  const flags = `${f.dir === "out" ? 1 : 0}${f.transport === "polling" ? 1 : 0}${binary ? 1 : 0}`;
  const data = JSON.stringify(typeof f.data === "string" ? f.data : toBase64(f.data));
  return `${f.t}\t${flags}\t${data}${f.problem === undefined ? "" : `\t${JSON.stringify(f.problem)}`}`;
}

/** A frame from its line without the time (`t`: the time it is sorted by). */
function frameOf(t: number, line: string): RawFrame {
  // JSON text holds no raw tab: the third field ends at the next one, if any.
  const end = line.indexOf("\t", 4);
  const data = JSON.parse(line.slice(4, end === -1 ? undefined : end)) as string;
  return {
    dir: line.charCodeAt(0) === 0x31 ? "out" : "in",
    t,
    data: line.charCodeAt(2) === 0x31 ? fromBase64(data) : data,
    transport: line.charCodeAt(1) === 0x31 ? "polling" : "websocket",
    ...(end === -1 ? {} : { problem: JSON.parse(line.slice(end + 1)) as Problem }),
  };
}

/** An index line: the Engine.IO entry, and where its frames are in the frames file (bytes from, to). */
type IndexLine = [EngineEntry, number, number];

/**
 * Reads a HAR's Socket.IO connections and, with `out`, writes them as a session file; nothing of the file is held
 * whole. `onRead` hears how many characters have been read. Working files go to a folder of the system's temporary
 * folder, removed at the end.
 * @throws HarError when the text is not a HAR, or holds no Engine.IO traffic (saying how to export one)
 */
export async function streamHar(
  chunks: AsyncIterable<string>,
  name: string,
  out: string | undefined,
  { onRead }: { onRead?: (characters: number) => void } = {},
): Promise<StreamedHar> {
  const work = mkdtempSync(join(tmpdir(), "socketio-inspector-har-"));
  try {
    return await inFolder(work, chunks, name, out, onRead);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function inFolder(
  work: string,
  chunks: AsyncIterable<string>,
  name: string,
  out: string | undefined,
  onRead?: (characters: number) => void,
): Promise<StreamedHar> {
  const problems = new HarProblems();
  // 1. read
  const frames = new LineWriter(join(work, "frames"));
  const index = new ExternalSort(join(work, "index"));
  let entries = 0;
  let messages = 0;
  /** Where the entry being read began in the frames file, and the time of its last message with one. */
  let entryFrom = 0;
  let lastT = Number.NaN;
  const splitter = new HarSplitter(
    {
      message: (text) => {
        const f = messageFrame(text, entries + 1, ++messages);
        if (Number.isNaN(f.t)) f.t = lastT;
        else lastT = f.t;
        frames.write(frameLine(f));
      },
      entry: (text) => {
        const n = ++entries;
        const from = entryFrom;
        messages = 0;
        lastT = Number.NaN;
        readEntry(text, n, from);
        entryFrom = frames.bytes;
      },
    },
    name,
  );
  const readEntry = (text: string, n: number, from: number) => {
    let entry: unknown;
    try {
      entry = JSON.parse(text);
    } catch {
      problems.add(problem("har-entry-not-json", { name, entry: n }));
      return;
    }
    if (typeof entry !== "object" || entry === null) return;
    const { engine, problem: unread } = engineEntryOf(entry as HarEntry, n);
    if (unread) problems.add(unread);
    if (!engine) return;
    if (engine.transport === "websocket") {
      index.add(engine.start, n, 0, JSON.stringify([engine, from, frames.bytes] satisfies IndexLine));
      return;
    }
    const polling = pollingFrames(entry as HarEntry, engine);
    if ("missing" in polling) problems.add(problem("har-polling-without-content", { host: new URL(engine.url).host }));
    if (!("frames" in polling)) return;
    const at = frames.bytes;
    for (const f of polling.frames) frames.write(frameLine(f));
    index.add(engine.start, n, 0, JSON.stringify([engine, at, frames.bytes] satisfies IndexLine));
  };
  let read = 0;
  for await (const chunk of chunks) {
    splitter.push(chunk);
    read += chunk.length;
    onRead?.(read);
  }
  frames.close();
  if (!splitter.hasEntries) throw new HarError(problem("har-no-entries", { name }));
  if (!splitter.complete) problems.add(problem("har-cut-short", { name }));

  // 2. join
  const joiner = new ConnectionJoiner();
  const sorted = new ExternalSort(join(work, "sorted"));
  /** Each connection's frames still to decode: its decoder goes after its last. */
  const remaining: number[] = [];
  let order = 0;
  const framesFd = openSync(frames.path, "r");
  try {
    for (const { line } of index.sorted()) {
      const [engine, from, to] = JSON.parse(line) as IndexLine;
      const lines = readLines(framesFd, from, to);
      let c: number;
      if (engine.transport === "websocket") c = joiner.webSocket(engine);
      else {
        const first = readLines(framesFd, from, to).next();
        const opening = first.done ? [] : [frameOf(0, first.value.slice(first.value.indexOf("\t") + 1))];
        const joined = joiner.polling(engine, opening);
        if (joined === undefined) continue;
        c = joined;
      }
      // A message without a time of its own takes the time of the one before (the first: the entry's start).
      let last = engine.start;
      for (const l of lines) {
        const tab = l.indexOf("\t");
        const t = Number(l.slice(0, tab));
        if (!Number.isNaN(t)) last = t;
        sorted.add(last, c, ++order, l.slice(tab + 1));
        remaining[c] = (remaining[c] ?? 0) + 1;
      }
    }
  } finally {
    closeSync(framesFd);
    index.remove();
  }
  if (joiner.connections.length === 0) throw new HarError(problem("har-no-traffic", { name, problems: problems.list }));

  // 3. decode, in time order: the records come out in the order the session file keeps them
  const tallies = joiner.connections.map(newTally);
  const body = out === undefined ? undefined : new LineWriter(join(work, "records"));
  const clients = new Set<string>();
  const decoders = new Map<number, ConnectionDecoder>();
  let seq = 0;
  let count = 0;
  for (const { a: t, b: c, line } of sorted.sorted()) {
    let decoder = decoders.get(c);
    if (!decoder) {
      const connection = joiner.connections[c] as HarConnection;
      const tally = tallies[c] as ConnectionTally;
      decoder = new ConnectionDecoder(
        connection.name,
        connection.eio,
        () => ++seq,
        (r) => {
          count++;
          tallyRecord(tally, r);
          clients.add(connection.name);
          body?.write(toTaggedJson(r));
        },
      );
      decoders.set(c, decoder);
    }
    decoder.frame(frameOf(t, line));
    const left = (remaining[c] as number) - 1;
    remaining[c] = left;
    if (left === 0) decoders.delete(c);
  }
  sorted.remove();

  // 4. write: the header (it counts the records) before them
  if (body && out !== undefined) {
    body.close();
    const fd = openSync(out, "w");
    try {
      writeSync(fd, `${sessionHeader(count, [...clients])}\n`);
      appendFile(fd, body.path);
    } finally {
      closeSync(fd);
    }
  }
  return {
    connections: joiner.connections.map((c, i) => ({ ...c, tally: tallies[i] as ConnectionTally })),
    problems: problems.list,
    records: count,
  };
}
