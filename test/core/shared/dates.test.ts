import { describe, expect, it } from "vitest";
import { clockTime, dateText, outOfRangeDate } from "../../../src/core/shared/dates.js";

describe("times and dates as the inspector shows them", () => {
  it("one time format everywhere: 24-hour, local, with milliseconds", () => {
    const t = new Date(2026, 11, 2, 0, 10, 44, 813).getTime();
    expect(clockTime(t)).toBe("00:10:44.813");
    expect(clockTime(new Date(2026, 11, 2, 13, 5, 9, 7).getTime())).toBe("13:05:09.007");
    expect(clockTime(Number.NaN)).toBe("--:--:--.---");
  });

  it("a date never throws as text: ISO, or what an invalid one held", () => {
    expect(dateText(new Date("2026-11-25T12:34:56.789Z"))).toBe("2026-11-25T12:34:56.789Z");
    expect(dateText(new Date(Number.NaN))).toBe("Invalid Date");
    expect(dateText(outOfRangeDate("9200000000000000000"))).toContain("9200000000000000000 ms since 1970");
  });
});
