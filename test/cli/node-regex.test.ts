import { afterAll, describe, expect, it } from "vitest";
import { nodeRegexEngine } from "../../src/cli/node-regex.js";
import { RegexTimeout } from "../../src/core/scenario/regex-engine.js";
import { withCode } from "../helpers/codes.js";

const engine = nodeRegexEngine();
afterAll(() => engine.close());

describe("the regular expression engine (a worker thread, as in the command line)", () => {
  it("answers with JavaScript's own semantics: flags, classes, lookaround", async () => {
    expect(await engine.test("^he", "i", "Hello", 1000)).toBe(true);
    expect(await engine.test("(?<=a)b", "", "ab", 1000)).toBe(true);
    expect(await engine.test("^\\d+$", "", "12a", 1000)).toBe(false);
  });

  it("stops a catastrophic pattern at its limit with a RegexTimeout that names the pattern and the input's size", async () => {
    const error = await engine.test("^(a+)+$", "", `${"a".repeat(30)}!`, 200).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegexTimeout);
    expect(error).toEqual(withCode("regex-timeout", { source: "^(a+)+$", flags: "", limitMs: 200, textLength: 31 }));
    // The stuck worker is gone: the next test runs at once on a new one.
    expect(await engine.test("a", "", "a", 1000)).toBe(true);
  });

  it("a pattern that does not compile rejects with the engine's words", async () => {
    await expect(engine.test("(", "", "x", 1000)).rejects.toThrow(withCode("regex-refused"));
  });
});
