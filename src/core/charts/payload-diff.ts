import { bytesOf, isBinary } from "../shared/binary.js";
import { dateText } from "../shared/dates.js";
import { preview } from "../shared/preview.js";

/**
 * Where two payloads differ, by path (`args[0].user.name: "a" → "b"`), bounded in depth, in keys walked and in
 * changes listed: two 10 MB payloads cost no more than the bounds, and a list of a million items no more than its
 * first `maxKeys`. Values are shown as short previews (text, never markup).
 */
export interface PayloadChange {
  path: string;
  /** The value in a and in b, previewed; "(absent)" where the path is not there. */
  a: string;
  b: string;
}

export interface DiffLimits {
  maxDepth: number;
  maxChanges: number;
  /** Keys (or items) walked per object or list. */
  maxKeys: number;
  /** Characters of each value shown. */
  valueChars: number;
}

export const DIFF_LIMITS: DiffLimits = { maxDepth: 8, maxChanges: 10, maxKeys: 1000, valueChars: 60 };

export const ABSENT = "(absent)";

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** The path of a key under `path`: `.name`, or `["a key"]` (cut to 40 characters). */
export function childPath(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  if (IDENTIFIER.test(key) && key.length <= 40) return `${path}.${key}`;
  return `${path}[${JSON.stringify(key.length > 40 ? `${key.slice(0, 39)}…` : key)}]`;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v) && !isBinary(v) && !(v instanceof Date);

function sameLeaf(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === "number" && typeof b === "number") return Number.isNaN(a) && Number.isNaN(b);
  if (a instanceof Date && b instanceof Date) return dateText(a) === dateText(b);
  if (isBinary(a) && isBinary(b)) {
    const x = bytesOf(a);
    const y = bytesOf(b);
    if (!x || !y || x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
    return true;
  }
  return false;
}

/**
 * Whether two values are equal all the way down, walking at most `budget` values without recursion (a payload may
 * be nested 100,000 deep); undefined when the budget ran out before an answer.
 */
function sameBelow(a: unknown, b: unknown, budget: number): boolean | undefined {
  const stack: Array<[unknown, unknown]> = [[a, b]];
  while (stack.length) {
    if (--budget < 0) return undefined;
    const [x, y] = stack.pop() as [unknown, unknown];
    if (Array.isArray(x) && Array.isArray(y)) {
      if (x.length !== y.length) return false;
      for (let i = 0; i < x.length; i++) stack.push([x[i], y[i]]);
    } else if (isPlainObject(x) && isPlainObject(y)) {
      const keys = Object.keys(x);
      if (keys.length !== Object.keys(y).length) return false;
      for (const k of keys) {
        if (!Object.prototype.hasOwnProperty.call(y, k)) return false;
        stack.push([x[k], y[k]]);
      }
    } else if (!sameLeaf(x, y)) return false;
  }
  return true;
}

/** The changes from `a` to `b`, at most `maxChanges`; `more`: there were others past that (or past the walk's bounds). */
export function payloadChanges(
  a: unknown,
  b: unknown,
  root = "args",
  limits: Partial<DiffLimits> = {},
): { changes: PayloadChange[]; more: boolean } {
  const l = { ...DIFF_LIMITS, ...limits };
  const changes: PayloadChange[] = [];
  let more = false;
  const show = (v: unknown, present: boolean) => (present ? preview(v, l.valueChars) : ABSENT);
  const add = (path: string, x: unknown, xIn: boolean, y: unknown, yIn: boolean) => {
    if (changes.length >= l.maxChanges) more = true;
    else changes.push({ path, a: show(x, xIn), b: show(y, yIn) });
  };
  const walk = (x: unknown, y: unknown, path: string, depth: number): void => {
    if (more) return;
    const bothLists = Array.isArray(x) && Array.isArray(y);
    const bothObjects = isPlainObject(x) && isPlainObject(y);
    if (!bothLists && !bothObjects) {
      if (!sameLeaf(x, y)) add(path, x, true, y, true);
      return;
    }
    if (depth >= l.maxDepth) {
      // Deeper than the walk names paths: whether something below differs is still said, not where.
      const same = sameBelow(x, y, l.maxKeys * 10);
      if (same === false) add(`${path} (below)`, x, true, y, true);
      else if (same === undefined) more = true;
      return;
    }
    if (bothLists) {
      const xs = x as unknown[];
      const ys = y as unknown[];
      const n = Math.max(xs.length, ys.length);
      for (let i = 0; i < Math.min(n, l.maxKeys) && !more; i++)
        if (i >= xs.length || i >= ys.length) add(childPath(path, i), xs[i], i < xs.length, ys[i], i < ys.length);
        else walk(xs[i], ys[i], childPath(path, i), depth + 1);
      if (n > l.maxKeys) more = true;
      return;
    }
    const xo = x as Record<string, unknown>;
    const yo = y as Record<string, unknown>;
    const keys = new Set<string>();
    for (const k of Object.keys(xo)) if (keys.size < l.maxKeys) keys.add(k);
    for (const k of Object.keys(yo)) if (keys.size < l.maxKeys * 2) keys.add(k);
    for (const k of keys) {
      if (more) return;
      const inX = Object.prototype.hasOwnProperty.call(xo, k);
      const inY = Object.prototype.hasOwnProperty.call(yo, k);
      if (inX && inY) walk(xo[k], yo[k], childPath(path, k), depth + 1);
      else add(childPath(path, k), xo[k], inX, yo[k], inY);
    }
  };
  walk(a, b, root, 0);
  return { changes, more };
}
