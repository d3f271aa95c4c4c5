/**
 * A time range picked on a chart (a bucket clicked, a span dragged), and the records it covers: the view filters the
 * timeline to what a chart shows. Both ends are included, in ms since the epoch, as records' `t`.
 */
export interface TimeRange {
  from: number;
  to: number;
}

/** Whether a record is in the range. */
export function inRange(record: { t: number }, range: TimeRange): boolean {
  return record.t >= range.from && record.t <= range.to;
}

/** The records in the range, in their order (any list: no order is assumed). */
export function recordsInRange<R extends { t: number }>(records: readonly R[], range: TimeRange): R[] {
  return records.filter((r) => inRange(r, range));
}

/**
 * The indices [start, end) of the records in the range, by binary search: O(log n) on a list in time order (the
 * timeline's, merged by time). On a list out of order the bounds are those of a sorted run, so use
 * {@link recordsInRange} there.
 */
export function sortedRangeBounds(records: readonly { t: number }[], range: TimeRange): { start: number; end: number } {
  const firstAtOrAfter = (t: number, strict: boolean) => {
    let lo = 0;
    let hi = records.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const v = (records[mid] as { t: number }).t;
      if (strict ? v <= t : v < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const start = firstAtOrAfter(range.from, false);
  return { start, end: Math.max(start, firstAtOrAfter(range.to, true)) };
}

/**
 * The time range of buckets `first` to `last` (inclusive) of a chart that counts in buckets of `bucketMs` from
 * `start` (a rate chart): what a click on a bar, or a drag across bars, selects.
 */
export function bucketRange(chart: { start: number; bucketMs: number }, first: number, last = first): TimeRange {
  const lo = Math.min(first, last);
  const hi = Math.max(first, last);
  // A bucket is [from, to): the range's end stops just before the next bucket's start.
  return { from: chart.start + lo * chart.bucketMs, to: chart.start + (hi + 1) * chart.bucketMs - 0.001 };
}
