// Hand-made session records for the charts' tests: each builder takes what matters and numbers the rest.
import type { TimelineRecord } from "../../../src/core/feed/records.js";

/** Numbers records as an observer does (one sequence per client) and stamps their client. */
export function recorder(client = "alice") {
  let seq = 0;
  const stamp = <R extends object>(r: R): TimelineRecord => ({ ...r, seq: ++seq, client }) as unknown as TimelineRecord;
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
    /** The ack of the emit numbered `pair`, coming back (`dir` in) or going out (the server's emit answered). */
    ack: (t: number, pair: number, latency: number, args: unknown[] = [], dir: "in" | "out" = "in", nsp = "/") =>
      stamp({ kind: "packet", t, dir, nsp, type: "ACK", args, ackId: 0, attachments: 0, pair, latency }),
    record: (r: Record<string, unknown> & { kind: string; t: number }) => stamp(r),
  };
}
