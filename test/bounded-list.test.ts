import { describe, expect, it } from "vitest";
import { watchHeap } from "../src/cli/memory-watch.js";
import { BoundedList } from "../src/core/shared/bounded-list.js";

describe("BoundedList", () => {
  it("keeps within its byte budget, oldest first out, and counts what it let go", () => {
    const list = new BoundedList<number>(1000, 100, (n) => n);
    for (let i = 0; i < 50; i++) list.push(10);
    expect(list.bytes).toBeLessThanOrEqual(100);
    expect(list.items.length + list.dropped).toBe(50);
  });

  it("keeps within its count", () => {
    const list = new BoundedList<number>(100, Number.POSITIVE_INFINITY, () => 1);
    for (let i = 0; i < 1000; i++) list.push(i);
    expect(list.items.length).toBeLessThanOrEqual(110);
    expect(list.items.at(-1)).toBe(999);
  });

  it("keeps the newest item even when it alone is over the budget", () => {
    const list = new BoundedList<number>(10, 5, (n) => n);
    list.push(1);
    list.push(50);
    expect(list.items).toEqual([50]);
  });
});

describe("watchHeap", () => {
  it("speaks once, after the heap stays above its share for the readings asked", async () => {
    const readings = [0.9, 0.5, 0.9, 0.9, 0.9, 0.9].map((share) => ({ used: share * 1000, limit: 1000 }));
    let at = 0;
    const heard: number[] = [];
    await new Promise<void>((resolve) => {
      watchHeap(
        (r) => {
          heard.push(r.used);
          resolve();
        },
        { everyMs: 1, readings: 3, read: () => readings[Math.min(at++, readings.length - 1)]! },
      );
    });
    expect(heard).toEqual([900]);
    expect(at).toBe(5); // the dip after the first high reading started the count again
  });
});
