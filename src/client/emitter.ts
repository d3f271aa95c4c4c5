/**
 * The event emitter under Manager and Socket: engine.io-client's own typed emitter, which the bundle
 * carries anyway, so the library adds no second implementation. Its generics separate user events
 * (`ListenEvents`, `EmitEvents`) from the library's reserved ones, which only `emitReserved` can fire.
 */
export { Emitter } from "@socket.io/component-emitter";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyListener = (...args: any[]) => unknown;

/** Anything with on/off, typed or not (our emitters, engine.io-client's, the parser's decoder). */
export interface Subscribable {
  on(ev: never, fn: never): unknown;
  off(ev: never, fn: never): unknown;
}

/** Subscribes and returns the function that undoes it. */
export function on(target: Subscribable, ev: string, fn: AnyListener): () => void {
  (target as Untyped).on(ev, fn);
  return () => (target as Untyped).off(ev, fn);
}

/** The same emitter, its event names and listeners untyped. */
type Untyped = Record<"on" | "off", (ev: string, fn: AnyListener) => unknown>;
