import { getHeapStatistics } from "node:v8";
import { MB } from "../core/shared/size.js";
import { problem, type Problem } from "../core/shared/errors.js";

/** The heap in use and the most Node lets it grow to, in bytes. */
export interface HeapReading {
  used: number;
  limit: number;
}

export const readHeap = (): HeapReading => ({
  used: process.memoryUsage().heapUsed,
  limit: getHeapStatistics().heap_size_limit,
});

/**
 * Watches the heap so that a run stops with its reports rather than dying of V8's out-of-memory error (which writes
 * nothing). Every record a run keeps is within a byte budget, so this is the last guard, for what no budget foresaw.
 * It calls `onTooMuch` once, when use stays above `share` of the limit for `readings` looks in a row (one look above
 * may be garbage the next collection frees). Returns the stop.
 */
export function watchHeap(
  onTooMuch: (reading: HeapReading) => void,
  { share = 0.85, everyMs = 500, readings = 3, read = readHeap } = {},
): () => void {
  let above = 0;
  const timer = setInterval(() => {
    const r = read();
    above = r.used > r.limit * share ? above + 1 : 0;
    if (above >= readings) {
      clearInterval(timer);
      onTooMuch(r);
    }
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** The budget of records a run keeps for its session file: at most a quarter of what the heap may grow to. */
export const recordBudgetFor = (reading: HeapReading, most: number) => Math.min(most, Math.floor(reading.limit / 4));

/** The problem of a command stopped by the heap watch: which one, and how far the heap had grown. */
export function heapStopped(what: "run" | "watch", reading: HeapReading): Problem {
  return problem("heap-stopped", {
    what,
    usedMb: Math.round(reading.used / MB),
    limitMb: Math.round(reading.limit / MB),
  });
}
