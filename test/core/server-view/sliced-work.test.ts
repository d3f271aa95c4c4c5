import { describe, expect, test } from "vitest";
import { SlicedWork } from "../../../src/core/server-view/sliced-work.js";

describe("work done in order, a long job in slices", () => {
  test("with nothing waiting, a job runs at once", () => {
    const work = new SlicedWork();
    const done: string[] = [];
    work.run(() => (done.push("a"), true));
    expect(done).toEqual(["a"]);
    expect(work.busy).toBe(false);
  });

  test("a long job yields between slices, and what came after it waits its turn, in order", async () => {
    const work = new SlicedWork(1);
    const done: string[] = [];
    let left = 5;
    // Each call does one piece and says its slice is over until the last piece.
    work.run(() => {
      done.push(`long ${5 - left}`);
      return --left === 0;
    });
    work.run(() => (done.push("after 1"), true));
    work.run(() => (done.push("after 2"), true));
    expect(done).toEqual(["long 0"]);
    expect(work.busy).toBe(true);
    while (work.busy) await new Promise((r) => setTimeout(r, 0));
    expect(done).toEqual(["long 0", "long 1", "long 2", "long 3", "long 4", "after 1", "after 2"]);
  });
});
