import { describe, expect, test } from "vitest";
import { Feed } from "../../../src/core/feed/feed.js";
import type { TimelineRecord } from "../../../src/core/feed/records.js";
import type { RecordSource } from "../../../src/core/feed/source.js";

/** A source the test drives by hand. */
class HandSource implements RecordSource {
  readonly kind = "live";
  private readonly listeners = new Set<(r: TimelineRecord) => void>();
  constructor(readonly name: string) {}
  subscribe(listener: (r: TimelineRecord) => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  get subscribers() {
    return this.listeners.size;
  }
  send(seq: number, t: number) {
    const record = { kind: "ping", from: "server", seq, t, client: this.name } as TimelineRecord;
    for (const l of this.listeners) l(record);
  }
}

/** A frame scheduler the test advances by hand. */
function frames() {
  const pending: Array<() => void> = [];
  return {
    schedule: (fn: () => void) => void pending.push(fn),
    run: () => pending.splice(0).forEach((fn) => fn()),
    pending,
  };
}

describe("the feed", () => {
  test("batches: everything that came before a frame goes out in one batch at that frame, to every subscriber", () => {
    const f = frames();
    const feed = new Feed(f.schedule);
    const a = new HandSource("alice");
    feed.add(a);
    const seen: number[][] = [];
    const other: number[][] = [];
    feed.subscribe((batch) => seen.push(batch.map((r) => r.seq)));
    feed.subscribe((batch) => other.push(batch.map((r) => r.seq)));
    a.send(1, 10);
    a.send(2, 11);
    a.send(3, 12);
    expect(seen).toEqual([]);
    expect(f.pending).toHaveLength(1); // one frame asked for, however many records
    f.run();
    a.send(4, 13);
    f.run();
    expect(seen).toEqual([[1, 2, 3], [4]]);
    expect(other).toEqual(seen);
  });

  test("merges several sources in time order (stable for equal times); one source's order is kept as it came", () => {
    const f = frames();
    const feed = new Feed(f.schedule);
    const alice = new HandSource("alice");
    const bob = new HandSource("bob");
    feed.add(alice);
    feed.add(bob);
    const seen: string[] = [];
    feed.subscribe((batch) => seen.push(...batch.map((r) => `${r.client}:${r.t}`)));
    alice.send(1, 10);
    bob.send(2, 5);
    alice.send(3, 20);
    bob.send(4, 20);
    bob.send(5, 15);
    f.run();
    expect(seen).toEqual(["bob:5", "alice:10", "bob:15", "alice:20", "bob:20"]);
  });

  test("undo: a removed source stops feeding (what it queued still goes out); an unsubscribed listener gets nothing", () => {
    const f = frames();
    const feed = new Feed(f.schedule);
    const a = new HandSource("alice");
    const remove = feed.add(a);
    expect(a.subscribers).toBe(1);
    const seen: number[] = [];
    const stop = feed.subscribe((batch) => seen.push(...batch.map((r) => r.seq)));
    a.send(1, 1);
    remove();
    expect(a.subscribers).toBe(0);
    a.send(2, 2);
    f.run();
    expect(seen).toEqual([1]);
    feed.add(a);
    stop();
    a.send(3, 3);
    f.run();
    expect(seen).toEqual([1]);
  });

  test("adding the same source twice feeds its records once", () => {
    const f = frames();
    const feed = new Feed(f.schedule);
    const a = new HandSource("alice");
    feed.add(a);
    feed.add(a);
    const seen: number[] = [];
    feed.subscribe((batch) => seen.push(...batch.map((r) => r.seq)));
    a.send(1, 1);
    f.run();
    expect(seen).toEqual([1]);
  });
});
