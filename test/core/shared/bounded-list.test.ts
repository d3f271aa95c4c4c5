import { describe, expect, it } from "vitest";
import { BoundedList } from "../../../src/core/shared/bounded-list.js";

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

  it("take: the oldest items out, their bytes with them", () => {
    const list = new BoundedList<number>(100, 1000, (n) => n);
    for (const n of [1, 2, 3, 4]) list.push(n);
    expect(list.take(2)).toEqual([1, 2]);
    expect(list.items).toEqual([3, 4]);
    expect(list.bytes).toBe(7);
    expect(list.take(5)).toEqual([3, 4]);
    expect(list.bytes).toBe(0);
  });

  it("measures each item once, on the way in", () => {
    let calls = 0;
    const list = new BoundedList<number>(5, Number.POSITIVE_INFINITY, () => (calls++, 1));
    for (let i = 0; i < 20; i++) list.push(i);
    list.take(3);
    expect(calls).toBe(20);
  });
});
