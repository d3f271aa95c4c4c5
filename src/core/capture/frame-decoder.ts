// Decodes one Engine.IO connection's raw frames, as an app's browser sent and received them (a HAR file, a watched
// page), into the timeline's records: the handshake, pings, the upgrade, every Socket.IO packet with its namespace,
// events with their acks paired, binary attachments, the close. Engine.IO 3 and 4; the default parser (socket.io-parser
// decodes the packets of Socket.IO 2, 3 and 4 alike) and msgpack. A frame that does not decode becomes a row saying
// why, never silence. Framework-free.
import { Decoder, type Packet } from "socket.io-parser";
import { PACKET_TYPE_NAMES } from "../../client/observe/observer.js";
import type { PacketRecord } from "../../client/observe/records.js";
import { decodeMsgpack } from "../live/msgpack-parser.js";
import type { NoteRecord, TimelineRecord } from "../feed/records.js";
import { fromBase64 } from "../shared/base64.js";
import type { Shown } from "../shared/error-words/capture.js";
import { problem, problemOf, words, type Problem } from "../shared/errors.js";

/** One frame as captured: a WebSocket message, or one Engine.IO packet out of a polling payload. */
export interface RawFrame {
  dir: "in" | "out";
  /** ms since the epoch. */
  t: number;
  data: string | Uint8Array;
  transport: "polling" | "websocket";
  /** Why the capture could not give this frame (a HAR's message that is not base64, ...): a row says it, in full. */
  problem?: Problem;
}

/** Emits waiting for their ack, per connection, at most. */
export const MAX_OPEN_ASKS = 20_000;

/** A frame's data as a note shows it: its text, kept to what the words show (120 characters and more), or its size. */
export const shownOf = (data: string | Uint8Array): Shown =>
  typeof data === "string" ? { text: data.slice(0, 121) } : { bytes: data.length };

export class ConnectionDecoder {
  private readonly decoders: Record<"in" | "out", Decoder>;
  /** The engine's protocol, from the capture's URL (EIO=3 or 4). */
  private readonly eio: 3 | 4;
  /** msgpack: packets are whole binary frames (told by the first message that is binary with none awaited). */
  private msgpack = false;
  /** Each side's asking emits, by namespace and ack id, to pair the acks that answer them. */
  private readonly asked = new Map<string, { seq: number; t: number }>();
  private lastPing: number | undefined;
  private pingOut: number | undefined;
  private current: RawFrame | undefined;
  /** Upgraded to its WebSocket (its close then ends the connection), and whether the end was told already. */
  private upgraded = false;
  private closed = false;

  constructor(
    private readonly client: string,
    eio: number,
    private readonly next: () => number,
    private readonly emit: (record: TimelineRecord) => void,
  ) {
    this.eio = eio === 3 ? 3 : 4;
    this.decoders = { in: this.freshDecoder("in"), out: this.freshDecoder("out") };
  }

  /** Reads one Engine.IO packet (a WebSocket message, or one packet of a polling payload). */
  frame(frame: RawFrame): void {
    this.current = frame;
    if (frame.problem !== undefined) return this.noted(frame.t, frame.problem);
    const { data } = frame;
    if (typeof data !== "string") {
      // A binary frame: in Engine.IO 3 its first byte is the packet type (4, message); in 4 it is a message.
      const body = this.eio === 3 && data[0] === 4 ? data.subarray(1) : data;
      return this.message(frame.dir, body);
    }
    if (data.startsWith("b")) {
      // Binary in a text transport: "b" and base64 (Engine.IO 4), "b4" and base64 (Engine.IO 3).
      try {
        return this.message(frame.dir, fromBase64(this.eio === 3 ? data.slice(2) : data.slice(1)));
      } catch {
        return this.undecoded(frame, problem("binary-not-base64"));
      }
    }
    const type = data[0];
    const rest = data.slice(1);
    switch (type) {
      case "0":
        return this.open(rest);
      case "1":
        this.closed = true;
        this.add({
          kind: "close",
          seq: 0,
          t: frame.t,
          reason: `${frame.dir === "in" ? "the server" : "the client"} closed the connection`,
        });
        return;
      case "2":
        return this.ping(frame, rest);
      case "3":
        return this.pong(frame, rest);
      case "4":
        return this.message(frame.dir, rest);
      case "5":
        this.upgraded = true;
        this.add({ kind: "upgrade", seq: 0, t: frame.t, transport: "websocket" });
        return;
      case "6":
        return; // noop: a polling request's way to end, nothing happened
      default:
        return this.undecoded(frame, problem("engine-type-unknown", { type: type ?? "" }));
    }
  }

  /**
   * The connection's WebSocket closed (a live capture tells it; a HAR does not): after the upgrade, with no close
   * packet before it, the connection ended there (the server or the network cut it, or the page went away). Before
   * the upgrade it was the probe's, and the connection goes on over polling.
   */
  webSocketClosed(t: number): void {
    if (!this.upgraded || this.closed) return;
    this.closed = true;
    this.add({ kind: "close", seq: 0, t, reason: "the WebSocket closed without an Engine.IO close packet" });
  }

  private open(json: string): void {
    let h: Record<string, unknown>;
    try {
      h = JSON.parse(json) as Record<string, unknown>;
    } catch {
      return this.undecoded(this.current as RawFrame, problem("handshake-not-json"));
    }
    this.add({
      kind: "handshake",
      seq: 0,
      t: (this.current as RawFrame).t,
      sid: String(h.sid ?? ""),
      pingInterval: Number(h.pingInterval ?? 0),
      pingTimeout: Number(h.pingTimeout ?? 0),
      ...(typeof h.maxPayload === "number" ? { maxPayload: h.maxPayload } : {}),
      upgrades: Array.isArray(h.upgrades) ? h.upgrades.map(String) : [],
      transport: (this.current as RawFrame).transport,
      eio: this.eio,
      fields: Object.keys(h),
    });
  }

  private ping(frame: RawFrame, rest: string): void {
    // "2probe" tests the WebSocket before the upgrade.
    if (rest === "probe") {
      if (frame.dir === "out") this.add({ kind: "upgrading", seq: 0, t: frame.t, transport: "websocket" });
      return;
    }
    const from = frame.dir === "in" ? "server" : "client";
    if (from === "client") this.pingOut = frame.t;
    const since = this.lastPing === undefined ? undefined : frame.t - this.lastPing;
    this.lastPing = frame.t;
    this.add({ kind: "ping", seq: 0, t: frame.t, from, ...(since === undefined ? {} : { sinceLast: since }) });
  }

  private pong(frame: RawFrame, rest: string): void {
    // A pong from the client answers the server's ping (Engine.IO 4): the ping's row says it. "3probe": the probe.
    if (rest === "probe" || frame.dir === "out" || this.pingOut === undefined) return;
    this.add({ kind: "pong", seq: 0, t: frame.t, rtt: frame.t - this.pingOut });
    this.pingOut = undefined;
  }

  private message(dir: "in" | "out", body: string | Uint8Array): void {
    const frame = this.current as RawFrame;
    if (typeof body !== "string" && (this.msgpack || !this.awaitingAttachments(dir))) {
      // A whole packet in binary: the msgpack parser's.
      this.msgpack = true;
      let packet: unknown;
      try {
        packet = decodeMsgpack(body);
      } catch (err) {
        return this.undecoded(frame, problem("msgpack-undecodable", { cause: problemOf(err) }));
      }
      const p = packet as Packet;
      if (typeof p !== "object" || p === null || typeof p.type !== "number")
        return this.undecoded(frame, problem("binary-not-packet"));
      return this.packet(dir, { ...p, nsp: p.nsp ?? "/" });
    }
    try {
      this.decoders[dir].add(body);
    } catch (err) {
      // The decoder is left in a clean state for the next packet.
      this.decoders[dir] = this.freshDecoder(dir);
      this.undecoded(frame, problem("packet-undecodable", { cause: problemOf(err) }));
    }
  }

  /** Whether a side's decoder waits for the binary attachments of a packet. */
  private awaitingAttachments(dir: "in" | "out"): boolean {
    return (this.decoders[dir] as unknown as { reconstructor?: unknown }).reconstructor != null;
  }

  private freshDecoder(dir: "in" | "out"): Decoder {
    const d = new Decoder();
    d.on("decoded", (packet: Packet) => this.packet(dir, packet));
    return d;
  }

  private packet(dir: "in" | "out", p: Packet): void {
    const t = (this.current as RawFrame).t;
    const type = PACKET_TYPE_NAMES[p.type];
    if (!type) return this.undecoded(this.current as RawFrame, problem("packet-type-unknown", { type: p.type }));
    const nsp = p.nsp || "/";
    const attachments = countBinary(p.data);
    // The parser hands a reassembled binary packet on as EVENT or ACK: named by what it carries, as the observer does.
    const named =
      attachments && type === "EVENT" ? "BINARY_EVENT" : attachments && type === "ACK" ? "BINARY_ACK" : type;
    const record: PacketRecord = { kind: "packet", seq: 0, t, dir, nsp, type: named, attachments };
    if (p.id !== undefined) record.ackId = p.id;
    if (named === "EVENT" || named === "BINARY_EVENT") {
      const [event, ...args] = Array.isArray(p.data) ? (p.data as unknown[]) : [];
      record.event = typeof event === "string" ? event : String(event);
      record.args = args;
    } else if (type === "ACK" || type === "BINARY_ACK") {
      record.args = Array.isArray(p.data) ? (p.data as unknown[]) : [p.data];
    } else if (p.data !== undefined) {
      record.data = p.data;
    }
    const event = named === "EVENT" || named === "BINARY_EVENT";
    if (p.id !== undefined && !event) {
      // An ack answers an emit of the other side: paired before it is handed on.
      const key = `${dir === "in" ? "out" : "in"} ${nsp} ${p.id}`;
      const asked = this.asked.get(key);
      if (asked) {
        record.pair = asked.seq;
        record.latency = t - asked.t;
        this.asked.delete(key);
      }
    }
    if (p.id !== undefined && event) {
      // The pair's id is the asking emit's own number, on the emit and on the ack that answers it (as observed).
      record.seq = this.next();
      record.pair = record.seq;
      this.asked.set(`${dir} ${nsp} ${p.id}`, { seq: record.seq, t });
      // Emits never answered would pile up: past the bound the oldest goes, and an ack that comes for it after all
      // is shown unpaired (as the page's own pairing does).
      if (this.asked.size > MAX_OPEN_ASKS) this.asked.delete(this.asked.keys().next().value as string);
      this.hand(record);
      return;
    }
    this.add(record);
  }

  private undecoded(frame: RawFrame, why: Problem): void {
    this.noted(
      frame.t,
      problem("frame-undecoded", { dir: frame.dir, data: shownOf(frame.data), transport: frame.transport, why }),
    );
  }

  /** A note of what could not be read: its words, and its code and params for logic. */
  private noted(t: number, what: Problem): void {
    const note: NoteRecord = {
      kind: "note",
      seq: 0,
      t,
      topic: "undecoded",
      text: words(what),
      code: what.code,
      params: what.params,
    };
    this.add(note);
  }

  /** Numbers a record and hands it on. */
  private add(record: TimelineRecord): void {
    record.seq = this.next();
    this.hand(record);
  }

  private hand(record: TimelineRecord): void {
    record.client = this.client;
    this.emit(record);
  }
}

/** How many binary values a packet's data holds (its attachments, as the sender counted them). */
function countBinary(value: unknown, depth = 0): number {
  if (value instanceof Uint8Array || value instanceof ArrayBuffer) return 1;
  if (depth > 32 || typeof value !== "object" || value === null) return 0;
  let n = 0;
  for (const v of Object.values(value)) n += countBinary(v, depth + 1);
  return n;
}
