import { describe, expect, test } from "vitest";
import type { TimelineRecord } from "../../../src/core/feed/records.js";
import { otherEnd } from "../../../src/core/server-view/pairing.js";

let seq = 0;
const emit = (t: number, client = "alice", event = "add", dir: "out" | "in" = "out"): TimelineRecord => ({
  kind: "packet",
  seq: ++seq,
  t,
  dir,
  type: "EVENT",
  nsp: "/",
  event,
  args: [],
  attachments: 0,
  client,
});
const server = (t: number, what: "event_received" | "event_sent", of = "alice", event = "add"): TimelineRecord => ({
  kind: "server",
  seq: ++seq,
  t,
  what,
  nsp: "/",
  sid: "s1",
  event,
  args: [],
  of,
  client: "server",
});

describe("both ends of an event", () => {
  test("our emit and the server's receipt: each the other's, in order", () => {
    const a1 = emit(1000);
    const r1 = server(1005, "event_received");
    const a2 = emit(2000);
    const r2 = server(2004, "event_received");
    const records = [a1, r1, a2, r2];
    expect(otherEnd(a1, records)).toBe(r1);
    expect(otherEnd(a2, records)).toBe(r2);
    expect(otherEnd(r2, records)).toBe(a2);
  });

  test("emits made before the server view connected have no receipt, and do not shift the others", () => {
    const early = emit(1000);
    const late = emit(60_000);
    const receipt = server(60_003, "event_received");
    const records = [early, late, receipt];
    expect(otherEnd(early, records)).toBeUndefined();
    expect(otherEnd(late, records)).toBe(receipt);
    expect(otherEnd(receipt, records)).toBe(late);
  });

  test("the server's emit to our socket and our client's receipt, whichever came first", () => {
    const got = emit(5000, "bob", "news", "in");
    const sent = server(5002, "event_sent", "bob", "news");
    const records = [got, sent];
    expect(otherEnd(sent, records)).toBe(got);
    expect(otherEnd(got, records)).toBe(sent);
  });

  test("another client, event or direction is never the other end", () => {
    const mine = emit(1000, "alice", "add");
    const records = [
      mine,
      server(1001, "event_received", "bob", "add"),
      server(1001, "event_received", "alice", "other"),
      server(1001, "event_sent", "alice", "add"),
    ];
    expect(otherEnd(mine, records)).toBeUndefined();
  });
});
