// A page's Socket.IO traffic as it happens (a watched page): polling requests and WebSocket messages handed in as the
// browser reports them, joined into Engine.IO connections by their session id and decoded into records at once.
// The same decoding as a HAR file's (frame-decoder.ts); this one never sorts, since it is told in order.
import type { NoteRecord, TimelineRecord } from "../feed/records.js";
import { fromBase64 } from "../shared/base64.js";
import { ConnectionDecoder } from "./frame-decoder.js";
import { problem } from "../shared/errors.js";
import { pollingPackets } from "./payloads.js";

type RawFrameOf = Parameters<ConnectionDecoder["frame"]>[0];

interface Live {
  name: string;
  decoder: ConnectionDecoder;
  eio: number;
}

/** The Engine.IO version and transport of a request URL, when it is an Engine.IO request. */
export function engineRequest(
  url: string,
): { url: URL; eio: number; transport: string; sid: string | null } | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const eio = Number(parsed.searchParams.get("EIO"));
  const transport = parsed.searchParams.get("transport") ?? "";
  if (!(eio === 3 || eio === 4) || (transport !== "polling" && transport !== "websocket")) return undefined;
  return { url: parsed, eio, transport, sid: parsed.searchParams.get("sid") };
}

/** Session ids waited for at most, and frames kept for each: past them, they are not kept. */
const MAX_WAITING_SESSIONS = 100;
const MAX_WAITING_FRAMES = 1000;
/**
 * Polling connections known by session id, at most: a page that reconnects all day opens one after another, and
 * each holds its decoder. Past the bound the oldest is forgotten (a request of its that comes after all is one of
 * a connection whose handshake was not seen, as for a connection opened before the watch).
 */
export const MAX_KNOWN_SESSIONS = 1000;

export class LiveCapture {
  private readonly bySid = new Map<string, Live>();
  private readonly sockets = new Map<string, Live | { waitingFor: string }>();
  /** Frames of WebSockets whose polling handshake has not been read yet (a browser may tell them first). */
  private readonly waiting = new Map<string, RawFrameOf[]>();
  private readonly counts = new Map<string, number>();
  private seq = 0;
  /** How many connections were seen. */
  connectionCount = 0;

  constructor(private readonly emit: (record: TimelineRecord) => void) {}

  private open(url: URL, eio: number): Live {
    const where = `${url.host}${url.pathname.replace(/\/$/, "")}`;
    const n = (this.counts.get(where) ?? 0) + 1;
    this.counts.set(where, n);
    const name = `${where} #${n}`;
    this.connectionCount++;
    return { name, eio, decoder: new ConnectionDecoder(name, eio, () => ++this.seq, this.emit) };
  }

  /** A WebSocket the page opened; @returns whether it is an Engine.IO one (its frames are then wanted). */
  webSocket(id: string, url: string): boolean {
    const req = engineRequest(url);
    if (!req || req.transport !== "websocket") return false;
    const known = req.sid ? this.bySid.get(req.sid) : undefined;
    if (req.sid && !known) {
      this.sockets.set(id, { waitingFor: req.sid });
      this.wait(req.sid, []);
    } else this.sockets.set(id, known ?? this.open(req.url, req.eio));
    return true;
  }

  /**
   * A WebSocket of the page closed (at `t`): nothing more comes on it. Once its connection was upgraded to it, that
   * is the connection's end: a close row, unless the Engine.IO close packet already said so (a server or a network
   * that cuts it sends none).
   */
  closed(id: string, t = Date.now()): void {
    const live = this.sockets.get(id);
    this.sockets.delete(id);
    if (live && !("waitingFor" in live)) live.decoder.webSocketClosed(t);
  }

  /** What is held: WebSockets open, connections known by session id, session ids waited for. */
  get sizes(): { sockets: number; sessions: number; waiting: number } {
    return { sockets: this.sockets.size, sessions: this.bySid.size, waiting: this.waiting.size };
  }

  /** A message of a WebSocket; binary ones as base64 (as browsers report them). */
  frame(id: string, dir: "in" | "out", t: number, data: string, binary: boolean): void {
    const live = this.sockets.get(id);
    if (!live) return;
    let frame: RawFrameOf;
    try {
      frame = { dir, t, data: binary ? fromBase64(data) : data, transport: "websocket" };
    } catch {
      frame = { dir, t, data, transport: "websocket", problem: problem("live-message-not-base64", { dir }) };
    }
    if ("waitingFor" in live) this.wait(live.waitingFor, [frame]);
    else live.decoder.frame(frame);
  }

  /** A note of the capture's own (a page reloaded), numbered with the records. */
  note(note: Omit<NoteRecord, "seq">): void {
    this.emit({ ...note, seq: ++this.seq });
  }

  /** A polling request that completed: what it sent (POST) or what came back (GET). */
  polling(url: string, method: string, t: number, body: string, base64: boolean): void {
    const req = engineRequest(url);
    if (!req || req.transport !== "polling") return;
    const post = method === "POST";
    const read = pollingPackets(body, base64, req.eio);
    const frames: RawFrameOf[] =
      "problem" in read
        ? [
            {
              dir: post ? "out" : "in",
              t,
              data: "",
              transport: "polling",
              problem: problem("live-polling-not-base64", { post }),
            },
          ]
        : read.packets.map((data) => ({ dir: post ? "out" : "in", t, data, transport: "polling" }));
    if (post && frames.length === 1 && frames[0]?.data === "ok") return;
    let live = req.sid ? this.bySid.get(req.sid) : undefined;
    if (!live && req.sid) {
      // Its handshake not read yet (the browser may tell of the next request first), or from before the watch.
      this.wait(req.sid, frames);
      return;
    }
    if (!live) {
      live = this.open(req.url, req.eio);
      const first = frames[0]?.data;
      if (typeof first === "string" && first.startsWith("0")) {
        try {
          const sid = (JSON.parse(first.slice(1)) as { sid?: unknown }).sid;
          if (typeof sid === "string") this.know(sid, live);
        } catch {
          // the decoder names it
        }
      }
    }
    for (const frame of frames) live.decoder.frame(frame);
    this.join(live);
  }

  private know(sid: string, live: Live): void {
    this.bySid.set(sid, live);
    if (this.bySid.size > MAX_KNOWN_SESSIONS) this.bySid.delete(this.bySid.keys().next().value as string);
  }

  /** Keeps frames for a session id not known yet; bounded, since one from before the watch never becomes known. */
  private wait(sid: string, frames: RawFrameOf[]): void {
    let list = this.waiting.get(sid);
    if (!list) {
      if (this.waiting.size >= MAX_WAITING_SESSIONS) return;
      this.waiting.set(sid, (list = []));
    }
    for (const f of frames) if (list.length < MAX_WAITING_FRAMES) list.push(f);
  }

  /** Requests and WebSockets that waited for this connection's handshake: theirs now, with what they said. */
  private join(live: Live): void {
    for (const [sid, frames] of this.waiting) {
      if (this.bySid.get(sid) !== live) continue;
      this.waiting.delete(sid);
      for (const [id, socket] of this.sockets)
        if ("waitingFor" in socket && socket.waitingFor === sid) this.sockets.set(id, live);
      for (const frame of frames) live.decoder.frame(frame);
    }
  }
}
