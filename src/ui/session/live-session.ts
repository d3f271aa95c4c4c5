import * as msgpackParser from "socket.io-msgpack-parser";
import { Manager, type ParserModule, type Socket } from "../../client/index.js";
import { MAX_PENDING_ACKS, observe } from "../../client/observe/observer.js";
import type { ClientRecord } from "../../client/observe/records.js";
import { parseUrl } from "../../client/url.js";
import { byteLength, formatSize, isBinary } from "../model/binary.js";
import { parseAuth, type ConnectionConfig, type NamespaceConfig } from "./config.js";

export interface EmitOptions {
  /** Ask for an ack, with this time-out in ms (0: wait for ever). */
  ack?: { timeout: number };
  volatile?: boolean;
  compress?: boolean;
}

export interface ManagerStatus {
  state: "idle" | "connecting" | "open" | "reconnecting" | "closed";
  transport: string;
  engineId: string;
  /** "upgrading", "upgraded", or "" */
  upgrade: string;
  /** The largest packet the server accepts (from its handshake), 0 before one. */
  maxPayload: number;
}

export interface SocketStatus {
  nsp: string;
  connected: boolean;
  active: boolean;
  recovered: boolean;
  id: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AckFn = (...args: any[]) => void;

/**
 * One live connection: a Manager, its sockets and the observer that reports on them. Framework-free;
 * the UI keeps it out of reactive state and reads plain snapshots (`status`, `sockets`).
 */
export class LiveSession {
  readonly manager: Manager;
  private readonly sockets = new Map<string, Socket>();
  private readonly stopObserving: () => void;
  /** Server emits that asked for an ack, per namespace, in arrival order, until the socket sees them. */
  private readonly asked = new Map<string, number[]>();
  /** The ack callbacks of server emits, by the pair id of their record. */
  private readonly answers = new Map<number, AckFn>();
  private upgrade = "";
  private maxPayload = 0;

  /**
   * @throws Error (TypeError from the client) when the URL or an option is invalid; nothing is opened then.
   */
  constructor(
    config: ConnectionConfig,
    private readonly onRecord: (record: ClientRecord) => void,
  ) {
    parseUrl(config.url); // a clear error for a bad URL before anything is made
    if (config.transports.length === 0) throw new Error("Choose at least one transport");
    const query = Object.fromEntries(config.query.filter((q) => q.key).map((q) => [q.key, q.value]));
    this.manager = new Manager(config.url, {
      path: config.path || "/socket.io",
      transports: config.transports,
      query,
      reconnection: config.reconnection,
      reconnectionAttempts: config.reconnectionAttempts,
      reconnectionDelay: config.reconnectionDelay,
      reconnectionDelayMax: config.reconnectionDelayMax,
      randomizationFactor: config.randomizationFactor,
      timeout: config.timeout,
      autoConnect: false,
      ...(config.parser === "msgpack" ? { parser: msgpackParser as unknown as ParserModule } : {}),
    });
    this.socketOptions = {
      ...(config.ackTimeout ? { ackTimeout: config.ackTimeout } : {}),
      ...(config.retries ? { retries: config.retries } : {}),
    };
    this.stopObserving = observe(this.manager, (record) => this.handle(record));
  }

  private readonly socketOptions: { ackTimeout?: number; retries?: number };

  /** Opens a namespace (or reconnects it). @throws Error when its auth is not a JSON object. */
  open(ns: NamespaceConfig): void {
    const auth = parseAuth(ns);
    let socket = this.sockets.get(ns.nsp);
    if (!socket) {
      socket = this.manager.socket(ns.nsp, { ...this.socketOptions, ...(auth ? { auth } : {}) });
      socket.onAny((...args: unknown[]) => this.claimAck(ns.nsp, args));
      this.sockets.set(ns.nsp, socket);
    } else {
      socket.auth = auth;
    }
    socket.connect();
  }

  close(nsp: string): void {
    this.sockets.get(nsp)?.disconnect();
  }

  /** Disconnects every namespace; the engine connection closes with the last one. */
  closeAll(): void {
    for (const socket of this.sockets.values()) socket.disconnect();
    this.manager.reconnection(false);
    this.manager.disconnect();
  }

  /** Drops the transport as a network failure would, so that reconnection and recovery can be watched. */
  dropTransport(): void {
    const transport = this.manager.engine?.transport as { close?: () => void } | undefined;
    transport?.close?.();
  }

  /** Stops observing and closes everything. */
  dispose(): void {
    this.closeAll();
    this.stopObserving();
  }

  emit(nsp: string, event: string, args: unknown[], options: EmitOptions): void {
    const socket = this.sockets.get(nsp);
    if (!socket) throw new Error(`Namespace ${nsp} is not open`);
    // The server would drop the connection for a packet over its limit: refuse it here, with the numbers.
    const size = payloadSize([event, ...args]);
    if (this.maxPayload && size > this.maxPayload) {
      throw new Error(`The emit is ${formatSize(size)}; the server accepts at most ${formatSize(this.maxPayload)} per packet (maxPayload). Nothing was sent.`);
    }
    let target = socket.compress(options.compress !== false);
    if (options.volatile) target = target.volatile;
    if (options.ack) {
      if (options.ack.timeout > 0) target = target.timeout(options.ack.timeout) as unknown as Socket;
      target.emit(event, ...args, () => {});
    } else {
      target.emit(event, ...args);
    }
  }

  /** Whether the server emit of this pair id still waits for our ack. */
  canAnswer(pair: number): boolean {
    return this.answers.has(pair);
  }

  /** Sends our ack to a server emit that asked for one. */
  answer(pair: number, args: unknown[]): void {
    const fn = this.answers.get(pair);
    if (!fn) throw new Error("This ack was already sent, or the socket disconnected");
    this.answers.delete(pair);
    fn(...args);
  }

  status(): ManagerStatus {
    const m = this.manager;
    const engine = m.engine;
    const state = m._reconnecting ? "reconnecting" : m._readyState === "opening" ? "connecting" : m._readyState === "open" ? "open" : "closed";
    return { state, transport: engine?.transport?.name ?? "", engineId: engine?.id ?? "", upgrade: this.upgrade, maxPayload: this.maxPayload };
  }

  socketStatus(): SocketStatus[] {
    return [...this.sockets.entries()].map(([nsp, s]) => ({ nsp, connected: s.connected, active: s.active, recovered: s.recovered, id: s.id ?? "" }));
  }

  private handle(record: ClientRecord): void {
    if (record.kind === "packet" && record.dir === "in" && record.ackId !== undefined && (record.type === "EVENT" || record.type === "BINARY_EVENT") && record.pair !== undefined) {
      const queue = this.asked.get(record.nsp) ?? [];
      queue.push(record.pair);
      this.asked.set(record.nsp, queue);
    } else if (record.kind === "disconnect") {
      // The server forgets its asks with the session.
      for (const pair of this.asked.get(record.nsp) ?? []) this.answers.delete(pair);
      this.asked.delete(record.nsp);
    } else if (record.kind === "upgrading") this.upgrade = `upgrading to ${record.transport}`;
    else if (record.kind === "upgrade") this.upgrade = `upgraded to ${record.transport}`;
    else if (record.kind === "handshake") {
      this.upgrade = "";
      this.maxPayload = record.maxPayload ?? 0;
    }
    this.onRecord(record);
  }

  /** The socket delivers events in the order the observer saw them: the next ask of this namespace is this one. */
  private claimAck(nsp: string, args: unknown[]): void {
    const last = args[args.length - 1];
    if (typeof last !== "function") return;
    const pair = this.asked.get(nsp)?.shift();
    if (pair === undefined) return;
    this.answers.set(pair, last as AckFn);
    // A server may ask for acks without end: the oldest unanswered ones can no longer be answered from here.
    if (this.answers.size > MAX_PENDING_ACKS) this.answers.delete(this.answers.keys().next().value as number);
  }
}

/** About how many bytes an emit takes on the wire: its JSON, plus the binary attachments. */
function payloadSize(values: unknown[]): number {
  let binary = 0;
  const json = JSON.stringify(values, (_key, value: unknown) => {
    if (isBinary(value)) {
      binary += byteLength(value);
      return 0;
    }
    return value;
  });
  return (json?.length ?? 0) + binary;
}
