import { parseHex } from "../shared/binary.js";
import { findJsonProblem } from "./json-error.js";
import { errorMessage, problem, problemOf, type Problem } from "../shared/errors.js";

/** The types an emit argument can be given in the composer. */
export const ARG_TYPES = ["json", "text", "number", "boolean", "null", "binary"] as const;
export type ArgType = (typeof ARG_TYPES)[number];

/** One argument as the user typed it: plain data, so that drafts and presets can keep it. */
export interface ArgDraft {
  type: ArgType;
  /** The text typed; for binary, hex (a file's bytes are turned into hex when picked). */
  value: string;
}

/** The arguments' values, or what is wrong with the first that fails (`index` counts from 0). */
export type ParseResult = { ok: true; values: unknown[] } | { ok: false; problem: Problem; index: number };
/** One value, or what is wrong with it. */
export type ValueResult = { ok: true; value: unknown } | { ok: false; problem: Problem };

/** Line and column (1-based) of a character offset in `text`. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split("\n");
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

/** Deeper values are refused: the client's encoder (JSON.stringify, binary detection) recurses and would overflow. */
export const MAX_JSON_DEPTH = 1000;

/** Whether a parsed value nests deeper than `limit`, found without recursion. */
export function nestedDeeperThan(value: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (v === null || typeof v !== "object") continue;
    if (depth >= limit) return true;
    for (const child of Object.values(v))
      if (child !== null && typeof child === "object") stack.push([child, depth + 1]);
  }
  return false;
}

/** Parses JSON and says where it broke, as line and column. */
export function parseJson(text: string): ValueResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const found = findJsonProblem(text);
    if (!found) return { ok: false, problem: problem("json-invalid-engine", { message: errorMessage(err) }) };
    return {
      ok: false,
      problem: problem("json-invalid", { ...lineColumn(text, found.offset), reason: found.reason }),
    };
  }
  if (nestedDeeperThan(value, MAX_JSON_DEPTH))
    return { ok: false, problem: problem("json-too-deep", { max: MAX_JSON_DEPTH }) };
  return { ok: true, value };
}

/** Turns one draft argument into the value to send. */
export function parseArg(arg: ArgDraft): ValueResult {
  switch (arg.type) {
    case "json":
      return parseJson(arg.value);
    case "text":
      return { ok: true, value: arg.value };
    case "number": {
      const n = Number(arg.value);
      if (arg.value.trim() === "" || !Number.isFinite(n))
        return { ok: false, problem: problem("arg-not-number", { value: arg.value }) };
      return { ok: true, value: n };
    }
    case "boolean":
      if (arg.value !== "true" && arg.value !== "false")
        return { ok: false, problem: problem("arg-not-boolean", { value: arg.value }) };
      return { ok: true, value: arg.value === "true" };
    case "null":
      return { ok: true, value: null };
    case "binary":
      try {
        return { ok: true, value: parseHex(arg.value).buffer };
      } catch (err) {
        return { ok: false, problem: problemOf(err) };
      }
  }
}

/** Parses every argument; the first that fails is named (1-based, as the composer labels them). */
export function parseArgs(args: readonly ArgDraft[]): ParseResult {
  const values: unknown[] = [];
  for (const [i, arg] of args.entries()) {
    const result = parseArg(arg);
    if (!result.ok)
      return { ok: false, index: i, problem: problem("argument-invalid", { n: i + 1, cause: result.problem }) };
    values.push(result.value);
  }
  return { ok: true, values };
}
