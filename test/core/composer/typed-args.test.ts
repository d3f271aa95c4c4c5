import { describe, expect, test } from "vitest";
import { findJsonProblem } from "../../../src/core/composer/json-error.js";
import { parseArgs } from "../../../src/core/composer/typed-args.js";
import { problem } from "../../../src/core/shared/errors.js";
import { withCode } from "../../helpers/codes.js";

/** The problem of the first argument, as parseArgs names it. */
const firstArgument = (cause: unknown) => withCode("argument-invalid", { n: 1, cause });

describe("composer arguments", () => {
  test("each type parses to the value sent", () => {
    const r = parseArgs([
      { type: "json", value: '{"a":[1,2]}' },
      { type: "text", value: "hi" },
      { type: "number", value: "4.5" },
      { type: "boolean", value: "false" },
      { type: "null", value: "" },
      { type: "binary", value: "de ad:BE-ef" },
    ]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.values.slice(0, 5)).toEqual([{ a: [1, 2] }, "hi", 4.5, false, null]);
    expect([...new Uint8Array(r.values[5] as ArrayBuffer)]).toEqual([0xde, 0xad, 0xbe, 0xef]);
  });

  test("invalid JSON names the argument, the line and column, and the reason", () => {
    expect(
      parseArgs([
        { type: "text", value: "ok" },
        { type: "json", value: '{"a": }' },
      ]),
    ).toEqual({
      ok: false,
      index: 1,
      problem: problem("argument-invalid", {
        n: 2,
        cause: problem("json-invalid", { line: 1, column: 7, reason: problem("json-unexpected", { found: "}" }) }),
      }),
    });
    expect(parseArgs([{ type: "json", value: "[1,\n  2,\n  {x: 1}]" }])).toMatchObject({
      problem: firstArgument(
        problem("json-invalid", {
          line: 3,
          column: 4,
          reason: problem("json-expected", { expected: "property-name", found: "x" }),
        }),
      ),
    });
    expect(parseArgs([{ type: "json", value: "" }])).toMatchObject({
      problem: firstArgument(
        problem("json-invalid", { line: 1, column: 1, reason: problem("json-unexpected", { found: null }) }),
      ),
    });
    expect(parseArgs([{ type: "json", value: "[1] 2" }])).toMatchObject({
      problem: firstArgument(
        problem("json-invalid", { line: 1, column: 5, reason: problem("json-after-value", { found: "2" }) }),
      ),
    });
  });

  test("other bad values say what is wrong", () => {
    expect(parseArgs([{ type: "number", value: "12px" }])).toMatchObject({
      problem: firstArgument(problem("arg-not-number", { value: "12px" })),
    });
    expect(parseArgs([{ type: "boolean", value: "yes" }])).toMatchObject({
      problem: firstArgument(problem("arg-not-boolean", { value: "yes" })),
    });
    expect(parseArgs([{ type: "binary", value: "abc" }])).toMatchObject({
      problem: firstArgument(problem("hex-odd-digits", { digits: 3 })),
    });
    expect(parseArgs([{ type: "binary", value: "zz" }])).toMatchObject({
      problem: firstArgument(problem("hex-not-hex", { character: "z", digit: 1 })),
    });
  });

  test("the JSON scanner agrees with JSON.parse on what is valid", () => {
    for (const ok of ['{"a":1}', "[]", '"x\\u00e9"', "-0.5e3", " null ", '{"a":{"b":[true,false]}}']) {
      expect(findJsonProblem(ok)).toBeUndefined();
      expect(() => JSON.parse(ok)).not.toThrow();
    }
    for (const bad of ["{a:1}", "[1,]", "01", '"\\x"', "tru", '{"a" 1}', "[", '"abc']) {
      expect(findJsonProblem(bad)).toBeDefined();
      expect(() => JSON.parse(bad)).toThrow();
    }
  });
});

describe("JSON arguments", () => {
  test("a value nested deeper than the encoder can take is refused by name, not thrown later", () => {
    const deep = "[".repeat(5000) + "]".repeat(5000);
    expect(parseArgs([{ type: "json", value: deep }])).toEqual({
      ok: false,
      index: 0,
      problem: problem("argument-invalid", { n: 1, cause: problem("json-too-deep", { max: 1000 }) }),
    });
    expect(parseArgs([{ type: "json", value: "[".repeat(1000) + "]".repeat(1000) }]).ok).toBe(true);
  });
});
