import { expect, test } from "vitest";
import { Backoff } from "../../src/client/backoff.js";

test("doubles from min, capped at max, without jitter", () => {
  const b = new Backoff();
  expect([1, 2, 3, 4, 5, 6].map(() => b.duration(100, 1000, 0))).toEqual([100, 200, 400, 800, 1000, 1000]);
  expect(b.attempts).toBe(6);
  b.attempts = 0;
  expect(b.duration(100, 1000, 0)).toBe(100);
});

test("jitter: size and sign from one draw (even tenth subtracts, odd adds)", () => {
  // rand 0.25: tenth digit 2 (even) -> minus floor(0.25 * 0.5 * 1000) = 125
  expect(new Backoff(() => 0.25).duration(1000, 10000, 0.5)).toBe(875);
  // rand 0.35: tenth digit 3 (odd) -> plus floor(0.35 * 0.5 * 1000) = 175
  expect(new Backoff(() => 0.35).duration(1000, 10000, 0.5)).toBe(1175);
  // the cap applies after the jitter
  expect(new Backoff(() => 0.35).duration(1000, 1100, 0.5)).toBe(1100);
});
