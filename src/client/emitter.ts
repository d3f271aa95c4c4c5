import type {
  EventNames,
  EventParams,
  EventsMap,
  ReservedOrUserEventNames,
  ReservedOrUserListener,
} from "./typed-events.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyListener = (...args: any[]) => unknown;

/**
 * A small typed event emitter. `ListenEvents` are the user events this object can receive,
 * `ReservedEvents` the library's own (connect, disconnect, ...), which only the library emits.
 *
 * Listener lists are copied on write, so emitting never allocates and a listener that
 * removes itself (or another) during an emit does not disturb that emit.
 */
export class Emitter<ListenEvents extends EventsMap, ReservedEvents extends EventsMap = Record<never, never>> {
  private _listeners = new Map<string | symbol, AnyListener[]>();

  /** Adds a listener. */
  on<Ev extends ReservedOrUserEventNames<ReservedEvents, ListenEvents>>(
    ev: Ev,
    listener: ReservedOrUserListener<ReservedEvents, ListenEvents, Ev>,
  ): this {
    const list = this._listeners.get(ev);
    this._listeners.set(ev, list ? [...list, listener as AnyListener] : [listener as AnyListener]);
    return this;
  }

  /** Adds a listener that is removed before its first call. */
  once<Ev extends ReservedOrUserEventNames<ReservedEvents, ListenEvents>>(
    ev: Ev,
    listener: ReservedOrUserListener<ReservedEvents, ListenEvents, Ev>,
  ): this {
    const wrapper: AnyListener & { fn?: AnyListener } = (...args) => {
      this.off(ev, wrapper as never);
      return (listener as AnyListener).apply(this, args);
    };
    // Kept so that off(ev, listener) also removes a once() listener before it fired.
    wrapper.fn = listener as AnyListener;
    return this.on(ev, wrapper as never);
  }

  /**
   * Removes one listener, every listener of one event (no listener given),
   * or every listener of every event (no argument).
   */
  off<Ev extends ReservedOrUserEventNames<ReservedEvents, ListenEvents>>(
    ev?: Ev,
    listener?: ReservedOrUserListener<ReservedEvents, ListenEvents, Ev>,
  ): this {
    if (ev === undefined) {
      this._listeners.clear();
      return this;
    }
    if (listener === undefined) {
      this._listeners.delete(ev);
      return this;
    }
    const list = this._listeners.get(ev);
    if (!list) return this;
    const index = list.findIndex((l) => l === listener || (l as { fn?: AnyListener }).fn === listener);
    if (index === -1) return this;
    if (list.length === 1) this._listeners.delete(ev);
    else this._listeners.set(ev, [...list.slice(0, index), ...list.slice(index + 1)]);
    return this;
  }

  /** The listeners of an event, in the order they run. */
  listeners<Ev extends ReservedOrUserEventNames<ReservedEvents, ListenEvents>>(
    ev: Ev,
  ): ReservedOrUserListener<ReservedEvents, ListenEvents, Ev>[] {
    return [...(this._listeners.get(ev) ?? [])] as ReservedOrUserListener<ReservedEvents, ListenEvents, Ev>[];
  }

  /** Whether the event has at least one listener. */
  hasListeners(ev: ReservedOrUserEventNames<ReservedEvents, ListenEvents>): boolean {
    return this._listeners.has(ev);
  }

  /** Calls the listeners of a user event. */
  protected emitUntyped(ev: string | symbol, args: readonly unknown[]): void {
    const list = this._listeners.get(ev);
    if (!list) return;
    for (const listener of list) listener.apply(this, args as unknown[]);
  }

  /** Emits one of the library's reserved events. */
  protected emitReserved<Ev extends EventNames<ReservedEvents>>(
    ev: Ev,
    ...args: EventParams<ReservedEvents, Ev>
  ): void {
    this.emitUntyped(ev, args);
  }
}

/** Anything with on/off, typed or not (our emitters, engine.io-client's, the parser's decoder). */
export interface Subscribable {
  on(ev: never, fn: never): unknown;
  off(ev: never, fn: never): unknown;
}

/** Subscribes and returns the function that undoes it. */
export function on(target: Subscribable, ev: string, fn: AnyListener): () => void {
  (target.on as (ev: string, fn: AnyListener) => unknown).call(target, ev, fn);
  return () => {
    (target.off as (ev: string, fn: AnyListener) => unknown).call(target, ev, fn);
  };
}
