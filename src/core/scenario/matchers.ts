import { bytesOf, isBinary, parseHex, toHex } from "../shared/binary.js";
import { preview } from "../shared/preview.js";
import { isObject } from "../shared/reader.js";
import { errorMessage, fail as failWith, problem, problemOf, type Problem } from "../shared/errors.js";

/**
 * Matchers are data: a JSON value is matched exactly, except objects with one `$` key, which are:
 *   {"$any": true}                          anything (or nothing)
 *   {"$type": "string"}                     string, number, boolean, null, object, array or binary
 *   {"$regex": "^room-", "$flags": "i"}     a string the regular expression finds something in
 *   {"$partial": {"a": 1}}                  an object with at least these fields (nested objects partial too)
 *   {"$capture": "room", "$match": M}       matches M (default any) and keeps the value as "room"
 *   {"$var": "room"}                        the variable "room": captured by an earlier step, or the environment's
 *                                           (in arguments too; `{{room}}` in a string is the same variable, as text)
 *   {"$binary": "cafe"}                     these bytes (in arguments too)
 *   {"$literal": {...}}                     this value exactly, `$` keys and all (in arguments too)
 * Regular expressions are the only thing compiled, with the RegExp constructor, and they run on a worker that is
 * stopped past the step's time limit (regex-engine.ts); nothing is evaluated.
 */
const MATCHERS = ["$any", "$type", "$regex", "$partial", "$capture", "$var", "$binary", "$literal"] as const;
/** What emit arguments may hold: values, not tests. */
const VALUE_FORMS = new Set(["$var", "$binary", "$literal"]);
const COMPANIONS: Record<string, string | undefined> = { $regex: "$flags", $capture: "$match" };
export const TYPES = ["string", "number", "boolean", "null", "object", "array", "binary"] as const;

type Fail = (where: string, why: Problem) => never;

/** The `$` key of a matcher object, if it is one (on checked data: one of the matchers). */
export function matcherKey(v: unknown): string | undefined {
  if (!isObject(v)) return undefined;
  return Object.keys(v).find((k) => k.startsWith("$") && k !== "$flags" && k !== "$match");
}

/**
 * Checks the matchers inside a value (iteratively: the value was checked for depth already, but a stack keeps it
 * cheap). `valuesOnly`: emit arguments, where only values and references make sense.
 */
export function checkMatcher(value: unknown, fail: Fail, valuesOnly = false): void {
  const stack: Array<[unknown, string]> = [[value, ""]];
  while (stack.length) {
    const [v, where] = stack.pop() as [unknown, string];
    if (Array.isArray(v)) {
      v.forEach((item, i) => stack.push([item, `${where}[${i}]`]));
      continue;
    }
    if (!isObject(v)) continue;
    const key = matcherKey(v);
    if (key === undefined) {
      if ("$flags" in v || "$match" in v) fail(where, problem("matcher-companion-alone"));
      for (const [k, item] of Object.entries(v)) stack.push([item, `${where}.${k}`]);
      continue;
    }
    if (!(MATCHERS as readonly string[]).includes(key))
      fail(where, problem("not-a-matcher", { key, matchers: [...MATCHERS] }));
    if (valuesOnly && !VALUE_FORMS.has(key)) fail(where, problem("matcher-in-emit", { key }));
    const extra = Object.keys(v).filter((k) => k !== key && k !== COMPANIONS[key]);
    if (extra.length) fail(where, problem("matcher-extra-keys", { extra, key }));
    const arg = v[key];
    switch (key) {
      case "$any":
        if (arg !== true) fail(`${where}.$any`, problem("must-be-true"));
        break;
      case "$type":
        if (!(TYPES as readonly unknown[]).includes(arg))
          fail(`${where}.$type`, problem("must-be-one-of", { values: [...TYPES] }));
        break;
      case "$regex": {
        const flags = v.$flags ?? "";
        if (typeof arg !== "string") fail(`${where}.$regex`, problem("must-be-string"));
        if (typeof flags !== "string" || !/^[imsu]*$/.test(flags)) fail(`${where}.$flags`, problem("flags-invalid"));
        try {
          new RegExp(arg, flags);
        } catch (err) {
          fail(`${where}.$regex`, problem("regex-invalid", { message: errorMessage(err) }));
        }
        break;
      }
      case "$partial":
        if (!isObject(arg)) fail(`${where}.$partial`, problem("must-be-object"));
        for (const [k, item] of Object.entries(arg)) stack.push([item, `${where}.$partial.${k}`]);
        break;
      case "$capture":
      case "$var":
        if (typeof arg !== "string" || !/^[\w-]{1,60}$/.test(arg))
          fail(`${where}.${key}`, problem("capture-name-invalid"));
        if (key === "$capture" && v.$match !== undefined) stack.push([v.$match, `${where}.$match`]);
        break;
      case "$binary":
        if (typeof arg !== "string") fail(`${where}.$binary`, problem("binary-invalid", {}));
        try {
          parseHex(arg);
        } catch (err) {
          fail(`${where}.$binary`, problem("binary-invalid", { cause: problemOf(err) }));
        }
        break;
      case "$literal":
        break; // anything: it is data
    }
  }
}

/** Where and how a value did not match. */
export interface Mismatch {
  path: string;
  /** What the matcher expected there. */
  expected: Problem;
  actual: string;
}

/** Captured values, by name. */
export type Captures = Record<string, unknown>;

/** Where `$var` finds a variable's value: the run's variables (captures, then the environment's). */
export interface VariableLookup {
  lookup(name: string): { value: unknown } | undefined;
}

const MAX_MISMATCHES = 20;

function typeOf(v: unknown): (typeof TYPES)[number] | "undefined" {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (isBinary(v)) return "binary";
  const t = typeof v;
  return t === "string" || t === "number" || t === "boolean" || t === "object" ? t : "undefined";
}

/** The value for a message: short, one line, binary as its size. */
export const show = (v: unknown) => (v === undefined ? "nothing" : preview(v, 120));
/** A value expected exactly, in a mismatch. */
const shown = (v: unknown) => problem("expected-value", { value: show(v) });

/** Exact equality of plain values, bytes compared as bytes. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (isBinary(a) || isBinary(b)) {
    const x = isBinary(a) ? bytesOf(a) : undefined;
    const y = isBinary(b) ? bytesOf(b) : undefined;
    return !!x && !!y && x.length === y.length && x.every((byte, i) => byte === y[i]);
  }
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (isObject(a)) {
    if (!isObject(b)) return false;
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => k in b && sameValue(a[k], b[k]));
  }
  return Object.is(a, b);
}

/**
 * Runs a `$regex` test: never on the caller's thread (see regex-engine.ts), so it is asynchronous; it rejects when
 * the pattern takes too long.
 */
export type RegexTest = (source: string, flags: string, text: string) => Promise<boolean>;

/**
 * Matches a value against a matcher.
 * @param vars the run's variables, captured by earlier steps or the environment's (read by $var)
 * @param regex runs the `$regex` tests (a RegexEngine with the step's time limit)
 * @returns the mismatches (none: it matched) and the values it captured (only kept by the caller on a match).
 */
export async function match(
  pattern: unknown,
  actual: unknown,
  vars: VariableLookup,
  regex: RegexTest,
): Promise<{ mismatches: Mismatch[]; captured: Captures }> {
  const mismatches: Mismatch[] = [];
  const captured: Captures = {};
  const miss = (path: string, expected: Problem, got: unknown) => {
    if (mismatches.length < MAX_MISMATCHES)
      mismatches.push({ path: path || "(the value)", expected, actual: show(got) });
  };

  const walk = async (p: unknown, a: unknown, path: string, partial: boolean): Promise<void> => {
    const key = matcherKey(p);
    if (key !== undefined && isObject(p)) {
      const arg = p[key];
      switch (key) {
        case "$any":
          return;
        case "$type":
          if (typeOf(a) !== arg) miss(path, problem("expected-type", { type: String(arg) }), a);
          return;
        case "$regex": {
          const flags = (p.$flags as string | undefined) ?? "";
          if (typeof a !== "string") miss(path, problem("expected-regex", { source: String(arg), flags: "" }), a);
          else if (!(await regex(arg as string, flags, a)))
            miss(path, problem("expected-regex", { source: String(arg), flags }), a);
          return;
        }
        case "$partial":
          return walk(arg, a, path, true);
        case "$capture": {
          const before = mismatches.length;
          if (p.$match !== undefined) await walk(p.$match, a, path, partial);
          if (mismatches.length === before) captured[arg as string] = a;
          return;
        }
        case "$var": {
          const name = arg as string;
          const known = name in captured ? { value: captured[name] } : vars.lookup(name);
          if (!known) miss(path, problem("expected-variable-undefined", { name }), a);
          else if (!sameValue(known.value, a))
            miss(path, problem("expected-variable", { value: show(known.value), name }), a);
          return;
        }
        case "$binary":
          if (!sameValue(toBytes(arg as string), a)) miss(path, problem("expected-bytes", { hex: arg as string }), a);
          return;
        case "$literal":
          if (!sameValue(arg, a)) miss(path, shown(arg), a);
          return;
      }
    }
    if (Array.isArray(p)) {
      if (!Array.isArray(a)) return miss(path, problem("expected-list", { length: p.length }), a);
      if (a.length !== p.length) miss(`${path}.length`, shown(p.length), a.length);
      for (const [i, item] of p.entries()) await walk(item, a[i], `${path}[${i}]`, partial);
      return;
    }
    if (isObject(p)) {
      if (!isObject(a) || isBinary(a)) return miss(path, partial ? problem("expected-fields") : shown(p), a);
      for (const [k, item] of Object.entries(p)) {
        if (!(k in a)) miss(`${path}.${k}`, shown(item), undefined);
        else await walk(item, a[k], `${path}.${k}`, partial);
      }
      if (!partial)
        for (const k of Object.keys(a))
          if (!(k in p)) miss(`${path}.${k}`, problem("expected-no-field"), (a as Record<string, unknown>)[k]);
      return;
    }
    if (!sameValue(p, a)) miss(path, shown(p), a);
  };

  await walk(pattern, actual, "", false);
  return { mismatches, captured: mismatches.length ? {} : captured };
}

/** Bytes of a checked `$binary` (a scenario is read before it runs: the hex is valid). */
const toBytes = (hex: string): Uint8Array => parseHex(hex);

/**
 * The values to send for emit arguments: references replaced by the variables' values, `$binary` by bytes.
 * @throws InspectorError naming an unknown name (variable-undefined; a run checks them all before its first step:
 * step-variables.ts)
 */
export function resolveValues(value: unknown, vars: VariableLookup): unknown {
  const key = matcherKey(value);
  if (key !== undefined && isObject(value)) {
    if (key === "$var") {
      const name = value.$var as string;
      const found = vars.lookup(name);
      if (!found) failWith("variable-undefined", { name, field: `{"$var": "${name}"}`, captures: true });
      return found.value;
    }
    if (key === "$binary") return toBytes(value.$binary as string);
    if (key === "$literal") return value.$literal;
  }
  if (Array.isArray(value)) return value.map((v) => resolveValues(v, vars));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveValues(v, vars)]));
  return value;
}

/** How deep a received value may be to become an exact matcher: deeper, "Expect this" says so. */
export const MAX_EXACT_DEPTH = 30;

/**
 * A received value as a matcher that matches it exactly ("Expect this"): bytes as $binary, an object with `$` keys
 * as $literal. The caller checks the depth first ({@link MAX_EXACT_DEPTH}).
 */
export function exactMatcher(value: unknown): unknown {
  if (isBinary(value)) return { $binary: toHex(bytesOf(value) ?? new Uint8Array()).replace(/ /g, "") };
  if (Array.isArray(value)) return value.map(exactMatcher);
  if (isObject(value)) {
    if (Object.keys(value).some((k) => k.startsWith("$"))) return { $literal: value };
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, exactMatcher(v)]));
  }
  return value;
}
