import type { ClientRecord } from "../../client/observe/records.js";
import { fromBase64, toBase64 } from "../model/base64.js";

/**
 * A recorded session on disk: NDJSON, a header line then one record per line, so that a big session can be
 * written and read line by line. Values JSON cannot carry are tagged: binary as base64 with its kind, dates as
 * ISO text, `undefined` as a marker; everything else is the record as the observer made it.
 */
export const SESSION_FORMAT = "socketio-inspector-session";
export const SESSION_VERSION = 1;
/** Bigger files are refused before reading. */
export const MAX_SESSION_BYTES = 500 * 1024 * 1024;

const TAG = "$sio-inspector";

type Tagged = { [TAG]: "binary"; kind: string; base64: string } | { [TAG]: "date"; iso: string } | { [TAG]: "undefined" };

export class SessionFileError extends Error {
  override name = "SessionFileError";
}

/** JSON with the values it cannot carry tagged (see the module comment). */
function encodeValue(value: unknown): unknown {
  if (value === undefined) return { [TAG]: "undefined" } satisfies Tagged;
  if (value instanceof Date) return { [TAG]: "date", iso: value.toISOString() } satisfies Tagged;
  if (value instanceof ArrayBuffer) return { [TAG]: "binary", kind: "ArrayBuffer", base64: toBase64(new Uint8Array(value)) } satisfies Tagged;
  if (ArrayBuffer.isView(value)) {
    return { [TAG]: "binary", kind: value.constructor.name, base64: toBase64(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)) } satisfies Tagged;
  }
  if (Array.isArray(value)) return value.map(encodeValue);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) out[key] = encodeValue((value as Record<string, unknown>)[key]);
    return out;
  }
  if (typeof value === "function") return { [TAG]: "undefined" } satisfies Tagged;
  return value;
}

function decodeValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeValue);
  if (value === null || typeof value !== "object") return value;
  const o = value as Record<string, unknown>;
  switch (o[TAG]) {
    case "undefined":
      return undefined;
    case "date":
      return new Date(String(o.iso));
    case "binary": {
      const bytes = fromBase64(String(o.base64));
      return o.kind === "ArrayBuffer" ? bytes.buffer : bytes;
    }
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(o)) out[key] = decodeValue(o[key]);
  return out;
}

/** The NDJSON text of a session. */
export function encodeSession(records: readonly ClientRecord[], exportedAt = new Date()): string {
  const header = JSON.stringify({ format: SESSION_FORMAT, version: SESSION_VERSION, exported: exportedAt.toISOString(), count: records.length });
  const lines = [header];
  for (const r of records) lines.push(JSON.stringify(encodeValue(r)));
  return lines.join("\n") + "\n";
}

const KINDS = new Set(["handshake", "upgrading", "upgrade", "upgrade_error", "ping", "packet", "buffered", "flush", "volatile_dropped", "ack_timeout", "ack_discarded", "reconnect_scheduled", "open", "error", "close", "reconnect_attempt", "reconnect", "reconnect_error", "reconnect_failed", "connect", "connect_error", "disconnect"]);

/**
 * Reads a session file, checking it line by line.
 * @throws SessionFileError naming the line and what is wrong; nothing is loaded then.
 */
export function decodeSession(text: string, name = "The file"): ClientRecord[] {
  if (text.length > MAX_SESSION_BYTES) throw new SessionFileError(`${name} is over the limit of ${MAX_SESSION_BYTES / 1024 / 1024} MB`);
  const lines = text.split("\n");
  let header: { format?: unknown; version?: unknown };
  try {
    header = JSON.parse(lines[0] ?? "");
  } catch {
    throw new SessionFileError(`${name} is not a recorded session: line 1 is not JSON`);
  }
  if (header?.format !== SESSION_FORMAT) throw new SessionFileError(`${name} is not a recorded session (line 1 has no "format": "${SESSION_FORMAT}")`);
  if (header.version !== SESSION_VERSION) throw new SessionFileError(`${name} is session format version ${String(header.version)}; this inspector reads version ${SESSION_VERSION}`);
  const records: ClientRecord[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === "") continue;
    let value: unknown;
    try {
      value = decodeValue(JSON.parse(line));
    } catch {
      throw new SessionFileError(`${name}, line ${i + 1}: not valid JSON (the file may be cut or edited)`);
    }
    const r = value as { kind?: unknown; seq?: unknown; t?: unknown };
    if (typeof r !== "object" || r === null || !KINDS.has(r.kind as string) || typeof r.seq !== "number" || typeof r.t !== "number") {
      throw new SessionFileError(`${name}, line ${i + 1}: not a timeline record (needs a known kind, a seq and a time)`);
    }
    records.push(value as ClientRecord);
  }
  return records;
}
