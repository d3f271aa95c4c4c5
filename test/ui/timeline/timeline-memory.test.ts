import { describe, expect, it } from "vitest";
import type { TimelineRecord } from "../../../src/core/feed/records.js";
import { approxBytes, MB, recordBytes } from "../../../src/core/shared/size.js";
import { Timeline } from "../../../src/ui/timeline/timeline.js";

const big = (seq: number, bytes: number): TimelineRecord =>
  ({
    seq,
    t: seq,
    kind: "packet",
    dir: "in",
    nsp: "/",
    type: "EVENT",
    event: "big",
    args: ["x".repeat(bytes)],
    attachments: 0,
  }) as TimelineRecord;

describe("the timeline's byte budget", () => {
  it("measures what a value holds: strings, binary, keys and leaves", () => {
    expect(approxBytes("abc")).toBe(5);
    expect(approxBytes(new Uint8Array(1000))).toBe(1000);
    expect(approxBytes({ ab: [1, true] })).toBe(4 + 8 + 8);
    expect(recordBytes(big(1, 512 * 1024))).toBeGreaterThan(512 * 1024);
  });

  it("lets the oldest rows go once the records cost more than the budget, far below the row bound, and counts them", () => {
    const timeline = new Timeline(100_000, 16 * MB);
    for (let i = 1; i <= 100; i++) timeline.push([big(i, 512 * 1024)]);
    expect(timeline.bytes).toBeLessThanOrEqual(16 * MB);
    expect(timeline.size).toBeLessThan(32);
    expect(timeline.trimmedForMemory).toBe(100 - timeline.size);
    // The newest are the ones kept.
    expect(timeline.at(timeline.length - 1)?.record.seq).toBe(100);
  });

  it("keeps the newest row even when it alone is over the budget", () => {
    const timeline = new Timeline(100, 1 * MB);
    timeline.push([big(1, 10), big(2, 2 * MB)]);
    expect(timeline.size).toBe(1);
    expect(timeline.at(0)?.record.seq).toBe(2);
  });

  it("a smaller budget lets rows go at once; holds() tells a kept entry from one let go", () => {
    const timeline = new Timeline(100, 64 * MB);
    for (let i = 1; i <= 10; i++) timeline.push([big(i, 1 * MB)]);
    const oldest = timeline.at(0)!;
    expect(timeline.holds(oldest)).toBe(true);
    timeline.setByteBudget(4 * MB);
    expect(timeline.size).toBeLessThanOrEqual(4);
    expect(timeline.holds(oldest)).toBe(false);
    expect(timeline.trimmedForMemory).toBe(10 - timeline.size);
  });

  it("clear forgets the cost and the count", () => {
    const timeline = new Timeline(100, 2 * MB);
    for (let i = 1; i <= 5; i++) timeline.push([big(i, 1 * MB)]);
    timeline.clear();
    expect(timeline.bytes).toBe(0);
    expect(timeline.trimmedForMemory).toBe(0);
  });
});
