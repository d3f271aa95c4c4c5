// Records of a live capture in the order of their times. The browser tells a page's network events in an order of its
// own: a polling response's end (a namespace's CONNECT, say) can be told tens of milliseconds after WebSocket frames
// that happened later, so rows in the order told would show an event before the connect that let it be sent. The
// records carry the browser's own times; this holds each one briefly and hands them on sorted by time. A record told
// later than the hold is handed on at once, where it comes (never lost, only out of place).

/** How long a record is held for records told late to overtake it (the skew seen is tens of milliseconds). */
export const HOLD_MS = 250;
/** Records held at most: past it (a flood), the oldest goes on at once. */
export const MAX_HELD = 10_000;

export class TimeOrder<R extends { t: number }> {
  private held: R[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly emit: (record: R) => void,
    private readonly holdMs = HOLD_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes a record; it goes on once no record told later can be older than it. */
  push(record: R): void {
    // Mostly in order already: the place is found from the end (after any record of the same time: stable).
    let at = this.held.length;
    while (at > 0 && (this.held[at - 1] as R).t > record.t) at--;
    this.held.splice(at, 0, record);
    if (this.held.length > MAX_HELD) this.emit(this.held.shift() as R);
    this.schedule();
  }

  /** Hands on everything held, in order (the capture ends). */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const all = this.held;
    this.held = [];
    for (const record of all) this.emit(record);
  }

  private release(): void {
    this.timer = undefined;
    const edge = this.now() - this.holdMs;
    let n = 0;
    while (n < this.held.length && (this.held[n] as R).t <= edge) n++;
    for (const record of this.held.splice(0, n)) this.emit(record);
    this.schedule();
  }

  private schedule(): void {
    const first = this.held[0];
    if (this.timer !== undefined || !first) return;
    this.timer = setTimeout(() => this.release(), Math.max(0, first.t + this.holdMs - this.now()));
  }
}
