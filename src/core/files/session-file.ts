import { RecordedNumbering } from "../feed/feed.js";
import { recordProblem } from "./record-check.js";
import type { TimelineRecord } from "../feed/records.js";
import { fromTaggedJson, toTaggedJson } from "./tagged-json.js";
import { SLICE_MS, sliceClock } from "../shared/slices.js";
import { InspectorError, problem, type ArgsOf, type ErrorCode } from "../shared/errors.js";

/**
 * A recorded session on disk: NDJSON, a header line then one record per line, so that a big session can be
 * written and read line by line. Values JSON cannot carry are tagged: binary as base64 with its kind, dates as
 * ISO text, `undefined` as a marker; everything else is the record as the observer made it, with the name of the
 * client it came from (version 2; version 1 files, of one client, have none and load as one client).
 */
export const SESSION_FORMAT = "socketio-inspector-session";
export const SESSION_VERSION = 2;
/** Bigger files are refused before reading. */
export const MAX_SESSION_BYTES = 500 * 1024 * 1024;

export { fromTaggedJson, toTaggedJson };

/** A session file that cannot be read: its code names why (files family of the error table). */
export class SessionFileError extends InspectorError {
  override name = "SessionFileError";
}
/** Throws the SessionFileError of a code. */
function refuse<C extends ErrorCode>(code: C, ...params: ArgsOf<C>): never {
  throw new SessionFileError(problem(code, ...params));
}
/** The size limit's problem, for a file of this name. */
export const tooLarge = (name: string) => problem("file-too-large", { name, maxMb: MAX_SESSION_BYTES / 1024 / 1024 });

/**
 * The lines of a session's NDJSON text, one at a time (each without its line end): a large session can be written
 * out without holding its whole text twice.
 */
export function* sessionLines(records: readonly TimelineRecord[], exportedAt = new Date()): Generator<string> {
  yield sessionHeader(
    records.length,
    [...new Set(records.map((r) => r.client).filter((c) => c !== undefined))],
    exportedAt,
  );
  for (const r of records) yield toTaggedJson(r);
}

/** A session file's first line: its format, and the count and clients of the records that follow. */
export function sessionHeader(count: number, clients: readonly string[], exportedAt = new Date()): string {
  return JSON.stringify({
    format: SESSION_FORMAT,
    version: SESSION_VERSION,
    exported: exportedAt.toISOString(),
    count,
    clients,
  });
}

/** The NDJSON text of a session. */
export function encodeSession(records: readonly TimelineRecord[], exportedAt = new Date()): string {
  return [...sessionLines(records, exportedAt)].join("\n") + "\n";
}

/** Reads the header line: the format and its version (after a byte order mark, if any). @throws SessionFileError */
export function checkHeader(line: string, name: string): void {
  let header: { format?: unknown; version?: unknown };
  try {
    header = JSON.parse(line.replace(/^\uFEFF/, ""));
  } catch {
    return refuse("session-header-not-json", { name });
  }
  if (header?.format !== SESSION_FORMAT) refuse("session-no-format", { name, format: SESSION_FORMAT });
  if (header.version !== 1 && header.version !== SESSION_VERSION)
    refuse("session-version", { name, version: String(header.version), known: SESSION_VERSION });
}

/** Reads one record line (`n`: its line number). @throws SessionFileError naming the line and the field */
export function readRecordLine(line: string, n: number, name: string): TimelineRecord {
  let value: unknown;
  try {
    value = fromTaggedJson(JSON.parse(line));
  } catch {
    return refuse("session-line-not-json", { name, line: n });
  }
  const cause = recordProblem(value);
  if (cause) refuse("session-line-invalid", { name, line: n, cause });
  return value as TimelineRecord;
}

/**
 * One record of a stream in the session file's own form (a watched page's records, sent to the inspector page line
 * by line), checked as a file's are. @throws SessionFileError naming what is wrong
 */
export function decodeRecordLine(line: string, where: string): TimelineRecord {
  return readRecordLine(line, 1, where);
}

/** Splits a session file into its header and record lines, checking its size. */
function linesOf(text: string, name: string): string[] {
  if (text.length > MAX_SESSION_BYTES) throw new SessionFileError(tooLarge(name));
  const lines = text.split("\n");
  checkHeader(lines[0] ?? "", name);
  return lines;
}

/**
 * Reads a session file, checking it line by line; its records are numbered and paired as the feed does (the file's
 * own numbers are its key: see RecordedNumbering).
 * @throws SessionFileError naming the line and what is wrong; nothing is loaded then.
 */
export function decodeSession(text: string, name = "The file"): TimelineRecord[] {
  const lines = linesOf(text, name);
  const numbering = new RecordedNumbering();
  const records: TimelineRecord[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() !== "") records.push(numbering.take(readRecordLine(line, i + 1, name)));
  }
  return records;
}

/**
 * Reads a session file as {@link decodeSession} does, in slices of about `sliceMs` each, so that a large file does
 * not hold the page's thread: between slices the page draws and answers. `onProgress` hears the share read (0 to 1).
 * @throws SessionFileError as decodeSession does
 */
export async function decodeSessionInSlices(
  text: string,
  name = "The file",
  { sliceMs = SLICE_MS, onProgress }: { sliceMs?: number; onProgress?: (share: number) => void } = {},
): Promise<TimelineRecord[]> {
  const lines = linesOf(text, name);
  const numbering = new RecordedNumbering();
  const records: TimelineRecord[] = [];
  const clock = sliceClock(sliceMs);
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() !== "") records.push(numbering.take(readRecordLine(line, i + 1, name)));
    if ((i & 127) === 0 && clock.due()) {
      onProgress?.(i / lines.length);
      await clock.next();
    }
  }
  return records;
}
