/**
 * About how many bytes a value takes: strings by their length, binary by its bytes, 8 for other leaves, walking
 * objects and lists without recursion. It is what a server sent, as a measure of what keeping it costs: the
 * timeline, a paused view and a scenario run keep records within a budget of these bytes, not only of rows.
 * `stop`: stop walking once past it (a caller that only wants to know "over the limit?" pays no more).
 */
export function approxBytes(value: unknown, stop = Number.POSITIVE_INFINITY): number {
  let total = 0;
  const stack: unknown[] = [value];
  while (stack.length && total < stop) {
    const v = stack.pop();
    if (typeof v === "string") total += v.length + 2;
    else if (v instanceof ArrayBuffer || ArrayBuffer.isView(v)) total += v.byteLength;
    else if (typeof Blob !== "undefined" && v instanceof Blob) total += v.size;
    else if (v !== null && typeof v === "object") {
      if (Array.isArray(v)) for (const child of v) stack.push(child);
      else
        for (const key in v) {
          total += key.length + 2;
          stack.push((v as Record<string, unknown>)[key]);
        }
    } else total += 8;
  }
  return total;
}

/** What a kept record costs beyond its payload: the record's own fields, its row and its search text. */
const RECORD_OVERHEAD = 400;

/**
 * The bytes a record of the timeline holds (its payload: arguments, data, error). Measured each time it is asked:
 * whoever keeps a record keeps its size beside it (a timeline entry, a bounded list). A WeakMap cache of every kept
 * record cost more than it saved: at some 185,000 live keys, growing its table held the page's thread for 90 ms, and
 * every collection walks it as ephemerons (bench/cap.mjs, bench/README.md).
 */
export function recordBytes(record: object): number {
  const r = record as { args?: unknown; data?: unknown; error?: unknown; event?: string };
  return RECORD_OVERHEAD + approxBytes(r.args) + approxBytes(r.data) + approxBytes(r.error) + (r.event?.length ?? 0);
}

/** Megabytes, for people. */
export const MB = 1024 * 1024;
