// The one place where a record gets its number and its pairs. Every source numbers its records in a sequence of its
// own (the observer of a live client, a capture's decoder, a file's recorded numbers) and ties an ack to the emit that
// asked for it by that local number; the feed (or a file being opened) hands each record to `number`, which gives it
// the timeline's number and rewrites its pair into the same numbering, once. Readers read `seq`, `pair` and the links
// (links.ts); none pairs again.
import { linkReply } from "./links.js";
import { isReply, type TimelineRecord } from "./records.js";

/**
 * Pairs still open per source (emits awaiting an ack, server emits awaiting ours). A server may ask for acks it never
 * gets: past this many the oldest is let go, and its reply, if it ever comes, is shown unpaired. An entry is a number
 * and a reference, about 100 bytes.
 */
export const MAX_OPEN_PAIRS = 100_000;

/** A record that may open or take part in a pair. */
type Pairable = TimelineRecord & { pair?: number; ackId?: number };

/** What a source's open pairs are known by: the opener's local number. */
interface OpenPair {
  /** The record that asked (an emit, or the `buffered` record of an emit that waited in the send buffer). */
  opener: TimelineRecord;
  /** The emit that left after waiting in the send buffer: what the reply answers, as the wire saw it. */
  sent?: TimelineRecord;
}

/** Whether a record opens a pair under its own local number. */
function opensPair(record: Pairable, local: number): boolean {
  // Session files made before `buffered` records carried their own pair still open one by their ack id.
  return record.pair === local || (record.kind === "buffered" && record.ackId !== undefined);
}

export class Numbering {
  private last: number;
  private readonly books = new WeakMap<object, Map<number, OpenPair>>();

  /** @param after the number before the first one given (records are numbered from `after + 1`) */
  constructor(
    after = 0,
    private readonly maxOpen = MAX_OPEN_PAIRS,
  ) {
    this.last = after;
  }

  /** The last number given. */
  get current(): number {
    return this.last;
  }

  /**
   * Gives a record of `source` the next number, and its pair in this numbering: an opener pairs with itself, a reply
   * (an ack, a time-out, a discard) with its opener, which is then closed; a pair that is not open (let go, or from
   * before this numbering began) is removed rather than left pointing at another record.
   */
  number<R extends TimelineRecord>(source: object, record: R): R {
    const r = record as Pairable;
    const local = r.seq;
    r.seq = ++this.last;
    if (r.pair === undefined && !(r.kind === "buffered" && r.ackId !== undefined)) return record;
    let book = this.books.get(source);
    if (!book) this.books.set(source, (book = new Map()));
    if (opensPair(r, local)) {
      r.pair = r.seq;
      book.set(local, { opener: r });
      if (book.size > this.maxOpen) book.delete(book.keys().next().value as number);
      return record;
    }
    const localPair = r.pair as number;
    const open = book.get(localPair);
    if (!open) {
      delete r.pair;
      return record;
    }
    r.pair = open.opener.seq;
    if (isReply(r)) {
      book.delete(localPair);
      linkReply(open.opener, open.sent, r);
    } else open.sent = r;
    return record;
  }
}
