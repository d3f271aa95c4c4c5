import type { TimelineRecord } from "./records.js";

/**
 * Where timeline records come from: a live client, or a recorded session file. The feed subscribes to each source;
 * what a source allows beyond its records (emit, drop transport, answer an ack through a record's `reply`) is on the
 * source itself, and the UI offers only what the source has.
 */
export interface RecordSource {
  /** The client's name, or the file's: what the timeline's client column shows. */
  readonly name: string;
  readonly kind: "live" | "file" | "server" | "watch";
  /** Subscribes to the source's records, in the order they happened; returns the undo. */
  subscribe(listener: (record: TimelineRecord) => void): () => void;
}
