import { defineStore } from "pinia";
import { Feed, type BatchListener } from "../../core/feed/feed.js";
import type { TimelineRecord } from "../../core/feed/records.js";
import type { RecordSource } from "../../core/feed/source.js";

/**
 * What happens to the live clients, announced to whoever keeps something per client (the doctor's findings, the
 * composer's choice, the event names seen): a new connection of a client starts (a Connect, Connect all, a
 * scenario's connect step), a client stops, a client is renamed (its later records carry the new name), or the live
 * rows are cleared. Stores subscribe to these, not to each other's action names.
 */
export type ClientEvent =
  | { kind: "started"; client: string }
  | { kind: "stopped"; client: string }
  | { kind: "renamed"; from: string; to: string }
  /** A client was removed from the forms; every client was replaced (a preset): running ones stop. */
  | { kind: "removed"; client: string }
  | { kind: "replaced" }
  /** The live rows were cleared: what was learned from them (event names seen) goes too. */
  | { kind: "cleared" };

/**
 * The bridge between the record sources and the features: one feed for the live sources (it numbers and pairs their
 * records). Held in this store's closure, never in reactive state.
 */
export const useFeedStore = defineStore("feed", () => {
  const feed = new Feed();
  const clientListeners = new Set<(event: ClientEvent) => void>();

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
    announce: (event: ClientEvent) => {
      for (const listener of clientListeners) listener(event);
    },
    /** Hears what happens to the clients; returns the undo. */
    onClient: (listener: (event: ClientEvent) => void) => {
      clientListeners.add(listener);
      return () => clientListeners.delete(listener);
    },
  };
});
