import { expect, test } from "vitest";
import { FiguresFeed } from "../../../src/ui/charts/figures-feed.js";
import { recorder } from "../../core/charts/make-records.js";

const T0 = Date.UTC(2026, 10, 25, 10, 0, 0);

test("built from the timeline's rows, then fed live batches: the figures count each record once", async () => {
  const a = recorder();
  const feed = new FiguresFeed();
  await feed.rebuild([a.receive(T0, "tick"), a.receive(T0 + 100, "tick")]);
  feed.add([a.receive(T0 + 200, "tick")]);
  expect(feed.figures.eventCounts()).toEqual([{ name: "tick", in: 3, out: 0 }]);
});

test("batches that come while a large build runs wait for it, and are added after its records, in order", async () => {
  const a = recorder();
  // Enough records for the build to yield to the event loop between slices (a slice is 8 ms).
  const rows = Array.from({ length: 50_000 }, (_, i) => a.receive(T0 + i, "old"));
  const emit = a.emit(T0 + 300_000, "save", [], { ackId: 1 });
  const feed = new FiguresFeed();
  const done = feed.rebuild([...rows, emit]);
  expect(feed.building).toBe(true);
  // The ack comes live during the build: it pairs with the emit only if it is read after the rows.
  feed.add([a.ack(T0 + 300_012, emit, 12)]);
  expect(feed.figures.summary().records).toBe(0); // the old figures stay on screen until the new ones are whole
  expect(await done).toBe(true);
  expect(feed.building).toBe(false);
  expect(feed.figures.summary()).toMatchObject({ records: 50_002, acks: 1, unpairedAcks: 0 });
});

test("a newer build, or a reset (the timeline cleared), stops the one under way", async () => {
  const a = recorder();
  const rows = Array.from({ length: 50_000 }, (_, i) => a.receive(T0 + i, "old"));
  const feed = new FiguresFeed();
  const first = feed.rebuild(rows);
  const second = feed.rebuild([a.receive(T0, "new")]);
  expect(await second).toBe(true);
  expect(await first).toBe(false);
  expect(feed.figures.eventCounts()).toEqual([{ name: "new", in: 1, out: 0 }]);

  const third = feed.rebuild(rows);
  feed.reset();
  expect(await third).toBe(false);
  expect(feed.figures.summary().records).toBe(0);
  feed.add([a.receive(T0, "after the clear")]);
  expect(feed.figures.eventCounts()).toEqual([{ name: "after the clear", in: 1, out: 0 }]);
});
