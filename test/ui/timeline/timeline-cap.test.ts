// The timeline at its row bound (Max rows): the rows let go are counted, a view resting on the oldest rows keeps them
// (what comes waits), and a selected row is kept the same way (issue 34).
import { createPinia, setActivePinia } from "pinia";
import { beforeEach, describe, expect, test } from "vitest";
import type { ClientRecord } from "../../../src/client/observe/records.js";
import { useFeedStore } from "../../../src/ui/feed/store.js";
import { Timeline } from "../../../src/ui/timeline/timeline.js";
import { useTimelineStore } from "../../../src/ui/timeline/store.js";
import { HandSource } from "../../helpers/hand-source.js";

let seq = 0;
const tick = (n: number): ClientRecord =>
  ({
    kind: "packet",
    dir: "in",
    nsp: "/",
    type: "EVENT",
    event: "tick",
    args: [n],
    attachments: 0,
    seq: ++seq,
    t: seq,
  }) as ClientRecord;
const ticks = (from: number, count: number) => Array.from({ length: count }, (_, i) => tick(from + i));
const argOf = (t: Timeline, index: number) => (t.at(index)?.record as { args: number[] }).args[0];

describe("Timeline at its row bound", () => {
  test("counts the rows it lets go for the row bound, apart from those for the byte budget", () => {
    const t = new Timeline(10);
    t.push(ticks(0, 25));
    expect(t.size).toBe(10);
    expect(t.trimmedForRows).toBe(15);
    expect(t.trimmedForMemory).toBe(0);
    expect(t.letGo).toBe(15);
    t.clear();
    expect(t.letGo).toBe(0);
  });

  test("a smaller bound counts the rows it lets go at once", () => {
    const t = new Timeline(10);
    t.push(ticks(0, 8));
    t.setCapacity(5);
    expect(t.trimmedForRows).toBe(3);
    expect(argOf(t, 0)).toBe(3);
  });

  test("room: how many records can come before a row goes, none for the oldest at the bound", () => {
    const t = new Timeline(10);
    t.push(ticks(0, 6));
    const oldest = t.at(0)!;
    const third = t.at(2)!;
    expect(t.room(oldest)).toBe(4); // four free places
    expect(t.room(third)).toBe(6); // and the two rows before it
    t.push(ticks(6, 4));
    expect(t.room(oldest)).toBe(0);
    t.push(ticks(10, 1));
    expect(t.holds(oldest)).toBe(false);
    expect(t.room(oldest)).toBe(Number.POSITIVE_INFINITY); // gone: it holds nothing back any more
  });
});

describe("the timeline store at Max rows", () => {
  beforeEach(() => setActivePinia(createPinia()));

  function streaming() {
    const feed = useFeedStore();
    const timeline = useTimelineStore();
    const source = new HandSource();
    feed.add(source);
    let n = 0;
    const send = (count: number) => {
      for (let i = 0; i < count; i++)
        source.send({
          kind: "packet",
          dir: "in",
          nsp: "/",
          type: "EVENT",
          event: "tick",
          args: [n++],
          attachments: 0,
        } as never);
      feed.flush();
    };
    timeline.setMaxRows(100);
    return { timeline, send };
  }
  const firstArg = (timeline: ReturnType<typeof useTimelineStore>) =>
    (timeline.rowAt(0)?.record as { args: number[] }).args[0];

  test("following, the oldest rows go and the toolbar's count of them grows", () => {
    const { timeline, send } = streaming();
    send(130);
    expect(timeline.totalCount).toBe(100);
    expect(timeline.trimmedForRows).toBe(30);
    expect(timeline.held).toBe(0);
  });

  test("a view resting on the oldest row keeps it: what comes waits, and comes in once the view follows", () => {
    const { timeline, send } = streaming();
    send(100);
    timeline.restOn(timeline.rowAt(0));
    send(40);
    expect(firstArg(timeline)).toBe(0); // the row on screen is still there
    expect(timeline.held).toBe(40);
    expect(timeline.trimmedForRows).toBe(0);
    timeline.restOn(undefined); // following again
    expect(timeline.held).toBe(0);
    expect(firstArg(timeline)).toBe(40);
    expect(timeline.trimmedForRows).toBe(40);
  });

  test("a view resting lower lets the rows above it go, up to its own", () => {
    const { timeline, send } = streaming();
    send(100);
    timeline.restOn(timeline.rowAt(30));
    send(50);
    expect(firstArg(timeline)).toBe(30); // the thirty rows above the view went; the view's top row is the oldest now
    expect(timeline.held).toBe(20);
    expect(timeline.trimmedForRows).toBe(30);
  });
});
