import type { TimelineRecord } from "./records.js";
import type { RecordSource } from "./source.js";

/**
 * A recorded session as a record source: its records, all at once, in the order they were recorded. It allows
 * nothing beyond them (no emit, no ack to answer: the records of a file carry no handles).
 */
export class FileSource implements RecordSource {
  readonly kind = "file";

  constructor(
    /** The file's name. */
    readonly name: string,
    private readonly records: readonly TimelineRecord[],
  ) {}

  get count(): number {
    return this.records.length;
  }

  subscribe(listener: (record: TimelineRecord) => void): () => void {
    for (const record of this.records) listener(record);
    // A file has nothing more to say: nothing to undo.
    return () => undefined;
  }
}
