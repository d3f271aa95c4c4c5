import { describe, expect, it } from "vitest";
import { watchHeap } from "../../src/cli/memory-watch.js";

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
