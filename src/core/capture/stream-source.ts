// Records that arrive from elsewhere as they happen (a page `socketio-inspector watch` is watching), as a source of
// the feed: each pushed record goes to the listeners, named after the connection it belongs to.
import type { TimelineRecord } from "../feed/records.js";
import type { RecordSource } from "../feed/source.js";

export class StreamSource implements RecordSource {
  readonly kind = "watch";
  private readonly listeners = new Set<(record: TimelineRecord) => void>();

  constructor(readonly name: string) {}

  push(record: TimelineRecord): void {
    for (const listener of this.listeners) listener(record);
  }

  subscribe(listener: (record: TimelineRecord) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
