// npm run bench: every benchmark, one table. `--quick` is the smoke run (small sizes, one round) used by the tests.
// Method and latest figures: bench/README.md.
import { gzipSync } from "node:zlib";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { benchInspectorIngest, benchRetention } from "./browser.mjs";
import { measureBundles } from "./bundle-size.mjs";
import { benchAcks, benchIngest } from "./node-client.mjs";
import { benchServerPanel } from "./server-panel.mjs";
import { root, startBenchServer } from "./support.mjs";

/** The inspector's initial JavaScript: what index.html loads, gzipped. */
export function inspectorInitialJs() {
  const html = readFileSync(`${root}dist/inspector/index.html`, "utf8");
  const scripts = [...html.matchAll(/<script[^>]+src="\.?\/?([^"]+)"/g)].map((m) => m[1]);
  const preloads = [...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\.?\/?([^"]+)"/g)].map((m) => m[1]);
  let min = 0;
  let gzip = 0;
  for (const file of [...scripts, ...preloads]) {
    const code = readFileSync(`${root}dist/inspector/${file}`);
    min += code.length;
    gzip += gzipSync(code, { level: 9 }).length;
  }
  return { files: scripts.length + preloads.length, min, gzip };
}

/**
 * A figure as the table shows it ("-" for none).
 * @param {number | undefined} n
 */
const fmt = (n, digits = 0) =>
  n === undefined || Number.isNaN(n)
    ? "-"
    : n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

export async function runAll({ quick = false } = {}) {
  const server = await startBenchServer();
  const results = {};
  try {
    results.ingest = await benchIngest(server.url, quick ? { events: 3000, rounds: 1 } : {});
    results.acks = await benchAcks(server.url, quick ? { sequential: 100, pipelined: 1000, rounds: 1 } : {});
  } finally {
    server.stop();
  }
  results.bundle = await measureBundles();
  results.inspectorJs = inspectorInitialJs();
  results.browser = await benchInspectorIngest({
    serverFactory: startBenchServer,
    ...(quick ? { rates: [500], seconds: 1 } : {}),
  });
  results.retention = [
    ...(await benchRetention({ serverFactory: startBenchServer, ...(quick ? { sizes: [3000] } : {}) })),
    // The default budget (256 MB): how many of a million rows it keeps.
    ...(await benchRetention({
      serverFactory: startBenchServer,
      sizes: quick ? [3000] : [1_000_000],
      budgetMb: null,
    })),
  ];
  results.serverPanel = await benchServerPanel(quick ? { sockets: 50 } : {});
  return results;
}

/** @param {Awaited<ReturnType<typeof runAll>>} r */
export function table(r) {
  const header = ["benchmark", "ours", "official", "ratio", "target"];
  const rows = [
    header,
    [
      "1 ingest, events/s of client CPU (50k events, 3 nsps)",
      fmt(r.ingest.ours.cpuRate),
      fmt(r.ingest.official.cpuRate),
      fmt(r.ingest.ratioOfficial, 2),
      ">= 1.0",
    ],
    [
      "  floor: raw engine.io-client, events/s of CPU",
      fmt(r.ingest.ours.cpuRate),
      fmt(r.ingest.engine.cpuRate),
      fmt(r.ingest.ratioEngine, 2),
      "(of floor)",
    ],
    ["  wall-clock events/s (server-bound)", fmt(r.ingest.ours.wallRate), fmt(r.ingest.official.wallRate), "", ""],
    [
      "2 acks, sequential round trip p50 (ms)",
      fmt(r.acks.ours.p50, 3),
      fmt(r.acks.official.p50, 3),
      fmt(r.acks.ratioP50, 2),
      "<= 1.0",
    ],
    [
      "  sequential round trip p99 (ms)",
      fmt(r.acks.ours.p99, 3),
      fmt(r.acks.official.p99, 3),
      fmt(r.acks.ratioP99, 2),
      "",
    ],
    ["  pipelined acks/s", fmt(r.acks.ours.rate), fmt(r.acks.official.rate), fmt(r.acks.ratioRate, 2), ">= 1.0"],
    [
      "3 bundle of { io }, min+gzip bytes",
      fmt(r.bundle.ours.gzip),
      fmt(r.bundle.official.gzip),
      fmt(r.bundle.ratio, 3),
      "<= 1.0",
    ],
    ["  v2 mode chunk (loaded only in v2 mode), min+gzip bytes", fmt(r.bundle.v2.gzip), "", "", ""],
    ["  inspector initial JS, min+gzip bytes", fmt(r.inspectorJs.gzip), "", "", "<= 85,000"],
    [
      "4 inspector ingest in Chromium, events/s",
      fmt(r.browser.inspector.best),
      `${fmt(r.browser.counter.best)} (count-only page)`,
      fmt(r.browser.ratio, 2),
      ">= 1.0 (issue 33)",
    ],
    ...(r.browser.inWorker
      ? [
          [
            "  clients in the clients' worker (?worker=1), events/s",
            fmt(r.browser.inWorker.best),
            `${fmt(r.browser.inspector.best)} (page's thread)`,
            fmt(r.browser.inspector.best ? r.browser.inWorker.best / r.browser.inspector.best : 0, 2),
            "",
          ],
        ]
      : []),
    ...(r.browser.twoClients
      ? [
          [
            "  two clients sharing the rate (one timeline), events/s",
            fmt(r.browser.twoClients.best),
            `${fmt(r.browser.inspector.best)} (one client)`,
            fmt(r.browser.inspector.best ? r.browser.twoClients.best / r.browser.inspector.best : 0, 2),
            ">= 1.0 of one client",
          ],
        ]
      : []),
    ...r.retention.flatMap((x) => [
      [
        `5 retention ${fmt(x.size)} events, Max MB ${x.budgetMb}: rows kept / heap bytes per row`,
        `${fmt(x.rows)} / ${fmt(x.bytesPerEvent)}`,
        "",
        "",
        "<= 268 bytes",
      ],
      [
        `  DOM nodes / text filter ms / jump to end ms`,
        `${fmt(x.domNodes)} / ${fmt(x.filterMs)} / ${fmt(x.jumpMs)}`,
        "",
        "",
        "< 1,500 / < 300",
      ],
    ]),
    ...(r.serverPanel
      ? [
          [
            `6 server panel, ${fmt(r.serverPanel.sockets)} sockets: first render ms / filter ms`,
            `${fmt(r.serverPanel.firstRenderMs)} / ${fmt(r.serverPanel.filterMs)}`,
            "",
            "",
            "",
          ],
        ]
      : []),
  ];
  const widths = header.map((_, i) => Math.max(...rows.map((row) => String(row[i]).length)));
  return rows.map((row) => row.map((cell, i) => String(cell).padEnd(widths[i] ?? 0)).join("  ")).join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const quick = process.argv.includes("--quick");
  const results = await runAll({ quick });
  console.log(
    `machine: ${os.cpus().length} × ${os.cpus()[0]?.model}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
  );
  console.log(table(results));
  for (const step of [
    ...results.browser.counter.steps.map((s) => ({ page: "count-only", ...s })),
    ...results.browser.inspector.steps.map((s) => ({ page: "inspector", ...s })),
    ...(results.browser.inWorker?.steps ?? []).map((s) => ({ page: "in-worker", ...s })),
    ...(results.browser.twoClients?.steps ?? []).map((s) => ({ page: "two-cli", ...s })),
  ]) {
    console.log(
      `  ${step.page.padEnd(10)} ${String(step.rate).padStart(6)}/s: shown ${step.shown}/${step.total}, frame p95 ${step.frameP95.toFixed(1)} ms, longest task ${step.longTaskMax.toFixed(0)} ms, delay p99 ${step.delayP99.toFixed(1)} ms ${step.pass ? "pass" : "FAIL"}`,
    );
  }
  mkdirSync(`${root}bench/results`, { recursive: true });
  writeFileSync(
    `${root}bench/results/${quick ? "quick" : "latest"}.json`,
    JSON.stringify({ date: new Date().toISOString(), results }, null, 2),
  );
  process.exit(0);
}
