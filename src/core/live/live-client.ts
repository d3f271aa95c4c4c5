import { Manager, type ManagerOptions, type Socket, type SocketOptions } from "../../client/index.js";
import { observe, sequence } from "../../client/observe/observer.js";
import type { ClientRecord, PacketRecord } from "../../client/observe/records.js";
import { askEngineVersion } from "../connection/engine-probe.js";
import type { ConnectionConfig, NamespaceConfig } from "../connection/config.js";
import type { Relay } from "../connection/relay.js";
import type { NoteRecord, TimelineRecord } from "../feed/records.js";
import type { RecordSource } from "../feed/source.js";
import { problem, problemOf, words, type Problem } from "../shared/errors.js";
import { CLOSE_REASONS } from "../shared/peer-words.js";
import { checkClientConfig, checkManagerSettings, managerSettings, namespaceCredentials } from "./client-checks.js";
import {
  changesStatus,
  managerStatus,
  socketStatuses,
  type ManagerStatus,
  type SocketStatus,
} from "./client-status.js";
import { checkEmit, type EmitState } from "./emit-check.js";
import { ProtocolChoice } from "./protocol-choice.js";
import { loadedMsgpack, loadedV2, loadMsgpack, loadV2 } from "./protocol-code.js";
import { RelayRoute } from "./relay-route.js";

export type { ManagerStatus, SocketStatus };

export interface EmitOptions {
  /**
   * Ask for an ack, with this time-out in ms (0: wait for ever). `onReply` hears the ack's arguments, or the error
   * of a time-out (the timeline shows both either way).
   */
  ack?: { timeout: number; onReply?: (err: Error | null, args: unknown[]) => void };
  volatile?: boolean;
  compress?: boolean;
}

export interface ClientHooks {
  /** A failure after the client started (loading the v2 module, opening a namespace): shown to the user. */
  onError(problem: Problem): void;
  /** Not in a browser (the command line): any header may be sent. */
  outsideBrowser?: boolean;
  /** The local server's relay, when the page came from one: what Route "relay" goes through. */
  relay?: Relay;
}

/**
 * One live client: a Manager, its sockets and the observer that reports on them, as a record source. Framework-free;
 * the UI keeps it out of reactive state and reads plain snapshots (`status`, `socketStatus`) when `version` moves.
 * Its parts: the route (relay-route.ts), the protocol with Server version auto (protocol-choice.ts), the code a
 * protocol needs (protocol-code.ts), the checks (client-checks.ts, emit-check.ts) and the status (client-status.ts).
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
  private readonly protocol: ProtocolChoice;
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
  private readonly route: RelayRoute | undefined;
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
    this.protocol = new ProtocolChoice(config.serverVersion);
    if (config.route === "relay" && hooks.relay) this.route = new RelayRoute(hooks.relay);
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
    if (this.route) {
      void this.routeThenBegin(this.route);
      return;
    }
    if (this.hooks.relay) this.note("route", problem("route-direct", { url: this.config.url }));
    this.begin();
  }

  /** @throws Error (TypeError from the client) when an option is invalid; makes nothing that connects. */
  check(): void {
    checkManagerSettings(this.config);
  }

  /** Route relay: registers the server with the local server, then connects to the route it gave. */
  private async routeThenBegin(route: RelayRoute): Promise<void> {
    try {
      const { url, path, note } = await route.register(this.config, this.target.path);
      if (this.disposed) return;
      this.target = { url, path };
      this.note("route", note);
    } catch (err) {
      this.routeFailed = true;
      this.note("unreachable", problemOf(err));
      this.hooks.onError(problemOf(err));
      return;
    }
    this.begin();
  }

  /** Makes the client of the protocol in use (asking the server first with auto). */
  private begin(): void {
    void (this.protocol.settled ? this.loadThenBoot() : this.askThenBoot());
  }

  /** Fetches what this client's protocol and parser need beyond the default client (the v2 mode, msgpack), then boots. */
  private async loadThenBoot(): Promise<void> {
    // Awaited only when not here yet: with the code at hand the client is made in this same call.
    try {
      if (this.protocol.protocol === "v2" && !loadedV2()) await loadV2();
    } catch (err) {
      this.hooks.onError(problem("v2-load-failed", { cause: problemOf(err) }));
      return;
    }
    try {
      if (this.config.parser === "msgpack" && !loadedMsgpack()) await loadMsgpack();
    } catch (err) {
      this.hooks.onError(problem("msgpack-load-failed", { cause: problemOf(err) }));
      return;
    }
    if (this.disposed) return;
    try {
      this.boot();
    } catch (err) {
      this.hooks.onError(problemOf(err));
    }
  }

  /**
   * Server version auto: asks the server which Engine.IO it speaks (one handshake, closed at once) before making the
   * client, so that one Connect makes one session of the right protocol. When the server cannot be asked (no CORS for
   * this page, no answer), the client learns it from its own first answers instead.
   */
  private async askThenBoot(): Promise<void> {
    const eio = await askEngineVersion(
      this.target.url,
      this.target.path,
      managerSettings(this.config, this.target.path).query as Record<string, string>,
      {
        ...(this.headers ? { headers: this.headers } : {}),
        withCredentials: this.route ? false : this.config.withCredentials,
        transports: this.config.transports,
      },
    );
    if (this.disposed) return;
    if (eio !== undefined) this.note("protocol", this.protocol.told(eio, this.config.transports));
    await this.loadThenBoot();
  }

  /** The Manager's options for the current protocol. */
  private managerOptions(): Partial<ManagerOptions> {
    const msgpack = loadedMsgpack();
    const v2 = loadedV2();
    return {
      ...managerSettings(this.config, this.target.path),
      ...(this.headers ? { extraHeaders: this.headers } : {}),
      ...(this.config.parser === "msgpack" && msgpack ? { parser: msgpack } : {}),
      ...(this.protocol.protocol === "v2" && v2 ? { protocol: v2 } : {}),
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
      this.note("refused", problemOf(err), ns.nsp);
      this.hooks.onError(problemOf(err));
    }
  }

  /** @throws Error when the namespace's credentials cannot travel in the current protocol. */
  private openSocket(ns: NamespaceConfig): void {
    const manager = this.manager;
    if (!manager) return; // the v2 module is loading: the namespace opens with the others
    const v2 = this.protocol.protocol === "v2";
    const { auth, nsQuery } = namespaceCredentials(ns, this.protocol.shown);
    let socket = this.sockets.get(ns.nsp);
    if (!socket) {
      const options = v2
        ? { ...this.socketOptions, ...(nsQuery ? { query: nsQuery } : {}) }
        : { ...this.socketOptions, ...(auth ? { auth } : {}) };
      socket = manager.socket(ns.nsp, options as Partial<SocketOptions>);
      this.sockets.set(ns.nsp, socket);
      this.changes++;
    } else if (!v2) {
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

  /**
   * Disconnects every namespace; the engine connection closes with the last one. What is closed already is left
   * alone: the Manager says "close" each time it is asked to close, and one close is one row.
   */
  closeAll(): void {
    for (const socket of this.sockets.values()) if (socket.active) socket.disconnect();
    const m = this.manager;
    if (!m) return;
    m.reconnection(false);
    // A Manager waiting to reconnect is "closed" too: asked to disconnect, it stops waiting.
    if (m.readyState !== "closed" || m.reconnecting) m.disconnect();
  }

  /** Drops the transport as a network failure would, so that reconnection and recovery can be watched. */
  dropTransport(): void {
    const transport = this.manager?.engine?.transport as { close?: () => void } | undefined;
    if (!transport?.close) return;
    // Said first, so that the close that follows reads as the user's doing, not the network's.
    this.note("user", problem("user-dropped-transport"));
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
   * @returns a warning for the user (undefined when none): a size the server did not announce it accepts, or an emit
   *   that waits in the send buffer.
   * @throws InspectorError when it cannot be sent (nothing is sent then).
   */
  emit(nsp: string, event: string, args: unknown[], options: EmitOptions): Problem | undefined {
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
    return managerStatus(this.manager, {
      failed: this.routeFailed,
      upgrade: this.upgrade,
      maxPayload: this.handshakeSeen ? this.maxPayload : undefined,
      protocol: this.protocol.shown,
    });
  }

  socketStatus(): SocketStatus[] {
    return socketStatuses(this.sockets);
  }

  private note(topic: NoteRecord["topic"], said: Problem, nsp?: string): void {
    this.emitRecord({
      kind: "note",
      seq: this.sequence.next(),
      t: Date.now(),
      topic,
      text: words(said),
      code: said.code,
      ...(said.params === undefined ? {} : { params: said.params }),
      ...(nsp === undefined ? {} : { nsp }),
    });
  }

  private emitRecord(record: TimelineRecord): void {
    if (changesStatus(record)) this.changes++;
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
    const verdict = this.protocol.read(record);
    if (verdict && "settle" in verdict) this.note("protocol", verdict.note);
    else if (verdict) void this.switchToV2(verdict.switchToV2);
    const failed =
      record.kind === "error" ||
      record.kind === "reconnect_error" ||
      (record.kind === "close" && record.reason !== CLOSE_REASONS.forcedClose);
    if (failed && this.route) void this.sayWhyUnreachable(this.route);
  }

  /** Route relay: a connection that failed may have failed at the local server: says why, once per failure. */
  private async sayWhyUnreachable(route: RelayRoute): Promise<void> {
    const why = await route.whyUnreachable();
    if (why && !this.disposed) this.note("unreachable", why);
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

  /** Auto: the server speaks v2; the v4 attempt ends quietly (its teardown is not the server's doing). */
  private async switchToV2(note: Problem): Promise<void> {
    this.note("protocol", note);
    this.stopObserving?.();
    for (const socket of this.sockets.values()) socket.disconnect();
    this.manager?.reconnection(false);
    this.manager?.disconnect();
    this.manager = undefined;
    this.changes++;
    await this.loadThenBoot();
  }
}
