import { recordProblem } from "./record-check.js";
import type { TimelineRecord } from "./records.js";
import { fromBase64, toBase64 } from "../shared/base64.js";
import { outOfRangeDate, rawMillis } from "../shared/dates.js";
import { SLICE_MS, sliceClock } from "../shared/slices.js";

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

const TAG = "$sio-inspector";

type Tagged =
  | { [TAG]: "binary"; kind: string; base64: string }
  | { [TAG]: "date"; iso: string; millis?: string }
  | { [TAG]: "undefined" };
/** An object of the payload itself that has the tag key is wrapped, so that a server cannot forge a tagged value. */
const ESCAPED = `{"${TAG}":"plain","value":`;

export class SessionFileError extends Error {
  override name = "SessionFileError";
}

/** The JSON text of a leaf or a value JSON cannot carry (tagged), or undefined for an array or object to walk. */
function leafJson(value: unknown): string | undefined {
  if (value === undefined || typeof value === "function")
    return JSON.stringify({ [TAG]: "undefined" } satisfies Tagged);
  if (value instanceof Date) {
    const valid = !Number.isNaN(value.getTime());
    const raw = rawMillis(value);
    return JSON.stringify({
      [TAG]: "date",
      iso: valid ? value.toISOString() : "",
      ...(raw === undefined ? {} : { millis: raw }),
    } satisfies Tagged);
  }
  if (value instanceof ArrayBuffer)
    return JSON.stringify({
      [TAG]: "binary",
      kind: "ArrayBuffer",
      base64: toBase64(new Uint8Array(value)),
    } satisfies Tagged);
  if (ArrayBuffer.isView(value)) {
    const bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    return JSON.stringify({ [TAG]: "binary", kind: value.constructor.name, base64: toBase64(bytes) } satisfies Tagged);
  }
  if (value === null || typeof value !== "object")
    return typeof value === "bigint" ? String(value) : (JSON.stringify(value) ?? "null");
  return undefined;
}

interface Frame {
  value: object;
  /** The keys of an object; undefined for an array. */
  keys: string[] | undefined;
  index: number;
  close: string;
}

/**
 * JSON with the values it cannot carry tagged (see the module comment), written without recursion: a server may
 * send a payload nested 100,000 levels deep, which JSON.stringify and a recursive walk cannot take.
 */
export function toTaggedJson(root: unknown): string {
  const out: string[] = [];
  const stack: Frame[] = [];
  const write = (value: unknown) => {
    const leaf = leafJson(value);
    if (leaf !== undefined) out.push(leaf);
    else if (Array.isArray(value)) {
      out.push("[");
      stack.push({ value, keys: undefined, index: 0, close: "]" });
    } else {
      const escaped = Object.prototype.hasOwnProperty.call(value, TAG);
      out.push(escaped ? `${ESCAPED}{` : "{");
      stack.push({ value: value as object, keys: Object.keys(value as object), index: 0, close: escaped ? "}}" : "}" });
    }
  };
  write(root);
  while (stack.length) {
    const frame = stack[stack.length - 1] as Frame;
    const length = frame.keys ? frame.keys.length : (frame.value as unknown[]).length;
    if (frame.index >= length) {
      out.push(frame.close);
      stack.pop();
      continue;
    }
    if (frame.index > 0) out.push(",");
    const i = frame.index++;
    if (frame.keys) {
      const key = frame.keys[i] as string;
      out.push(JSON.stringify(key), ":");
      write((frame.value as Record<string, unknown>)[key]);
    } else write((frame.value as unknown[])[i]);
  }
  return out.join("");
}

function untag(o: Record<string, unknown>): unknown {
  switch (o[TAG]) {
    case "undefined":
      return undefined;
    case "plain":
      return o.value;
    case "date":
      return typeof o.millis === "string" && /^-?\d{1,30}$/.test(o.millis)
        ? outOfRangeDate(o.millis)
        : new Date(String(o.iso));
    case "binary": {
      const bytes = fromBase64(String(o.base64));
      return o.kind === "ArrayBuffer" ? bytes.buffer : bytes;
    }
  }
  return o;
}

const isWalkable = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && (Array.isArray(v) || Object.getPrototypeOf(v) === Object.prototype);

/** Turns tagged values of parsed JSON back into what they were, in place and without recursion. */
export function fromTaggedJson(parsed: unknown): unknown {
  const root = isWalkable(parsed) ? untag(parsed) : parsed;
  const stack: unknown[] = [root];
  while (stack.length) {
    const v = stack.pop();
    if (!isWalkable(v)) continue;
    for (const key of Object.keys(v)) {
      const child = v[key];
      if (!isWalkable(child)) continue;
      const value = untag(child);
      // defineProperty: a key named "__proto__" stays an ordinary key (plain assignment would set the prototype).
      if (value !== child)
        Object.defineProperty(v, key, { value, enumerable: true, writable: true, configurable: true });
      stack.push(value);
    }
  }
  return root;
}

/**
 * The lines of a session's NDJSON text, one at a time (each without its line end): a large session can be written
 * out without holding its whole text twice.
 */
export function* sessionLines(records: readonly TimelineRecord[], exportedAt = new Date()): Generator<string> {
  yield JSON.stringify({
    format: SESSION_FORMAT,
    version: SESSION_VERSION,
    exported: exportedAt.toISOString(),
    count: records.length,
    clients: [...new Set(records.map((r) => r.client).filter((c) => c !== undefined))],
  });
  for (const r of records) yield toTaggedJson(r);
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
    throw new SessionFileError(`${name} is not a recorded session: line 1 is not JSON`);
  }
  if (header?.format !== SESSION_FORMAT)
    throw new SessionFileError(`${name} is not a recorded session (line 1 has no "format": "${SESSION_FORMAT}")`);
  if (header.version !== 1 && header.version !== SESSION_VERSION)
    throw new SessionFileError(
      `${name} is session format version ${String(header.version)}; this inspector reads versions 1 and ${SESSION_VERSION}`,
    );
}

/** Reads one record line (`n`: its line number). @throws SessionFileError naming the line and the field */
export function readRecordLine(line: string, n: number, name: string): TimelineRecord {
  let value: unknown;
  try {
    value = fromTaggedJson(JSON.parse(line));
  } catch {
    throw new SessionFileError(`${name}, line ${n}: not valid JSON (the file may be cut or edited)`);
  }
  const problem = recordProblem(value);
  if (problem) throw new SessionFileError(`${name}, line ${n}: ${problem}`);
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
  if (text.length > MAX_SESSION_BYTES)
    throw new SessionFileError(`${name} is over the limit of ${MAX_SESSION_BYTES / 1024 / 1024} MB`);
  const lines = text.split("\n");
  checkHeader(lines[0] ?? "", name);
  return lines;
}

/**
 * Reads a session file, checking it line by line.
 * @throws SessionFileError naming the line and what is wrong; nothing is loaded then.
 */
export function decodeSession(text: string, name = "The file"): TimelineRecord[] {
  const lines = linesOf(text, name);
  const records: TimelineRecord[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() !== "") records.push(readRecordLine(line, i + 1, name));
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
  const records: TimelineRecord[] = [];
  const clock = sliceClock(sliceMs);
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() !== "") records.push(readRecordLine(line, i + 1, name));
    if ((i & 127) === 0 && clock.due()) {
      onProgress?.(i / lines.length);
      await clock.next();
    }
  }
  return records;
}
