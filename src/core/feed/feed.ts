import { EndPairing } from "./end-pairing.js";
import { Numbering } from "./numbering.js";
import type { TimelineRecord } from "./records.js";
import type { RecordSource } from "./source.js";

export type BatchListener = (records: readonly TimelineRecord[]) => void;

/** Runs `fn` at the next animation frame (or soon, outside a browser). */
export const nextFrame: (fn: () => void) => void =
  typeof requestAnimationFrame === "function" ? (fn) => requestAnimationFrame(() => fn()) : (fn) => setTimeout(fn, 16);

/**
 * One feed, many sources: each record is numbered and paired as it comes (numbering.ts: the one place that does;
 * end-pairing.ts links our client's end of a message to the server view's while a server view is in the feed), then
 * records from every source are merged in time order and handed out in one batch per frame, to every subscriber (the
 * timeline's view, the status line, the doctor, each taking what it needs). Framework-free.
 */
export class Feed {
  private readonly numbering = new Numbering();
  private readonly ends = new EndPairing();
  /** Server views in the feed: both ends of a message are paired only while there is one. */
  private serverViews = 0;
  private queue: TimelineRecord[] = [];
  private scheduled = false;
  /** Whether the queued records may be out of time order (several sources wrote since the last batch). */
  private mixed = false;
  private lastSource: RecordSource | undefined;
  private readonly listeners = new Set<BatchListener>();
  private readonly taps = new Set<(record: TimelineRecord) => void>();
  private readonly sources = new Map<RecordSource, () => void>();

  constructor(private readonly schedule: (fn: () => void) => void = nextFrame) {}

  /** Adds a source; returns the undo (its records stop coming; those already queued still go out). */
  add(source: RecordSource): () => void {
    if (this.sources.has(source)) return () => this.remove(source);
    if (source.kind === "server") this.serverViews++;
    const undo = source.subscribe((record) => this.take(source, record));
    this.sources.set(source, undo);
    return () => this.remove(source);
  }

  private remove(source: RecordSource): void {
    const undo = this.sources.get(source);
    if (!undo) return;
    undo();
    this.sources.delete(source);
    if (source.kind === "server" && --this.serverViews === 0) this.ends.clear();
  }

  /** Subscribes to the batches; returns the undo. */
  subscribe(listener: BatchListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Hears each record as it comes (numbered and paired), before any batch: for what must know of a record before the next frame (a
   * scenario pairing an ack's row with the reply its callback just got). Returns the undo.
   */
  tap(listener: (record: TimelineRecord) => void): () => void {
    this.taps.add(listener);
    return () => this.taps.delete(listener);
  }

  private take(source: RecordSource, record: TimelineRecord): void {
    this.numbering.number(source, record);
    if (this.serverViews > 0) this.ends.take(record);
    for (const tap of this.taps) tap(record);
    if (this.listeners.size === 0) return; // nobody takes batches (the command line hears records through its tap)
    if (this.lastSource !== undefined && source !== this.lastSource) this.mixed = true;
    this.lastSource = source;
    this.queue.push(record);
    if (!this.scheduled) {
      this.scheduled = true;
      this.schedule(() => this.flush());
    }
  }

  /** Hands out what came since the last batch (at once, when called by hand). */
  flush(): void {
    this.scheduled = false;
    if (this.queue.length === 0) return;
    const batch = this.queue;
    this.queue = [];
    // Each source is in order already; several interleaved ones are merged by time (a stable sort keeps ties as
    // they came). The common case, one source, costs nothing.
    if (this.mixed) batch.sort((a, b) => a.t - b.t);
    this.mixed = false;
    this.lastSource = undefined;
    for (const listener of this.listeners) listener(batch);
  }
}

/**
 * Numbers a recorded session's records and pairs them (acks with their emits, both ends of a message) as the feed
 * does as they come: what a file opened in the page or read by the command line goes through, all at once or a
 * record at a time (a file read line by line). The recorded numbers and pairs are the file's own key; records are
 * changed in place.
 */
export class RecordedNumbering {
  private readonly numbering = new Numbering();
  private readonly ends = new EndPairing();
  private readonly file = {};

  take<R extends TimelineRecord>(record: R): R {
    this.numbering.number(this.file, record);
    this.ends.take(record);
    return record;
  }
}

/** A recorded session's records numbered and paired (see RecordedNumbering), in their order. */
export function numberRecorded<R extends TimelineRecord>(records: Iterable<R>): R[] {
  const numbering = new RecordedNumbering();
  const out: R[] = [];
  for (const record of records) out.push(numbering.take(record));
  return out;
}
