// Opening a recorded file, whatever it is: a session file (the inspector's own NDJSON) or a HAR (a browser's export of
// an app's traffic). The page and the command line open files through this one function: the file is told apart by
// its name and first characters, read as a stream of text chunks (a 200 MB file is never one string), checked, and
// its records numbered and paired as the feed does. What cannot be read is said beside what could.
import { HarError, isHarText, readHar, type HarCapture } from "../capture/har.js";
import type { Problem } from "../shared/errors.js";
import type { TimelineRecord } from "../feed/records.js";
import { SLICE_MS, sliceClock } from "../shared/slices.js";
import { MAX_SESSION_BYTES, SessionFileError, tooLarge } from "./session-file.js";
import { SessionLineReader } from "./session-stream.js";

export { HarError, SessionFileError };

export interface OpenedFile {
  name: string;
  kind: "session" | "har";
  /** Numbered and paired, in order. */
  records: TimelineRecord[];
  /** A HAR's Engine.IO connections: their client names, and the server and path each went to. */
  connections: HarCapture["connections"];
  /** What could not be read (a HAR's entries without content, say), for the user beside the records. */
  problems: Problem[];
}

export interface OpenOptions {
  /** The file's size (bytes or characters): what progress is measured against. */
  size?: number;
  /** How far it has come, from 0 to 1 (reading, then decoding). */
  onProgress?: (share: number) => void;
  sliceMs?: number;
}

/** How many first characters tell a HAR from a session file. */
const SNIFF_CHARS = 200;

/**
 * Opens a recorded file from its text, in chunks.
 * @throws SessionFileError or HarError naming the file (and the line, or what the HAR lacks); nothing is opened then
 */
export async function openRecordFile(
  chunks: AsyncIterable<string>,
  name: string,
  { size, onProgress, sliceMs = SLICE_MS }: OpenOptions = {},
): Promise<OpenedFile> {
  if (size !== undefined && size > MAX_SESSION_BYTES) throw new SessionFileError(tooLarge(name));
  const { start, rest } = await sniff(chunks);
  if (isHarText(start, name)) {
    const capture = await readHar(rest, name, {
      ...(size === undefined ? {} : { size }),
      sliceMs,
      onProgress: (phase, share) => onProgress?.(phase === "read" ? share * 0.8 : 0.8 + share * 0.2),
    });
    return { name, kind: "har", ...capture };
  }
  return {
    name,
    kind: "session",
    records: await readSession(rest, name, size, onProgress, sliceMs),
    connections: [],
    problems: [],
  };
}

/** Opens a recorded file already in hand as one text (a session handed over by the browser extension). */
export function openRecordText(text: string, name: string, options: OpenOptions = {}): Promise<OpenedFile> {
  async function* whole(): AsyncGenerator<string> {
    yield text;
  }
  return openRecordFile(whole(), name, { size: text.length, ...options });
}

/** The first characters of a stream, and the whole stream again (those characters first). */
async function sniff(chunks: AsyncIterable<string>): Promise<{ start: string; rest: AsyncIterable<string> }> {
  const iterator = chunks[Symbol.asyncIterator]();
  const head: string[] = [];
  let length = 0;
  let done = false;
  while (length < SNIFF_CHARS) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    head.push(next.value);
    length += next.value.length;
  }
  async function* rest(): AsyncGenerator<string> {
    yield* head;
    if (done) return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  return { start: head.join("").slice(0, SNIFF_CHARS), rest: rest() };
}

/** A session file, line by line as its chunks come, checked and numbered (SessionLineReader), in slices. */
async function readSession(
  chunks: AsyncIterable<string>,
  name: string,
  size: number | undefined,
  onProgress: ((share: number) => void) | undefined,
  sliceMs: number,
): Promise<TimelineRecord[]> {
  const reader = new SessionLineReader(name);
  const records: TimelineRecord[] = [];
  const clock = sliceClock(sliceMs);
  let carry = "";
  let read = 0;
  const take = (line: string) => {
    const record = reader.read(line);
    if (record) records.push(record);
  };
  for await (const chunk of chunks) {
    read += chunk.length;
    const lines = (carry + chunk).split("\n");
    carry = lines.pop() ?? "";
    for (const line of lines) take(line);
    if (clock.due()) {
      if (size) onProgress?.(Math.min(1, read / size));
      await clock.next();
    }
  }
  if (carry !== "") take(carry);
  reader.end();
  onProgress?.(1);
  return records;
}
