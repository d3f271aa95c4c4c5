// Any finite number a file may hold (a HAR's times are not bounded by the session check) gives the chart code a
// bounded answer: tick lists are short, increasing and inside their range, and bucket widths stay finite. Before
// issue 31, each of these loops added a step smaller than the gap between two doubles and never ended.
import { expect, test } from "vitest";
import { RateBuckets } from "../../../src/core/charts/rate-buckets.js";
import { extent, logTicks, MAX_TICKS, niceTicks, ticksEvery, timeTicks } from "../../../src/core/charts/scales.js";

/** Finite, strictly increasing, at most MAX_TICKS. */
function expectBoundedTicks(ticks: number[]): void {
  expect(ticks.length).toBeGreaterThan(0);
  expect(ticks.length).toBeLessThanOrEqual(MAX_TICKS);
  for (const t of ticks) expect(Number.isFinite(t)).toBe(true);
  for (let i = 1; i < ticks.length; i++) expect(ticks[i]).toBeGreaterThan(ticks[i - 1] as number);
}

test("niceTicks: round trips of 1e20 and 1e20 + 16384, equal values at 8e15 and the ends of the doubles", () => {
  for (const [min, max] of [
    [1e20, 1e20 + 16384],
    [8e15, 8e15],
    [8.64e15, 8.64e15 + 1],
    [-1.7e308, 1.7e308],
    [0, 1.7e308],
    [5e-324, 5e-324],
    [1.7e308, 1.7e308],
  ] as const) {
    const ticks = niceTicks(min, max, 4);
    expectBoundedTicks(ticks);
    // An axis from its first tick to its last holds every value, to the 12 digits its labels show and within a
    // thousandth of its span (the same slack as ever: a last tick a hair under the maximum ends the axis).
    const slack = Math.max(Math.max(Math.abs(min), Math.abs(max)) * 1e-12, (max - min || 1) * 1e-3);
    expect(ticks[0]).toBeLessThanOrEqual(min + slack);
    expect(ticks.at(-1)).toBeGreaterThanOrEqual(max - slack);
  }
  // Ordinary numbers keep their round ticks.
  expect(niceTicks(0, 87)).toEqual([0, 20, 40, 60, 80, 100]);
  expect(niceTicks(25_000, 25_000)).toEqual([25_000, 25_000.2, 25_000.4, 25_000.6, 25_000.8, 25_001]);
});

test("timeTicks: events at 1e19 and 1e19 + 2048, at the end of a date's range, and across all the doubles", () => {
  for (const [from, to] of [
    [1e19, 1e19 + 2048],
    [8.64e15 - 5000, 8.64e15],
    [-1e308, 1e308],
    [1e300, 1.0000001e300],
  ] as const) {
    const ticks = timeTicks(from, to, 7);
    expectBoundedTicks(ticks);
    for (const t of ticks) {
      expect(t).toBeGreaterThanOrEqual(from);
      expect(t).toBeLessThanOrEqual(to);
    }
  }
  expect(timeTicks(0, 60_000, 6)).toEqual([0, 10, 20, 30, 40, 50, 60].map((s) => s * 1000));
});

test("ticksEvery (uPlot's splits): a step below the gap between doubles, or one that makes too many ticks, widens", () => {
  // A second at 1e19: 1e19 + 1000 is 1e19.
  expectBoundedTicks(ticksEvery(1e19, 1e19 + 2048 * 4, 1000));
  // A millisecond over ten years: millions of ticks asked, MAX_TICKS at most given.
  expectBoundedTicks(ticksEvery(0, 10 * 365 * 86_400_000, 1));
  // A step of the smallest double over ordinary numbers.
  expectBoundedTicks(ticksEvery(1, 2, 5e-324));
  // Counted from a local midnight at +05:30 (uPlot's zero is the time zone's offset).
  expect(ticksEvery(0, 4 * 3_600_000, 3_600_000, -19_800_000)).toEqual([1_800_000, 5_400_000, 9_000_000, 12_600_000]);
  // Decimal steps without binary noise.
  expect(ticksEvery(0.25, 0.75, 0.1)).toEqual([0.3, 0.4, 0.5, 0.6, 0.7]);
  // Nothing to tick: no list at all, not a loop.
  expect(ticksEvery(Number.NaN, 1, 1)).toEqual([]);
  expect(ticksEvery(0, 1, 0)).toEqual([0, 1]);
});

test("logTicks: ack latencies of 5e-324 ms and 1.7e308 ms give a bounded log axis", () => {
  for (const values of [[5e-324], [1.7e308], [5e-324, 1.7e308], [2, 400]]) {
    const { lo, hi, ticks } = logTicks(values);
    expect(hi).toBeGreaterThan(lo);
    expectBoundedTicks(ticks);
    for (const t of ticks) expect(t).toBeGreaterThan(0);
  }
  expect(logTicks([2, 400])).toEqual({ lo: 0, hi: 3, ticks: [1, 10, 100, 1000] });
  expect(logTicks([3, 40]).ticks).toEqual([1, 2, 5, 10, 20, 50, 100]);
});

test("rate buckets: a gap no width of buckets can span is counted, with a finite width and bounded buckets", () => {
  const rates = new RateBuckets(100);
  rates.add(-1e308, 1);
  rates.add(1e308, 2);
  rates.add(1e19, 3);
  expect(Number.isFinite(rates.width)).toBe(true);
  expect(rates.length).toBeLessThanOrEqual(100);
  let total = 0;
  for (let i = 0; i < rates.length; i++) total += rates.at(i)?.total ?? 0;
  expect(total).toBe(3);
});

test("extent: the smallest and largest of 300,000 values, where Math.min(...values) overflows the stack", () => {
  const values = Array.from({ length: 300_000 }, (_, i) => i - 100);
  expect(() => Math.min(...values)).toThrow(RangeError);
  expect(extent(values)).toEqual([-100, 299_899]);
  expect(extent([Number.NaN, Number.POSITIVE_INFINITY])).toBeUndefined();
});
