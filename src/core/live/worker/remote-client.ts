import { owedAckRefusal } from "../../../client/observe/owed-ack.js";
import type { OwedAckHandle } from "../../../client/observe/records.js";
import type { ConnectionConfig, NamespaceConfig } from "../../connection/config.js";
import type { ClientCommand, ClientReport, ClientState, MessageEnd, OwedState } from "./client-protocol.js";
import { checkEmit } from "../emit-check.js";
import { checkClientConfig, checkManagerSettings, namespaceCredentials } from "../client-checks.js";
import type { ClientHooks, EmitOptions, ManagerStatus, SocketStatus } from "../live-client.js";
import type { TimelineRecord } from "../../feed/records.js";
import type { RecordSource } from "../../feed/source.js";
import { fail, InspectorError, problem, problemOf, type Problem } from "../../shared/errors.js";

/** The reader of reports sent as text (what structured clone refused): rare, so fetched when first needed. */
let taggedJson: typeof import("../../files/tagged-json.js") | undefined;
const loadTaggedJson = async () => (taggedJson ??= await import("../../files/tagged-json.js"));

/** Pairs still open (emits awaiting an ack, server emits awaiting ours), per client: as many as the observer keeps. */
const MAX_OPEN_PAIRS = 20_000;

/**
 * The page's end of the worker that runs the live clients (client-host.ts): makes RemoteClients and hands each the
 * reports about it. One worker, any number of clients.
 */
export class ClientWorker {
  private lastId = 0;
  private readonly clients = new Map<number, RemoteClient>();

  constructor(private readonly end: MessageEnd) {
    end.onmessage = (event) => this.receive(event.data as ClientReport[]);
  }

  /** A client run by the worker, checked here first. @throws Error as LiveClient's constructor does */
  client(name: string, config: ConnectionConfig, hooks: ClientHooks): RemoteClient {
    const client = new RemoteClient(++this.lastId, name, config, hooks, (command) => this.end.postMessage(command));
    this.clients.set(client.id, client);
    client.onGone = () => this.clients.delete(client.id);
    return client;
  }

  /** Tells every client that the worker failed (it could not be loaded, or it crashed). */
  fail(why: Problem): void {
    for (const client of this.clients.values()) client.fail(why);
  }

  /** Reports that wait, in order, for the reader of encoded ones (fetched the first time one comes). */
  private held: ClientReport[] | undefined;

  private receive(batch: ClientReport[]): void {
    for (const report of batch) {
      if (this.held) this.held.push(report);
      else if (report.type === "encoded" && !taggedJson) {
        this.held = [report];
        loadTaggedJson().then(
          () => this.release(),
          (err: unknown) => {
            this.held = undefined;
            this.fail(problem("record-unreadable", { cause: problemOf(err) }));
          },
        );
      } else {
        // One report that fails (a listener that throws) costs that report alone, not the rest of the batch (a
        // `disposed` among them, which takes the client out of the feed).
        try {
          this.deliver(report);
        } catch (err) {
          this.clients.get(report.id)?.reportError(problem("record-not-shown", { cause: problemOf(err) }));
        }
      }
    }
  }

  private release(): void {
    const held = this.held ?? [];
    this.held = undefined;
    this.receive(held);
  }

  private deliver(report: ClientReport): void {
    if (report.type === "encoded" && taggedJson)
      report = taggedJson.fromTaggedJson(JSON.parse(report.json)) as ClientReport;
    this.clients.get(report.id)?.receive(report);
  }
}

/**
 * A live client that runs in the worker, with LiveClient's face: the same checks, here and at once (a bad option,
 * a namespace's credentials, an emit too big, all throw as they do on this thread), records as a RecordSource,
 * status snapshots as the worker last told them. Its records come in the client's own numbering, as a LiveClient's:
 * the page's feed numbers them.
 */
export class RemoteClient implements RecordSource {
  readonly kind = "live";
  /** @internal Called when the worker has let go of the client. */
  onGone: () => void = () => undefined;
  private readonly listeners = new Set<(record: TimelineRecord) => void>();
  private state: ClientState;
  /** The namespaces asked for: an emit to one of them goes (buffered if need be) before the worker confirms it. */
  private readonly asked = new Set<string>();
  private readonly calls = new Map<number, NonNullable<EmitOptions["ack"]>["onReply"]>();
  private lastCall = 0;
  private readonly owed = new Map<number, RemoteOwedAck>();
  private whenDisposed: (() => void) | undefined;
  private gone = false;
  private changes = 0;

  /** @throws Error when the URL or an option is invalid; nothing is started then. */
  constructor(
    readonly id: number,
    private clientName: string,
    private readonly config: ConnectionConfig,
    private readonly hooks: ClientHooks,
    private readonly send: (command: ClientCommand) => void,
  ) {
    checkClientConfig(config, hooks);
    checkManagerSettings(config);
    this.state = {
      status: {
        state: "connecting",
        transport: "",
        engineId: "",
        upgrade: "",
        maxPayload: 0,
        protocol: config.serverVersion === "auto" ? "auto" : config.serverVersion === "v2" ? "v2" : "v4",
      },
      sockets: [],
      maxPayload: 0,
      handshakeSeen: false,
    };
  }

  get name(): string {
    return this.clientName;
  }

  /** As LiveClient's: changes when the worker tells a new state. */
  get version(): number {
    return this.changes;
  }

  rename(to: string): void {
    this.clientName = to;
    this.send({ op: "rename", id: this.id, name: to });
  }

  start(namespaces: readonly NamespaceConfig[]): void {
    for (const ns of namespaces) this.asked.add(ns.nsp);
    this.send({
      op: "start",
      id: this.id,
      name: this.clientName,
      config: this.config,
      namespaces: namespaces.map(plainNamespace),
      ...(this.hooks.relay ? { relayOrigin: this.hooks.relay.origin } : {}),
    });
  }

  /** @throws Error when the namespace's auth or query cannot be sent in the protocol the server speaks. */
  open(ns: NamespaceConfig): void {
    namespaceCredentials(ns, this.state.status.protocol);
    this.asked.add(ns.nsp);
    this.send({ op: "open", id: this.id, ns: plainNamespace(ns) });
  }

  close(nsp: string): void {
    this.send({ op: "close", id: this.id, nsp });
  }

  closeAll(): void {
    this.send({ op: "closeAll", id: this.id });
  }

  dropTransport(): void {
    this.send({ op: "drop", id: this.id });
  }

  /** Closes the client; `done` runs once its last records (the disconnects) have come. */
  dispose(done?: () => void): void {
    if (this.gone) {
      done?.(); // its host failed: nothing more will come
      return;
    }
    this.whenDisposed = done;
    this.send({ op: "dispose", id: this.id });
  }

  /** As LiveClient.emit: a warning, or an Error thrown when nothing is sent. */
  emit(nsp: string, event: string, args: unknown[], options: EmitOptions): Problem | undefined {
    const socket = this.state.sockets.find((s) => s.nsp === nsp);
    const warning = checkEmit(
      {
        // A namespace the client has a socket for; before it has any (the protocol being asked, the v2 mode loading),
        // one that was asked for: the emit waits for it, as it would on this thread's client.
        open: !!socket || (this.asked.has(nsp) && this.state.sockets.length === 0),
        connected: !!socket?.connected,
        maxPayload: this.state.maxPayload,
        handshakeSeen: this.state.handshakeSeen,
      },
      nsp,
      event,
      args,
      options.volatile,
    );
    let ack: { timeout: number; call: number } | undefined;
    if (options.ack) {
      const call = ++this.lastCall;
      this.calls.set(call, options.ack.onReply);
      ack = { timeout: options.ack.timeout, call };
    }
    this.send({
      op: "emit",
      id: this.id,
      nsp,
      event,
      args,
      ...(options.volatile ? { volatile: true } : {}),
      ...(options.compress === false ? { compress: false } : {}),
      ...(ack ? { ack } : {}),
    });
    return warning;
  }

  subscribe(listener: (record: TimelineRecord) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  status(): ManagerStatus {
    return this.state.status;
  }

  socketStatus(): SocketStatus[] {
    return this.state.sockets;
  }

  /** @internal */
  answer(n: number, args: unknown[]): void {
    this.send({ op: "answer", id: this.id, owed: n, args });
  }

  /** @internal */
  reportError(why: Problem): void {
    this.hooks.onError(why);
  }

  /** @internal The worker failed: said once, and the client counts as closed. */
  fail(why: Problem): void {
    if (this.gone) return;
    this.state = { ...this.state, status: { ...this.state.status, state: "closed", transport: "", engineId: "" } };
    this.changes++;
    this.hooks.onError(why);
    this.finish();
  }

  /** @internal */
  receive(report: ClientReport): void {
    switch (report.type) {
      case "record": {
        const record = shareStrings(report.record);
        if (report.owed) {
          const handle = new RemoteOwedAck(this, report.owed.n, report.owed);
          this.owed.set(report.owed.n, handle);
          if (this.owed.size > MAX_OPEN_PAIRS) this.owed.delete(this.owed.keys().next().value as number);
          Object.defineProperty(record, "reply", { value: handle, enumerable: false });
        }
        for (const listener of this.listeners) listener(record);
        return;
      }
      case "state":
        this.state = report.state;
        this.changes++;
        return;
      case "reply": {
        const onReply = this.calls.get(report.call);
        this.calls.delete(report.call);
        onReply?.(report.err === undefined ? null : new InspectorError(report.err), report.args);
        return;
      }
      case "owed": {
        const handle = this.owed.get(report.n);
        handle?.update(report.owed);
        if (report.owed.state !== "waiting") this.owed.delete(report.n);
        return;
      }
      case "encoded":
        return; // read by the ClientWorker before it comes here
      case "error":
        this.hooks.onError(report.problem);
        return;
      case "disposed":
        this.finish();
    }
  }

  private finish(): void {
    this.gone = true;
    // Nothing can be answered any more: a handle that still says "waiting" would take an answer that goes nowhere.
    for (const handle of this.owed.values()) handle.update({ state: "gone", ready: false });
    this.owed.clear();
    this.onGone();
    const done = this.whenDisposed;
    this.whenDisposed = undefined;
    done?.();
  }
}

/** The answer a server emit is owed, given through the worker that holds the socket. */
class RemoteOwedAck implements OwedAckHandle {
  private current: OwedState;

  constructor(
    private readonly client: RemoteClient,
    private readonly n: number,
    state: OwedState,
  ) {
    this.current = { state: state.state, ready: state.ready };
  }

  get state(): OwedState["state"] {
    return this.current.state;
  }

  get ready(): boolean {
    return this.current.ready;
  }

  /** @throws Error when it cannot be answered now (the library's words, as on this thread). */
  answer(...args: unknown[]): void {
    const refusal = owedAckRefusal(this.current.state, this.current.ready);
    if (refusal) fail("thrown", { message: refusal });
    this.current = { state: "answered", ready: false };
    this.client.answer(this.n, args);
  }

  /** @internal */
  update(state: OwedState): void {
    this.current = state;
  }
}

/**
 * One copy of each short name: structured clone gives every record its own copy of "packet", "EVENT", "/chat",
 * the event's name and the client's, where records made on this thread share them (measured: 259 bytes a record
 * kept on this thread, 321 from the worker, before this). Bounded, since the server chooses the names.
 */
const SHARED_MAX = 10_000;
const shared = new Map<string, string>();
function share(value: string): string {
  const known = shared.get(value);
  if (known !== undefined) return known;
  if (shared.size < SHARED_MAX && value.length <= 64) shared.set(value, value);
  return value;
}
function shareStrings(record: TimelineRecord): TimelineRecord {
  const r = record as { kind: string; dir?: unknown; type?: unknown; nsp?: unknown; event?: unknown; client?: unknown };
  r.kind = share(r.kind);
  if (typeof r.dir === "string") r.dir = share(r.dir);
  if (typeof r.type === "string") r.type = share(r.type);
  if (typeof r.nsp === "string") r.nsp = share(r.nsp);
  if (typeof r.event === "string") r.event = share(r.event);
  if (typeof r.client === "string") r.client = share(r.client);
  return record;
}

/** A namespace as plain data (the page's forms are reactive proxies, which do not cross to a worker). */
function plainNamespace(ns: NamespaceConfig): NamespaceConfig {
  return JSON.parse(JSON.stringify(ns)) as NamespaceConfig;
}
