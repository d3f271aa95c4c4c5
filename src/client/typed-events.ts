/**
 * Type machinery for typed event maps, shaped like the official client's so that
 * `Socket<ListenEvents, EmitEvents>` is checked the same way by TypeScript.
 */

/** A map from event name to listener signature. */
export interface EventsMap {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [event: string]: any;
}

/** The map used when no event map is given: any event, any arguments. */
export interface DefaultEventsMap {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [event: string]: (...args: any[]) => void;
}

export type EventNames<Map extends EventsMap> = keyof Map & (string | symbol);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type EventParams<Map extends EventsMap, Ev extends EventNames<Map>> = Parameters<Map[Ev]>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type FallbackToUntypedListener<T> = [T] extends [never] ? (...args: any[]) => void | Promise<void> : T;

export type ReservedOrUserEventNames<Reserved extends EventsMap, User extends EventsMap> =
  | EventNames<Reserved>
  | EventNames<User>;

/** The listener type for `ev`: the reserved signature wins over a user one of the same name. */
export type ReservedOrUserListener<
  Reserved extends EventsMap,
  User extends EventsMap,
  Ev extends ReservedOrUserEventNames<Reserved, User>,
> = FallbackToUntypedListener<
  Ev extends EventNames<Reserved> ? Reserved[Ev] : Ev extends EventNames<User> ? User[Ev] : never
>;

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
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [K in keyof E]: E[K] extends (...args: infer Params) => infer Result
    ? (...args: PrependTimeoutError<Params>) => Result
    : E[K];
};
