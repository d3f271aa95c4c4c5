// The namespace filter offers the namespaces the rows have (a captured page's, a file's), not only the form's:
// in the order first seen, bounded (a server names each packet's namespace), and forgotten on Clear.
import { createPinia, setActivePinia } from "pinia";
import { beforeEach, expect, test } from "vitest";
import type { TimelineRecord } from "../../../src/core/feed/records.js";
import { useFeedStore } from "../../../src/ui/feed/store.js";
import { MAX_SEEN_NAMESPACES, useTimelineStore } from "../../../src/ui/timeline/store.js";
import { HandSource } from "../../helpers/hand-source.js";

beforeEach(() => setActivePinia(createPinia()));

const event = (nsp: string) =>
  ({ kind: "packet", dir: "in", nsp, type: "EVENT", event: "e", args: [], attachments: 0 }) as never;

test("live rows: the namespaces in the order first seen, each once; Clear forgets them", () => {
  const feed = useFeedStore();
  const timeline = useTimelineStore();
  const source = new HandSource();
  feed.add(source);
  for (const nsp of ["/", "/chat", "/", "/admin", "/chat"]) source.send(event(nsp));
  timeline.flush();
  expect(timeline.namespaceNames).toEqual(["/", "/chat", "/admin"]);
  timeline.clear();
  expect(timeline.namespaceNames).toEqual([]);
});

test(`a server naming a new namespace in every packet: ${MAX_SEEN_NAMESPACES} offered, the rows all kept`, () => {
  const feed = useFeedStore();
  const timeline = useTimelineStore();
  const source = new HandSource();
  feed.add(source);
  for (let i = 0; i < MAX_SEEN_NAMESPACES + 50; i++) source.send(event(`/n${i}`));
  timeline.flush();
  expect(timeline.namespaceNames).toHaveLength(MAX_SEEN_NAMESPACES);
  expect(timeline.rowCount).toBe(MAX_SEEN_NAMESPACES + 50);
});

test("a file's view offers the file's namespaces; back to live, the live ones", async () => {
  const feed = useFeedStore();
  const timeline = useTimelineStore();
  const source = new HandSource();
  feed.add(source);
  source.send(event("/live"));
  timeline.flush();
  const records = [event("/a"), event("/b")].map((r: TimelineRecord, i) => ({ ...r, seq: i + 1, t: i }));
  await timeline.openFile("f.ndjson", records);
  expect(timeline.namespaceNames).toEqual(["/a", "/b"]);
  timeline.goLive();
  expect(timeline.namespaceNames).toEqual(["/live"]);
});
