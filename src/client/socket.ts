import type { Packet } from "socket.io-parser";
import { ACK, BINARY_ACK, BINARY_EVENT, CONNECT, CONNECT_ERROR, DISCONNECT, EVENT } from "./packet-types.js";
import { Emitter, on } from "./emitter.js";
import type { CloseReason, Manager } from "./manager.js";
import { checkOption, type AuthOption, type SocketOptions } from "./options.js";
import type {
  AllButLast,
  DecorateAcknowledgements,
  DefaultEventsMap,
  EventNames,
  EventParams,
  EventsMap,
  FirstNonErrorArg,
  Last,
} from "./typed-events.js";

/** Names a user may not emit: the client or the server gives them their own meaning. */
const RESERVED_EVENTS = new Set([
  "connect",
  "connect_error",
  "disconnect",
  "disconnecting",
  "newListener",
  "removeListener",
]);

/** Whether `ev` is a name `emit` refuses (for a caller that must say so before handing the emit elsewhere). */
export const isReservedEvent = (ev: string): boolean => RESERVED_EVENTS.has(ev);

export type DisconnectReason =
  | "io server disconnect"
  | "io client disconnect"
  | "ping timeout"
  | "transport close"
  | "transport error"
  | "parse error";

/** What the engine said about a close: its Error, or a description with the underlying context. */
export type DisconnectDescription = Error | { description: string; context?: unknown } | undefined;

export interface SocketReservedEvents {
  connect: () => void;
  connect_error: (err: Error & { data?: unknown }) => void;
  disconnect: (reason: DisconnectReason, description?: DisconnectDescription) => void;
}

interface Flags {
  compress?: boolean;
  volatile?: boolean;
  timeout?: number;
  /** Set on emits replayed from the retry queue, so that they are not queued again. */
  fromQueue?: boolean;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AckFn = ((...args: any[]) => void) & { withError?: boolean };

type OutPacket = Packet & { options?: { compress: boolean } };

interface QueuedEmit {
  tryCount: number;
  /** Whether a try is in flight. */
  pending: boolean;
  args: unknown[];
  flags: Flags;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyListener = (...args: any[]) => void;

/**
 * A Socket is the client side of one namespace on a Manager's connection: an event emitter whose
 * `emit` goes to the server and whose listeners receive the server's events.
 *
 * @example
 * interface ServerToClient { news: (text: string) => void }
 * interface ClientToServer { hello: (name: string, ack: (reply: string) => void) => void }
 * const socket: Socket<ServerToClient, ClientToServer> = io("https://example.com");
 * socket.on("news", (text) => console.log(text));
 * const reply = await socket.timeout(5000).emitWithAck("hello", "world");
 */
export class Socket<
  ListenEvents extends EventsMap = DefaultEventsMap,
  EmitEvents extends EventsMap = ListenEvents,
> extends Emitter<ListenEvents, EmitEvents, SocketReservedEvents> {
  /** The Manager this socket runs on. */
  readonly io: Manager<ListenEvents, EmitEvents>;
  /** The namespace, for example `/` or `/admin`. */
  readonly nsp: string;
  /** The server's id of this session; set on connect, cleared on disconnect. */
  id: string | undefined;
  /** Whether the socket is connected to its namespace. */
  connected = false;
  /** Whether the last (re)connection restored the previous session (connection state recovery). */
  recovered = false;
  /** The auth payload sent in every CONNECT packet. */
  auth: AuthOption | undefined;
  /** Events received before `connect`, delivered on connect. */
  receiveBuffer: Array<readonly unknown[]> = [];
  /** Packets emitted while disconnected, sent in order on connect. */
  sendBuffer: OutPacket[] = [];

  protected readonly _opts: Partial<SocketOptions>;
  private readonly _queue: QueuedEmit[] = [];
  private ids = 0;
  /**
   * The acks awaited, by packet id: a plain object (as in the official client, whose suite and users read it with
   * `Object.keys`), without a prototype so that an id a server sends cannot name an inherited member.
   */
  private readonly acks: Record<number, AckFn> = Object.create(null);
  private flags: Flags = {};
  private subs: Array<() => void> | undefined;
  /** The listeners of onAny / onAnyOutgoing, replaced (not changed) on each change: a call in progress keeps its list. */
  private _anyListeners: AnyListener[] | undefined;
  private _anyOutgoingListeners: AnyListener[] | undefined;
  /** Session id and offset for connection state recovery, when the server enables it. */
  private _pid: string | undefined;
  private _lastOffset: string | undefined;

  constructor(io: Manager, nsp: string, opts?: Partial<SocketOptions>) {
    super();
    this.io = io as unknown as Manager<ListenEvents, EmitEvents>;
    this.nsp = nsp;
    const options = opts ?? {};
    checkOption("auth", options.auth);
    checkOption("ackTimeout", options.ackTimeout);
    checkOption("retries", options.retries);
    if (options.auth) this.auth = options.auth;
    this._opts = { ...options };
    if (io._autoConnect) this.open();
  }

  /** Whether the socket is not connected. */
  get disconnected(): boolean {
    return !this.connected;
  }

  /**
   * Whether the socket will (re)connect by itself: true from `connect()` until `disconnect()`,
   * a server-side disconnect or a middleware refusal.
   */
  get active(): boolean {
    return !!this.subs;
  }

  /** Connects the socket (and its Manager, when needed). */
  connect(): this {
    if (this.connected) return this;
    const io = this.io;
    this.subs ??= [
      on(io, "open", () => this.onopen()),
      on(io, "packet", (packet: Packet) => this.onpacket(packet)),
      // Before `connect`, an error of the Manager is this socket's connect_error.
      on(io, "error", (err: Error) => this.connected || this.emitReserved("connect_error", err)),
      on(io, "close", (reason: CloseReason, description?: DisconnectDescription) =>
        this.onclose(reason as DisconnectReason, description),
      ),
    ];
    if (!io._reconnecting) io.open();
    if (io._readyState === "open") this.onopen();
    return this;
  }

  /** Same as {@link connect}. */
  open(): this {
    return this.connect();
  }

  /** Emits a `message` event. */
  send(...args: unknown[]): this {
    return (this.emit as (ev: string, ...a: unknown[]) => this)("message", ...args);
  }

  /**
   * Emits an event to the server. A trailing function asks for an acknowledgement.
   * @throws Error when `ev` is a reserved event name.
   */
  override emit<Ev extends EventNames<EmitEvents>>(ev: Ev, ...args: EventParams<EmitEvents, Ev>): this {
    if (RESERVED_EVENTS.has(ev as string)) {
      throw new Error(`"${String(ev)}" is a reserved event name`);
    }
    const data: unknown[] = [ev, ...args];

    if (this._opts.retries && !this.flags.fromQueue && !this.flags.volatile) {
      this._addToQueue(data);
      // The official client leaves the flags set when the queue cannot drain yet, so they leak
      // into the next emit; they belong to this emit alone.
      this.flags = {};
      return this;
    }

    const packet: OutPacket = {
      type: EVENT,
      data,
      options: { compress: this.flags.compress !== false },
      nsp: this.nsp,
    };
    // A trailing function is the ack: the packet gets the id the server answers with.
    if (typeof data[data.length - 1] === "function")
      this._registerAckCallback((packet.id = this.ids++), data.pop() as AckFn);

    const engine = this.io.engine;
    // Asked first, also for a volatile emit, as the official client does: an expired ping is noticed here and
    // closes the connection.
    const isConnected = this.connected && !engine?._hasPingExpired();
    if (this.flags.volatile && !engine?.transport?.writable) {
      this.io._tap?.("dropped", packet);
    } else if (isConnected) {
      this.sendEmit(packet);
    } else {
      this.sendBuffer.push(packet);
      this.io._tap?.("buffered", packet);
    }
    this.flags = {};
    return this;
  }

  /**
   * Emits and resolves with the first argument of the server's acknowledgement.
   * With `timeout(ms)` (or `ackTimeout`) it rejects when no acknowledgement came in time.
   */
  emitWithAck<Ev extends EventNames<EmitEvents>>(
    ev: Ev,
    ...args: AllButLast<EventParams<EmitEvents, Ev>>
  ): Promise<FirstNonErrorArg<Last<EventParams<EmitEvents, Ev>>>> {
    return new Promise((resolve, reject) => {
      // Error-first even without a time-out, so that a disconnect before the ack rejects the promise
      // ("socket has been disconnected") instead of leaving it pending for ever.
      const ack: AckFn = (err: unknown, reply: unknown) => (err ? reject(err) : resolve(reply as never));
      ack.withError = true;
      (this.emit as (ev: string, ...a: unknown[]) => this)(ev as string, ...(args as unknown[]), ack);
    });
  }

  /** Disconnects the socket by hand; it will not reconnect until `connect()`. */
  disconnect(): this {
    if (this.connected) this.packet({ type: DISCONNECT });
    this.destroy();
    if (this.connected) this.onclose("io client disconnect");
    return this;
  }

  /** Same as {@link disconnect}. */
  close(): this {
    return this.disconnect();
  }

  /** Sets whether the next emit is compressed (default true). */
  compress(compress: boolean): this {
    this.flags.compress = compress;
    return this;
  }

  /** The next emit may be dropped when the socket is not connected or the transport cannot write. */
  get volatile(): this {
    this.flags.volatile = true;
    return this;
  }

  /** The next emit's ack gets an Error first when no acknowledgement came within `ms`. */
  timeout(ms: number): Socket<ListenEvents, DecorateAcknowledgements<EmitEvents>> {
    checkOption("ackTimeout", ms);
    this.flags.timeout = ms;
    return this as unknown as Socket<ListenEvents, DecorateAcknowledgements<EmitEvents>>;
  }

  /** Adds a listener for every incoming event, called with `(event, ...args)` before the named listeners. */
  onAny(listener: AnyListener): this {
    this._anyListeners = [...(this._anyListeners ?? []), listener];
    return this;
  }

  /** Like {@link onAny}, placed first. */
  prependAny(listener: AnyListener): this {
    this._anyListeners = [listener, ...(this._anyListeners ?? [])];
    return this;
  }

  /** Removes one catch-all listener, or all of them. */
  offAny(listener?: AnyListener): this {
    this._anyListeners = removeListener(this._anyListeners, listener);
    return this;
  }

  /** The catch-all listeners for incoming events. */
  listenersAny(): AnyListener[] {
    return [...(this._anyListeners ?? [])];
  }

  /** Adds a listener for every outgoing event, called with `(event, ...args)` when the emit is sent. */
  onAnyOutgoing(listener: AnyListener): this {
    this._anyOutgoingListeners = [...(this._anyOutgoingListeners ?? []), listener];
    return this;
  }

  /** Like {@link onAnyOutgoing}, placed first. */
  prependAnyOutgoing(listener: AnyListener): this {
    this._anyOutgoingListeners = [listener, ...(this._anyOutgoingListeners ?? [])];
    return this;
  }

  /** Removes one outgoing catch-all listener, or all of them. */
  offAnyOutgoing(listener?: AnyListener): this {
    this._anyOutgoingListeners = removeListener(this._anyOutgoingListeners, listener);
    return this;
  }

  /** The catch-all listeners for outgoing events. */
  listenersAnyOutgoing(): AnyListener[] {
    return [...(this._anyOutgoingListeners ?? [])];
  }

  /** Keeps the ack of emit `id` until the server answers, or the time-out (of this emit or of the socket) runs out. */
  private _registerAckCallback(id: number, ack: AckFn): void {
    const timeout = this.flags.timeout ?? this._opts.ackTimeout;
    if (timeout === undefined) {
      this.acks[id] = ack;
      return;
    }
    const timer = this.io.setTimeoutFn(() => {
      delete this.acks[id];
      // A packet still waiting in the send buffer is not sent once its ack has given up.
      this.sendBuffer = this.sendBuffer.filter((packet) => packet.id !== id);
      this.io._tap?.("timeout", this.nsp, id);
      ack.call(this, new Error("operation has timed out"));
    }, timeout);
    const fn: AckFn = (...args: unknown[]) => {
      this.io.clearTimeoutFn(timer);
      ack.apply(this, args);
    };
    fn.withError = true;
    this.acks[id] = fn;
  }

  /** With `retries`: one emit in flight at a time, resent until acknowledged or out of tries. */
  private _addToQueue(args: unknown[]): void {
    const ack = typeof args[args.length - 1] === "function" ? (args.pop() as AckFn) : undefined;
    // The user's ack is error-first when a time-out applies or it asked to be (emitWithAck); a plain callback of an
    // emit without time-out gets the reply alone. (The official client passes the reply as the error there, so
    // emitWithAck rejects with the server's first ack argument.)
    const errorFirst = (this.flags.timeout ?? this._opts.ackTimeout) !== undefined || ack?.withError;
    const queued: QueuedEmit = {
      tryCount: 0,
      pending: false,
      args,
      flags: { ...this.flags, fromQueue: true },
    };
    const onTry: AckFn = (err: unknown, ...responseArgs: unknown[]) => {
      // A late ack of an earlier try: that emit was already settled.
      if (queued !== this._queue[0]) return;
      if (err !== null) {
        // Queued only when `retries` is set.
        if (queued.tryCount > (this._opts.retries as number)) {
          this._queue.shift();
          ack?.(err);
        }
      } else {
        this._queue.shift();
        if (errorFirst) ack?.(null, ...responseArgs);
        else ack?.(...responseArgs);
      }
      queued.pending = false;
      this._drainQueue();
    };
    // Each try's ack comes error-first, with null on success, whether or not a time-out applies.
    onTry.withError = true;
    args.push(onTry);
    this._queue.push(queued);
    this._drainQueue();
  }

  protected _drainQueue(force?: boolean): void {
    const queued = this._queue[0];
    if (!this.connected || !queued || (queued.pending && !force)) return;
    queued.tryCount++;
    queued.pending = true;
    this.flags = queued.flags;
    (this.emit as (ev: string, ...a: unknown[]) => this)(...(queued.args as [string, ...unknown[]]));
  }

  /** Sends a packet on this socket's namespace. */
  protected packet(packet: Omit<OutPacket, "nsp"> & { nsp?: string }): void {
    packet.nsp = this.nsp;
    this.io._packet(packet as OutPacket);
  }

  protected onopen(): void {
    if (typeof this.auth === "function") this.auth((data) => this._sendConnectPacket(data));
    else this._sendConnectPacket(this.auth);
  }

  /** Sends the CONNECT packet with the auth payload (and the session to recover, if any). */
  private _sendConnectPacket(data?: Record<string, unknown>): void {
    this.packet({
      type: CONNECT,
      data: this._pid ? { pid: this._pid, offset: this._lastOffset, ...data } : data,
    });
  }

  private onclose(reason: DisconnectReason, description?: DisconnectDescription): void {
    this.id = undefined;
    this.connected = false;
    this.emitReserved("disconnect", reason, description);
    this._clearAcks();
  }

  /** @internal On disconnect: acks of packets already sent will never come; error-first ones are told so. */
  _clearAcks(): void {
    for (const key in this.acks) {
      const id = +key;
      const ack = this.acks[id] as AckFn;
      if (this.sendBuffer.some((packet) => packet.id === id)) continue;
      delete this.acks[id];
      if (ack.withError) ack.call(this, new Error("socket has been disconnected"));
    }
  }

  protected onpacket(packet: Packet): void {
    if (packet.nsp !== this.nsp) return;
    // The arguments of an event or an ack: anything else a server sends there counts as none.
    const args: unknown[] = Array.isArray(packet.data) ? packet.data : [];
    switch (packet.type) {
      case CONNECT:
        if (packet.data && packet.data.sid) {
          this.onconnect(packet.data.sid, packet.data.pid);
        } else {
          // A CONNECT without a session id: a Socket.IO v2 server (the v2 module speaks its protocol).
          this.emitReserved("connect_error", new Error("This is a Socket.IO v2 server: connect with protocol v2"));
        }
        break;
      case EVENT:
      case BINARY_EVENT: {
        if (packet.id != null) args.push(this.ack(packet.id));
        if (this.connected) this.emitEvent(args);
        else this.receiveBuffer.push(Object.freeze(args));
        break;
      }
      case ACK:
      case BINARY_ACK: {
        const id = packet.id as number;
        const ack = this.acks[id];
        if (!ack) break;
        delete this.acks[id];
        if (ack.withError) args.unshift(null);
        ack.apply(this, args);
        break;
      }
      case DISCONNECT:
        this.destroy();
        this.onclose("io server disconnect");
        break;
      case CONNECT_ERROR: {
        this.destroy();
        // A refusal of a session already established (only a broken or hostile server sends one). The official
        // client leaves `connected` true here, with no connection under it, and connect() then does nothing;
        // we close the session first, as a server-side disconnect.
        if (this.connected) this.onclose("io server disconnect");
        const err = new Error(refusalMessage(packet.data)) as Error & { data?: unknown };
        err.data = packet.data?.data;
        this.emitReserved("connect_error", err);
        break;
      }
    }
  }

  private emitEvent(args: readonly unknown[]): void {
    for (const listener of this._anyListeners ?? []) listener.apply(this, args as unknown[]);
    // A name that is not a string or a number (a msgpack server may send a map) has no listener by name: the emitter
    // would turn it into a key with String(), which throws for a map whose toString is not a function. onAny
    // listeners have it as it came.
    const name = args[0];
    if (typeof name === "number" || typeof name === "string")
      (Emitter.prototype.emit as (...a: unknown[]) => unknown).apply(this, args as unknown[]);
    // With connection state recovery the server appends the event's offset as a last string argument.
    const last = args[args.length - 1];
    if (this._pid && typeof last === "string") this._lastOffset = last;
  }

  /** @internal The callback handed to a listener when the server asked for an ack; answers once. */
  ack(id: number): (...args: unknown[]) => void {
    let sent = false;
    return (...args: unknown[]) => {
      if (sent) return;
      sent = true;
      this.packet({ type: ACK, id, data: args });
    };
  }

  protected onconnect(id: string, pid: string | undefined): void {
    this.id = id;
    this.recovered = !!pid && this._pid === pid;
    this._pid = pid;
    this.connected = true;
    this.emitBuffered();
    // The retry queue drains before `connect`: an emit made in a connect listener is queued behind it, not sent twice.
    this._drainQueue(true);
    this.emitReserved("connect");
  }

  /** @internal Delivers the events received and sends the packets emitted before `connect`. */
  emitBuffered(): void {
    for (const args of this.receiveBuffer) this.emitEvent(args);
    this.receiveBuffer = [];
    const buffered = this.sendBuffer;
    this.sendBuffer = [];
    for (const packet of buffered) this.sendEmit(packet);
  }

  /** Stops listening to the Manager; the last inactive socket closes the connection. */
  protected destroy(): void {
    for (const undo of this.subs ?? []) undo();
    this.subs = undefined;
    this.io._destroy(this as unknown as Socket);
  }

  /** Sends an emit, after telling the outgoing catch-all listeners. */
  private sendEmit(packet: OutPacket): void {
    for (const listener of this._anyOutgoingListeners ?? []) listener.apply(this, packet.data);
    this.packet(packet);
  }
}

/**
 * The message of a refusal, whatever its payload: `{ message }` as Node servers send it, a plain string (python-socketio
 * sends "Unable to connect"), or anything else as JSON. The official client reads `.message` alone, losing a
 * string and throwing on an object whose `toString` is not callable.
 */
export function refusalMessage(data: unknown): string {
  const message = (data as { message?: unknown } | null)?.message;
  if (typeof message == "string") return message;
  if (typeof data == "string") return data;
  try {
    return JSON.stringify(data) ?? "";
  } catch {
    return "";
  }
}

function removeListener(list: AnyListener[] | undefined, listener: AnyListener | undefined): AnyListener[] | undefined {
  if (!list || !listener) return undefined;
  const index = list.indexOf(listener);
  return index === -1 ? list : list.filter((_, i) => i !== index);
}
