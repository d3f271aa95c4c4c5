import type { Socket as Engine } from "engine.io-client";
import { PacketType, type Packet } from "socket.io-parser";
import { on } from "../emitter.js";
import type { Manager } from "../manager.js";
import { setTap } from "./instrument.js";
import { nameText } from "./name-text.js";
import type { ClientRecord, ErrorInfo, PacketRecord, PacketTypeName, RecordDraft } from "./records.js";
import type { ClientTap, SocketState, TapFact } from "./tap.js";
import { OwedAck } from "./owed-ack.js";
import { sequence, type Sequence } from "./sequence.js";

export { OwedAck, owedAckRefusal } from "./owed-ack.js";
export { sequence, type Sequence } from "./sequence.js";

export type RecordListener = (record: ClientRecord) => void;

/** Socket.IO packet types by number, as records name them (a captured frame's decoder names them the same). */
export const PACKET_TYPE_NAMES: Record<number, PacketTypeName> = {
  [PacketType.CONNECT]: "CONNECT",
  [PacketType.DISCONNECT]: "DISCONNECT",
  [PacketType.EVENT]: "EVENT",
  [PacketType.ACK]: "ACK",
  [PacketType.CONNECT_ERROR]: "CONNECT_ERROR",
  [PacketType.BINARY_EVENT]: "BINARY_EVENT",
  [PacketType.BINARY_ACK]: "BINARY_ACK",
};

const now: () => number =
  typeof performance !== "undefined" && typeof performance.timeOrigin === "number"
    ? () => performance.timeOrigin + performance.now()
    : () => Date.now();

function isBinary(value: unknown): boolean {
  return (
    value instanceof ArrayBuffer || ArrayBuffer.isView(value) || (typeof Blob !== "undefined" && value instanceof Blob)
  );
}

/** Counts the binary values nested in `value` (bounded depth, so a cyclic or very deep value cannot hang it). */
export function countAttachments(value: unknown, depth = 0): number {
  if (depth > 64 || value === null || typeof value !== "object") return 0;
  if (isBinary(value)) return 1;
  let count = 0;
  if (Array.isArray(value)) {
    for (const item of value) count += countAttachments(item, depth + 1);
  } else {
    for (const key of Object.keys(value)) count += countAttachments((value as Record<string, unknown>)[key], depth + 1);
  }
  return count;
}

/** Reduces an error of any shape to plain, displayable data. */
export function errorInfo(err: unknown): ErrorInfo {
  if (err instanceof Error) {
    const e = err as Error & { description?: unknown; type?: unknown; data?: unknown };
    const info: ErrorInfo = { message: e.message };
    if (typeof e.description === "string" || typeof e.description === "number") info.description = e.description;
    else if (e.description instanceof Error) info.description = e.description.message;
    if (typeof e.type === "string") info.type = e.type;
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") info.code = code;
    if ("data" in e) info.data = e.data;
    // engine.io-client hands the XHR of a failed poll as the context: its body says why (when CORS lets us read it).
    const context = (e as { context?: { responseText?: unknown } }).context;
    try {
      if (typeof context?.responseText === "string" && context.responseText)
        info.body = context.responseText.slice(0, 200);
    } catch {
      // responseText throws for some response types; there is no body to report then.
    }
    return info;
  }
  if (err && typeof err === "object") {
    const o = err as { description?: unknown; message?: unknown };
    const description = o.description;
    return {
      message: typeof o.message === "string" ? o.message : String(description ?? "unknown error"),
      description:
        typeof description === "string" || typeof description === "number"
          ? description
          : description instanceof Error
            ? description.message
            : undefined,
    };
  }
  return { message: String(err) };
}

interface Pending {
  pair: number;
  /** When the packet left (or arrived), for latency. */
  t: number;
  /** For a server emit that asked for an ack: the handle its record carries. */
  reply?: OwedAck;
}

/**
 * Acks still expected, per direction. A server may ask for acks it never gets, and a client may never be answered:
 * past this many the oldest is forgotten (its ack, if it ever comes, is then recorded without its pair).
 */
export const MAX_PENDING_ACKS = 100_000;

function remember(table: Map<string, Pending>, key: string, pending: Pending): void {
  table.set(key, pending);
  if (table.size <= MAX_PENDING_ACKS) return;
  const oldest = table.keys().next().value as string;
  table.get(oldest)?.reply?.forget();
  table.delete(oldest);
}

/**
 * Turns the inside of one Manager into records. One Recorder per observed Manager,
 * shared by all of its listeners, so that every listener sees the same `seq` numbers.
 */
class Recorder {
  readonly listeners = new Set<RecordListener>();

  /** The tap the Manager calls: routes each fact to the method that records it. */
  readonly tap: ClientTap = (...fact: TapFact) => {
    switch (fact[0]) {
      case "engine":
        return this.engineCreated(fact[1]);
      case "manager":
        return this.managerEvent(fact[1], fact[2]);
      case "scheduled":
        return void this.push({ kind: "reconnect_scheduled", attempt: fact[1], delay: fact[2] });
      case "out":
      case "in":
        return this.packetRecord(fact[0], fact[1]);
      case "socket":
        return this.socketEvent(fact[1], fact[2], fact[3], fact[4]);
      // An emit's packet carries its socket's namespace from the start.
      case "buffered":
        return this.sendBuffered(fact[1].nsp, fact[1]);
      case "dropped": {
        const data = fact[1].data as unknown[];
        return void this.push({
          kind: "volatile_dropped",
          nsp: fact[1].nsp,
          event: nameText(data[0]),
          args: data.slice(1),
        });
      }
      case "flushed":
        return void this.push({ kind: "flush", nsp: fact[1], count: fact[2] });
      case "timeout":
        return this.ackGone("ack_timeout", fact[1], fact[2]);
      case "discarded":
        for (const id of fact[2]) this.ackGone("ack_discarded", fact[1], id);
        return;
      case "owed": {
        const handle = this.owedAck.get(`${fact[1]}\u0000${fact[2]}`)?.reply;
        if (handle) handle.deliver(fact[3]);
      }
    }
  };
  private engineSubs: Array<() => void> = [];
  private lastPing: number | undefined;
  /** Emits of ours awaiting an ack, by namespace and ack id. */
  private readonly awaitingAck = new Map<string, Pending>();
  /** Server emits awaiting our ack, by namespace and ack id. */
  private readonly owedAck = new Map<string, Pending>();

  constructor(private readonly sequence: Sequence) {}

  /**
   * Numbers, stamps and hands out a record. `selfPair`: the record asks for an ack and opens its pair under its own
   * number (known only here, since the sequence may be shared with other Managers). `reply`: the handle to answer the
   * server's ask, kept off the record's data (not enumerable: not exported, not copied).
   */
  private push(draft: RecordDraft, t = now(), selfPair = false, reply?: OwedAck): number {
    const seq = this.sequence.next();
    const record = { ...draft, seq, t } as ClientRecord;
    if (selfPair) (record as PacketRecord).pair = seq;
    if (reply) Object.defineProperty(record, "reply", { value: reply, enumerable: false });
    for (const listener of this.listeners) listener(record);
    // This observer's own number: a listener may number the record again in a sequence of its own (the feed does).
    return seq;
  }

  private engineCreated(engine: Engine): void {
    this.detachEngine();
    this.lastPing = undefined;
    // The v2 mode's engine speaks Engine.IO 3, where the client sends the pings and the server answers them.
    const eio = (engine as { eio?: number }).eio === 3 ? 3 : 4;
    this.engineSubs = [
      on(
        engine,
        "handshake",
        (data: { sid: string; pingInterval: number; pingTimeout: number; maxPayload?: number; upgrades: string[] }) =>
          this.push({
            kind: "handshake",
            sid: data.sid,
            pingInterval: data.pingInterval,
            pingTimeout: data.pingTimeout,
            maxPayload: typeof data.maxPayload === "number" ? data.maxPayload : undefined,
            upgrades: data.upgrades,
            transport: engine.transport?.name ?? "",
            eio,
            fields: Object.keys(data),
          }),
      ),
      on(engine, "upgrading", (transport: { name: string }) =>
        this.push({ kind: "upgrading", transport: transport.name }),
      ),
      on(engine, "upgrade", (transport: { name: string }) => this.push({ kind: "upgrade", transport: transport.name })),
      on(engine, "upgradeError", (err: Error & { transport?: string }) =>
        this.push({ kind: "upgrade_error", transport: err.transport ?? "", error: errorInfo(err) }),
      ),
      on(engine, "ping", () => {
        const t = now();
        this.push(
          {
            kind: "ping",
            from: eio === 3 ? "client" : "server",
            sinceLast: this.lastPing === undefined ? undefined : t - this.lastPing,
          },
          t,
        );
        this.lastPing = t;
      }),
    ];
    // In Engine.IO 4 the engine's "pong" is our own answer, right after the ping; in 3 it is the server's.
    if (eio === 3) this.engineSubs.push(on(engine, "pong", (rtt: number) => void this.push({ kind: "pong", rtt })));
  }

  detachEngine(): void {
    for (const undo of this.engineSubs) undo();
    this.engineSubs = [];
  }

  private managerEvent(event: string, args: readonly unknown[]): void {
    switch (event) {
      case "open":
      case "reconnect_failed":
        this.push({ kind: event });
        break;
      case "error":
      case "reconnect_error":
        this.push({ kind: event, error: errorInfo(args[0]) });
        break;
      case "close":
        this.push({
          kind: "close",
          reason: String(args[0]),
          error: args[1] === undefined ? undefined : errorInfo(args[1]),
        });
        break;
      case "reconnect_attempt":
      case "reconnect":
        this.push({ kind: event, attempt: args[0] as number });
        break;
      // "ping" comes from the engine subscription (with its interval); "packet" from packetIn.
    }
  }

  private socketEvent(nsp: string, event: string, args: readonly unknown[], state: SocketState): void {
    switch (event) {
      case "connect":
        this.push({ kind: "connect", nsp, id: state.id, recovered: state.recovered, active: state.active });
        break;
      case "connect_error":
        this.push({ kind: "connect_error", nsp, error: errorInfo(args[0]), active: state.active });
        break;
      case "disconnect":
        // The server forgets the acks it asked for with this session: stop waiting for ours.
        for (const [key, pending] of this.owedAck) {
          if (!key.startsWith(`${nsp}\u0000`)) continue;
          pending.reply?.forget();
          this.owedAck.delete(key);
        }
        this.push({
          kind: "disconnect",
          nsp,
          reason: String(args[0]),
          error: args[1] === undefined ? undefined : errorInfo(args[1]),
          active: state.active,
        });
        break;
    }
  }

  private packetRecord(dir: "in" | "out", packet: Packet & { options?: { compress?: boolean } }): void {
    const baseType = PACKET_TYPE_NAMES[packet.type] ?? "EVENT";
    const key = `${packet.nsp}\u0000${packet.id}`;
    const t = now();
    const isEvent = packet.type === PacketType.EVENT || packet.type === PacketType.BINARY_EVENT;
    const isAck = packet.type === PacketType.ACK || packet.type === PacketType.BINARY_ACK;
    const data: unknown[] | undefined = Array.isArray(packet.data) ? packet.data : undefined;

    if (isEvent) {
      const args = data ? data.slice(1) : [];
      const attachments = countAttachments(args);
      // The decoder reports binary packets as plain EVENT/ACK once reassembled, and the encoder picks
      // the binary type itself: name them by what crossed the wire.
      const type = attachments ? "BINARY_EVENT" : "EVENT";
      // Our emit that waited in the send buffer is already paired through its `buffered` record;
      // otherwise an emit that asks for an ack opens a pair under its own number.
      const pending = packet.id != null && dir === "out" ? this.awaitingAck.get(key) : undefined;
      const reply = packet.id != null && dir === "in" ? new OwedAck() : undefined;
      const seq = this.push(
        {
          kind: "packet",
          dir,
          nsp: packet.nsp,
          type,
          event: data ? nameText(data[0]) : "",
          args,
          ackId: packet.id,
          attachments,
          pair: pending?.pair,
          compress: dir === "out" ? packet.options?.compress !== false : undefined,
        },
        t,
        packet.id != null && !pending,
        reply,
      );
      if (pending) pending.t = t;
      else if (packet.id != null)
        remember(dir === "out" ? this.awaitingAck : this.owedAck, key, { pair: seq, t, reply });
      return;
    }

    if (isAck) {
      const table = dir === "in" ? this.awaitingAck : this.owedAck;
      const pending = table.get(key);
      if (pending) table.delete(key);
      // Our ack went out (from the handle, or from a listener that called the socket's ack itself).
      pending?.reply?.sent();
      // A copy: the socket prepends the error slot to this very array before calling an error-first ack.
      const args = data ? data.slice() : [];
      const attachments = countAttachments(args);
      const type = attachments ? "BINARY_ACK" : "ACK";
      this.push(
        {
          kind: "packet",
          dir,
          nsp: packet.nsp,
          type,
          args,
          ackId: packet.id,
          attachments,
          pair: pending?.pair,
          latency: pending ? t - pending.t : undefined,
        },
        t,
      );
      return;
    }

    this.push({ kind: "packet", dir, nsp: packet.nsp, type: baseType, data: packet.data, attachments: 0 }, t);
  }

  private sendBuffered(nsp: string, packet: Packet): void {
    const data = packet.data as unknown[];
    const seq = this.push({
      kind: "buffered",
      nsp,
      event: nameText(data[0]),
      args: data.slice(1),
      ackId: packet.id,
    });
    if (packet.id != null) remember(this.awaitingAck, `${nsp}\u0000${packet.id}`, { pair: seq, t: now() });
  }

  private ackGone(kind: "ack_timeout" | "ack_discarded", nsp: string, id: number): void {
    const key = `${nsp}\u0000${id}`;
    const pending = this.awaitingAck.get(key);
    this.awaitingAck.delete(key);
    const t = now();
    this.push({ kind, nsp, ackId: id, pair: pending?.pair, elapsed: pending ? t - pending.t : undefined }, t);
  }
}

const recorders = new WeakMap<Manager, Recorder>();

export interface ObserveOptions {
  /**
   * Where record numbers come from (default: a sequence of this Manager's own). The first observer of a Manager
   * decides; later listeners of the same Manager share its numbers.
   */
  sequence?: Sequence;
}

/**
 * Observes a Manager and its sockets: `listener` gets a record for every fact (see {@link ClientRecord}),
 * synchronously, as it happens. Observing changes nothing in the client's behaviour.
 * Returns the function that stops observing; when the last listener leaves, the Manager holds no tap
 * and does no work for observation at all.
 *
 * @example
 * const stop = observe(socket.io, (record) => console.log(record.kind, record));
 * // Several Managers on one timeline: one sequence numbers all their records (and keeps their pairs apart).
 * const seq = sequence();
 * observe(alice.io, show, { sequence: seq });
 * observe(bob.io, show, { sequence: seq });
 */
export function observe(manager: Manager, listener: RecordListener, options: ObserveOptions = {}): () => void {
  let recorder = recorders.get(manager);
  if (!recorder) {
    recorder = new Recorder(options.sequence ?? sequence());
    recorders.set(manager, recorder);
    setTap(manager, recorder.tap);
  }
  recorder.listeners.add(listener);
  const active = recorder;
  return () => {
    active.listeners.delete(listener);
    if (active.listeners.size === 0 && recorders.get(manager) === active) {
      recorders.delete(manager);
      active.detachEngine();
      setTap(manager, undefined);
    }
  };
}
