import { expect, test } from "vitest";
import { alignSequences } from "../../../src/core/charts/sequence-align.js";

const codes = (text: string) => Int32Array.from(text, (c) => c.charCodeAt(0));
/** The alignment written as a diff: " x" kept, "-x" only in a, "+x" only in b. */
function diff(a: string, b: string, maxEdits?: number): string | undefined {
  return alignSequences(codes(a), codes(b), maxEdits)
    ?.map((s) => (s.kind === "same" ? ` ${a[s.a]}` : s.kind === "missing" ? `-${a[s.a]}` : `+${b[s.b]}`))
    .join("");
}

test("equal sequences align one to one", () => {
  expect(diff("abc", "abc")).toBe(" a b c");
});

test("a shortest edit: what only a has and what only b has, in order", () => {
  expect(diff("abcabba", "cbabac")).toMatch(/^[ +-]/);
  const steps = alignSequences(codes("abcabba"), codes("cbabac"));
  // The classic example: 5 edits, 4 kept (the longest common subsequence).
  expect(steps?.filter((s) => s.kind !== "same")).toHaveLength(5);
  expect(steps?.filter((s) => s.kind === "same")).toHaveLength(4);
  expect(diff("axbc", "abyc")).toBe(" a-x b+y c");
});

test("empty sides: all missing or all extra", () => {
  expect(diff("ab", "")).toBe("-a-b");
  expect(diff("", "ab")).toBe("+a+b");
  expect(diff("", "")).toBe("");
});

test("past maxEdits differences it gives up (undefined) instead of growing its cost", () => {
  expect(diff("abcdef", "uvwxyz", 5)).toBeUndefined();
  expect(diff("abcdef", "uvwxyz", 12)).toBe("-a-b-c-d-e-f+u+v+w+x+y+z");
});

test("long sequences with a common start and end align cheaply", () => {
  const a = new Int32Array(100_000).fill(1);
  const b = new Int32Array(100_001).fill(1);
  b[50_000] = 2;
  const steps = alignSequences(a, b, 10);
  expect(steps?.filter((s) => s.kind !== "same")).toEqual([{ kind: "extra", b: expect.any(Number) }]);
  expect(steps).toHaveLength(100_001);
});
