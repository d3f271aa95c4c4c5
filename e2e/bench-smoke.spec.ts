// A smoke run of the browser benchmarks: they run against the real inspector and produce numbers.
// Figures are not judged here (noisy shared machines); `npm run bench` takes them, bench/README.md keeps them.
import { expect, test } from "@playwright/test";
import { benchInspectorIngest, benchRetention } from "../bench/browser.mjs";
import { benchServerPanel } from "../bench/server-panel.mjs";
import { startBenchServer } from "../bench/support.mjs";

test.setTimeout(120_000);

test("inspector ingest (page thread, clients' worker, two clients) and the count-only baseline each produce step figures", async () => {
  const r = await benchInspectorIngest({ serverFactory: startBenchServer, rates: [300], seconds: 1 });
  for (const side of [r.inspector, r.counter, r.twoClients!, r.inWorker!]) {
    expect(side.steps).toHaveLength(1);
    const step = side.steps[0]!;
    expect(step.total).toBe(300);
    expect(step.shown).toBeGreaterThan(0);
    expect(Number.isFinite(step.frameP95) && Number.isFinite(step.delayP99)).toBe(true);
  }
});

test("retention produces memory, DOM, filter and jump figures", async () => {
  const [r] = await benchRetention({ serverFactory: startBenchServer, sizes: [2000] });
  expect(r!.rows).toBeGreaterThanOrEqual(2000);
  expect(Number.isFinite(r!.bytesPerEvent)).toBe(true);
  expect(r!.domNodes).toBeGreaterThan(0);
  expect(r!.filterMs).toBeGreaterThan(0);
  expect(r!.jumpMs).toBeGreaterThan(0);
});

test("the server panel produces first-render and filter figures against an instrumented server", async () => {
  const r = await benchServerPanel({ sockets: 30 });
  expect(r.sockets).toBe(30);
  expect(r.firstRenderMs).toBeGreaterThan(0);
  expect(r.filterMs).toBeGreaterThan(0);
  expect(r.matching).toBe(3); // room-7 holds every tenth socket
});
