import { bucketRange, type TimeRange } from "../../core/charts/time-range.js";

/**
 * The time range a drag across a rate chart selects: every bucket it touches, whole, within the chart. Whole buckets,
 * because the chart counts whole buckets: the rows the timeline then shows are the ones the selected steps counted.
 * A drag that ends exactly on a bucket's edge does not take the next bucket.
 */
export function dragRange(
  chart: { start: number; bucketMs: number; buckets: number },
  t0: number,
  t1: number,
): TimeRange | undefined {
  if (chart.buckets === 0 || !Number.isFinite(t0) || !Number.isFinite(t1)) return undefined;
  const [from, to] = t0 <= t1 ? [t0, t1] : [t1, t0];
  const clamp = (i: number) => Math.min(chart.buckets - 1, Math.max(0, i));
  const first = clamp(Math.floor((from - chart.start) / chart.bucketMs));
  const last = clamp(Math.ceil((to - chart.start) / chart.bucketMs) - 1);
  return bucketRange(chart, first, Math.max(first, last));
}

/**
 * The time range typed as two times of day ("12:01:02", what a time input gives; seconds optional): the keyboard's
 * way to what a drag selects. The times are of the day the chart starts, local, `to` taking its whole second; a `to`
 * before `from` is on the next day (a session over midnight). Undefined when either is not a time.
 */
export function typedRange(chartStart: number, from: string, to: string): TimeRange | undefined {
  const at = (text: string) => {
    const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text.trim());
    if (!m) return undefined;
    const [h, min, s] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
    if (h > 23 || min > 59 || s > 59) return undefined;
    const day = new Date(chartStart);
    day.setHours(h, min, s, 0);
    return day.getTime();
  };
  const start = at(from);
  let end = at(to);
  if (start === undefined || end === undefined) return undefined;
  if (end < start) end += 86_400_000;
  return { from: start, to: end + 999.999 };
}
