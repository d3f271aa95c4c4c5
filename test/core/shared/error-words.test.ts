// The words are a product surface: one test per family of the table that they read as intended. Every other test
// asserts codes (test/helpers/codes.ts).
import { describe, expect, it } from "vitest";
import { problem, words } from "../../../src/core/shared/errors.js";

describe("the words of each family", () => {
  it("connection: headers, auth, JSON as typed and emit arguments", () => {
    expect(words(problem("header-value-invalid", { name: "X-A", character: "cr", at: 2 }))).toBe(
      'Header "X-A": the value holds a carriage return (CR) at character 3; a header value is one line of text',
    );
    expect(words(problem("header-value-invalid", { name: "X-A", character: "lf", at: 0 }))).toContain(
      "a line feed (LF) at its start",
    );
    expect(words(problem("header-cookie-forbidden"))).toMatch(/With credentials.*Route/s);
    const json = problem("json-invalid", {
      line: 3,
      column: 4,
      reason: problem("json-expected", { expected: "property-name", found: "x" }),
    });
    expect(words(problem("argument-invalid", { n: 1, cause: json }))).toBe(
      'Argument 1: invalid JSON at line 3, column 4: expected a property name in double quotes, unexpected "x"',
    );
    expect(words(problem("auth-invalid", { nsp: "/admin", cause: problem("json-unexpected", { found: null }) }))).toBe(
      "Auth of /admin: unexpected end of input",
    );
    expect(words(problem("hex-not-hex", { character: "z", digit: 1 }))).toBe('not hex: "z" at digit 1');
  });
});
