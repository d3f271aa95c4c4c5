import { describe, expect, test } from "vitest";
import { findJsonProblem } from "../../../src/core/composer/json-error.js";
import { parseArgs } from "../../../src/core/composer/typed-args.js";

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
      error: 'Argument 2: invalid JSON at line 1, column 7: unexpected "}"',
    });
    expect(parseArgs([{ type: "json", value: "[1,\n  2,\n  {x: 1}]" }])).toMatchObject({
      error: 'Argument 1: invalid JSON at line 3, column 4: expected a property name in double quotes, unexpected "x"',
    });
    expect(parseArgs([{ type: "json", value: "" }])).toMatchObject({
      error: "Argument 1: invalid JSON at line 1, column 1: unexpected end of input",
    });
    expect(parseArgs([{ type: "json", value: "[1] 2" }])).toMatchObject({
      error: 'Argument 1: invalid JSON at line 1, column 5: unexpected "2" after the value',
    });
  });

  test("other bad values say what is wrong", () => {
    expect(parseArgs([{ type: "number", value: "12px" }])).toMatchObject({
      error: 'Argument 1: not a finite number: "12px"',
    });
    expect(parseArgs([{ type: "boolean", value: "yes" }])).toMatchObject({
      error: 'Argument 1: a boolean is true or false, not "yes"',
    });
    expect(parseArgs([{ type: "binary", value: "abc" }])).toMatchObject({
      error: "Argument 1: odd number of hex digits (3): each byte takes two",
    });
    expect(parseArgs([{ type: "binary", value: "zz" }])).toMatchObject({
      error: 'Argument 1: not hex: "z" at digit 1',
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
      error: "Argument 1: nested more than 1000 levels deep, which the encoder cannot take",
    });
    expect(parseArgs([{ type: "json", value: "[".repeat(1000) + "]".repeat(1000) }]).ok).toBe(true);
  });
});
