// A smoke run of the Node benchmarks: they run and produce numbers. How fast is not asserted here
// (shared, noisy machines); the figures are taken with `npm run bench` and recorded in bench/README.md.
import { afterAll, beforeAll, expect, test } from "vitest";
import { benchAcks, benchIngest } from "../../bench/node-client.mjs";
import { startBenchServer } from "../../bench/support.mjs";

let server: { url: string; stop(): void };
beforeAll(async () => {
  server = await startBenchServer();
});
afterAll(() => server.stop());

const positive = (n: number) => expect(Number.isFinite(n) && n > 0, `${n} is a positive number`).toBe(true);

test("client ingest: ours, official and the raw engine floor each give a rate", async () => {
  const r = await benchIngest(server.url, { events: 1500, rounds: 1 });
  for (const side of [r.ours, r.official, r.engine]) {
    positive(side.cpuRate);
    positive(side.wallRate);
  }
  positive(r.ratioOfficial);
  positive(r.ratioEngine);
});

test("acks: round-trip percentiles and pipelined rate for both clients", async () => {
  const r = await benchAcks(server.url, { sequential: 50, pipelined: 500, rounds: 1 });
  for (const side of [r.ours, r.official]) {
    positive(side.p50);
    expect(side.p99).toBeGreaterThanOrEqual(side.p50);
    positive(side.rate);
  }
});
