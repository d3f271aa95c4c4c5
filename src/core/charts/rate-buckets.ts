/**
 * Counts over time in bounded memory: buckets of one second from the first record, each with a small map of series
 * (a series is a number the caller packs: client, namespace, event name, direction) to their counts.
 *
 * Two bounds keep it small whatever the session: at most `maxBuckets` buckets (past them, the width doubles and
 * neighbours merge, so a day-long session has buckets of a minute, not 86,400 of them: each record still costs O(1)
 * amortised, since every merge halves the count), and at most `seriesPerBucket` series in one bucket (past them, a
 * bucket counts the rest as `overflow`; merging keeps the largest and moves the smallest there). A bucket's total
 * stays exact either way.
 */
export interface Bucket {
  total: number;
  /** Counts of the series itemised in this bucket. */
  series: Map<number, number>;
  /** Counts this bucket could not itemise (more series than it keeps). */
  overflow: number;
}

export const DEFAULT_MAX_BUCKETS = 1800;
export const DEFAULT_SERIES_PER_BUCKET = 256;

export class RateBuckets {
  /** The start of bucket 0, ms since the epoch (the first record's second); undefined before any. */
  origin: number | undefined;
  /** The width of a bucket in ms: 1000, then doubled as the session grows longer than `maxBuckets` of them. */
  width = 1000;
  private buckets: Array<Bucket | undefined> = [];
  /** Records stamped before the first one (clocks of two clients differ): counted in bucket 0. */
  early = 0;

  constructor(
    readonly maxBuckets = DEFAULT_MAX_BUCKETS,
    readonly seriesPerBucket = DEFAULT_SERIES_PER_BUCKET,
  ) {}

  /** Counts one record of `series` at time `t`. */
  add(t: number, series: number, count = 1): void {
    if (!Number.isFinite(t)) return;
    if (this.origin === undefined) this.origin = Math.floor(t / 1000) * 1000;
    let index = Math.floor((t - this.origin) / this.width);
    if (index < 0) {
      this.early++;
      index = 0;
    }
    // Widening stops short of an infinite width: a gap no double can span (from -1e308 to 1e308) counts in the last
    // bucket instead of making every bucket's span Infinity.
    while (index >= this.maxBuckets && Number.isFinite(this.width * 2)) {
      this.widen();
      index = Math.floor((t - this.origin) / this.width);
    }
    if (!(index < this.maxBuckets)) index = this.maxBuckets - 1;
    let bucket = this.buckets[index];
    if (!bucket) {
      bucket = { total: 0, series: new Map(), overflow: 0 };
      // Buckets between the last one and this stay undefined: quiet seconds cost nothing.
      this.buckets[index] = bucket;
    }
    bucket.total += count;
    const current = bucket.series.get(series);
    if (current !== undefined) bucket.series.set(series, current + count);
    else if (bucket.series.size < this.seriesPerBucket) bucket.series.set(series, count);
    else bucket.overflow += count;
  }

  /** Doubles the width: bucket i and i+1 become one. */
  private widen(): void {
    const merged: Array<Bucket | undefined> = [];
    for (let i = 0; i < this.buckets.length; i += 2) {
      const a = this.buckets[i];
      const b = this.buckets[i + 1];
      merged.push(a && b ? this.merge(a, b) : (a ?? b));
    }
    this.buckets = merged;
    this.width *= 2;
  }

  private merge(a: Bucket, b: Bucket): Bucket {
    const series = new Map(a.series);
    for (const [key, n] of b.series) series.set(key, (series.get(key) ?? 0) + n);
    let overflow = a.overflow + b.overflow;
    if (series.size > this.seriesPerBucket) {
      // Keep the largest series itemised: they are the ones a chart shows.
      const sorted = [...series].sort((x, y) => y[1] - x[1]);
      for (const [key, n] of sorted.slice(this.seriesPerBucket)) {
        series.delete(key);
        overflow += n;
      }
    }
    return { total: a.total + b.total, series, overflow };
  }

  /** How many buckets the session spans so far. */
  get length(): number {
    return this.buckets.length;
  }

  /** Bucket `i` (undefined: nothing happened in it). */
  at(i: number): Bucket | undefined {
    return this.buckets[i];
  }

  /** The time span of bucket `i`: [from, to). */
  span(i: number): { from: number; to: number } {
    const from = (this.origin ?? 0) + i * this.width;
    return { from, to: from + this.width };
  }
}
