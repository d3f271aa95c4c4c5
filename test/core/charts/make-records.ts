// Hand-made session records for the charts' tests: each builder takes what matters and numbers the rest, as a source
// and then the feed do: an observer's own numbers (one sequence per client, an emit that asks for an ack paired with
// itself), then the feed's numbering, which pairs acks with their emits (numbering.ts).
import { Numbering } from "../../../src/core/feed/numbering.js";
import type { TimelineRecord } from "../../../src/core/feed/records.js";

/** The feed's numbering, shared by every recorder of a test file (as one feed numbers every source). */
const feed = new Numbering();

/** Records as one client's observer makes them, numbered and paired by the feed as they are made. */
export function recorder(client = "alice") {
  let seq = 0;
  const source = {};
  /** Each record's number in the client's own sequence: what its ack names. */
  const local = new WeakMap<object, number>();
  const stamp = <R extends object>(r: R): TimelineRecord => {
    const record = { ...r, seq: ++seq, client } as unknown as TimelineRecord & { ackId?: number; pair?: number };
    if (record.kind === "packet" && record.type === "EVENT" && record.ackId !== undefined) record.pair = record.seq;
    local.set(record, record.seq);
    return feed.number(source, record);
  };
  return {
    get seq() {
      return seq;
    },
    emit: (t: number, event: string, args: unknown[] = [], extra: { nsp?: string; ackId?: number } = {}) =>
      stamp({
        kind: "packet",
        t,
        dir: "out",
        nsp: extra.nsp ?? "/",
        type: "EVENT",
        event,
        args,
        attachments: 0,
        ...extra,
      }),
    receive: (t: number, event: string, args: unknown[] = [], extra: { nsp?: string; ackId?: number } = {}) =>
      stamp({
        kind: "packet",
        t,
        dir: "in",
        nsp: extra.nsp ?? "/",
        type: "EVENT",
        event,
        args,
        attachments: 0,
        ...extra,
      }),
    /**
     * The ack of an emit (or of the client's record numbered so, which may never have asked), coming back (`dir` in)
     * or going out (the server's emit answered).
     */
    ack: (
      t: number,
      asked: TimelineRecord | number,
      latency: number,
      args: unknown[] = [],
      dir: "in" | "out" = "in",
      nsp = "/",
    ) =>
      stamp({
        kind: "packet",
        t,
        dir,
        nsp,
        type: "ACK",
        args,
        ackId: 0,
        attachments: 0,
        pair: typeof asked === "number" ? asked : local.get(asked),
        latency,
      }),
    /** Any record; `asked`: the emit it answers (a time-out, a discard). */
    record: (r: Record<string, unknown> & { kind: string; t: number }, asked?: TimelineRecord) =>
      stamp(asked ? { ...r, pair: local.get(asked) } : r),
  };
}
