/**
 * Type machinery for typed event maps, shaped like the official client's so that
 * `Socket<ListenEvents, EmitEvents>` is checked the same way by TypeScript. The base maps come
 * with the emitter; what acks need (error-first decoration, the reply type) is defined here.
 */

export type {
  DefaultEventsMap,
  EventNames,
  EventParams,
  EventsMap,
  ReservedOrUserEventNames,
  ReservedOrUserListener,
} from "@socket.io/component-emitter";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Last<T extends any[]> = T extends [...infer _H, infer L] ? L : any;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AllButLast<T extends any[]> = T extends [...infer H, infer _L] ? H : any[];

/** The first reply argument of an ack callback, skipping the error slot that `timeout()` adds. */
export type FirstNonErrorArg<T> = T extends (...args: infer Params) => unknown
  ? Params extends [infer First, ...infer Rest]
    ? First extends Error
      ? Rest extends [infer Second, ...unknown[]]
        ? Second
        : // eslint-disable-next-line @typescript-eslint/no-explicit-any
          any
      : First
    : // eslint-disable-next-line @typescript-eslint/no-explicit-any
      any
  : // eslint-disable-next-line @typescript-eslint/no-explicit-any
    any;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type PrependTimeoutError<T extends any[]> = {
  [K in keyof T]: T[K] extends (...args: infer Params) => infer Result
    ? Params extends [Error]
      ? (err: Error) => Result
      : (err: Error, ...args: Params) => Result
    : T[K];
};

/** What `socket.timeout(ms)` does to the emit map: every ack callback becomes error-first. */
export type DecorateAcknowledgements<E> = {
  [K in keyof E]: E[K] extends (...args: infer Params) => infer Result
    ? (...args: PrependTimeoutError<Params>) => Result
    : E[K];
};
