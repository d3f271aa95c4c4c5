// A HAR file (Chromium's "Save all as HAR with content", Playwright's recordHar) read for its Socket.IO traffic:
// every Engine.IO connection in it (polling requests and responses, WebSocket messages), joined by its session id,
// its frames in time order, decoded into timeline records (frame-decoder.ts). Each connection is a client of its own,
// named by its server, path and order. What the file lacks to decode (content, WebSocket messages) is said, not guessed.
import type { TimelineRecord } from "../feed/records.js";
import { fromBase64 } from "../shared/base64.js";
import { ConnectionDecoder, type RawFrame } from "./frame-decoder.js";

export class HarError extends Error {
  override name = "HarError";
}

export interface HarCapture {
  records: TimelineRecord[];
  /** The connections found, in order: their client names, and the server and Engine.IO path they went to. */
  connections: Array<{ name: string; url: string; path: string }>;
  /** What could not be read, and how to export the file so that it can. */
  problems: string[];
}

interface HarEntry {
  startedDateTime?: string;
  time?: number;
  request?: { method?: string; url?: string; postData?: { text?: string; encoding?: string } };
  response?: { status?: number; content?: { text?: string; encoding?: string; size?: number; mimeType?: string } };
  _webSocketMessages?: Array<{ type?: string; time?: number; opcode?: number; data?: string }>;
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

/** The packets of a polling payload: Engine.IO 4 separates them with \x1e; Engine.IO 3 prefixes each with its length. */
export function splitPayload(text: string, eio: number): string[] {
  if (eio !== 3) return text.split("\x1e").filter((p) => p !== "");
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    const colon = text.indexOf(":", i);
    const length = Number(text.slice(i, colon));
    if (colon === -1 || !Number.isInteger(length)) {
      out.push(text.slice(i)); // not a length: the rest as one packet, for the decoder to name
      break;
    }
    out.push(text.slice(colon + 1, colon + 1 + length));
    i = colon + 1 + length;
  }
  return out;
}

/** Engine.IO 3's binary polling payload: per packet a 0/1 (text/binary) byte, its length in digits, 255, the bytes. */
export function splitBinaryPayload(bytes: Uint8Array): Array<string | Uint8Array> {
  const out: Array<string | Uint8Array> = [];
  let i = 0;
  while (i < bytes.length) {
    const binary = bytes[i] === 1;
    let j = i + 1;
    let length = 0;
    while (j < bytes.length && bytes[j] !== 255) length = length * 10 + (bytes[j++] as number);
    const body = bytes.subarray(j + 1, j + 1 + length);
    out.push(binary ? body : new TextDecoder().decode(body));
    i = j + 1 + length;
  }
  return out;
}

/** Whether a file is a HAR rather than a session file: by its name, or by how its JSON begins. */
export function isHarText(text: string, fileName: string): boolean {
  return /\.har$/i.test(fileName) || /^\s*\{\s*"log"\s*:/.test(text.slice(0, 200));
}

/**
 * Reads a HAR's Socket.IO connections into records, one client per connection.
 * @throws HarError when the text is not a HAR, or holds no Engine.IO traffic at all (saying how to export one)
 */
export function decodeHar(text: string, fileName = "The file"): HarCapture {
  let har: unknown;
  try {
    har = JSON.parse(text);
  } catch {
    throw new HarError(`${fileName} is not JSON, so not a HAR file`);
  }
  const entries = isObject(har) && isObject(har.log) ? har.log.entries : undefined;
  if (!Array.isArray(entries)) throw new HarError(`${fileName} is not a HAR file: it has no log.entries`);
  const problems = new Set<string>();
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

  // In the order requests started: a handshake comes before the requests that carry its sid.
  const sorted = (entries as unknown[])
    .filter((e): e is HarEntry => isObject(e))
    .map((e) => ({ e, start: Date.parse(String(e.startedDateTime ?? "")) || 0 }))
    .sort((a, b) => a.start - b.start);
  for (const { e, start } of sorted) {
    let url: URL;
    try {
      url = new URL(String(e.request?.url ?? ""));
    } catch {
      continue;
    }
    const eio = Number(url.searchParams.get("EIO"));
    const transport = url.searchParams.get("transport");
    if (!(eio === 3 || eio === 4) || (transport !== "polling" && transport !== "websocket")) continue;
    if (url.searchParams.has("j")) continue; // JSONP polling wraps packets in script: not read
    const sid = url.searchParams.get("sid");
    if (transport === "websocket") {
      const messages = e._webSocketMessages;
      if (!Array.isArray(messages)) {
        problems.add(
          `${url.host}: a WebSocket without its messages: export from Chromium's Network panel with “Save all as HAR with content” (or Playwright's recordHar with content "embed")`,
        );
        continue;
      }
      const c = (sid && bySid.get(sid)) || newConnection(url, eio);
      for (const m of messages) {
        if (!isObject(m) || typeof m.data !== "string" || typeof m.time !== "number") continue;
        const data = m.opcode === 2 ? fromBase64(m.data) : m.data;
        c.frames.push({ dir: m.type === "send" ? "out" : "in", t: messageTime(m.time), data, transport: "websocket" });
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
        problems.add(`${url.host}: polling requests without their content: export with “Save all as HAR with content”`);
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
  if (connections.length === 0) {
    throw new HarError(
      `${fileName} holds no Engine.IO traffic${problems.size ? `: ${[...problems].join("; ")}` : " (no request with EIO=3 or EIO=4)"}`,
    );
  }

  const records: TimelineRecord[] = [];
  let seq = 0;
  for (const c of connections) {
    const decoder = new ConnectionDecoder(
      c.name,
      c.eio,
      () => ++seq,
      (r) => records.push(r),
    );
    // Stable: frames of one moment keep the order the file gave them.
    for (const frame of c.frames.map((f, i) => ({ f, i })).sort((a, b) => a.f.t - b.f.t || a.i - b.i))
      decoder.frame(frame.f);
  }
  return {
    records: renumbered(records),
    connections: connections.map(({ name, url, path }) => ({ name, url, path })),
    problems: [...problems],
  };
}

/** All connections' records in time order, numbered in that order (the pairs of acks follow their numbers). */
function renumbered(records: TimelineRecord[]): TimelineRecord[] {
  const ordered = records.map((r, i) => ({ r, i })).sort((a, b) => a.r.t - b.r.t || a.i - b.i);
  const map = new Map<number, number>();
  ordered.forEach(({ r }, i) => map.set(r.seq, i + 1));
  return ordered.map(({ r }) => {
    r.seq = map.get(r.seq) as number;
    if ("pair" in r && r.pair !== undefined) r.pair = map.get(r.pair);
    return r;
  });
}
