/**
 * When the charts redraw: on request, at most once per `minMs`, and further apart when a draw is slow, so that
 * drawing never takes more than `share` of the page's time. Records come 60 batches a second at 10,000 events a
 * second, and a draw walks every bucket of the session: per batch it would hold the page, once a second it does not.
 */
export interface RedrawClock {
  /** Something changed: draw when the clock allows (at once if the last draw is far enough behind). */
  request(): void;
  /** Draw now (the user changed what the charts show: no reason to wait), and start the interval from here. */
  now(): void;
  stop(): void;
}

export interface RedrawTiming {
  minMs?: number;
  share?: number;
  clock?: () => number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

export function redrawClock(
  draw: () => void,
  {
    minMs = 1000,
    share = 0.1,
    clock = () => performance.now(),
    setTimer = (run, ms) => setTimeout(run, ms),
    clearTimer = (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
  }: RedrawTiming = {},
): RedrawClock {
  let last = Number.NEGATIVE_INFINITY;
  let interval = minMs;
  let timer: unknown;
  let stopped = false;

  const run = () => {
    timer = undefined;
    if (stopped) return;
    const start = clock();
    draw();
    const end = clock();
    last = end;
    interval = Math.max(minMs, (end - start) / share);
  };

  return {
    request() {
      if (stopped || timer !== undefined) return;
      timer = setTimer(run, Math.max(0, last + interval - clock()));
    },
    now() {
      if (stopped) return;
      if (timer !== undefined) clearTimer(timer);
      run();
    },
    stop() {
      stopped = true;
      if (timer !== undefined) clearTimer(timer);
      timer = undefined;
    },
  };
}
