/**
 * The geometry of a chart, apart from how it is drawn: linear scales and ticks at round values. The command line's
 * HTML report draws SVG with them and a page's chart can do the same, so that both put the same ticks in the same
 * places.
 *
 * Every tick list is bounded (at most {@link MAX_TICKS}) and made by index, never by adding a step to a running
 * value: a session file or a HAR may hold any finite number (a time of 1e19 ms, a round trip of 1e20 ms), where a
 * step of a second is smaller than the gap between two neighbouring doubles, and `t += step` would leave `t` as it
 * was forever. A step too fine for the numbers is widened until the ticks differ.
 */
export interface Scale {
  (value: number): number;
  domain: readonly [number, number];
  range: readonly [number, number];
}

/** The most ticks any list here holds, whatever it is asked. */
export const MAX_TICKS = 60;

/** Maps [d0, d1] onto [r0, r1] (an empty domain maps to the middle of the range). */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  const scale = ((v: number) => (d1 === d0 ? (r0 + r1) / 2 : r0 + (v - d0) * k)) as Scale;
  scale.domain = domain;
  scale.range = range;
  return scale;
}

/** A round step near `span / count`: 1, 2 or 5 times a power of ten. */
export function niceStep(span: number, count: number): number {
  if (!(span > 0) || count < 1) return 1;
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const f = raw / power;
  // The nearest of 1, 2, 5 and 10 on a log scale (the thresholds are their geometric middles).
  return (f >= Math.sqrt(50) ? 10 : f >= Math.sqrt(10) ? 5 : f >= Math.sqrt(2) ? 2 : 1) * power;
}

/** The two ends, as ticks of last resort (numbers no round step fits, such as ±1e308). */
const ends = (min: number, max: number): number[] => (min === max ? [min] : [min, max]);

/**
 * About `count` ticks at round values from 0 (or `min`) to a round value at or above `max`.
 *
 * The step is never finer than a billionth of the values: finer, neither the drawing nor the labels (12 significant
 * digits) could tell the ticks apart, and the numbers themselves may not (1e20 + 5,000 is 1e20).
 */
export function niceTicks(min: number, max: number, count = 4): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [0];
  if (max < min) max = min;
  const wanted = Math.min(Math.max(1, Math.round(count) || 1), MAX_TICKS - 2);
  const finest = Math.max(Math.abs(min), Math.abs(max)) * 1e-9;
  // An empty span reads as one unit wide (or as wide as the finest step, for large values).
  const span = Math.max(max === min ? 1 : max - min, finest);
  if (max === min) max = min + span;
  if (!Number.isFinite(max)) return [min];
  const step = niceStep(span, wanted);
  const first = Math.floor(min / step) * step;
  if (!Number.isFinite(step) || !Number.isFinite(first)) return ends(min, max);
  const ticks: number[] = [];
  for (let i = 0; i < MAX_TICKS - 1; i++) {
    const v = Number((first + i * step).toPrecision(12));
    if (!Number.isFinite(v)) break;
    if (v !== ticks[ticks.length - 1]) ticks.push(v);
    if (v >= max - step * 0.001) return ticks;
  }
  // The round values ran out (past 1.8e308) before `max`: the last tick is `max` itself, so the axis still holds it.
  ticks.push(max);
  return ticks;
}

/**
 * The values `zero + k × step` (k whole) inside [from, to], as an axis puts its ticks: at most {@link MAX_TICKS},
 * each one different. A step that the numbers cannot hold (smaller than the gap between neighbouring doubles out
 * there), or that would make too many ticks, is made ten times wider until it fits.
 *
 * `zero`: where the multiples are counted from (a local midnight, so that ticks of an hour fall on the hour in the
 * user's time zone).
 */
export function ticksEvery(from: number, to: number, step: number, zero = 0): number[] {
  if (!Number.isFinite(from) || !Number.isFinite(to) || !Number.isFinite(zero) || to < from) return [];
  if (!(step > 0) || !Number.isFinite(step)) return ends(from, to);
  // 2^-46 of the largest magnitude: 64 times the gap between doubles there, and more than the rounding to 15 digits
  // below, so that each multiple is a new number.
  const finest = Math.max(Math.abs(from), Math.abs(to), Math.abs(zero)) * 2 ** -46;
  let s = step;
  // Each turn makes s ten times wider, so these loops end within about 630 turns whatever the numbers.
  while (s < finest) s *= 10;
  while (to / s - from / s > MAX_TICKS - 1) s *= 10;
  const k0 = Math.ceil((from - zero) / s);
  if (!Number.isFinite(s) || !Number.isFinite(k0)) return ends(from, to);
  const ticks: number[] = [];
  for (let i = 0; i < MAX_TICKS; i++) {
    // The multiple itself, cleaned of the binary noise of decimal steps (3 × 0.1 is 0.30000000000000004).
    const v = zero + Number(((k0 + i) * s).toPrecision(15));
    if (!(v <= to)) break;
    if (v >= from && v !== ticks[ticks.length - 1]) ticks.push(v);
  }
  return ticks;
}

const TIME_STEPS = [
  1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000,
  21_600_000, 43_200_000, 86_400_000,
];

/** Ticks for a time axis: round seconds, minutes or hours, about `count` of them inside [from, to]. */
export function timeTicks(from: number, to: number, count = 6): number[] {
  if (!Number.isFinite(from) || !Number.isFinite(to) || to <= from) return [from];
  // Halved first: `to - from` overflows for ends near ±1.8e308.
  const raw = ((to / 2 - from / 2) / Math.min(Math.max(1, count), MAX_TICKS - 1)) * 2;
  const step = TIME_STEPS.find((s) => s >= raw) ?? Math.ceil(raw / 86_400_000) * 86_400_000;
  return ticksEvery(from, to, step);
}

/**
 * Ticks for a log scale (base 10) over positive values: the powers of ten around them (with 2 and 5 between when
 * they span two decades or less), and the exponents of the ends, for a scale drawn on log10. Values of any size
 * (5e-324 to 1.8e308) give a bounded list: past a dozen decades, only every n-th is ticked.
 */
export function logTicks(values: readonly number[]): { lo: number; hi: number; ticks: number[] } {
  let min = Number.POSITIVE_INFINITY;
  let max = 0;
  for (const v of values) {
    if (!(v > 0) || !Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (max === 0) return { lo: -1, hi: 0, ticks: [0.1, 1] };
  // Within the exponents of normal doubles: 10^-308 would already be subnormal, 10^309 infinite.
  const clampExp = (e: number) => Math.min(308, Math.max(-307, e));
  const lo = Math.min(307, clampExp(Math.floor(Math.log10(min))));
  // 5 % of room above the largest value (added to its log: max × 1.05 may overflow).
  const hi = Math.max(lo + 1, clampExp(Math.ceil(Math.log10(max) + Math.log10(1.05))));
  const decades = hi - lo;
  const every = Math.max(1, Math.ceil(decades / 12));
  const ticks: number[] = [];
  for (let e = lo; e <= hi; e += every) {
    // Written as decimals: 10 ** -24 and 5 × 1e-307 are a hair off the round value.
    ticks.push(Number(`1e${e}`));
    if (decades <= 2 && e < hi) ticks.push(Number(`2e${e}`), Number(`5e${e}`));
  }
  return { lo, hi, ticks };
}

/** The smallest and largest finite values (a loop, not `Math.min(...values)`, which overflows the stack past ~120,000 arguments); undefined when there is none. */
export function extent(values: Iterable<number>): [number, number] | undefined {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min <= max ? [min, max] : undefined;
}
