import { expect, test } from "vitest";
import { SessionFigures } from "../../../src/core/charts/session-figures.js";
import { recorder } from "./make-records.js";

const T0 = Date.UTC(2026, 10, 25, 10, 0, 0);

test("events per second by namespace: each second's bucket counts in and out events of its namespace", () => {
  const a = recorder();
  const f = new SessionFigures();
  f.addAll([
    a.receive(T0 + 100, "tick"),
    a.receive(T0 + 600, "tick"),
    a.emit(T0 + 900, "msg", [], { nsp: "/chat" }),
    a.receive(T0 + 1200, "msg", [], { nsp: "/chat" }),
    a.receive(T0 + 3500, "tick"),
  ]);
  const chart = f.rateChart({ by: "namespace" });
  expect(chart).toMatchObject({ start: T0, bucketMs: 1000, buckets: 4 });
  expect(chart.series.map((s) => [s.label, s.values, s.total])).toEqual([
    ["/", [2, 0, 0, 1], 3],
    ["/chat", [1, 1, 0, 0], 2],
  ]);
  expect(chart.total).toEqual([3, 1, 0, 1]);
  expect(f.rateChart({ by: "namespace", dir: "out" }).series).toEqual([
    { label: "/chat", values: [1, 0, 0, 0], total: 1 },
  ]);
});

test("events per second by event name and by client, and for one client only", () => {
  const alice = recorder("alice");
  const bob = recorder("bob");
  const f = new SessionFigures();
  f.addAll([alice.receive(T0, "tick"), bob.receive(T0 + 10, "tick"), bob.emit(T0 + 20, "hello")]);
  expect(f.rateChart({ by: "event" }).series.map((s) => [s.label, s.values])).toEqual([
    ["tick", [2]],
    ["hello", [1]],
  ]);
  expect(f.rateChart({ by: "client" }).series.map((s) => [s.label, s.total])).toEqual([
    ["bob", 2],
    ["alice", 1],
  ]);
  expect(f.rateChart({ by: "event", client: "bob" }).series.map((s) => [s.label, s.total])).toEqual([
    ["hello", 1],
    ["tick", 1],
  ]);
  expect(f.clientCounts()).toEqual([
    { name: "bob", in: 1, out: 1 },
    { name: "alice", in: 1, out: 0 },
  ]);
});

test("past the top names, the rest are one (others) row and one (others) series", () => {
  const a = recorder();
  const f = new SessionFigures();
  // Event "e<i>" comes 10 - i times: e0 is the most frequent.
  for (let i = 0; i < 10; i++) for (let n = 0; n < 10 - i; n++) f.add(a.receive(T0 + n, `e${i}`));
  expect(f.eventCounts(3)).toEqual([
    { name: "e0", in: 10, out: 0 },
    { name: "e1", in: 9, out: 0 },
    { name: "e2", in: 8, out: 0 },
    { name: "(others)", in: 7 + 6 + 5 + 4 + 3 + 2 + 1, out: 0, others: true },
  ]);
  const chart = f.rateChart({ by: "event", top: 3 });
  expect(chart.series.map((s) => [s.label, s.total])).toEqual([
    ["e0", 10],
    ["e1", 9],
    ["e2", 8],
    ["(others)", 28],
  ]);
  expect(chart.series.at(-1)?.others).toBe(true);
});

test("5,000 distinct event names: 1,000 are kept apart, the other 4,000 count as (others)", () => {
  const a = recorder();
  const f = new SessionFigures();
  for (let i = 0; i < 5000; i++) f.add(a.receive(T0 + i, `order:${i}`));
  expect(f.summary()).toMatchObject({ names: 1000, namesOverCap: true, eventsIn: 5000 });
  const rows = f.eventCounts();
  expect(rows).toHaveLength(1001);
  expect(rows.at(-1)).toEqual({ name: "(others)", in: 4000, out: 0, others: true });
  expect(f.rateChart({ by: "event", top: 8 }).series.at(-1)).toMatchObject({ label: "(others)", total: 4992 });
});

test("a session longer than the buckets kept: the buckets widen and every event stays counted", () => {
  const a = recorder();
  const f = new SessionFigures({ maxBuckets: 10 });
  for (let s = 0; s < 35; s++) f.add(a.receive(T0 + s * 1000, "tick"));
  const chart = f.rateChart({ by: "event" });
  expect(chart.bucketMs).toBe(4000);
  expect(chart.buckets).toBe(9);
  // 4 events in 4 s: one a second; the last bucket holds 3 events (seconds 32 to 34).
  expect(chart.total.slice(0, 8)).toEqual(new Array(8).fill(1));
  expect(chart.total[8]).toBe(0.75);
  expect(chart.series[0]?.total).toBe(35);
});

test("a bucket itemises at most seriesPerBucket series; its total stays exact", () => {
  const a = recorder();
  const f = new SessionFigures({ seriesPerBucket: 4 });
  for (let i = 0; i < 10; i++) f.add(a.receive(T0 + i, `e${i}`));
  const chart = f.rateChart({ by: "event", top: 8 });
  expect(chart.total).toEqual([10]);
  expect(chart.series.map((s) => s.total)).toEqual([1, 1, 1, 1, 6]);
  expect(f.rateChart({ by: "event", client: "alice" }).unitemised).toBe(6);
});

test("ack latency per event name: the ack's emit is found by its pair; p50, p95 and p99 within the histogram's error", () => {
  const a = recorder();
  const f = new SessionFigures();
  for (let i = 1; i <= 100; i++) {
    const emit = a.emit(T0 + i * 200, "save", [i], { ackId: i });
    f.add(emit);
    f.add(a.receive(T0 + i * 200 + 5, "noise"));
    f.add(a.ack(T0 + i * 200 + i, emit, i));
  }
  const [row] = f.ackLatency();
  expect(row).toMatchObject({ event: "save", dir: "out", count: 100, min: 1, max: 100, mean: 50.5, timeouts: 0 });
  expect(row?.p50).toBeGreaterThanOrEqual(50 * 0.956);
  expect(row?.p50).toBeLessThanOrEqual(50 * 1.045);
  expect(row?.p95).toBeGreaterThanOrEqual(95 * 0.956);
  expect(row?.p95).toBeLessThanOrEqual(95 * 1.045);
  expect(row?.p99).toBeGreaterThanOrEqual(99 * 0.956);
  expect(row?.p99).toBeLessThanOrEqual(100);
  expect(row?.bins.reduce((n, b) => n + b.count, 0)).toBe(100);
  expect(f.summary()).toMatchObject({ acks: 100, unpairedAcks: 0 });
});

test("acks the client sends for the server's emits count under the server's event, asked by the server", () => {
  const a = recorder();
  const f = new SessionFigures();
  const asked = a.receive(T0, "confirm", [], { ackId: 7 });
  f.addAll([asked, a.ack(T0 + 3, asked, 3, ["ok"], "out")]);
  expect(f.ackLatency()).toMatchObject([{ event: "confirm", dir: "in", count: 1, p50: 3 }]);
});

test("an ack timeout counts against its event; an ack whose emit is unknown is counted as unpaired", () => {
  const a = recorder();
  const f = new SessionFigures();
  const emit = a.emit(T0, "slow", [], { ackId: 1 });
  f.addAll([emit, a.record({ kind: "ack_timeout", t: T0 + 5000, nsp: "/", ackId: 1 }, emit)]);
  f.add(a.ack(T0 + 6000, 999, 10));
  expect(f.ackLatency()).toMatchObject([{ event: "slow", count: 0, timeouts: 1 }]);
  expect(f.summary()).toMatchObject({ ackTimeouts: 1, unpairedAcks: 1 });
});

test("ping: Engine.IO 3's pong round trip, labelled rtt", () => {
  const a = recorder();
  const f = new SessionFigures();
  f.addAll([
    a.record({ kind: "ping", t: T0, from: "client" }),
    a.record({ kind: "pong", t: T0 + 12, rtt: 12 }),
    a.record({ kind: "ping", t: T0 + 25000, from: "client", sinceLast: 25000 }),
    a.record({ kind: "pong", t: T0 + 25030, rtt: 30 }),
  ]);
  expect(f.pingSeries()).toEqual([
    {
      client: "alice",
      kind: "rtt",
      count: 2,
      points: [
        { from: T0 + 12, to: T0 + 12, min: 12, max: 12, mean: 12, count: 1 },
        { from: T0 + 25030, to: T0 + 25030, min: 30, max: 30, mean: 30, count: 1 },
      ],
    },
  ]);
});

test("ping: Engine.IO 4's server pings give the interval between them, beside the interval announced", () => {
  const a = recorder();
  const f = new SessionFigures();
  f.addAll([
    a.record({
      kind: "handshake",
      t: T0,
      sid: "s",
      pingInterval: 25000,
      pingTimeout: 20000,
      upgrades: [],
      transport: "websocket",
    }),
    a.record({ kind: "ping", t: T0 + 25000, from: "server" }),
    a.record({ kind: "ping", t: T0 + 50040, from: "server", sinceLast: 25040 }),
  ]);
  expect(f.pingSeries()).toMatchObject([
    { client: "alice", kind: "interval", expected: 25000, count: 1, points: [{ mean: 25040 }] },
  ]);
});

test("a long ping series is kept within maxPingPoints, each point the min, max and mean of the pongs it stands for", () => {
  const a = recorder();
  const f = new SessionFigures({ maxPingPoints: 4 });
  for (let i = 0; i < 16; i++) f.add(a.record({ kind: "pong", t: T0 + i * 1000, rtt: i }));
  const [series] = f.pingSeries();
  expect(series?.count).toBe(16);
  expect(series?.points.map((p) => [p.min, p.max, p.mean, p.count])).toEqual([
    [0, 3, 1.5, 4],
    [4, 7, 5.5, 4],
    [8, 11, 9.5, 4],
    [12, 15, 13.5, 4],
  ]);
});

test("connection bands: connected, a drop, reconnecting with its attempts, then a recovery", () => {
  const a = recorder();
  const f = new SessionFigures();
  f.addAll([
    a.record({ kind: "open", t: T0 }),
    a.record({ kind: "connect", t: T0 + 10, nsp: "/", id: "x", active: true }),
    a.record({ kind: "close", t: T0 + 5000, reason: "transport close" }),
    a.record({ kind: "disconnect", t: T0 + 5000, nsp: "/", reason: "transport close", active: true }),
    a.record({ kind: "reconnect_attempt", t: T0 + 6000, attempt: 1 }),
    a.record({ kind: "reconnect_error", t: T0 + 6100, attempt: 1 }),
    a.record({ kind: "reconnect_attempt", t: T0 + 8000, attempt: 2 }),
    a.record({ kind: "reconnect", t: T0 + 8050, attempt: 2 }),
    a.record({ kind: "connect", t: T0 + 8060, nsp: "/", id: "y", recovered: true, active: true }),
    a.receive(T0 + 9000, "tick"),
  ]);
  const [c] = f.connections();
  expect(c?.bands).toEqual([
    { state: "connected", from: T0, to: T0 + 5000 },
    { state: "reconnecting", from: T0 + 5000, to: T0 + 8050, attempts: 2 },
    { state: "connected", from: T0 + 8050, to: T0 + 9000 },
  ]);
  expect(c?.markers).toEqual([
    { t: T0 + 5000, kind: "drop", label: "connection closed: transport close" },
    { t: T0 + 5000, kind: "drop", label: "/ disconnected: transport close" },
    { t: T0 + 8050, kind: "recovery", label: "reconnected after 2 attempts" },
    { t: T0 + 8060, kind: "recovery", label: "/ connected, its state recovered" },
  ]);
  expect(c).toMatchObject({ drops: 2, recoveries: 2 });
});

test("connection bands: a disconnect that will not retry and a reconnection that gives up leave it disconnected", () => {
  const a = recorder();
  const f = new SessionFigures();
  f.addAll([
    a.record({ kind: "connect", t: T0, nsp: "/", active: true }),
    a.record({ kind: "disconnect", t: T0 + 100, nsp: "/", reason: "io server disconnect", active: false }),
  ]);
  const b = recorder("bob");
  f.addAll([
    b.record({ kind: "connect", t: T0, nsp: "/", active: true }),
    b.record({ kind: "disconnect", t: T0 + 50, nsp: "/", reason: "ping timeout", active: true }),
    b.record({ kind: "reconnect_attempt", t: T0 + 60, attempt: 1 }),
    b.record({ kind: "reconnect_failed", t: T0 + 200 }),
  ]);
  const [alice, bob] = f.connections();
  expect(alice?.bands.map((x) => x.state)).toEqual(["connected", "disconnected"]);
  expect(bob?.bands.map((x) => [x.state, x.from, x.to])).toEqual([
    ["connected", T0, T0 + 50],
    ["reconnecting", T0 + 50, T0 + 200],
    ["disconnected", T0 + 200, T0 + 200],
  ]);
  expect(bob?.markers.at(-1)).toMatchObject({ kind: "failed" });
});

test("with two namespaces, the client stays connected while one of them is", () => {
  const a = recorder();
  const f = new SessionFigures();
  f.addAll([
    a.record({ kind: "connect", t: T0, nsp: "/", active: true }),
    a.record({ kind: "connect", t: T0 + 1, nsp: "/admin", active: true }),
    a.record({ kind: "disconnect", t: T0 + 2, nsp: "/admin", reason: "io server disconnect", active: false }),
  ]);
  expect(f.connections()[0]?.bands.map((b) => b.state)).toEqual(["connected"]);
});
