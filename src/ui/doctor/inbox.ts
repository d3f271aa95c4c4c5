import type { TimelineRecord } from "../../core/feed/records.js";
import type { ClientEvent, useFeedStore } from "../feed/store.js";

/**
 * The doctor's code is a chunk of its own, fetched when the page is idle after its first screen; what the feed says
 * before it arrives (a link's connection may start at once) waits here, in order, for the doctor to read first.
 * Bounded: past the limit the oldest batches go (the doctor reads the state of a connection, which the newest
 * records carry).
 */
export type EarlyNews =
  { kind: "records"; records: readonly TimelineRecord[] } | { kind: "client"; event: ClientEvent };

const MAX_EARLY_RECORDS = 50_000;

let inbox: EarlyNews[] | undefined;
let kept = 0;
let stop: (() => void) | undefined;

/** Starts keeping what the feed says for the doctor (once, as the page starts). */
export function startDoctorInbox(feed: ReturnType<typeof useFeedStore>): void {
  if (inbox) return;
  const news: EarlyNews[] = (inbox = []);
  const unsubscribe = feed.subscribe((records) => {
    news.push({ kind: "records", records });
    kept += records.length;
    while (kept > MAX_EARLY_RECORDS && news.length > 1) {
      const old = news.shift() as EarlyNews;
      if (old.kind === "records") kept -= old.records.length;
    }
  });
  const unlisten = feed.onClient((event) => news.push({ kind: "client", event }));
  stop = () => {
    unsubscribe();
    unlisten();
  };
}

/** What was kept, once; from then on the doctor listens itself. Empty when nothing was kept. */
export function takeDoctorInbox(): EarlyNews[] {
  stop?.();
  stop = undefined;
  const news = inbox ?? [];
  inbox = [];
  kept = 0;
  return news;
}
