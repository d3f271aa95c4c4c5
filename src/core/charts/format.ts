/**
 * Numbers and times of the figures as people read them, the same in the page, the terminal, the HTML report and
 * Markdown. Plain text: whoever shows it escapes it for where it goes.
 */

/** A count with thousands separated: 1,234,567 (the same on every locale, so that tests and copies agree). */
export function countText(n: number): string {
  if (!Number.isFinite(n)) return "–";
  const [whole, fraction] = String(Math.round(n * 100) / 100).split(".");
  const grouped = (whole as string).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return fraction ? `${grouped}.${fraction}` : grouped;
}

/** A count and its noun, agreeing in number: "1 ack", "2 acks", "1,204 records" (`plural` for the irregular ones). */
export function counted(n: number, noun: string, plural = `${noun}s`): string {
  return `${countText(n)} ${n === 1 ? noun : plural}`;
}

/** Milliseconds with the precision they deserve: 0.042 ms, 3.4 ms, 250 ms, 1,204 ms; "–" for none. */
export function msText(ms: number): string {
  if (!Number.isFinite(ms)) return "–";
  const abs = Math.abs(ms);
  if (ms === 0) return "0 ms";
  if (abs < 1) return `${ms.toFixed(3)} ms`;
  if (abs < 10) return `${ms.toFixed(1)} ms`;
  return `${countText(Math.round(ms))} ms`;
}

/** A rate per second: 0.5/s, 12/s, 10,400/s. */
export function rateText(perSecond: number): string {
  if (!Number.isFinite(perSecond)) return "–";
  return `${perSecond < 10 && perSecond % 1 !== 0 ? perSecond.toFixed(1) : countText(Math.round(perSecond))}/s`;
}

/** A duration: 850 ms, 12.5 s, 3 min 20 s, 2 h 05 min. */
export function durationText(ms: number): string {
  if (!Number.isFinite(ms)) return "–";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const s = Math.round(ms / 1000);
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, "0")} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, "0")} min`;
}

/** A share as a percentage: 99.5 %. */
export function percentText(part: number, whole: number): string {
  if (!whole) return "–";
  const p = (part / whole) * 100;
  return `${p >= 10 || p === 0 ? Math.round(p) : p.toFixed(1)} %`;
}

/**
 * Text from a session (an event name, a reason, a namespace) cut to `max` characters, on one line: a chart label or
 * a table cell never grows with what a server sent.
 */
export function shortText(text: string, max = 60): string {
  // eslint-disable-next-line no-control-regex -- line breaks and controls would break a line or a cell
  const one = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, " ");
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

/** Bytes as people read them: 512 B, 12.4 kB, 3.1 MB (powers of 1000, as network figures are given). */
export function bytesText(bytes: number): string {
  if (!Number.isFinite(bytes)) return "–";
  const abs = Math.abs(bytes);
  if (abs < 1000) return `${Math.round(bytes)} B`;
  const [value, unit] = abs < 1e6 ? [bytes / 1e3, "kB"] : abs < 1e9 ? [bytes / 1e6, "MB"] : [bytes / 1e9, "GB"];
  return `${Math.abs(value) < 100 ? value.toFixed(1) : countText(Math.round(value))} ${unit}`;
}
