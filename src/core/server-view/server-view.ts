// The server's own view as a source of the feed: our client library connected to the server's admin namespace
// (the Socket.IO Admin UI protocol), its events turned into timeline records (client "server") and into the model
// the Server panel shows, and the operations the server allows (join, leave, disconnect, emit). Framework-free.
import { Manager, type Socket } from "../../client/index.js";
import { sequence } from "../../client/observe/observer.js";
import { nameText } from "../../client/observe/name-text.js";
import { headersFrom, type ConnectionConfig } from "../connection/config.js";
import type { Relay } from "../connection/relay.js";
import type { ServerRecord, TimelineRecord } from "../feed/records.js";
import type { RecordSource } from "../feed/source.js";
import { fail, problem, problemOf, words, type Problem } from "../shared/errors.js";
import { CLOSE_REASONS, isAdminCredentialsRefusal, isInvalidNamespace } from "../shared/peer-words.js";
import { readEventArgs, readFeatures, readSocket, readStats, readTime, type Feature } from "./admin-protocol.js";
import { ServerModel } from "./server-model.js";
import { SlicedWork } from "./sliced-work.js";

import type { ServerViewSettings } from "./settings.js";
import type { AskedOperation } from "../shared/error-words/server-view.js";

export { DEFAULT_SERVER_VIEW, type ServerViewSettings } from "./settings.js";

export interface ServerViewStatus {
  state: "connecting" | "open" | "refused" | "closed";
  /** What the panel says about the view: why it was refused, or what it waits for (none when all is well). */
  problem?: Problem;
  features: Feature[];
  /** development: every socket and event; production: stats only. */
  mode: "development" | "production" | "unknown";
}

export interface ServerViewHooks {
  /** Our client whose Engine.IO connection starts with this id (the server gives its first 12 characters). */
  ownerOf?(clientId: string): string | undefined;
  /**
   * Something the panel shows changed (the model or the status); `now`: a change a person waits for (the server's
   * list of sockets read to its end), worth telling at once.
   */
  onChange?(now?: boolean): void;
  relay?: Relay;
  outsideBrowser?: boolean;
}

/** Operations and the feature the server must announce for each. */
const NEEDS = {
  join: "JOIN",
  leave: "LEAVE",
  disconnect: "DISCONNECT",
  emit: "EMIT",
  emptyRoom: "MLEAVE",
  disconnectRoom: "MDISCONNECT",
} as const satisfies Record<string, Feature>;
export type ServerOperation = keyof typeof NEEDS;

export class ServerView implements RecordSource {
  readonly kind = "server";
  readonly name = "server";
  readonly model = new ServerModel();
  /** The admin events in order; the server's list of sockets read a slice at a time. */
  private readonly work = new SlicedWork();
  /** How far the server's list of sockets is read, while it is. */
  private reading: { read: number; of: number } | undefined;
  private readonly listeners = new Set<(record: TimelineRecord) => void>();
  /** The view's own numbers for its records; the feed gives each the timeline's (numbering.ts). */
  private readonly sequence = sequence();
  private manager: Manager | undefined;
  private socket: Socket | undefined;
  private disposed = false;
  private state: ServerViewStatus["state"] = "connecting";
  private problem: Problem | undefined;
  private features: Feature[] = [];
  private configSeen = false;

  constructor(
    private readonly connection: ConnectionConfig,
    private readonly settings: ServerViewSettings,
    private readonly hooks: ServerViewHooks,
  ) {
    if (!settings.namespace.startsWith("/")) fail("admin-namespace-slash");
    if (connection.route === "relay" && !hooks.relay) fail("server-view-needs-relay");
  }

  /** Connects to the admin namespace. @throws Error when the server's URL or an option is invalid. */
  start(): void {
    if (this.connection.route === "relay") {
      void this.throughRelay();
      return;
    }
    const headers = headersFrom(this.connection.extraHeaders, { browser: !this.hooks.outsideBrowser });
    this.open(this.connection.url, this.connection.path || "/socket.io", headers);
  }

  private async throughRelay(): Promise<void> {
    const relay = this.hooks.relay as Relay;
    try {
      const headers = headersFrom(this.connection.extraHeaders, { browser: false }) ?? {};
      const route = await relay.register({ url: this.connection.url, path: this.connection.path, headers });
      if (!this.disposed) this.open(route.url, route.path, undefined);
    } catch (err) {
      this.refused(problemOf(err));
    }
  }

  private open(url: string, path: string, headers: Record<string, string> | undefined): void {
    const { username, password } = this.settings;
    this.manager = new Manager(url, {
      path,
      transports: this.connection.transports,
      autoConnect: false,
      reconnectionDelayMax: 5000,
      ...(headers ? { extraHeaders: headers } : {}),
      withCredentials: this.connection.route === "relay" ? false : this.connection.withCredentials,
    });
    const socket = this.manager.socket(this.settings.namespace, {
      ...(username || password ? { auth: { username, password } } : {}),
    });
    this.socket = socket;
    socket.on("connect", () => {
      this.state = "open";
      this.problem = undefined;
      this.view(problem("view-connected", { namespace: this.settings.namespace, url: this.connection.url }));
      this.changed();
    });
    socket.on("connect_error", (err: Error) => {
      const { namespace } = this.settings;
      const why = isAdminCredentialsRefusal(err.message)
        ? problem("server-view-credentials", { namespace })
        : isInvalidNamespace(err.message)
          ? problem("server-view-no-namespace", { namespace })
          : problem("server-view-connect-failed", { cause: problemOf(err) });
      // A refusal by the namespace ends here (the client does not retry it); a connection failure retries.
      if (socket.active) {
        this.state = "connecting";
        this.problem = why;
        this.changed();
      } else this.refused(why);
    });
    socket.on("disconnect", (reason: string) => {
      if (this.disposed) return;
      this.state = socket.active ? "connecting" : "closed";
      this.view(problem("view-disconnected", { reason }), reason !== CLOSE_REASONS.clientDisconnect);
      this.changed();
    });
    this.listen(socket);
    this.manager.open();
    socket.connect();
  }

  private refused(why: Problem): void {
    this.state = "refused";
    this.problem = why;
    this.view(why, true);
    this.changed();
  }

  /** The admin namespace's events: the model first, then the timeline. */
  private listen(socket: Socket): void {
    socket.on("config", (config: unknown) => {
      this.features = readFeatures(config) ?? [];
      this.configSeen = true;
      if (!this.features.includes("ALL_EVENTS")) this.view(problem("view-production-mode"));
      this.changed();
    });
    // Every node's stats come through the adapter to whichever node the view is on: each is a node of the fleet.
    socket.on("server_stats", (raw: unknown) => {
      const stats = readStats(raw);
      if (!stats) return;
      const t = Date.now();
      if (!this.model.nodeStats(stats, t)) return;
      this.emitRecord({
        kind: "server",
        seq: this.sequence.next(),
        t,
        what: "stats",
        nsp: this.settings.namespace,
        node: stats.serverId,
        clients: stats.clientsCount,
        seconds: stats.seconds,
      });
    });
    socket.on("all_sockets", (list: unknown) => {
      if (Array.isArray(list)) this.work.run(this.readAll(list));
    });
    // Each event waits for what came before it (the list above, read in slices), and keeps the time it came.
    socket.on("socket_connected", (raw: unknown, time: unknown) => {
      const s = readSocket(raw);
      if (!s) return;
      this.later((t) => {
        this.model.add(s);
        const node = s.node ? { node: s.node } : {};
        this.record({ what: "socket_connected", nsp: s.nsp, sid: s.id, transport: s.transport, ...node }, time, t);
      });
    });
    socket.on("socket_updated", (raw: unknown) => {
      if (typeof raw !== "object" || raw === null) return;
      const { nsp, id, transport } = raw as { nsp?: unknown; id?: unknown; transport?: unknown };
      if (typeof nsp !== "string" || typeof id !== "string") return;
      const change = typeof transport === "string" ? { transport: transport.slice(0, 50) } : {};
      this.later(() => {
        this.model.update(nsp, id, change);
        this.changed();
      });
    });
    socket.on("socket_disconnected", (nsp: unknown, id: unknown, reason: unknown, time: unknown) => {
      if (typeof nsp !== "string" || typeof id !== "string") return;
      this.later((t) => {
        const fields = { what: "socket_disconnected", nsp, sid: id, reason: nameText(reason) } as const;
        const record = this.record(fields, time, t, true);
        this.model.remove(nsp, id);
        this.emitRecord(record);
      });
    });
    for (const what of ["room_joined", "room_left"] as const) {
      socket.on(what, (nsp: unknown, room: unknown, id: unknown, time: unknown) => {
        if (typeof nsp !== "string" || typeof id !== "string" || typeof room !== "string") return;
        this.later((t) => {
          if (what === "room_joined") this.model.join(nsp, id, room);
          else this.model.leave(nsp, id, room);
          // A socket's own room (its id) is joined by every socket: the connect row says it.
          if (room !== id) this.record({ what, nsp, sid: id, room }, time, t);
          else this.changed();
        });
      });
    }
    for (const what of ["event_received", "event_sent"] as const) {
      socket.on(what, (nsp: unknown, id: unknown, args: unknown, time: unknown) => {
        const event = readEventArgs(args);
        if (typeof nsp !== "string" || typeof id !== "string" || !event) return;
        this.later((t) => this.record({ what, nsp, sid: id, event: event.event, args: event.args }, time, t));
      });
    }
  }

  /** Runs `apply` after what came before it; it gets the time the event came. */
  private later(apply: (t: number) => void): void {
    const t = Date.now();
    this.work.run(() => {
      apply(t);
      return true;
    });
  }

  /** The server's `all_sockets`, as a job that reads it a slice at a time (each socket in one piece). */
  private readAll(list: unknown[]): (due: () => boolean) => boolean {
    let read = 0;
    return (due) => {
      if (read === 0) this.model.clear();
      while (read < list.length) {
        const s = readSocket(list[read]);
        list[read++] = undefined; // read: the raw description can go
        if (s) this.model.add(s);
        if (due()) break;
      }
      this.reading = read < list.length ? { read, of: list.length } : undefined;
      this.changed(this.reading === undefined);
      return this.reading === undefined;
    };
  }

  /** How far the server's list of sockets is read: undefined once it is (or none came). */
  readingProgress(): { read: number; of: number } | undefined {
    return this.reading;
  }

  /**
   * Makes a record about a socket (named after our client when it is ours) that came at `t` and, unless `later`,
   * emits it.
   */
  private record(
    fields: Omit<ServerRecord, "kind" | "seq" | "t" | "serverTime" | "of">,
    time: unknown,
    t: number,
    later = false,
  ): ServerRecord {
    const socket = fields.sid === undefined ? undefined : this.model.socket(fields.nsp, fields.sid);
    const of = socket ? this.hooks.ownerOf?.(socket.clientId) : undefined;
    const serverTime = readTime(time);
    const record: ServerRecord = {
      kind: "server",
      seq: this.sequence.next(),
      t,
      ...(serverTime === undefined ? {} : { serverTime }),
      ...fields,
      ...(of ? { of } : {}),
    };
    if (!later) this.emitRecord(record);
    return record;
  }

  /** A record about the view itself: its words, and the code logic reads. */
  private view(said: Problem, error = false): void {
    this.emitRecord({
      kind: "server",
      seq: this.sequence.next(),
      t: Date.now(),
      what: "view",
      nsp: this.settings.namespace,
      text: words(problem("view-says", { cause: said })),
      code: said.code,
      ...(said.params === undefined ? {} : { params: said.params }),
      ...(error ? { error } : {}),
    });
  }

  private emitRecord(record: ServerRecord): void {
    (record as TimelineRecord).client = this.name;
    for (const listener of this.listeners) listener(record);
    this.changed();
  }

  private changed(now = false): void {
    this.hooks.onChange?.(now);
  }

  subscribe(listener: (record: TimelineRecord) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  status(): ServerViewStatus {
    const mode = !this.configSeen ? "unknown" : this.features.includes("ALL_EVENTS") ? "development" : "production";
    return {
      state: this.state,
      ...(this.problem ? { problem: this.problem } : {}),
      features: [...this.features],
      mode,
    };
  }

  /** Whether the server accepts an operation (it announced the feature). */
  allows(operation: ServerOperation): boolean {
    return this.features.includes(NEEDS[operation]);
  }

  /**
   * Asks the server to act; each says so in the timeline (the server's own rows follow in development mode).
   * @throws InspectorError when the view is not connected, or the server does not offer the operation.
   */
  act(
    operation: ServerOperation,
    nsp: string,
    target: { sid?: string; room?: string; event?: string; args?: unknown[] },
  ): void {
    const socket = this.socket;
    if (!socket?.connected) fail("server-view-not-connected");
    if (!this.allows(operation)) fail("server-view-feature-missing", { feature: NEEDS[operation] });
    const who = target.sid ? this.describeSocket(nsp, target.sid) : `room ${target.room ?? ""}`;
    const { room = "", sid, event = "", args = [] } = target;
    // A socket's id is also a room holding only it: the server's filter takes either (v3 takes the id alone).
    if (operation === "join") socket.emit("join", nsp, room, sid);
    else if (operation === "leave") socket.emit("leave", nsp, room, sid);
    else if (operation === "disconnect") socket.emit("_disconnect", nsp, false, sid);
    else if (operation === "emptyRoom") socket.emit("leave", nsp, room, room);
    else if (operation === "disconnectRoom") socket.emit("_disconnect", nsp, false, room);
    else socket.emit("emit", nsp, room || undefined, event, ...args);
    const asked: AskedOperation =
      operation === "join" || operation === "leave"
        ? { operation, who, room }
        : operation === "disconnect"
          ? { operation, who }
          : operation === "emit"
            ? { operation, event, room }
            : { operation, room };
    this.view(problem("view-asked", { asked, nsp }));
  }

  /** A socket's id, with our client's name when it is ours. */
  describeSocket(nsp: string, sid: string): string {
    const socket = this.model.socket(nsp, sid);
    const of = socket ? this.hooks.ownerOf?.(socket.clientId) : undefined;
    return of ? `${sid} (${of})` : sid;
  }

  /** Our client's name for a socket, when it is ours. */
  ownerOf(socket: { clientId: string }): string | undefined {
    return this.hooks.ownerOf?.(socket.clientId);
  }

  dispose(): void {
    this.disposed = true;
    this.work.clear();
    this.reading = undefined;
    this.socket?.disconnect();
    this.manager?.reconnection(false);
    this.manager?.disconnect();
    this.state = "closed";
  }
}
