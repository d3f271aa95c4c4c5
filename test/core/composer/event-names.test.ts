import { describe, expect, test } from "vitest";
import { EventNameSuggestions } from "../../../src/core/composer/event-names.js";

describe("event name suggestions", () => {
  test("bounded in count (most recent kept) and in name length; a name seen again is kept longer; clear empties", () => {
    const s = new EventNameSuggestions();
    expect(s.add("x".repeat(101))).toBe(false);
    for (let i = 0; i < 50_000; i++) s.add(`name-${i}`);
    expect(s.size).toBe(EventNameSuggestions.MAX_NAMES);
    expect(s.list()).toContain("name-49999");
    expect(s.list()).not.toContain("name-49499");
    // Seen again: not evicted by the next new names.
    expect(s.add("name-49500")).toBe(false);
    s.add("new-1");
    expect(s.list()).toContain("name-49500");
    expect(s.list()).not.toContain("name-49501");
    expect(s.list()).toEqual([...s.list()].sort());
    s.clear();
    expect(s.list()).toEqual([]);
  });
});
