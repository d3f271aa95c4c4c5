/**
 * Two sequences of keys aligned as a diff aligns lines: Myers' O((n + m) × d) algorithm, where d is the number of
 * differences, after the common start and end are taken off (the usual case, two runs of one scenario, is then
 * nearly free). The cost is bounded by `maxEdits`: past that many differences it gives up and says so, rather than
 * taking seconds and d² memory on two unrelated sessions.
 */
export type AlignStep =
  { kind: "same"; a: number; b: number } | { kind: "missing"; a: number } | { kind: "extra"; b: number };

export const DEFAULT_MAX_EDITS = 2000;

/**
 * The alignment of `a` with `b`, in order: `same` pairs, `missing` (only in a) and `extra` (only in b), by index; or
 * undefined when they differ in more than `maxEdits` places.
 */
export function alignSequences(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  maxEdits = DEFAULT_MAX_EDITS,
): AlignStep[] | undefined {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const middle = myers(a, b, start, endA, start, endB, maxEdits);
  if (!middle) return undefined;
  const steps: AlignStep[] = [];
  for (let i = 0; i < start; i++) steps.push({ kind: "same", a: i, b: i });
  steps.push(...middle);
  for (let i = 0; endA + i < a.length; i++) steps.push({ kind: "same", a: endA + i, b: endB + i });
  return steps;
}

/** Myers' greedy algorithm on a[a0, a1) and b[b0, b1), keeping each round's furthest reach to walk back. */
function myers(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  a0: number,
  a1: number,
  b0: number,
  b1: number,
  maxEdits: number,
): AlignStep[] | undefined {
  const n = a1 - a0;
  const m = b1 - b0;
  const max = Math.min(n + m, maxEdits);
  const offset = max + 1;
  // v[offset + k]: the furthest x reached on diagonal k (y = x − k).
  const v = new Int32Array(2 * max + 3);
  // trace[d]: v before round d, diagonals −(d + 1) to d + 1 (index k + d + 1).
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (v[offset + k - 1] as number) < (v[offset + k + 1] as number));
      let x = down ? (v[offset + k + 1] as number) : (v[offset + k - 1] as number) + 1;
      let y = x - k;
      while (x < n && y < m && a[a0 + x] === b[b0 + y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return walkBack(trace, d, n, m, a0, b0);
    }
  }
  return undefined;
}

function walkBack(trace: Int32Array[], last: number, n: number, m: number, a0: number, b0: number): AlignStep[] {
  const steps: AlignStep[] = [];
  let x = n;
  let y = m;
  for (let d = last; d > 0; d--) {
    const t = trace[d] as Int32Array;
    const at = (k: number) => t[k + d + 1] as number;
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) steps.push({ kind: "same", a: a0 + --x, b: b0 + --y });
    if (x === prevX) steps.push({ kind: "extra", b: b0 + prevY });
    else steps.push({ kind: "missing", a: a0 + prevX });
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) steps.push({ kind: "same", a: a0 + --x, b: b0 + --y });
  return steps.reverse();
}
