import { getHeapStatistics } from "node:v8";
import { MB } from "../core/shared/size.js";

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

/** The words for a command stopped by the heap watch: `what` stopped, and what its output holds. */
export function heapStopped(what: string, reading: HeapReading, holds: string): string {
  return (
    `socketio-inspector: ${what} was stopped: its heap reached ${(reading.used / MB).toFixed(0)} MB of the ` +
    `${(reading.limit / MB).toFixed(0)} MB Node allows; ${holds} ` +
    "(give Node more with NODE_OPTIONS=--max-old-space-size=<MB>)"
  );
}
