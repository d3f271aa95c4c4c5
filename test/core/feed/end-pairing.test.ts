import { describe, expect, test } from "vitest";
import { EndPairing } from "../../../src/core/feed/end-pairing.js";
import { otherEndOf } from "../../../src/core/feed/links.js";
import type { TimelineRecord } from "../../../src/core/feed/records.js";

let seq = 0;
const emit = (t: number, client = "alice", event = "add", dir: "out" | "in" = "out", args: unknown[] = []) =>
  ({
    kind: "packet",
    seq: ++seq,
    t,
    dir,
    type: "EVENT",
    nsp: "/",
    event,
    args,
    attachments: 0,
    client,
  }) as TimelineRecord;
const server = (
  t: number,
  what: "event_received" | "event_sent",
  of = "alice",
  event = "add",
  args: unknown[] = [],
): TimelineRecord => ({ kind: "server", seq: ++seq, t, what, nsp: "/", sid: "s1", event, args, of, client: "server" });

/** The records read in the order given, as the feed reads them. */
function paired(records: TimelineRecord[]): TimelineRecord[] {
  const ends = new EndPairing();
  for (const r of records) ends.take(r);
  return records;
}

describe("both ends of a message", () => {
  test("our emit and the server's receipt: each the other's", () => {
    const [a1, r1, a2, r2] = paired([
      emit(1000),
      server(1005, "event_received"),
      emit(2000),
      server(2004, "event_received"),
    ]);
    expect(otherEndOf(a1 as TimelineRecord)).toBe(r1);
    expect(otherEndOf(a2 as TimelineRecord)).toBe(r2);
    expect(otherEndOf(r2 as TimelineRecord)).toBe(a2);
  });

  test("emits made before the server view connected have no receipt, and do not shift the others", () => {
    const [early, late, receipt] = paired([emit(1000), emit(60_000), server(60_003, "event_received")]);
    expect(otherEndOf(early as TimelineRecord)).toBeUndefined();
    expect(otherEndOf(late as TimelineRecord)).toBe(receipt);
  });

  test("the server's emit to our socket and our client's receipt, whichever came first", () => {
    const [got, sent] = paired([emit(5000, "bob", "news", "in"), server(5002, "event_sent", "bob", "news")]);
    expect(otherEndOf(sent as TimelineRecord)).toBe(got);
    expect(otherEndOf(got as TimelineRecord)).toBe(sent);
  });

  test("another client, event or direction is never the other end", () => {
    const [mine] = paired([
      emit(1000, "alice", "add"),
      server(1001, "event_received", "bob", "add"),
      server(1001, "event_received", "alice", "other"),
      server(1001, "event_sent", "alice", "add"),
    ]);
    expect(otherEndOf(mine as TimelineRecord)).toBeUndefined();
  });

  test("a stream already running when the view connects: each server row pairs with the client row of its payload", () => {
    // The client has received ticks 1 to 8 before the view connected; the view then reports ticks 9 to 12, each a
    // moment before our client's row of it.
    const records: TimelineRecord[] = [];
    for (let n = 1; n <= 8; n++) records.push(emit(n * 1000, "alice", "tick", "in", [{ n }]));
    for (let n = 9; n <= 12; n++)
      records.push(
        server(n * 1000, "event_sent", "alice", "tick", [{ n }]),
        emit(n * 1000 + 3, "alice", "tick", "in", [{ n }]),
      );
    paired(records);
    const n = (r: TimelineRecord | undefined) => (r as { args: Array<{ n: number }> } | undefined)?.args[0]?.n;
    const before = records.filter((r) => (n(r) as number) <= 8);
    const after = records.filter((r) => (n(r) as number) > 8);
    expect(before.map(otherEndOf)).toEqual(before.map(() => undefined));
    expect(after.map((r) => n(otherEndOf(r)))).toEqual(after.map(n));
  });

  test("of messages with the same payload, the nearest in time", () => {
    const [first, second, receipt] = paired([
      emit(1000, "alice", "ping", "out"),
      emit(1900, "alice", "ping", "out"),
      server(1950, "event_received", "alice", "ping"),
    ]);
    expect(otherEndOf(receipt as TimelineRecord)).toBe(second);
    expect(otherEndOf(first as TimelineRecord)).toBeUndefined();
  });

  test("a message seen by one end only, past the window, is never paired with a later one", () => {
    const [lonely, receipt] = paired([
      emit(1000, "alice", "add", "out", [1]),
      server(7000, "event_received", "alice", "add", [1]),
    ]);
    expect(otherEndOf(lonely as TimelineRecord)).toBeUndefined();
    expect(otherEndOf(receipt as TimelineRecord)).toBeUndefined();
  });
});
