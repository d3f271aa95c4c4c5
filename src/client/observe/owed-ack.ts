// The answer a server emit is owed, apart from the observer: a page that only shows records answers through it.

/** Why an owed ack cannot be answered now ("" when it can): one wording wherever the handle lives. */
export function owedAckRefusal(state: "waiting" | "answered" | "gone", delivered: boolean): string {
  if (state === "answered") return "This ack was already sent";
  if (state === "gone") return "The socket disconnected: the server no longer waits for this ack";
  if (!delivered) return "The event has not been delivered yet (the socket is not connected)";
  return "";
}

/**
 * The answer a server emit is owed: its record carries this handle (as `reply`), so that whoever shows the record
 * can answer the server, once, while the socket that got the emit is still connected.
 */
export class OwedAck {
  private fn: ((...args: unknown[]) => void) | undefined;
  private _state: "waiting" | "answered" | "gone" = "waiting";

  /** `waiting` (can be answered), `answered` (by this handle or by a listener), or `gone` (the socket disconnected). */
  get state(): "waiting" | "answered" | "gone" {
    return this._state;
  }

  /** Whether `answer` can be called now: waiting, and the socket has handed out its ack (it does on delivery). */
  get ready(): boolean {
    return this._state === "waiting" && !!this.fn;
  }

  /**
   * Sends the ack with these arguments.
   * @throws Error when it was already answered, the socket disconnected, or the event was not delivered yet.
   */
  answer(...args: unknown[]): void {
    const refusal = owedAckRefusal(this._state, !!this.fn);
    if (refusal) throw new Error(refusal);
    (this.fn as (...args: unknown[]) => void)(...args);
  }

  /** @internal The socket's ack function, once it delivers the event. */
  deliver(fn: (...args: unknown[]) => void): void {
    this.fn = fn;
  }

  /** @internal */
  sent(): void {
    this._state = "answered";
  }

  /** @internal */
  forget(): void {
    if (this._state === "waiting") this._state = "gone";
    this.fn = undefined;
  }
}
