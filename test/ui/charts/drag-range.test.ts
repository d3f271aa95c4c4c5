import { expect, test } from "vitest";
import { dragRange, typedRange } from "../../../src/ui/charts/drag-range.js";

const T0 = Date.UTC(2026, 10, 25, 10, 0, 0);
const chart = { start: T0, bucketMs: 1000, buckets: 10 };

test("a drag selects every bucket it touches, whole", () => {
  expect(dragRange(chart, T0 + 2300, T0 + 4100)).toEqual({ from: T0 + 2000, to: T0 + 4999.999 });
  // Within one bucket: that bucket.
  expect(dragRange(chart, T0 + 2300, T0 + 2400)).toEqual({ from: T0 + 2000, to: T0 + 2999.999 });
  // Right to left reads the same.
  expect(dragRange(chart, T0 + 4100, T0 + 2300)).toEqual({ from: T0 + 2000, to: T0 + 4999.999 });
});

test("a drag ending on a bucket's edge does not take the next bucket; one past the chart's ends stops at them", () => {
  expect(dragRange(chart, T0 + 2000, T0 + 4000)).toEqual({ from: T0 + 2000, to: T0 + 3999.999 });
  expect(dragRange(chart, T0 - 5000, T0 + 60_000)).toEqual({ from: T0, to: T0 + 9999.999 });
});

test("wider buckets (a long session) select whole wide buckets; an empty chart selects nothing", () => {
  expect(dragRange({ start: T0, bucketMs: 4000, buckets: 5 }, T0 + 5000, T0 + 6000)).toEqual({
    from: T0 + 4000,
    to: T0 + 7999.999,
  });
  expect(dragRange({ start: T0, bucketMs: 1000, buckets: 0 }, T0, T0 + 1000)).toBeUndefined();
  expect(dragRange(chart, Number.NaN, T0)).toBeUndefined();
});

test("a range typed as two times of day: on the chart's day, the end's whole second included", () => {
  const start = new Date(2026, 10, 25, 12, 0, 30).getTime();
  const at = (h: number, m: number, s: number) => new Date(2026, 10, 25, h, m, s).getTime();
  expect(typedRange(start, "12:01:02", "12:01:09")).toEqual({ from: at(12, 1, 2), to: at(12, 1, 9) + 999.999 });
  expect(typedRange(start, "12:01", "12:02")).toEqual({ from: at(12, 1, 0), to: at(12, 2, 0) + 999.999 });
  // Over midnight: the end is on the next day.
  expect(typedRange(start, "23:59:50", "00:00:10")).toEqual({
    from: at(23, 59, 50),
    to: at(23, 59, 50) + 20_000 + 999.999,
  });
  expect(typedRange(start, "", "12:00:00")).toBeUndefined();
  expect(typedRange(start, "25:00:00", "12:00:00")).toBeUndefined();
});
