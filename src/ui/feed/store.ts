import { defineStore } from "pinia";
import { sequence as newSequence, type Sequence } from "../../client/observe/observer.js";
import { Feed, type BatchListener } from "./feed.js";
import type { TimelineRecord } from "./records.js";
import type { RecordSource } from "./source.js";

/**
 * The bridge between the record sources and the features: one feed for the live clients, and one sequence that
 * numbers every live client's records. Held in this store's closure, never in reactive state.
 */
export const useFeedStore = defineStore("feed", () => {
  const feed = new Feed();
  const seq: Sequence = newSequence();

  return {
    /** Adds a source to the live feed; returns the undo. */
    add: (source: RecordSource) => feed.add(source),
    /** Subscribes to the live feed's batches (one per frame); returns the undo. */
    subscribe: (listener: BatchListener) => feed.subscribe(listener),
    /** Hears each live record as it comes, before the batches; returns the undo. */
    tap: (listener: (record: TimelineRecord) => void) => feed.tap(listener),
    /** Hands out what is queued at once (tests, and a view that must be current now). */
    flush: () => feed.flush(),
    /** The numbers of the live clients' records. */
    sequence: () => seq,
  };
});
