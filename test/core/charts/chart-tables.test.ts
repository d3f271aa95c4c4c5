import { expect, test } from "vitest";
import { bandsTable, rateTable } from "../../../src/core/charts/figures-table.js";
import { SessionFigures } from "../../../src/core/charts/session-figures.js";
import { clockTime } from "../../../src/core/shared/dates.js";
import { recorder } from "./make-records.js";

const T0 = Date.UTC(2026, 10, 25, 10, 0, 0);

test("a rate chart as a table: events, the mean rate over the session's span and the busiest second", () => {
  const a = recorder();
  const f = new SessionFigures();
  // Five ticks a second apart on /metrics, and a burst of three on / in one second.
  for (let i = 0; i < 5; i++) f.add(a.receive(T0 + i * 1000, "tick", [], { nsp: "/metrics" }));
  for (let i = 0; i < 3; i++) f.add(a.receive(T0 + 2000 + i * 10, "burst"));
  const chart = f.rateChart({ by: "namespace" });
  const table = rateTable(chart, "namespace", f.span);
  expect(table).toMatchObject({ id: "rates-namespace", title: "Events per second by namespace" });
  expect(table.columns).toEqual(["namespace", "events", "mean /s", "peak /s"]);
  // The span is 4 s (first to last record): 5 ticks read 1.3/s, the burst 3 in its one second.
  expect(table.rows).toEqual([
    ["/metrics", "5", "1.3/s", "1/s"],
    ["/", "3", "0.8/s", "3/s"],
  ]);
  // A session shorter than a second counts as one second, not as an infinite rate.
  const short = new SessionFigures();
  short.add(a.receive(T0, "tick"));
  expect(rateTable(short.rateChart({ by: "event" }), "event", short.span).rows).toEqual([["tick", "1", "1/s", "1/s"]]);
});

test("connection bands as a table: every band in time order with its attempts, the latest ones when cut", () => {
  const a = recorder("alice");
  const f = new SessionFigures();
  f.addAll([
    a.record({ kind: "connect", t: T0, nsp: "/" }),
    a.record({ kind: "disconnect", t: T0 + 1000, nsp: "/", reason: "transport close", active: true }),
    a.record({ kind: "reconnect_attempt", t: T0 + 1200, attempt: 1 }),
    a.record({ kind: "reconnect_attempt", t: T0 + 1500, attempt: 2 }),
    a.record({ kind: "reconnect", t: T0 + 1600, attempt: 2 }),
  ]);
  const table = bandsTable(f.connections());
  expect(table.rows).toEqual([
    ["alice", "connected", clockTime(T0), clockTime(T0 + 1000), "1.00 s", "–"],
    ["alice", "reconnecting", clockTime(T0 + 1000), clockTime(T0 + 1600), "600 ms", "2"],
    ["alice", "connected", clockTime(T0 + 1600), clockTime(T0 + 1600), "0 ms", "–"],
  ]);
  const cut = bandsTable(f.connections(), 2);
  expect(cut.rows.map((r) => r[1])).toEqual(["reconnecting", "connected"]);
  expect(cut.note).toBe("The latest 2 of 3.");
});
