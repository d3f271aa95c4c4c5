// Records of a live capture in the order of their times. The browser tells a page's network events in an order of its
// own: a polling response's end (a namespace's CONNECT, say) can be told tens of milliseconds after WebSocket frames
// that happened later, so rows in the order told would show an event before the connect that let it be sent. The
// records carry the browser's own times; this holds each one briefly and hands them on sorted by time. A record told
// later than the hold is handed on at once, where it comes (never lost, only out of place).

/** How long a record is held for records told late to overtake it (the skew seen is tens of milliseconds). */
export const HOLD_MS = 250;
/**
 * Records held at most, and their bytes (with a `sizeOf`): past either (a flood; a hidden page, whose timers the
 * browser slows to once a second or a minute), the oldest go on at once.
 */
export const MAX_HELD = 10_000;
export const MAX_HELD_BYTES = 16 * 1024 * 1024;

export interface TimeOrderOptions<R> {
  holdMs?: number;
  /** A record's size, for the bound on the bytes held (none: only the count is bounded). */
  sizeOf?: (record: R) => number;
  maxBytes?: number;
  now?: () => number;
}

export class TimeOrder<R extends { t: number }> {
  private held: Array<{ record: R; bytes: number }> = [];
  private bytes = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly holdMs: number;
  private readonly sizeOf: (record: R) => number;
  private readonly maxBytes: number;
  private readonly now: () => number;

  constructor(
    private readonly emit: (record: R) => void,
    options: TimeOrderOptions<R> = {},
  ) {
    this.holdMs = options.holdMs ?? HOLD_MS;
    this.sizeOf = options.sizeOf ?? (() => 0);
    this.maxBytes = options.maxBytes ?? MAX_HELD_BYTES;
    this.now = options.now ?? Date.now;
  }

  /** Takes a record; it goes on once no record told later can be older than it. */
  push(record: R): void {
    // Mostly in order already: the place is found from the end (after any record of the same time: stable).
    let at = this.held.length;
    while (at > 0 && this.held[at - 1]!.record.t > record.t) at--;
    const bytes = this.sizeOf(record);
    this.held.splice(at, 0, { record, bytes });
    this.bytes += bytes;
    while (this.held.length > MAX_HELD || (this.bytes > this.maxBytes && this.held.length > 0)) this.next();
    this.schedule();
  }

  /** Hands on everything held, in order (the capture ends). */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    while (this.held.length > 0) this.next();
  }

  /** Hands on the oldest record held. */
  private next(): void {
    const first = this.held.shift()!;
    this.bytes -= first.bytes;
    this.emit(first.record);
  }

  private release(): void {
    this.timer = undefined;
    const edge = this.now() - this.holdMs;
    while (this.held.length > 0 && this.held[0]!.record.t <= edge) this.next();
    this.schedule();
  }

  private schedule(): void {
    const first = this.held[0];
    if (this.timer !== undefined || !first) return;
    this.timer = setTimeout(() => this.release(), Math.max(0, first.record.t + this.holdMs - this.now()));
  }
}
