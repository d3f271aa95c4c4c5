/**
 * Finds where and why a JSON text is invalid. Used only after JSON.parse failed: engines word their
 * errors differently and some give no position at all, so the composer scans the text itself to point
 * at the first offending character.
 */
import { problem, type Problem } from "../shared/errors.js";

export interface JsonProblem {
  offset: number;
  reason: Problem;
}

export function findJsonProblem(text: string): JsonProblem | undefined {
  let i = 0;
  const fail = (reason: Problem): never => {
    throw { offset: i, reason } satisfies JsonProblem;
  };
  /** The character where the scan is, or null at the end. */
  const here = () => (i >= text.length ? null : (text[i] as string));
  const ws = () => {
    while (i < text.length && " \t\n\r".includes(text[i] as string)) i++;
  };
  const unexpected = () => problem("json-unexpected", { found: here() });
  const expected = (what: "property-name" | "colon" | "comma-or-brace" | "comma-or-bracket") =>
    problem("json-expected", { expected: what, found: here() });
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail(unexpected());
  };
  const string = () => {
    i++; // opening quote
    while (i < text.length) {
      const c = text[i] as string;
      if (c === '"') {
        i++;
        return;
      }
      if (c === "\\") {
        const e = text[i + 1];
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail(problem("json-bad-unicode-escape"));
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else fail(problem("json-bad-escape"));
      } else if (c < " ") fail(problem("json-control-character"));
      else i++;
    }
    fail(problem("json-unterminated-string"));
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m || !m[0] || m[0] === "-") fail(unexpected());
    i += (m as RegExpExecArray)[0].length;
  };
  const value = (depth: number): void => {
    if (depth > 512) fail(problem("json-too-deep-to-scan"));
    ws();
    const c = text[i];
    if (c === "{") {
      i++;
      ws();
      if (text[i] === "}") return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') fail(expected("property-name"));
        string();
        ws();
        if (text[i] !== ":") fail(expected("colon"));
        i++;
        value(depth + 1);
        ws();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "}") return void i++;
        fail(expected("comma-or-brace"));
      }
    } else if (c === "[") {
      i++;
      ws();
      if (text[i] === "]") return void i++;
      for (;;) {
        value(depth + 1);
        ws();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "]") return void i++;
        fail(expected("comma-or-bracket"));
      }
    } else if (c === '"') string();
    else if (c === "t") literal("true");
    else if (c === "f") literal("false");
    else if (c === "n") literal("null");
    else if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) number();
    else fail(unexpected());
  };
  try {
    value(0);
    ws();
    if (i < text.length) fail(problem("json-after-value", { found: text[i] as string }));
    return undefined;
  } catch (problem) {
    return problem as JsonProblem;
  }
}
