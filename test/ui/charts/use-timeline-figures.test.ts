// The charts' figures over what the timeline shows, on hand-driven records: the live rows and the feed's batches,
// a paused timeline, a cleared one, and a session file opened over the live rows.
import { createPinia, setActivePinia } from "pinia";
import { afterAll, beforeAll, beforeEach, expect, test, vi } from "vitest";
import { effectScope } from "vue";
import type { TimelineRecord } from "../../../src/core/feed/records.js";
import { useTimelineFigures } from "../../../src/ui/charts/use-timeline-figures.js";
import { useFeedStore } from "../../../src/ui/feed/store.js";
import { useTimelineStore } from "../../../src/ui/timeline/store.js";
import { HandSource } from "../../helpers/hand-source.js";

// The composable listens for the tab being hidden: a document that is always visible.
beforeAll(() => {
  vi.stubGlobal("document", { hidden: false, addEventListener: () => undefined, removeEventListener: () => undefined });
});
afterAll(() => vi.unstubAllGlobals());
beforeEach(() => {
  setActivePinia(createPinia());
  vi.useFakeTimers();
});

const tick = (source: HandSource) =>
  source.send({
    kind: "packet",
    dir: "in",
    nsp: "/metrics",
    type: "EVENT",
    event: "tick",
    args: [],
    attachments: 0,
  } as never);

/** The view's figures, opened now; `settle` lets builds and the redraw clock run. */
function openView() {
  const scope = effectScope();
  const view = scope.run(() => useTimelineFigures())!;
  const events = () => view.snapshot.value.summary.eventsIn;
  const settle = async () => {
    await vi.advanceTimersByTimeAsync(1100);
  };
  return { view, events, settle, close: () => scope.stop() };
}

test("the rows the timeline holds when the view opens, then the live batches, drawn about once a second", async () => {
  const feed = useFeedStore();
  const timeline = useTimelineStore();
  const source = new HandSource();
  feed.add(source);
  tick(source);
  tick(source);
  timeline.flush();
  const { events, settle, close } = openView();
  await settle();
  expect(events()).toBe(2);
  tick(source);
  timeline.flush();
  expect(events()).toBe(2); // not per batch: at the next draw
  await settle();
  expect(events()).toBe(3);
  close();
});

test("paused, the charts wait with the timeline; on resume they count what was held", async () => {
  const feed = useFeedStore();
  const timeline = useTimelineStore();
  const source = new HandSource();
  feed.add(source);
  tick(source);
  timeline.flush();
  const { events, settle, close } = openView();
  await settle();
  timeline.setPaused(true);
  tick(source);
  tick(source);
  feed.flush();
  await settle();
  expect(events()).toBe(1);
  timeline.setPaused(false);
  await settle();
  expect(events()).toBe(3);
  close();
});

test("cleared with the timeline, and a session file charted in place of the live rows until back to live", async () => {
  const feed = useFeedStore();
  const timeline = useTimelineStore();
  const source = new HandSource();
  feed.add(source);
  tick(source);
  timeline.flush();
  const { view, events, settle, close } = openView();
  await settle();
  timeline.clear();
  await settle();
  expect(events()).toBe(0);

  tick(source);
  timeline.flush();
  const other = new HandSource("recorded");
  const file = [tick(other), tick(other), tick(other), tick(other)] as TimelineRecord[];
  await timeline.openFile("s.ndjson", file);
  await settle();
  expect(events()).toBe(4);
  expect(view.snapshot.value.clients).toEqual(["recorded"]);
  tick(source); // live records go on underneath, not charted while the file is shown
  timeline.flush();
  await settle();
  expect(events()).toBe(4);
  timeline.goLive();
  await settle();
  expect(events()).toBe(2);
  close();
});
