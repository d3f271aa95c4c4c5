import { expect, test } from "vitest";
import type { TimelineRecord } from "../../../src/core/feed/records.js";
import { EMPTY_FILTER, Timeline } from "../../../src/ui/timeline/timeline.js";

let seq = 0;
const rec = (kind: string, extra: object = {}): TimelineRecord =>
  ({ kind, seq: ++seq, t: seq, client: "c1", ...extra }) as unknown as TimelineRecord;
const error = { message: "xhr poll error" };

/** What one failed attempt records with one namespace connected before (as the client records it). */
const failedAttempt = (n: number) => [
  rec("reconnect_attempt", { attempt: n }),
  rec("error", { error }),
  rec("connect_error", { nsp: "/", error }),
  rec("reconnect_scheduled", { attempt: n + 1, delay: 50 }),
  rec("reconnect_error", { error }),
];
const kinds = (t: Timeline) => Array.from({ length: t.length }, (_, i) => t.at(i)?.record.kind);

test("a failed reconnection attempt is one row; its records show when it is expanded", () => {
  const t = new Timeline(100);
  t.push([rec("close", { reason: "transport close" }), ...failedAttempt(1), ...failedAttempt(2)]);
  expect(kinds(t)).toEqual(["close", "reconnect_attempt", "reconnect_attempt"]);
  const first = t.at(1)!;
  expect(first.folded).toBe(4);
  t.setExpanded(first, true);
  expect(kinds(t)).toEqual([
    "close",
    "reconnect_attempt",
    "error",
    "connect_error",
    "reconnect_scheduled",
    "reconnect_error",
    "reconnect_attempt",
  ]);
  t.setExpanded(first, false);
  expect(t.length).toBe(3);
});

test("a successful attempt ends the group: the new session's rows show", () => {
  const t = new Timeline(100);
  t.push([
    rec("reconnect_attempt", { attempt: 1 }),
    rec("handshake", { sid: "x", upgrades: [], transport: "polling", fields: [] }),
    rec("open"),
    rec("reconnect", { attempt: 1 }),
    rec("connect_error", { nsp: "/admin", error }),
  ]);
  expect(kinds(t)).toEqual(["reconnect_attempt", "handshake", "open", "reconnect", "connect_error"]);
  expect(t.at(0)!.folded).toBe(0);
});

test("a filter that hides the attempt shows what was folded under it; clients are grouped apart", () => {
  const t = new Timeline(100);
  t.push([...failedAttempt(1), rec("connect_error", { nsp: "/", error, client: "c2" })]);
  t.setFilter({ ...EMPTY_FILTER, text: "xhr poll" });
  expect(kinds(t)).toEqual(["error", "connect_error", "reconnect_error", "connect_error"]);
  t.setFilter(EMPTY_FILTER);
  expect(kinds(t)).toEqual(["reconnect_attempt", "connect_error"]);
  expect(t.at(1)?.record.client).toBe("c2");
});
