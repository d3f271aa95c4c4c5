import { expect, test } from "vitest";
import { figuresTables, tablesAsText } from "../../../src/core/charts/figures-table.js";
import { LatencyHistogram, PERCENTILE_ERROR } from "../../../src/core/charts/latency-histogram.js";
import { payloadChanges } from "../../../src/core/charts/payload-diff.js";
import { linearScale, niceTicks, timeTicks } from "../../../src/core/charts/scales.js";
import { SessionFigures } from "../../../src/core/charts/session-figures.js";
import { SessionLineReader } from "../../../src/core/files/session-stream.js";
import { bucketRange, inRange, recordsInRange, sortedRangeBounds } from "../../../src/core/charts/time-range.js";
import { encodeSession } from "../../../src/core/files/session-file.js";
import { recorder } from "./make-records.js";
import { withCode } from "../../helpers/codes.js";

const T0 = Date.UTC(2026, 10, 25, 10, 0, 0);

test("latency percentiles stay within the documented error of the exact ones, on a skewed distribution", () => {
  const h = new LatencyHistogram();
  const samples: number[] = [];
  let seed = 7;
  for (let i = 0; i < 20_000; i++) {
    seed = (seed * 16807) % 2147483647;
    const v = Math.exp((seed / 2147483647) * 9) * 0.05; // 0.05 ms to about 400 ms
    samples.push(v);
    h.add(v);
  }
  samples.sort((x, y) => x - y);
  for (const q of [0.5, 0.95, 0.99]) {
    const exact = samples[Math.ceil(q * samples.length) - 1] as number;
    expect(Math.abs(h.quantile(q) - exact) / exact).toBeLessThanOrEqual(PERCENTILE_ERROR + 1e-9);
  }
  expect([h.min, h.max, h.count]).toEqual([samples[0], samples.at(-1), 20_000]);
});

test("latency histogram bars cover only the span with samples, and count every sample", () => {
  const h = new LatencyHistogram();
  for (const v of [1, 1.1, 3, 100]) h.add(v);
  const bins = h.bins(1);
  expect(bins[0]?.from).toBeLessThanOrEqual(1);
  expect(bins.at(-1)?.to).toBeGreaterThan(100);
  expect(bins.reduce((n, b) => n + b.count, 0)).toBe(4);
});

test("time range: records in [from, to], by filter and by binary search on a list in time order", () => {
  const records = [0, 500, 1000, 1500, 2000].map((d) => ({ t: T0 + d }));
  const range = { from: T0 + 500, to: T0 + 1500 };
  expect(inRange({ t: T0 + 1500 }, range)).toBe(true);
  expect(recordsInRange(records, range).map((r) => r.t - T0)).toEqual([500, 1000, 1500]);
  expect(sortedRangeBounds(records, range)).toEqual({ start: 1, end: 4 });
  expect(sortedRangeBounds(records, { from: T0 + 5000, to: T0 + 6000 })).toEqual({ start: 5, end: 5 });
});

test("time range of a chart's buckets: what clicking one bar, or dragging over three, selects", () => {
  const chart = { start: T0, bucketMs: 1000 };
  expect(bucketRange(chart, 2)).toEqual({ from: T0 + 2000, to: T0 + 2999.999 });
  expect(bucketRange(chart, 3, 1)).toEqual({ from: T0 + 1000, to: T0 + 3999.999 });
});

test("payload changes are bounded in number and depth", () => {
  const a = { k: Array.from({ length: 50 }, (_, i) => i) };
  const b = { k: Array.from({ length: 50 }, (_, i) => i + 1) };
  const d = payloadChanges([a], [b], "args", { maxChanges: 3 });
  expect(d.changes.map((c) => c.path)).toEqual(["args[0].k[0]", "args[0].k[1]", "args[0].k[2]"]);
  expect(d.more).toBe(true);
  const deep = (n: number, leaf: unknown): unknown => (n === 0 ? leaf : { d: deep(n - 1, leaf) });
  expect(payloadChanges(deep(20, 1), deep(20, 2), "args", { maxDepth: 3 }).changes).toEqual([
    { path: "args.d.d.d (below)", a: expect.stringMatching(/^{d: {d: /), b: expect.stringMatching(/^{d: {d: /) },
  ]);
  expect(payloadChanges({ "a b": new Uint8Array([1]) }, { "a b": new Uint8Array([1]) }).changes).toEqual([]);
  expect(payloadChanges({ "a b": 1 }, { "a b": 2 }).changes[0]?.path).toBe('args["a b"]');
});

test("scales: round ticks and a linear map", () => {
  expect(niceTicks(0, 87)).toEqual([0, 20, 40, 60, 80, 100]);
  expect(linearScale([0, 10], [100, 0])(5)).toBe(50);
  expect(timeTicks(T0 + 400, T0 + 60_000, 6)).toEqual([10, 20, 30, 40, 50, 60].map((s) => T0 + s * 1000));
});

test("the figures as tables of text: counts, latency, connection", () => {
  const a = recorder();
  const f = new SessionFigures();
  const emit = a.emit(T0, "save", [], { ackId: 1 });
  f.addAll([
    a.record({ kind: "connect", t: T0, nsp: "/", active: true }),
    emit,
    a.ack(T0 + 12, emit, 12),
    a.receive(T0 + 20, "tick"),
    a.record({ kind: "disconnect", t: T0 + 1000, nsp: "/", reason: "transport close", active: true }),
  ]);
  const tables = figuresTables(f);
  const byId = (id: string) => tables.find((t) => t.id === id);
  expect(byId("events")?.rows).toEqual([
    ["save", "0", "1", "1", "50 %"],
    ["tick", "1", "0", "1", "50 %"],
  ]);
  expect(byId("latency")?.rows).toEqual([["save", "client", "1", "0", "12 ms", "12 ms", "12 ms", "12 ms", "12 ms"]]);
  expect(byId("connection")?.rows).toEqual([["alice", "100 %", "0 %", "0 %", "1", "0", "0"]]);
  expect(byId("markers")?.rows[0]?.slice(1)).toEqual(["alice", "drop", "/ disconnected: transport close"]);
  expect(tablesAsText(tables)).toContain("Events by name\nevent\tin\tout\ttotal\tshare\nsave\t0\t1\t1\t50 %\n");
});

test("a session file read line by line: the header checked, each record checked, errors name the line", () => {
  const r = recorder();
  const lines = encodeSession([r.receive(T0, "tick"), r.receive(T0 + 1, "tock")]).split("\n");
  const reader = new SessionLineReader("s.ndjson");
  const records = lines.map((l) => reader.read(l)).filter((x) => x !== undefined);
  expect(records.map((x) => (x as { event: string }).event)).toEqual(["tick", "tock"]);
  expect(() => new SessionLineReader("x.json").read('{"presets":[]}')).toThrow(
    withCode("session-no-format", { name: "x.json" }),
  );
  const bad = new SessionLineReader("s.ndjson");
  bad.read(lines[0] as string);
  expect(() => bad.read('{"kind":"packet","seq":1,"t":1}')).toThrow(
    withCode("session-line-invalid", {
      name: "s.ndjson",
      line: 2,
      cause: withCode("record-field-missing", { field: "dir" }),
    }),
  );
  expect(() => bad.read("{cut")).toThrow(withCode("session-line-not-json", { name: "s.ndjson", line: 3 }));
  expect(() => new SessionLineReader("e.ndjson").end()).toThrow(withCode("session-empty", { name: "e.ndjson" }));
});
