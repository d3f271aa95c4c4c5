// A HAR's pieces made into what the frame decoder reads: each WebSocket message a frame, each Engine.IO request of the
// log (polling or WebSocket) placed in its connection by session id. Shared by the page's reading of a HAR (har.ts,
// all in memory) and the command line's (src/cli/har-stream.ts, on disk for a file of any size). A piece that cannot
// be read becomes a frame that says so, naming its entry and message: the rest of the file is still read.
// Framework-free.
import { fromBase64 } from "../shared/base64.js";
import { problem, type Problem } from "../shared/errors.js";
import { shownOf, type RawFrame } from "./frame-decoder.js";
import { engineRequest } from "./live-capture.js";
import { pollingPackets } from "./payloads.js";

export interface HarMessage {
  type?: string;
  time?: number;
  opcode?: number;
  data?: string;
}

export interface HarEntry {
  startedDateTime?: string;
  time?: number;
  request?: { method?: string; url?: string; postData?: { text?: string; encoding?: string } };
  response?: { status?: number; content?: { text?: string; encoding?: string; size?: number; mimeType?: string } };
  _webSocketMessages?: HarMessage[];
}

/** What a HAR holds that cannot be read, each said once (the same problem of many entries is one). */
export class HarProblems {
  private readonly byKey = new Map<string, Problem>();
  add(what: Problem): void {
    this.byKey.set(JSON.stringify(what), what);
  }
  get list(): Problem[] {
    return [...this.byKey.values()];
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** A WebSocket message's time: Chromium writes seconds since the epoch, others milliseconds. */
const messageTime = (time: number) => (time < 1e11 ? time * 1000 : time);

/**
 * One WebSocket message of a HAR (its JSON text) as a frame. `t` is NaN when the message has no time of its own: it
 * is still decoded, in its place, and the reader gives it the time of the message before it (or the entry's start).
 */
export function messageFrame(text: string, entry: number, message: number): RawFrame {
  const frame = (data: string | Uint8Array, dir: "in" | "out", t: number, why?: Problem): RawFrame => ({
    dir,
    t,
    data,
    transport: "websocket",
    ...(why === undefined ? {} : { problem: why }),
  });
  let m: unknown;
  try {
    m = JSON.parse(text);
  } catch {
    return frame("", "in", Number.NaN, problem("har-message-not-json", { entry, message }));
  }
  const { type, time, opcode, data } = (isObject(m) ? m : {}) as HarMessage;
  const dir = type === "send" ? "out" : "in";
  const t = typeof time === "number" && Number.isFinite(time) ? messageTime(time) : Number.NaN;
  if (typeof data !== "string") return frame("", dir, t, problem("har-message-no-data", { entry, message }));
  if (opcode !== 2) return frame(data, dir, t);
  try {
    return frame(fromBase64(data), dir, t);
  } catch {
    return frame(data, dir, t, problem("har-message-not-base64", { entry, message, dir, data: shownOf(data) }));
  }
}

/** Gives frames without a time of their own the time of the one before (the first: `start`). */
export function fillTimes(frames: Iterable<RawFrame>, start: number): void {
  let last = start;
  for (const f of frames) {
    if (Number.isNaN(f.t)) f.t = last;
    else last = f.t;
  }
}

/** An Engine.IO request of the log: what it is, and when it started. */
export interface EngineEntry {
  /** Its number in log.entries, from 1. */
  n: number;
  start: number;
  url: string;
  eio: 3 | 4;
  transport: "polling" | "websocket";
  sid: string | null;
}

/**
 * The Engine.IO request an entry is, if it is one (JSONP polling is not read). `problem`: a WebSocket entry without
 * its messages, said once per server.
 */
export function engineEntryOf(entry: HarEntry, n: number): { engine?: EngineEntry; problem?: Problem } {
  const req = engineRequest(String(entry.request?.url ?? ""));
  if (!req || req.url.searchParams.has("j")) return {};
  if (req.transport === "websocket" && !Array.isArray(entry._webSocketMessages))
    return { problem: problem("har-websocket-without-messages", { host: req.url.host }) };
  const start = Date.parse(String(entry.startedDateTime ?? "")) || 0;
  return {
    engine: {
      n,
      start,
      url: req.url.href,
      eio: req.eio === 3 ? 3 : 4,
      transport: req.transport as "polling" | "websocket",
      sid: req.sid,
    },
  };
}

/** What a polling entry carried: its Engine.IO packets as frames, or that it lacks its content. */
export function pollingFrames(
  entry: HarEntry,
  engine: EngineEntry,
): { frames: RawFrame[]; post: boolean } | { missing: true } | { skip: true } {
  const post = entry.request?.method === "POST";
  const content = post ? entry.request?.postData : entry.response?.content;
  if (content?.text === undefined)
    return (entry.response?.content?.size ?? 1) !== 0 ? { missing: true } : { skip: true };
  const end = engine.start + (typeof entry.time === "number" && entry.time > 0 ? entry.time : 0);
  const t = post ? engine.start : end;
  const dir = post ? "out" : "in";
  const read = pollingPackets(content.text, content.encoding === "base64", engine.eio);
  if ("problem" in read)
    return {
      frames: [
        {
          dir,
          t,
          data: "",
          transport: "polling",
          problem: problem("har-polling-not-base64", { entry: engine.n, post }),
        },
      ],
      post,
    };
  if (post && read.packets.length === 1 && read.packets[0] === "ok") return { skip: true };
  return { frames: read.packets.map((data) => ({ dir, t, data, transport: "polling" })), post };
}

/** A connection of the file: its client name, where it went, its Engine.IO version. */
export interface HarConnection {
  name: string;
  url: string;
  path: string;
  eio: number;
}

/**
 * Joins the file's Engine.IO requests into connections by session id, told them in the order they started: a
 * polling handshake (no sid) starts a connection, the requests and the WebSocket that carry its sid join it. Holds
 * a connection's name and its sid only.
 */
export class ConnectionJoiner {
  readonly connections: HarConnection[] = [];
  private readonly bySid = new Map<string, number>();
  private readonly counts = new Map<string, number>();

  private open(url: URL, eio: number): number {
    const where = `${url.host}${url.pathname.replace(/\/$/, "")}`;
    const n = (this.counts.get(where) ?? 0) + 1;
    this.counts.set(where, n);
    const origin = `${url.protocol.replace(/^ws/, "http")}//${url.host}`;
    this.connections.push({ name: `${where} #${n}`, url: origin, path: url.pathname.replace(/\/$/, "") || "/", eio });
    return this.connections.length - 1;
  }

  /** The connection a WebSocket's messages belong to (a new one when its sid is unknown or absent). */
  webSocket(engine: EngineEntry): number {
    const known = engine.sid === null ? undefined : this.bySid.get(engine.sid);
    return known ?? this.open(new URL(engine.url), engine.eio);
  }

  /**
   * The connection a polling request's frames belong to, or undefined: a request of a connection whose handshake
   * the file does not hold is left out.
   */
  polling(engine: EngineEntry, frames: readonly RawFrame[]): number | undefined {
    if (engine.sid !== null) return this.bySid.get(engine.sid);
    const c = this.open(new URL(engine.url), engine.eio);
    const open = frames[0]?.data;
    if (typeof open === "string" && open.startsWith("0")) {
      try {
        const sid = (JSON.parse(open.slice(1)) as { sid?: unknown }).sid;
        if (typeof sid === "string") this.bySid.set(sid, c);
      } catch {
        // the decoder names it
      }
    }
    return c;
  }
}
