/**
 * Latencies in bounded memory: a fixed histogram on a log scale, with the count, sum, minimum and maximum exact.
 *
 * Buckets are 2^(1/8) wide (about 9 %) from 0.01 ms to 0.01 × 2^30 ms (about 3 hours), 242 counters whatever the
 * number of samples. A percentile is the geometric middle of the bucket its rank falls in, held within the exact
 * minimum and maximum: the sample of that rank lies in the same bucket, so the figure is within 2^(1/16) − 1 ≈ 4.4 %
 * of it (values under 0.01 ms share one bucket and read as the minimum; over 3 hours, as the maximum).
 */
const PER_DOUBLING = 8;
const DOUBLINGS = 30;
/** The lower edge of the first bucket of the scale, in ms. */
export const LATENCY_FLOOR_MS = 0.01;
/** Index 0: under the floor; 1..PER_DOUBLING*DOUBLINGS: the scale; the last one: over it. */
const BUCKETS = PER_DOUBLING * DOUBLINGS + 2;
/** The largest relative error of a percentile, for those who show it. */
export const PERCENTILE_ERROR = 2 ** (1 / (2 * PER_DOUBLING)) - 1;

/** One bar of a latency histogram: samples from `from` (inclusive) to `to` ms. */
export interface LatencyBin {
  from: number;
  to: number;
  count: number;
}

export interface LatencySummary {
  count: number;
  min: number;
  max: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
}

/** The lower edge of bucket `i` (1 and up), in ms. */
const edge = (i: number): number => LATENCY_FLOOR_MS * 2 ** ((i - 1) / PER_DOUBLING);

export class LatencyHistogram {
  private readonly counts = new Uint32Array(BUCKETS);
  count = 0;
  sum = 0;
  min = Number.POSITIVE_INFINITY;
  max = Number.NEGATIVE_INFINITY;

  add(ms: number): void {
    if (!Number.isFinite(ms)) return;
    const i =
      ms < LATENCY_FLOOR_MS
        ? 0
        : Math.min(BUCKETS - 1, 1 + Math.floor(Math.log2(ms / LATENCY_FLOOR_MS) * PER_DOUBLING));
    this.counts[i] = (this.counts[i] as number) + 1;
    this.count++;
    this.sum += ms;
    if (ms < this.min) this.min = ms;
    if (ms > this.max) this.max = ms;
  }

  /** The `q` quantile (0 to 1), within {@link PERCENTILE_ERROR}; NaN without samples. */
  quantile(q: number): number {
    if (this.count === 0) return Number.NaN;
    const rank = Math.max(1, Math.ceil(q * this.count));
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i] as number;
      if (seen < rank) continue;
      if (i === 0) return this.min;
      if (i === BUCKETS - 1) return this.max;
      const middle = Math.sqrt(edge(i) * edge(i + 1));
      return Math.min(this.max, Math.max(this.min, middle));
    }
    return this.max;
  }

  summary(): LatencySummary {
    return {
      count: this.count,
      min: this.count ? this.min : Number.NaN,
      max: this.count ? this.max : Number.NaN,
      mean: this.count ? this.sum / this.count : Number.NaN,
      p50: this.quantile(0.5),
      p95: this.quantile(0.95),
      p99: this.quantile(0.99),
    };
  }

  /**
   * The histogram as bars from the first sample's bucket to the last one's, `perDoubling` bars each time the
   * latency doubles (1, 2, 4 or 8): coarser than what is kept, so that a chart has a readable number of bars.
   */
  bins(perDoubling: 1 | 2 | 4 | 8 = 2): LatencyBin[] {
    if (this.count === 0) return [];
    const group = PER_DOUBLING / perDoubling;
    const bins: LatencyBin[] = [];
    if (this.counts[0]) bins.push({ from: 0, to: LATENCY_FLOOR_MS, count: this.counts[0] as number });
    for (let start = 1; start < BUCKETS - 1; start += group) {
      let count = 0;
      for (let i = start; i < start + group && i < BUCKETS - 1; i++) count += this.counts[i] as number;
      bins.push({ from: edge(start), to: edge(start + group), count });
    }
    const over = this.counts[BUCKETS - 1] as number;
    if (over) bins.push({ from: edge(BUCKETS - 1), to: Number.POSITIVE_INFINITY, count: over });
    // Only the span that holds samples.
    const first = bins.findIndex((b) => b.count > 0);
    let last = bins.length - 1;
    while (last > first && (bins[last] as LatencyBin).count === 0) last--;
    return bins.slice(first, last + 1);
  }
}
