import { Socket as Engine, installTimerFunctions, nextTick } from "engine.io-client";
// Named imports, not `* as`: a namespace object used as a value keeps every export of socket.io-parser in a bundle,
// isPacketValid and its helpers (about 190 bytes gzipped) among them, which the client never calls.
import { Decoder, Encoder, type Packet } from "socket.io-parser";
import { BINARY_EVENT, EVENT } from "./packet-types.js";
import { Backoff } from "./backoff.js";
import { Emitter, on } from "./emitter.js";
import { checkOption, checkOptions, type ManagerOptions, type ParserModule, type SocketOptions } from "./options.js";
import type { ClientTap } from "./observe/tap.js";
import { Socket } from "./socket.js";
import type { DefaultEventsMap, EventsMap } from "./typed-events.js";

/** Why the engine connection closed, as the Manager's `close` event and sockets' `disconnect` report it. */
export type CloseReason =
  "transport error" | "transport close" | "forced close" | "ping timeout" | "parse error" | (string & {});

export type ReadyState = "opening" | "open" | "closed";

export interface ManagerReservedEvents {
  open: () => void;
  error: (err: Error) => void;
  ping: () => void;
  packet: (packet: Packet) => void;
  close: (reason: CloseReason, description?: unknown) => void;
  reconnect_failed: () => void;
  reconnect_attempt: (attempt: number) => void;
  reconnect_error: (err: Error) => void;
  reconnect: (attempt: number) => void;
}

/** The settings a Manager reads and writes through accessors of the same name. */
interface Settings {
  reconnection: boolean;
  reconnectionAttempts: number;
  reconnectionDelay: number;
  reconnectionDelayMax: number;
  randomizationFactor: number;
  timeout: number | false;
}

type PacketEncoder = InstanceType<ParserModule["Encoder"]>;
type PacketDecoder = InstanceType<ParserModule["Decoder"]>;

/**
 * A Manager owns one Engine.IO connection, shared by the sockets of every namespace on that server,
 * and reconnects it with exponential backoff.
 *
 * @example
 * const manager = new Manager("https://example.com");
 * const main = manager.socket("/");
 * const admin = manager.socket("/admin", { auth: { token: "abc" } });
 */
export class Manager<
  ListenEvents extends EventsMap = DefaultEventsMap,
  EmitEvents extends EventsMap = ListenEvents,
> extends Emitter<Record<never, never>, Record<never, never>, ManagerReservedEvents> {
  /** The engine.io-client socket of the current connection, if one was opened. */
  engine: Engine | undefined;
  /** The options the Manager was made with (also handed to the engine). */
  readonly opts: Partial<ManagerOptions & SocketOptions>;
  /** The URL given to the constructor. */
  readonly uri: string | undefined;

  /** @internal */ _readyState: ReadyState = "closed";
  /** @internal */ _reconnecting = false;
  /** @internal */ readonly _autoConnect: boolean;
  /**
   * @internal The tap of the attached observer, if any. Only the facts found deep inside a method (in Socket) call
   * it directly; the observer gets the others by wrapping methods (see observe/instrument.ts), so that a bundle
   * without the observer carries none of their call sites.
   */
  _tap: ClientTap | undefined;

  private readonly nsps: Record<string, Socket> = {};
  private subs: Array<() => void> = [];
  /** Set while reconnection is stopped (disconnect, reconnection(false)); open() clears it. */
  private skipReconnect: boolean | undefined;
  /** @internal The delays between attempts; it computes one only to schedule an attempt. */
  readonly backoff = new Backoff();
  // The settings behind the accessors, under the official client's names (code written against it reads them); the
  // backoff reads them at each attempt.
  private _reconnection: boolean;
  private _reconnectionAttempts: number;
  private _reconnectionDelay: number;
  private _reconnectionDelayMax: number;
  private _randomizationFactor: number;
  private _timeout: number | false;
  private readonly encoder: PacketEncoder;
  private readonly decoder: PacketDecoder;
  // Set by installTimerFunctions: native timers when `useNativeTimers` is set, else the global ones.
  /** @internal */ setTimeoutFn!: typeof setTimeout;
  /** @internal */ clearTimeoutFn!: typeof clearTimeout;

  constructor(opts?: Partial<ManagerOptions & SocketOptions>);
  constructor(uri?: string, opts?: Partial<ManagerOptions & SocketOptions>);
  constructor(uri?: string | Partial<ManagerOptions & SocketOptions>, opts?: Partial<ManagerOptions & SocketOptions>) {
    super();
    if (uri && typeof uri === "object") {
      opts = uri;
      uri = undefined;
    }
    opts = opts ?? {};
    checkOptions(opts);
    opts.path = opts.path || "/socket.io";
    this.opts = opts;
    this.uri = uri as string | undefined;
    installTimerFunctions(this, opts);
    // The defaults, written here once (the options were checked above). `||` on purpose: 0 means the default for
    // these three, as in the official client.
    this._reconnection = opts.reconnection !== false;
    this._reconnectionAttempts = opts.reconnectionAttempts || Infinity;
    this._reconnectionDelay = opts.reconnectionDelay || 1000;
    this._reconnectionDelayMax = opts.reconnectionDelayMax || 5000;
    this._randomizationFactor = opts.randomizationFactor ?? 0.5;
    this._timeout = opts.timeout == null ? 20000 : opts.timeout;
    const parser: ParserModule = opts.parser ?? { Encoder, Decoder };
    this.encoder = new parser.Encoder();
    this.decoder = new parser.Decoder();
    this._autoConnect = opts.autoConnect !== false;
    if (this._autoConnect) this.open();
  }

  /** Where the engine connection stands (read-only): "opening", "open" or "closed". */
  get readyState(): ReadyState {
    return this._readyState;
  }

  /** Whether a reconnection loop is under way (read-only): from the first failure until success or giving up. */
  get reconnecting(): boolean {
    return this._reconnecting;
  }

  /** Whether to reconnect automatically. Setting `false` also stops a reconnection loop under way. */
  reconnection(): boolean;
  reconnection(value: boolean): this;
  reconnection(value?: boolean): this | boolean {
    if (value === false) this.skipReconnect = true;
    return this.setting("reconnection", value);
  }

  /** Attempts before `reconnect_failed`. */
  reconnectionAttempts(): number;
  reconnectionAttempts(value: number): this;
  reconnectionAttempts(value?: number): this | number {
    return this.setting("reconnectionAttempts", value);
  }

  /** First backoff step, in ms. */
  reconnectionDelay(): number;
  reconnectionDelay(value: number): this;
  reconnectionDelay(value?: number): this | number {
    return this.setting("reconnectionDelay", value);
  }

  /** Backoff cap, in ms. */
  reconnectionDelayMax(): number;
  reconnectionDelayMax(value: number): this;
  reconnectionDelayMax(value?: number): this | number {
    return this.setting("reconnectionDelayMax", value);
  }

  /** Backoff jitter, from 0 to 1. */
  randomizationFactor(): number;
  randomizationFactor(value: number): this;
  randomizationFactor(value?: number): this | number {
    return this.setting("randomizationFactor", value);
  }

  /** Connection timeout in ms, or `false`. */
  timeout(): number | false;
  timeout(value: number | false): this;
  timeout(value?: number | false): this | number | false {
    return this.setting("timeout", value);
  }

  /** Reads a setting (no value) or checks and sets it (returns the Manager, for chaining). */
  private setting<K extends keyof Settings>(name: K, value: Settings[K] | undefined): this | Settings[K] {
    // Each setting is kept in the field of its name with an underscore.
    const fields = this as unknown as Record<`_${K}`, Settings[K]>;
    if (value === undefined) return fields[`_${name}`];
    checkOption(name, value);
    fields[`_${name}`] = value;
    return this;
  }

  /**
   * Opens the engine connection unless it is open or opening.
   * @param fn called with nothing on success, with the Error on failure (which then does not start
   *   a reconnection loop: the caller decides).
   */
  open(fn?: (err?: Error) => void): this {
    if (this._readyState !== "closed") return this;

    const engine = new (this.opts.protocol?.Engine ?? Engine)(this.uri as string, this.opts);
    this.engine = engine;
    this._readyState = "opening";
    this.skipReconnect = false;

    const offOpen = on(engine, "open", () => {
      this.onopen();
      fn?.();
    });
    const onError = (err: Error) => {
      this.cleanup();
      this._readyState = "closed";
      this.emitReserved("error", err);
      if (fn) fn(err);
      // Only the first failure starts the loop; later ones are handled by reconnect() itself.
      else if (!this._reconnecting && this._reconnection && this.backoff.attempts === 0) this.reconnect();
    };
    const offError = on(engine, "error", onError);

    if (this._timeout !== false) {
      this.startTimer(() => {
        offOpen();
        onError(new Error("timeout"));
        engine.close();
      }, this._timeout);
    }
    this.subs.push(offOpen, offError);
    return this;
  }

  /** Same as {@link open}. */
  connect(fn?: (err?: Error) => void): this {
    return this.open(fn);
  }

  /**
   * The Socket of a namespace: the same instance on every call, reconnected if it became inactive.
   * Only `auth` (and the socket options `ackTimeout`, `retries`) are read from `opts`.
   */
  socket(nsp: string, opts?: Partial<SocketOptions>): Socket<ListenEvents, EmitEvents> {
    let socket = this.nsps[nsp];
    if (!socket) {
      this.nsps[nsp] = socket = new (this.opts.protocol?.Socket ?? Socket)(this, nsp, opts);
    } else if (this._autoConnect && !socket.active) {
      socket.connect();
    }
    return socket as unknown as Socket<ListenEvents, EmitEvents>;
  }

  /**
   * Closes the engine connection and stops reconnecting: the Manager's `close` ("forced close"), and the `disconnect`
   * of each socket still active. Public in the official client, whose own suite and users call it.
   */
  _close(): void {
    this.skipReconnect = true;
    this._reconnecting = false;
    this.onclose("forced close");
  }

  /** Same as {@link _close}. */
  disconnect(): void {
    this._close();
  }

  /** @internal Called by a socket that became inactive: the last one closes the engine connection. */
  _destroy(_socket: Socket): void {
    for (const socket of Object.values(this.nsps)) {
      if (socket.active) return;
    }
    this._close();
  }

  /** @internal Encodes a packet and writes it to the engine. */
  _packet(packet: Packet & { options?: { compress?: boolean } }): void {
    for (const chunk of this.encoder.encode(packet)) this.engine?.write(chunk, packet.options);
  }

  private onopen(): void {
    this.cleanup();
    this._readyState = "open";
    this.emitReserved("open");
    const engine = this.engine as Engine;
    this.subs.push(
      on(engine, "ping", () => this.emitReserved("ping")),
      on(engine, "data", (data: unknown) => {
        try {
          this.decoder.add(data);
        } catch (err) {
          this.onclose("parse error", err);
        }
      }),
      on(engine, "error", (err: Error) => this.emitReserved("error", err)),
      on(engine, "close", (reason: string, description?: unknown) => this.onclose(reason, description)),
      on(this.decoder, "decoded", (packet: Packet) => this.ondecoded(packet)),
    );
  }

  /** @internal Takes a packet from the decoder. */
  ondecoded(packet: Packet): void {
    // The parser checks an event's payload only when there is one: "2" alone decodes as an event with no
    // name, which no listener can take. It is as malformed as the rest; thrown here, it becomes a parse error.
    if (
      (packet.type === EVENT || packet.type === BINARY_EVENT) &&
      !(Array.isArray(packet.data) && packet.data.length)
    ) {
      throw new Error("invalid payload");
    }
    // Deferred so that a listener which closes the connection does not run inside the decoder,
    // which may still be reassembling the rest of a binary packet.
    nextTick(() => this.emitReserved("packet", packet), this.setTimeoutFn);
  }

  private cleanup(): void {
    for (const undo of this.subs) undo();
    this.subs.length = 0;
    // Drops a half-received binary packet, so that it cannot leak into the next connection.
    this.decoder.destroy();
  }

  private onclose(reason: CloseReason, description?: unknown): void {
    this.cleanup();
    this.engine?.close();
    this.backoff.attempts = 0;
    this._readyState = "closed";
    this.emitReserved("close", reason, description);
    if (this._reconnection && !this.skipReconnect) this.reconnect();
  }

  private reconnect(): void {
    if (this._reconnecting || this.skipReconnect) return;
    if (this.backoff.attempts >= this._reconnectionAttempts) {
      this.backoff.attempts = 0;
      this._reconnecting = false;
      this.emitReserved("reconnect_failed");
      return;
    }
    // Reconnecting before the delay is drawn: the observer reports the scheduled attempt from the backoff.
    this._reconnecting = true;
    const delay = this.backoff.duration(this._reconnectionDelay, this._reconnectionDelayMax, this._randomizationFactor);
    this.startTimer(() => {
      if (this.skipReconnect) return;
      this.emitReserved("reconnect_attempt", this.backoff.attempts);
      // A listener of reconnect_attempt may have closed the Manager.
      if (this.skipReconnect) return;
      this.open((err) => {
        if (err) {
          this._reconnecting = false;
          this.reconnect();
          this.emitReserved("reconnect_error", err);
        } else {
          const attempt = this.backoff.attempts;
          this.backoff.attempts = 0;
          this._reconnecting = false;
          this.emitReserved("reconnect", attempt);
        }
      });
    }, delay);
  }

  /** A timer of the current connection attempt: cleared with the subscriptions, and unref'd with `autoUnref`. */
  private startTimer(fn: () => void, ms: number): void {
    const timer = this.setTimeoutFn(fn, ms);
    if (this.opts.autoUnref) (timer as { unref?: () => void }).unref?.();
    this.subs.push(() => this.clearTimeoutFn(timer));
  }
}
