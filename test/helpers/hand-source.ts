import type { TimelineRecord } from "../../src/core/feed/records.js";
import type { RecordSource } from "../../src/core/feed/source.js";

/**
 * A record source the test drives: records go out when the test says, as a live client's would, numbered and
 * stamped. With the feed store's flush (its hand-driven scheduler), a store hears them at once.
 */
export class HandSource implements RecordSource {
  readonly kind = "live";
  private readonly listeners = new Set<(record: TimelineRecord) => void>();
  private seq = 0;

  constructor(readonly name = "client 1") {}

  subscribe(listener: (record: TimelineRecord) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Sends a record of this client (its seq and time filled in). */
  send(draft: Omit<TimelineRecord, "seq" | "t" | "client"> & Partial<Pick<TimelineRecord, "t">>): TimelineRecord {
    const record = { seq: ++this.seq, t: Date.now(), ...draft, client: this.name } as TimelineRecord;
    for (const l of this.listeners) l(record);
    return record;
  }
}
