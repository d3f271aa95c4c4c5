import type { Socket as Engine } from "engine.io-client";
import type { Packet } from "socket.io-parser";
import { Backoff } from "../backoff.js";
import { Manager } from "../manager.js";
import { Socket } from "../socket.js";
import type { ClientTap, SocketState } from "./tap.js";

/**
 * The facts a Manager or a Socket gives at the edge of one of its methods come from wrappers of those methods,
 * which the first observer installs on the prototypes. The client then holds no call site for them: a bundle
 * without the observer does not carry them (about 130 bytes gzipped), and a page or process where no client is
 * observed runs none of them (after the first observe(), every Manager and Socket runs them, finding no tap on
 * those not observed). Each wrapper calls the tap where the method itself would have: before the work for what the
 * method is handed (a packet to encode, an event to emit), after it for what the method made (an engine, an ack
 * callback, a flush). Facts from deep inside a Socket's method (buffered, dropped and timed-out emits) are still
 * reported there, through `Manager._tap`.
 */

/** The members of a Manager that the wrappers use, some of them internal. */
interface TappedManager {
  _tap: ClientTap | undefined;
  engine: Engine | undefined;
  open(fn?: (err?: Error) => void): unknown;
  _packet(packet: Packet): void;
  ondecoded(packet: Packet): void;
  emitReserved(ev: string, ...args: unknown[]): unknown;
}

/** The members of a Socket that the wrappers use, some of them internal. */
interface TappedSocket extends SocketState {
  readonly io: TappedManager;
  readonly nsp: string;
  ack(id: number): (...args: unknown[]) => void;
  readonly sendBuffer: readonly unknown[];
  readonly acks: Record<number, unknown>;
  emitBuffered(): void;
  _clearAcks(): void;
  emitReserved(ev: string, ...args: unknown[]): unknown;
}

let installed = false;

function installWrappers(): void {
  if (installed) return;
  installed = true;
  const manager = Manager.prototype as unknown as TappedManager;
  const socket = Socket.prototype as unknown as TappedSocket;
  const { open, _packet, ondecoded } = manager;
  const managerEmit = manager.emitReserved;
  const { ack, emitBuffered, _clearAcks } = socket;
  const socketEmit = socket.emitReserved;

  manager.open = function (this: TappedManager, fn) {
    const before = this.engine;
    const result = open.call(this, fn);
    // A new engine: the observer subscribes to it before any of its events (none is emitted synchronously).
    if (this.engine && this.engine !== before) this._tap?.("engine", this.engine);
    return result;
  };
  manager._packet = function (this: TappedManager, packet) {
    this._tap?.("out", packet);
    _packet.call(this, packet);
  };
  manager.ondecoded = function (this: TappedManager, packet) {
    // A malformed packet throws: no record (it becomes the close's "parse error").
    ondecoded.call(this, packet);
    this._tap?.("in", packet);
  };
  manager.emitReserved = function (this: TappedManager, ev: string) {
    // "packet" comes once per decoded packet, and the observer has recorded it already (as "in"): kept off the tap,
    // and the arguments are passed on as they are, so that the hot path allocates nothing here.
    // eslint-disable-next-line prefer-rest-params -- see above
    const args = arguments;
    if (ev !== "packet" && this._tap) this._tap("manager", ev, Array.prototype.slice.call(args, 1));
    return managerEmit.apply(this, args as unknown as [string, ...unknown[]]);
  };

  socket.emitReserved = function (this: TappedSocket, ev, ...args) {
    this.io._tap?.("socket", this.nsp, ev, args, this);
    return socketEmit.call(this, ev, ...args);
  };
  socket.ack = function (this: TappedSocket, id) {
    const fn = ack.call(this, id);
    this.io._tap?.("owed", this.nsp, id, fn);
    return fn;
  };
  socket.emitBuffered = function (this: TappedSocket) {
    // It sends every packet of the send buffer.
    const count = this.sendBuffer.length;
    emitBuffered.call(this);
    if (count) this.io._tap?.("flushed", this.nsp, count);
  };
  socket._clearAcks = function (this: TappedSocket) {
    // The acks it dropped are those gone after it (an ack it calls may add another, under a new id).
    const before = Object.keys(this.acks);
    _clearAcks.call(this);
    const ids = before.filter((id) => !(id in this.acks)).map(Number);
    if (ids.length) this.io._tap?.("discarded", this.nsp, ids);
  };
}

/**
 * Attaches a tap to a Manager (and its sockets), or detaches it with `undefined`. The tap hears of the Manager's
 * current engine at once, since that engine was made before.
 */
export function setTap(manager: Manager, tap: ClientTap | undefined): void {
  installWrappers();
  manager._tap = tap;
  const backoff: Partial<Backoff> = manager.backoff;
  if (!tap) {
    delete backoff.duration; // the prototype's again
    return;
  }
  // A reconnection scheduled: the Manager's backoff computes a delay only to schedule an attempt, once the Manager
  // is reconnecting, and the attempt counted.
  backoff.duration = function (this: Backoff, min, max, jitter) {
    const delay = Backoff.prototype.duration.call(this, min, max, jitter);
    manager._tap?.("scheduled", this.attempts, delay);
    return delay;
  };
  if (manager.engine) tap("engine", manager.engine);
}
