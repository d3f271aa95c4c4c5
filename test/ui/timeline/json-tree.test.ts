import { describe, expect, it } from "vitest";
import { containersWithMatch, leafText } from "../../../src/ui/timeline/json-tree.js";

describe("a JSON tree opened by a search", () => {
  const deep = {
    a: { b: [1, { c: "needle here" }] },
    other: { d: "hay" },
    list: Array.from({ length: 300 }, (_, i) => i),
  };

  it("names every container on the way to a match, and none off it", () => {
    const holders = containersWithMatch(deep, /needle/i);
    expect(holders.has(deep)).toBe(true);
    expect(holders.has(deep.a)).toBe(true);
    expect(holders.has(deep.a.b)).toBe(true);
    expect(holders.has(deep.a.b[1] as object)).toBe(true);
    expect(holders.has(deep.other)).toBe(false);
    expect(holders.has(deep.list)).toBe(false);
  });

  it("a key that matches counts as well as a leaf", () => {
    const value = { outer: { needleKey: 1 } };
    expect(containersWithMatch(value, /needle/i).has(value.outer)).toBe(true);
  });

  it("matches leaves as the tree shows them (strings quoted, dates as text)", () => {
    expect(leafText("x")).toBe('"x"');
    expect(containersWithMatch({ s: "x" }, /^"x"$/).has({})).toBe(false);
    const v = { s: "x" };
    expect(containersWithMatch(v, /^"x"$/).has(v)).toBe(true);
  });

  it("no query, nothing opened", () => {
    expect(containersWithMatch(deep, undefined).has(deep)).toBe(false);
  });
});
