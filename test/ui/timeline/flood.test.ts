// The timeline under a continuous flood: every batch of the feed (one per frame) is shown in its frame. The view
// once rested a frame or two after any batch of over 100 records, and a flood that never paused never got shown.
import { createPinia, setActivePinia } from "pinia";
import { beforeEach, expect, test } from "vitest";
import { useFeedStore } from "../../../src/ui/feed/store.js";
import { useTimelineStore } from "../../../src/ui/timeline/store.js";
import { HandSource } from "../../helpers/hand-source.js";

beforeEach(() => setActivePinia(createPinia()));

test("a flood of 300 records a frame, frame after frame, is shown at every frame", () => {
  const feed = useFeedStore();
  const timeline = useTimelineStore();
  const source = new HandSource();
  feed.add(source);
  const shown: number[] = [];
  for (let frame = 0; frame < 10; frame++) {
    for (let i = 0; i < 300; i++)
      source.send({
        kind: "packet",
        dir: "in",
        nsp: "/",
        type: "EVENT",
        event: "tick",
        args: [i],
        attachments: 0,
      } as never);
    feed.flush(); // the feed's batch of this frame
    shown.push(timeline.rowCount);
  }
  expect(shown).toEqual([300, 600, 900, 1200, 1500, 1800, 2100, 2400, 2700, 3000]);
});
