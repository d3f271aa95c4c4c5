import { describe, expect, it } from "vitest";
import { ERROR_FAMILIES, ERROR_WORDS } from "../../../src/core/shared/error-words/index.js";
import { errorCode, fail, InspectorError, problem, problemOf, words } from "../../../src/core/shared/errors.js";
import { withCode } from "../../helpers/codes.js";

describe("the error table", () => {
  it("holds each code once, in one family", () => {
    const all = Object.values(ERROR_FAMILIES).flatMap((family) => Object.keys(family));
    expect(new Set(all).size).toBe(all.length);
    expect(Object.keys(ERROR_WORDS).sort()).toEqual([...all].sort());
  });

  it("names codes as short stable kebab-case strings", () => {
    for (const code of Object.keys(ERROR_WORDS)) expect(code).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
  });
});

describe("errors as codes", () => {
  it("an inspector's error carries its code and params, and the table's words as its message", () => {
    const thrown = (() => {
      try {
        fail("thrown", { message: "boom" });
      } catch (err) {
        return err;
      }
    })();
    expect(thrown).toBeInstanceOf(InspectorError);
    expect(thrown).toEqual(withCode("thrown", { message: "boom" }));
    expect(errorCode(thrown)).toBe("thrown");
    expect((thrown as Error).message).toBe(words(problem("thrown", { message: "boom" })));
    expect(problemOf(thrown)).toEqual({ code: "thrown", params: { message: "boom" } });
  });

  it("anything else thrown has no code, and is `thrown` as a problem with its own message", () => {
    const err = new TypeError("the library's own words");
    expect(errorCode(err)).toBeUndefined();
    expect(problemOf(err)).toEqual({ code: "thrown", params: { message: "the library's own words" } });
    expect(problemOf("a string")).toEqual({ code: "thrown", params: { message: "a string" } });
  });

  it("a problem read from outside with a code this table does not know is named by its code", () => {
    expect(words({ code: "from-a-later-version", params: { x: 1 } })).toBe('error "from-a-later-version"');
  });
});
