/**
 * Reading untrusted JSON (presets, scenarios, files, links) into typed values: every check names the path of what is
 * wrong, so that a user can find it in the file. What is wrong is a problem of the error table (value-invalid).
 */
import type { Keeps } from "./error-words/reading.js";
import { InspectorError, problem, type Problem } from "./errors.js";

export type Json = Record<string, unknown>;

export const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** What a failed read throws; each format names its own subclass. */
export class ReadError extends InspectorError {
  override name = "ReadError";
}

/** Reads and checks a value at a path; every error names the path. */
export class Reader {
  constructor(
    private readonly where: string,
    private readonly ErrorType: new (problem: Problem) => ReadError = ReadError,
  ) {}
  /** Refuses the value at `path`: `cause` says what is wrong with it (a predicate: "must be a string"). */
  fail(path: string, cause: Problem): never {
    throw new this.ErrorType(problem("value-invalid", { where: this.where, path, cause }));
  }
  object(v: unknown, path: string): Json {
    if (!isObject(v)) this.fail(path, problem("must-be-object"));
    return v;
  }
  string(v: unknown, path: string, { max = 10_000, empty = true } = {}): string {
    if (typeof v !== "string") this.fail(path, problem("must-be-string"));
    if (!empty && v.trim() === "") this.fail(path, problem("must-not-be-empty"));
    if (v.length > max) this.fail(path, problem("too-long", { max }));
    return v;
  }
  number(v: unknown, path: string, { min = 0, max = Number.MAX_SAFE_INTEGER, nullable = false } = {}): number | null {
    if (v === null && nullable) return null;
    if (typeof v !== "number" || !Number.isFinite(v)) this.fail(path, problem("must-be-number", { nullable }));
    if (v < min || v > max) this.fail(path, problem("out-of-range", { min, max }));
    return v;
  }
  boolean(v: unknown, path: string): boolean {
    if (typeof v !== "boolean") this.fail(path, problem("must-be-boolean"));
    return v;
  }
  array<T>(v: unknown, path: string, item: (x: unknown, path: string) => T, max = 1000): T[] {
    if (!Array.isArray(v)) this.fail(path, problem("must-be-list"));
    if (v.length > max) this.fail(path, problem("too-many-items", { max }));
    return v.map((x, i) => item(x, `${path}[${i}]`));
  }
}

/**
 * Checks that a value is plain JSON within a depth and a size, without recursion (a hostile file may nest thousands
 * of levels): everything later (cloning, storage, watchers, matching) can then walk it safely.
 * @param limits.keeps what the refusal says is kept: "<what> up to that depth"
 * @returns the number of characters the value takes as JSON, about.
 */
export function checkPlainJson(
  r: Reader,
  value: unknown,
  path: string,
  limits: { depth: number; chars: number; keeps: Keeps },
): number {
  const stack: Array<[unknown, number]> = [[value, 1]];
  let chars = 0;
  while (stack.length) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (depth > limits.depth) r.fail(path, problem("nested-too-deep", { depth: limits.depth, keeps: limits.keeps }));
    if (typeof v === "string") chars += v.length + 2;
    else if (v === null || typeof v === "number" || typeof v === "boolean") chars += 5;
    else if (Array.isArray(v)) for (const item of v) stack.push([item, depth + 1]);
    else if (isObject(v)) {
      for (const key of Object.keys(v)) {
        chars += key.length + 3;
        stack.push([v[key], depth + 1]);
      }
    } else r.fail(path, problem("not-plain-json"));
    if (chars > limits.chars) r.fail(path, problem("too-large", { kb: limits.chars / 1000, keeps: limits.keeps }));
  }
  return chars;
}
