import { defineStore } from "pinia";
import { Feed, type BatchListener } from "../../core/feed/feed.js";
import type { TimelineRecord } from "../../core/feed/records.js";
import type { RecordSource } from "../../core/feed/source.js";
import { usePageEvents, type ClientEvent } from "../shell/page-events.js";

export type { ClientEvent } from "../shell/page-events.js";

/**
 * The bridge between the record sources and the features: one feed for the live sources (it numbers and pairs their
 * records). Held in this store's closure, never in reactive state.
 */
export const useFeedStore = defineStore("feed", () => {
  const feed = new Feed();
  // What happens to the clients travels on the page's event bus, as the page's other announcements do.
  const events = usePageEvents();

  return {
    /** Adds a source to the live feed; returns the undo. */
    add: (source: RecordSource) => feed.add(source),
    /** Subscribes to the live feed's batches (one per frame); returns the undo. */
    subscribe: (listener: BatchListener) => feed.subscribe(listener),
    /** Hears each live record as it comes, before the batches; returns the undo. */
    tap: (listener: (record: TimelineRecord) => void) => feed.tap(listener),
    /** Hands out what is queued at once (tests, and a view that must be current now). */
    flush: () => feed.flush(),
    /** Tells every listener what happened to a client. */
    announce: (event: ClientEvent) => events.announce("client", event),
    /** Hears what happens to the clients; returns the undo. */
    onClient: (listener: (event: ClientEvent) => void) => events.on("client", listener),
  };
});
