/**
 * Dates as a server sends them. A msgpack timestamp may be out of the range of a JavaScript Date (±8.64e15 ms): the
 * Date is then invalid, and keeps the value it was made from so that the row, the detail and a session file can show
 * what came instead of losing it (or throwing where an ISO text is asked of it).
 */
const RAW_MILLIS = Symbol("raw milliseconds");

/** An Invalid Date that remembers the milliseconds it was made from, as exact decimal text. */
export function outOfRangeDate(millis: string): Date {
  const date = new Date(Number.NaN);
  Object.defineProperty(date, RAW_MILLIS, { value: millis });
  return date;
}

/** The milliseconds an out-of-range date was made from, if it was. */
export function rawMillis(date: Date): string | undefined {
  return (date as Date & { [RAW_MILLIS]?: string })[RAW_MILLIS];
}

/** A date as text, never throwing: the ISO form, or what an invalid one held. */
export function dateText(date: Date): string {
  if (!Number.isNaN(date.getTime())) return date.toISOString();
  const raw = rawMillis(date);
  return raw === undefined ? "Invalid Date" : `Invalid Date (${raw} ms since 1970, out of range)`;
}

/**
 * A time of day as the whole inspector shows it: 24-hour, local, with milliseconds (`00:10:44.813`), the same as the
 * timeline's rows, so that a time in one place can be found in another.
 */
export function clockTime(t: number): string {
  const d = new Date(t);
  if (Number.isNaN(d.getTime())) return "--:--:--.---";
  const two = (n: number) => String(n).padStart(2, "0");
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}.${String(d.getMilliseconds()).padStart(3, "0")}`;
}
