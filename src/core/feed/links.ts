// What the numbering (numbering.ts) and the pairing of both ends (end-pairing.ts) found, for readers: the reply of an
// emit and the emit of a reply, and the other end of an event seen by both our client and the server's view. Held
// beside the records, not in them: a record's data stays what was observed (a copy or an export leaves links out,
// and opening the file makes them again), and a record that leaves the timeline takes its links with it.
import type { TimelineRecord } from "./records.js";

const replies = new WeakMap<TimelineRecord, TimelineRecord>();
const requests = new WeakMap<TimelineRecord, TimelineRecord>();
const ends = new WeakMap<TimelineRecord, TimelineRecord>();

/**
 * Links a reply to what asked for it: the opener (an emit, or the `buffered` record of one that waited in the send
 * buffer) and, for one that waited, the emit as it finally left. The reply's request is the emit that crossed the wire.
 */
export function linkReply(opener: TimelineRecord, sent: TimelineRecord | undefined, reply: TimelineRecord): void {
  replies.set(opener, reply);
  if (sent) replies.set(sent, reply);
  requests.set(reply, sent ?? opener);
}

/** The reply (an ack, a time-out, a discard) to an emit that asked for one, once it came. */
export const replyOf = (record: TimelineRecord): TimelineRecord | undefined => replies.get(record);

/** The emit a reply answers (the one that left, for an emit that waited in the send buffer). */
export const requestOf = (reply: TimelineRecord): TimelineRecord | undefined => requests.get(reply);

/** Links both ends of one event: our client's record and the server view's record of the same message. */
export function linkEnds(a: TimelineRecord, b: TimelineRecord): void {
  ends.set(a, b);
  ends.set(b, a);
}

/** The other end of an event: the server's record of what our client sent or received, or the other way round. */
export const otherEndOf = (record: TimelineRecord): TimelineRecord | undefined => ends.get(record);
