import {
  Manager,
  type ManagerOptions,
  type ProtocolAdapter,
  type Socket,
  type SocketOptions,
} from "../../client/index.js";
import { observe, sequence } from "../../client/observe/observer.js";
import type { ClientRecord, PacketRecord } from "../../client/observe/records.js";
import { checkClientConfig, checkManagerSettings, managerSettings, namespaceCredentials } from "./client-checks.js";
import { checkEmit, type EmitState } from "./emit-check.js";
import { askEngineVersion } from "../connection/engine-probe.js";
import { isSidlessConnect, type NoteRecord, type TimelineRecord } from "./records.js";
import type { RecordSource } from "./source.js";
import { headersFrom, type ConnectionConfig, type NamespaceConfig } from "../connection/config.js";
import type { Relay } from "../connection/relay.js";
import { errorMessage } from "../shared/errors.js";

export interface EmitOptions {
  /**
   * Ask for an ack, with this time-out in ms (0: wait for ever). `onReply` hears the ack's arguments, or the error
   * of a time-out (the timeline shows both either way).
   */
  ack?: { timeout: number; onReply?: (err: Error | null, args: unknown[]) => void };
  volatile?: boolean;
  compress?: boolean;
}

export interface ManagerStatus {
  state: "idle" | "connecting" | "open" | "reconnecting" | "closed";
  transport: string;
  engineId: string;
  /** "upgrading", "upgraded", or "" */
  upgrade: string;
  /** The largest packet the server accepts (from its handshake): 0 before one, "not announced" when it had none. */
  maxPayload: number | "not announced";
  /** The protocol spoken: "v4" (Socket.IO v3/v4) or "v2"; with auto, "auto" until the server told. */
  protocol: "v4" | "v2" | "auto";
}

export interface SocketStatus {
  nsp: string;
  connected: boolean;
  active: boolean;
  recovered: boolean;
  id: string;
}

export interface ClientHooks {
  /** A failure after the client started (loading the v2 module, opening a namespace): shown to the user. */
  onError(message: string): void;
  /** Not in a browser (the command line): any header may be sent. */
  outsideBrowser?: boolean;
  /** The local server's relay, when the page came from one: what Route "relay" goes through. */
  relay?: Relay;
}

/** Records that change nothing `status()` or `socketStatus()` say: the traffic itself. */
const KEEPS_STATUS = new Set<TimelineRecord["kind"]>([
  "packet",
  "ping",
  "pong",
  "buffered",
  "flush",
  "volatile_dropped",
  "ack_timeout",
  "ack_discarded",
]);

/** The v2 module, fetched the first time a session needs it: the default client carries none of it. */
let v2Module: ProtocolAdapter | undefined;
export async function loadV2(): Promise<ProtocolAdapter> {
  return (v2Module ??= (await import("../../client/v2/index.js")).v2);
}

/** The msgpack parser, fetched the first time a client chooses it: the default client carries none of it. */
let msgpackModule: typeof import("./msgpack-parser.js").inspectorMsgpackParser | undefined;
export async function loadMsgpack(): Promise<NonNullable<typeof msgpackModule>> {
  return (msgpackModule ??= (await import("./msgpack-parser.js")).inspectorMsgpackParser);
}

/**
 * One live client: a Manager, its sockets and the observer that reports on them, as a record source. Framework-free;
 * the UI keeps it out of reactive state and reads plain snapshots (`status`, `socketStatus`).
 * With Server version "auto" it starts in v4 and, when the server's first answer is Engine.IO 3 or its CONNECT
 * has no session id, starts again in v2, saying so in the timeline.
 */
export class LiveClient implements RecordSource {
  readonly kind = "live";
  private readonly listeners = new Set<(record: TimelineRecord) => void>();
  /**
   * The client's own numbers for its records (the observer's and its notes): its pairs are tied by them, and the feed
   * gives each record the timeline's number (numbering.ts).
   */
  private readonly sequence = sequence();
  private manager: Manager | undefined;
  private stopObserving: (() => void) | undefined;
  private readonly sockets = new Map<string, Socket>();
  /** The namespaces asked for, opened on each Manager this session makes. */
  private readonly wanted = new Map<string, NamespaceConfig>();
  private protocol: "v4" | "v2";
  /** With auto: whether the server has told which protocol it speaks. */
  private settled: boolean;
  private disposed = false;
  private upgrade = "";
  /** Namespaces whose server sent a private id: their events carry a recovery offset. */
  private readonly recoverable = new Set<string>();
  /** The server's limit per packet, from its handshake; 0 when not announced (or no handshake yet). */
  private maxPayload = 0;
  private handshakeSeen = false;
  /** The headers the client itself sends; with the relay, none: the local server adds them. */
  private readonly headers: Record<string, string> | undefined;
  /** Where the client connects: the server itself, or (Route relay) the local server's route to it. */
  private target: { url: string; path: string };
  private routeId: string | undefined;
  /** The relay failure last written to the timeline (its time), so that each is said once. */
  private failureSaid = 0;
  private failureAsked = false;
  /** The route could not be made: nothing connects, and the status says closed. */
  private routeFailed = false;
  private changes = 0;

  /**
   * @throws Error (TypeError from the client) when the URL or an option is invalid; nothing is opened then.
   */
  constructor(
    /** The client's name, on each of its records (a rename changes it for the records that follow). */
    private clientName: string,
    private readonly config: ConnectionConfig,
    private readonly hooks: ClientHooks,
  ) {
    this.headers = checkClientConfig(config, hooks);
    this.target = { url: config.url, path: config.path || "/socket.io" };
    this.protocol = config.serverVersion === "v2" ? "v2" : "v4";
    this.settled = config.serverVersion !== "auto";
  }

  /**
   * Changes whenever what `status()` and `socketStatus()` say may have changed (a connection's state, a socket's, the
   * transport): a reader takes new snapshots only then.
   */
  get version(): number {
    return this.changes;
  }

  /** The client's name, on each of its records. */
  get name(): string {
    return this.clientName;
  }

  /** A client's name is a label: the records from now on carry the new one, those before keep theirs. */
  rename(to: string): void {
    this.clientName = to;
  }

  /**
   * Opens the namespaces on a new Manager. Synchronous when the protocol's code is at hand, so that a bad option
   * throws here; the v2 module is loaded first the first time it is needed.
   * @throws Error when an option is invalid.
   */
  start(namespaces: readonly NamespaceConfig[]): void {
    for (const ns of namespaces) this.wanted.set(ns.nsp, ns);
    this.check();
    if (this.config.route === "relay") {
      void this.routeThenBegin();
      return;
    }
    if (this.hooks.relay)
      this.note(
        "route",
        `direct: this page connects to ${this.config.url} itself (CORS and the browser's rules apply)`,
      );
    this.begin();
  }

  /** @throws Error (TypeError from the client) when an option is invalid; makes nothing that connects. */
  check(): void {
    checkManagerSettings(this.config);
  }

  /** Route relay: registers the server with the local server, then connects to the route it gave. */
  private async routeThenBegin(): Promise<void> {
    const relay = this.hooks.relay as Relay;
    const headers = headersFrom(this.config.extraHeaders, { browser: false }) ?? {};
    try {
      const route = await relay.register({ url: this.config.url, path: this.target.path, headers });
      if (this.disposed) return;
      this.routeId = route.id;
      this.target = { url: route.url, path: route.path };
      const names = Object.keys(headers);
      this.note(
        "route",
        `through the inspector's server (${relay.origin}) to ${route.target}: no CORS` +
          (names.length ? `; it adds ${names.join(", ")} to every request, the WebSocket upgrade included` : ""),
      );
    } catch (err) {
      this.routeFailed = true;
      this.note("unreachable", errorMessage(err));
      this.hooks.onError(errorMessage(err));
      return;
    }
    this.begin();
  }

  /** Makes the client of the protocol in use (asking the server first with auto). */
  private begin(): void {
    if (!this.settled) {
      void this.askThenBoot();
      return;
    }
    void this.loadThenBoot();
  }

  /** Fetches what this client's protocol and parser need beyond the default client (the v2 mode, msgpack), then boots. */
  private async loadThenBoot(): Promise<void> {
    try {
      if (this.protocol === "v2" && !v2Module) await loadV2();
    } catch (err) {
      this.hooks.onError(`The v2 mode could not be loaded: ${errorMessage(err)}`);
      return;
    }
    try {
      if (this.config.parser === "msgpack" && !msgpackModule) await loadMsgpack();
    } catch (err) {
      this.hooks.onError(`The msgpack parser could not be loaded: ${errorMessage(err)}`);
      return;
    }
    if (!this.disposed) this.bootSafely();
  }

  /**
   * Route relay: a connection that failed may have failed at the local server (the target not found, refused, a
   * TLS error): asks it why, and says so once per failure.
   */
  private async askWhyUnreachable(): Promise<void> {
    const relay = this.hooks.relay;
    if (!relay || this.routeId === undefined || this.failureAsked) return;
    this.failureAsked = true;
    try {
      const failure = await relay.lastFailure(this.routeId);
      if (!failure || failure.at <= this.failureSaid || this.disposed) return;
      this.failureSaid = failure.at;
      this.note("unreachable", `The inspector's server: ${failure.reason}`);
    } finally {
      this.failureAsked = false;
    }
  }

  private bootSafely(): void {
    try {
      this.boot();
    } catch (err) {
      this.hooks.onError(errorMessage(err));
    }
  }

  /**
   * Server version auto, with polling: asks the server which Engine.IO it speaks (one handshake, closed at once)
   * before making the client, so that one Connect makes one session of the right protocol. When the server cannot
   * be asked (no CORS for this page, no answer), the client learns it from its own first answers instead.
   */
  private async askThenBoot(): Promise<void> {
    const eio = await askEngineVersion(
      this.target.url,
      this.target.path,
      managerSettings(this.config, this.target.path).query as Record<string, string>,
      {
        ...(this.headers ? { headers: this.headers } : {}),
        withCredentials: this.config.route === "relay" ? false : this.config.withCredentials,
        transports: this.config.transports,
      },
    );
    if (this.disposed) return;
    if (eio !== undefined) {
      const how = this.config.transports.includes("polling")
        ? `its handshake is ${eio === 3 ? "framed in Engine.IO 3" : "Engine.IO 4"} (asked with one polling request, closed at once)`
        : `its WebSocket handshake was ${eio === 3 ? "followed by the CONNECT a v2 server sends unasked" : "not followed by an unasked CONNECT"} (asked with one WebSocket, closed at once)`;
      this.settled = true;
      this.protocol = eio === 3 ? "v2" : "v4";
      this.note(
        "protocol",
        eio === 3
          ? `Server version auto: Socket.IO v2 (Engine.IO 3): ${how}`
          : `Server version auto: Socket.IO v3/v4 (Engine.IO 4): ${how}`,
      );
    }
    await this.loadThenBoot();
  }

  /** The Manager's options for the current protocol. */
  private managerOptions(): Partial<ManagerOptions> {
    return {
      ...managerSettings(this.config, this.target.path),
      ...(this.headers ? { extraHeaders: this.headers } : {}),
      ...(this.config.parser === "msgpack" && msgpackModule ? { parser: msgpackModule } : {}),
      ...(this.protocol === "v2" && v2Module ? { protocol: v2Module } : {}),
    };
  }

  /** Makes the Manager of the current protocol and opens every wanted namespace on it. */
  private boot(): void {
    if (this.disposed) return;
    const manager = new Manager(this.target.url, this.managerOptions());
    this.manager = manager;
    this.changes++;
    this.sockets.clear();
    this.stopObserving = observe(manager, (record) => this.handle(record), { sequence: this.sequence });
    for (const ns of this.wanted.values()) this.openSafely(ns);
  }

  private get socketOptions(): Partial<SocketOptions> {
    return {
      ...(this.config.ackTimeout ? { ackTimeout: this.config.ackTimeout } : {}),
      ...(this.config.retries ? { retries: this.config.retries } : {}),
    };
  }

  /** Opens a namespace; what cannot be sent as configured is said in the timeline, and the others go on. */
  private openSafely(ns: NamespaceConfig): void {
    try {
      this.openSocket(ns);
    } catch (err) {
      this.note("refused", errorMessage(err), ns.nsp);
      this.hooks.onError(errorMessage(err));
    }
  }

  /** @throws Error when the namespace's credentials cannot travel in the current protocol. */
  private openSocket(ns: NamespaceConfig): void {
    const manager = this.manager;
    if (!manager) return; // the v2 module is loading: the namespace opens with the others
    const { auth, nsQuery } = namespaceCredentials(ns, this.settled ? this.protocol : "auto");
    let socket = this.sockets.get(ns.nsp);
    if (!socket) {
      const options =
        this.protocol === "v2"
          ? { ...this.socketOptions, ...(nsQuery ? { query: nsQuery } : {}) }
          : { ...this.socketOptions, ...(auth ? { auth } : {}) };
      socket = manager.socket(ns.nsp, options as Partial<SocketOptions>);
      this.sockets.set(ns.nsp, socket);
      this.changes++;
    } else if (this.protocol === "v4") {
      socket.auth = auth;
    } else {
      // The query typed since (credentials after a refusal) goes with this CONNECT, not the one of the first.
      (socket as unknown as { query: string }).query = nsQuery;
    }
    socket.connect();
  }

  /** Opens a namespace (or reconnects it). @throws Error when its auth or query cannot be sent. */
  open(ns: NamespaceConfig): void {
    this.wanted.set(ns.nsp, ns);
    this.openSocket(ns);
  }

  close(nsp: string): void {
    this.sockets.get(nsp)?.disconnect();
  }

  /** Disconnects every namespace; the engine connection closes with the last one. */
  closeAll(): void {
    for (const socket of this.sockets.values()) socket.disconnect();
    this.manager?.reconnection(false);
    this.manager?.disconnect();
  }

  /** Drops the transport as a network failure would, so that reconnection and recovery can be watched. */
  dropTransport(): void {
    const transport = this.manager?.engine?.transport as { close?: () => void } | undefined;
    if (!transport?.close) return;
    // Said first, so that the close that follows reads as the user's doing, not the network's.
    this.note("user", "Drop transport: the transport is closed on purpose, as a network failure would");
    transport.close();
  }

  /** Stops observing and closes everything; `done` runs once its last records (the disconnects) are out. */
  dispose(done?: () => void): void {
    this.disposed = true;
    this.closeAll();
    this.stopObserving?.();
    done?.();
  }

  /**
   * Sends an emit.
   * @returns a warning for the user ("" when none): a size the server did not announce it accepts, or an emit
   *   that waits in the send buffer.
   * @throws Error when it cannot be sent (nothing is sent then).
   */
  emit(nsp: string, event: string, args: unknown[], options: EmitOptions): string {
    const warning = checkEmit(this.emitState(nsp), nsp, event, args, options.volatile);
    const socket = this.sockets.get(nsp) as Socket; // open: checkEmit refuses a namespace without a socket
    let target = socket.compress(options.compress !== false);
    if (options.volatile) target = target.volatile;
    if (options.ack) {
      const { timeout, onReply } = options.ack;
      if (timeout > 0) {
        // With a time-out, the callback takes the error first (as the client's timeout() flag defines it).
        target = target.timeout(timeout) as unknown as Socket;
        target.emit(event, ...args, (err: Error | null, ...reply: unknown[]) => onReply?.(err, reply));
      } else {
        target.emit(event, ...args, (...reply: unknown[]) => onReply?.(null, reply));
      }
    } else {
      target.emit(event, ...args);
    }
    return warning;
  }

  /** What an emit on `nsp` is checked against (see checkEmit). */
  emitState(nsp: string): EmitState {
    const socket = this.sockets.get(nsp);
    return {
      open: !!socket,
      connected: !!socket?.connected,
      maxPayload: this.maxPayload,
      handshakeSeen: this.handshakeSeen,
    };
  }

  /** Subscribes to the client's records, as they happen; returns the undo. */
  subscribe(listener: (record: TimelineRecord) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  status(): ManagerStatus {
    const m = this.manager;
    const engine = m?.engine;
    const state = !m
      ? this.routeFailed
        ? "closed"
        : "connecting"
      : m.reconnecting
        ? "reconnecting"
        : m.readyState === "opening"
          ? "connecting"
          : m.readyState === "open"
            ? "open"
            : "closed";
    const protocol = this.settled ? this.protocol : "auto";
    // Closed (or between attempts): the last session's transport and upgrade are history, in the timeline; the
    // header says only what is true now.
    const current = state === "open" || state === "connecting";
    return {
      state,
      transport: current ? (engine?.transport?.name ?? "") : "",
      engineId: current ? (engine?.id ?? "") : "",
      upgrade: current ? this.upgrade : "",
      maxPayload: current && this.handshakeSeen ? this.maxPayload || "not announced" : 0,
      protocol,
    };
  }

  socketStatus(): SocketStatus[] {
    return [...this.sockets.entries()].map(([nsp, s]) => ({
      nsp,
      connected: s.connected,
      active: s.active,
      recovered: s.recovered,
      id: s.id ?? "",
    }));
  }

  private note(topic: NoteRecord["topic"], text: string, nsp?: string): void {
    this.emitRecord({
      kind: "note",
      seq: this.sequence.next(),
      t: Date.now(),
      topic,
      text,
      ...(nsp === undefined ? {} : { nsp }),
    });
  }

  private emitRecord(record: TimelineRecord): void {
    if (!KEEPS_STATUS.has(record.kind)) this.changes++;
    // The record is this client's from now on (the observer made it for this one listener).
    record.client = this.clientName;
    for (const listener of this.listeners) listener(record);
  }

  private handle(record: ClientRecord): void {
    if (record.kind === "packet" && record.dir === "in") this.noteOffset(record);
    if (record.kind === "upgrading") this.upgrade = `upgrading to ${record.transport}`;
    else if (record.kind === "upgrade") this.upgrade = `upgraded to ${record.transport}`;
    else if (record.kind === "handshake") {
      this.upgrade = "";
      this.maxPayload = record.maxPayload ?? 0;
      this.handshakeSeen = true;
    }
    this.emitRecord(record);
    if (!this.settled) this.detectProtocol(record);
    const failed =
      record.kind === "error" ||
      record.kind === "reconnect_error" ||
      (record.kind === "close" && record.reason !== "forced close");
    if (failed && this.routeId !== undefined) void this.askWhyUnreachable();
  }

  /**
   * Connection state recovery: a server that sent a private id (`pid`) with CONNECT appends an offset to the events
   * it sends; the client takes a string last argument as that offset, as the official client does.
   */
  private noteOffset(record: PacketRecord): void {
    if (record.type === "CONNECT") {
      const pid = (record.data as { pid?: unknown } | undefined)?.pid;
      if (typeof pid === "string") this.recoverable.add(record.nsp);
      else this.recoverable.delete(record.nsp);
    } else if (record.type.endsWith("EVENT") && record.ackId === undefined && this.recoverable.has(record.nsp)) {
      // The server appends one to events without an ack id only, binary events (with attachments) included.
      const last = record.args?.at(-1);
      if (typeof last === "string") (record as TimelineRecord).offset = last;
    }
  }

  /** Auto: reads the server's first answers for the protocol it speaks. */
  private detectProtocol(record: ClientRecord): void {
    if (record.kind === "connect") {
      this.settled = true;
      this.note(
        "protocol",
        `Server version auto: Socket.IO v3/v4 (Engine.IO 4): the server's CONNECT of ${record.nsp} carried a session id`,
      );
    } else if (record.kind === "error" && record.error?.code === "parser error") {
      void this.switchToV2(
        "its first answer is not Engine.IO 4 framing (the client read a parser error); Socket.IO v2 servers answer in Engine.IO 3",
      );
    } else if (record.kind === "packet" && isSidlessConnect(record)) {
      void this.switchToV2(`its CONNECT of ${record.nsp} carried no session id, as Socket.IO v2 servers answer`);
    }
  }

  private async switchToV2(reason: string): Promise<void> {
    this.settled = true;
    this.note("protocol", `Server version auto: switching to Socket.IO v2 (Engine.IO 3): ${reason}`);
    // The v4 attempt ends quietly: its teardown is not the server's doing.
    this.stopObserving?.();
    for (const socket of this.sockets.values()) socket.disconnect();
    this.manager?.reconnection(false);
    this.manager?.disconnect();
    this.manager = undefined;
    this.changes++;
    this.protocol = "v2";
    await this.loadThenBoot();
  }
}
