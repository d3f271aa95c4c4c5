// A live capture's records handed on in the order of their times, the browser's late tellings overtaking within the
// hold; what comes later than the hold goes on where it comes; nothing is lost.
import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { HOLD_MS, MAX_HELD, MAX_HELD_BYTES, TimeOrder } from "../../../src/core/capture/time-order.js";

beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
afterEach(() => vi.useRealTimers());

const record = (t: number, name: string) => ({ t, name });

test("a record told late overtakes those it happened before, within the hold", () => {
  const out: string[] = [];
  const order = new TimeOrder<{ t: number; name: string }>((r) => out.push(r.name));
  const now = Date.now();
  order.push(record(now + 20, "upgrade"));
  order.push(record(now + 21, "hello"));
  order.push(record(now + 5, "CONNECT /chat")); // its polling response told after the WebSocket frames
  order.push(record(now + 21, "bin")); // same time as hello: after it, as told
  expect(out).toEqual([]);
  vi.advanceTimersByTime(HOLD_MS + 25);
  expect(out).toEqual(["CONNECT /chat", "upgrade", "hello", "bin"]);
});

test("a record told after the hold goes on at once, where it comes; flush hands on the rest in order", () => {
  const out: string[] = [];
  const order = new TimeOrder<{ t: number; name: string }>((r) => out.push(r.name));
  const now = Date.now();
  order.push(record(now, "first"));
  vi.advanceTimersByTime(HOLD_MS + 1);
  order.push(record(now - 1, "very late"));
  vi.advanceTimersByTime(1);
  order.push(record(Date.now() + 2, "b"));
  order.push(record(Date.now() + 1, "a"));
  order.flush();
  expect(out).toEqual(["first", "very late", "a", "b"]);
});

test(`a flood holds ${MAX_HELD} records at most: the oldest go on at once, none lost`, () => {
  let count = 0;
  const order = new TimeOrder<{ t: number; name: string }>(() => count++);
  const now = Date.now();
  for (let i = 0; i < MAX_HELD + 500; i++) order.push(record(now + i / 1000, "tick"));
  expect(count).toBe(500);
  order.flush();
  expect(count).toBe(MAX_HELD + 500);
});

test(`large records: ${MAX_HELD_BYTES / 1024 / 1024} MB held at most (a hidden page's timers are slowed), in order, none lost`, () => {
  const out: number[] = [];
  const order = new TimeOrder<{ t: number; size: number }>((r) => out.push(r.t), { sizeOf: (r) => r.size });
  const now = Date.now();
  for (let i = 0; i < 40; i++) order.push({ t: now + i, size: 1024 * 1024 });
  expect(out).toEqual(Array.from({ length: 40 - 16 }, (_, i) => now + i));
  order.flush();
  expect(out).toHaveLength(40);
});
