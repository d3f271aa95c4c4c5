// Benchmark 4 (the page's ingest in Chromium) for several builds of the inspector, side by side in one run: each round
// runs the count-only page, then every build, in an order that turns each round, so that a machine's load falls on
// all of them alike. The figures that count are ratios of the same round (a build's best step over the count-only
// page's). Method: bench/README.md.
//
//   node bench/builds.mjs <label>=<folder with dist/inspector> ... [--rounds 3] [--rates 250,500,1000] [--seconds 2]
//     [--query ?worker=1] [--clients 2]
import { preview } from "vite";
import {
  composerTrigger,
  inspectorCount,
  installProbes,
  launchBrowser,
  openInspectorPage,
  runCounterPage,
  runSteps,
} from "./browser.mjs";
import { startBenchServer } from "./support.mjs";

/** @typedef {{ rate: number; pass: boolean; frameP95: number; longTaskMax: number; delayP99: number }} Step */

const args = process.argv.slice(2);
/** @param {string} name @param {string} fallback */
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at === -1 ? fallback : (args[at + 1] ?? fallback);
};
const builds = args
  .filter((a, i) => a.includes("=") && !args[i - 1]?.startsWith("--"))
  .map((a) => {
    const [label = "", folder = ""] = a.split("=");
    return { label, folder };
  });
if (builds.length === 0) {
  console.error("usage: node bench/builds.mjs <label>=<folder> ... [--rounds n] [--rates a,b,c] [--seconds s]");
  process.exit(2);
}
const rounds = Number(option("rounds", "3"));
const rates = option("rates", "250,500,1000,2000,3000,5000,7500,10000,12500").split(",").map(Number);
const seconds = Number(option("seconds", "2"));
const query = option("query", "");
const clients = Number(option("clients", "1"));

/** @param {string} folder the root of a checkout whose dist/inspector is built */
async function serve(folder) {
  const server = await preview({
    root: folder,
    preview: { port: 0, host: "127.0.0.1" },
    build: { outDir: `${folder}/dist/inspector` },
    logLevel: "silent",
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error(`no address for the preview of ${folder}`);
  return { url, close: () => server.close() };
}

/** @param {{ steps: Step[] }} r */
const summary = (r) =>
  r.steps
    .map(
      (s) =>
        `${s.rate}:${s.pass ? "ok" : "FAIL"}(p95 ${s.frameP95.toFixed(0)} lt ${s.longTaskMax.toFixed(0)} d99 ${s.delayP99.toFixed(0)})`,
    )
    .join(" ");

const server = await startBenchServer();
const served = await Promise.all(builds.map(async (b) => ({ ...b, ...(await serve(b.folder)) })));
const browser = await launchBrowser();
/** @type {Array<{ round: number; build: string; best: number; counter: number; ratio: number; atBest?: Step; counterAtBest?: Step }>} */
const table = [];
try {
  for (let round = 0; round < rounds; round++) {
    const counted = await runCounterPage(browser, server, rates, seconds);
    console.log(`round ${round + 1} count-only page: best ${counted.best}  ${summary(counted)}`);
    const order = served.map((_, i) => /** @type {(typeof served)[number]} */ (served[(i + round) % served.length]));
    for (const b of order) {
      const page = await openInspectorPage(browser, b.url, server.url, clients, query);
      await page.evaluate(`(${installProbes.toString()})(${inspectorCount.toString()})`);
      const r = await runSteps(page, server, rates, seconds, composerTrigger(page, clients > 1), inspectorCount);
      await page.close();
      const ratio = counted.best ? r.best / counted.best : 0;
      const atBest = r.steps.find((s) => s.rate === r.best);
      const counterAtBest = counted.steps.find((s) => s.rate === r.best);
      table.push({
        round: round + 1,
        build: b.label,
        best: r.best,
        counter: counted.best,
        ratio,
        atBest,
        counterAtBest,
      });
      console.log(`round ${round + 1} ${b.label}: best ${r.best} (ratio ${ratio.toFixed(2)})  ${summary(r)}`);
    }
  }
} finally {
  await browser.close();
  for (const s of served) await s.close();
  server.stop();
}
console.log("\nbuild\tround\tbest\tcount-only\tratio\tdelay p99 at best (ms)\tcount-only p99 there");
for (const row of table)
  console.log(
    `${row.build}\t${row.round}\t${row.best}\t${row.counter}\t${row.ratio.toFixed(2)}\t${row.atBest?.delayP99.toFixed(0) ?? "-"}\t${row.counterAtBest?.delayP99.toFixed(0) ?? "-"}`,
  );
