// Benchmark 7: the timeline at its row bound (Max rows) under a steady stream, side by side with the same timeline
// below the bound, in one run (issue 34). Method and figures: bench/README.md.
//
//   node bench/cap.mjs [<label>=<folder with dist/inspector> ...] [--rows 100000] [--rate 800] [--seconds 10]
//     [--rounds 3]
//
// For each build (this checkout's by default), two pages hold the same `rows` rows: "at the cap" has Max rows =
// `rows` (each row that comes lets the oldest go), "below" has room for every row of the run. Each round, every page
// takes `rate` events a second for `seconds` while its view follows the newest row, in an order that turns each round
// (a machine's load falls on all alike). Per phase: long tasks (PerformanceObserver: their count and the longest), frame
// interval p95, whether every event was shown, and, from a MutationObserver on the grid, how many rows already on
// screen were changed (moved or renumbered) and how many were made, per frame: the DOM work of each frame, which does
// not depend on how loaded the machine is, as the times do. Then, once per build, the page at the cap rests its view
// on its oldest rows (Home in the grid) for another phase: its top row must be the same row after it, while rows wait.
import { preview } from "vite";
import { inspectorCount, installProbes, launchBrowser, openInspectorPage } from "./browser.mjs";
import { median, percentile, root, startBenchServer } from "./support.mjs";

/** @typedef {import("@playwright/test").Page} Page */
/** @typedef {import("./browser.mjs").BenchWindow} BenchWindow */
/** @typedef {import("./support.mjs").BenchServer} BenchServer */
/**
 * @typedef {{
 *   longTasks: number; longest: number; frameP95: number; shown: number; sent: number;
 *   changedPerFrame: number; madePerFrame: number;
 * }} Phase
 * @typedef {{ changed: number; made: number }} Mutations what the observer counted: rows changed, rows made
 */

const args = process.argv.slice(2);
/** @param {string} name @param {string} fallback */
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at === -1 ? fallback : (args[at + 1] ?? fallback);
};
const named = args
  .filter((a, i) => a.includes("=") && !args[i - 1]?.startsWith("--"))
  .map((a) => {
    const [label = "", folder = ""] = a.split("=");
    return { label, folder };
  });
const builds = named.length ? named : [{ label: "this", folder: root }];
const rows = Number(option("rows", "100000"));
const rate = Number(option("rate", "800"));
const seconds = Number(option("seconds", "10"));
const rounds = Number(option("rounds", "3"));

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

/** The newest row's record number, which the grid carries whether or not that row is drawn. @param {Page} page */
const newestSeq = (page) => page.locator("#timeline-grid").getAttribute("data-newest-seq").then(Number);

/**
 * Fills a page with `count` events from the server as fast as it sends them, and waits until the page has them all
 * (its newest row stops changing).
 * @param {Page} page
 * @param {number} count
 */
async function fill(page, count) {
  await page.getByLabel("Event name").fill("blast");
  await page.getByLabel("Argument 1 type").selectOption("number");
  await page.getByLabel("Expect ack").uncheck();
  for (let sent = 0; sent < count; sent += 50_000) {
    await page.getByLabel("Argument 1", { exact: true }).fill(String(Math.min(50_000, count - sent)));
    await page.getByRole("button", { name: "Emit", exact: true }).click();
    let last = -1;
    for (;;) {
      await page.waitForTimeout(1000);
      const now = await newestSeq(page);
      if (now === last) break;
      last = now;
    }
  }
}

/**
 * Opens a page holding `count` rows with Max rows at `maxRows`, and readies its composer for the paced phases.
 * @param {import("@playwright/test").Browser} browser
 * @param {string} url
 * @param {BenchServer} server
 * @param {number} maxRows
 * @param {number} count
 */
async function preparePage(browser, url, server, maxRows, count) {
  const page = await openInspectorPage(browser, url, server.url);
  await page.getByLabel("Max rows").fill(String(maxRows));
  await page.getByLabel("Max rows").dispatchEvent("change");
  await fill(page, count);
  await page.evaluate(`(${installProbes.toString()})(${inspectorCount.toString()})`);
  await page.evaluate(countRowMutations);
  await page.getByLabel("Event name").fill("pace");
  await page.getByLabel("Argument 1 type").selectOption("json");
  const arg = page.getByLabel("Argument 1", { exact: true });
  const text = JSON.stringify({ rate, seconds });
  // The JSON editor is a chunk of its own, which may mount after the first fill: filled until it reads the text.
  for (let attempt = 0; attempt < 50; attempt++) {
    await arg.fill(text);
    if ((await arg.evaluate((el) => ("value" in el ? el.value : el.textContent))) === text) break;
    await page.waitForTimeout(100);
  }
  await page.getByLabel("Expect ack").check();
  await page.getByLabel("Ack timeout (ms)").fill(String(seconds * 1000 + 10_000));
  return page;
}

/** Run in the page: counts the rows of the grid changed in place (their place or number) and the rows made. */
function countRowMutations() {
  const here = /** @type {Window & { __mutations?: Mutations }} */ (/** @type {unknown} */ (window));
  const counts = { changed: 0, made: 0 };
  here.__mutations = counts;
  const grid = document.getElementById("timeline-grid");
  if (!grid) throw new Error("no timeline grid");
  new MutationObserver((records) => {
    const changed = new Set();
    for (const r of records) {
      if (r.type === "attributes" && r.target instanceof Element && r.target.getAttribute("role") === "row")
        changed.add(r.target);
      else if (r.type === "childList")
        for (const node of r.addedNodes)
          if (node instanceof Element && node.getAttribute("role") === "row") counts.made++;
    }
    counts.changed += changed.size;
  }).observe(grid, { subtree: true, childList: true, attributes: true, attributeFilter: ["style", "aria-rowindex"] });
}

/**
 * One paced phase: a collection first (each phase starts with the same heap), then the probes are reset and the
 * server sends `rate` events a second for `seconds`. Nothing in the page is touched until the server is done but the
 * one click that asks for it.
 * @param {Page} page
 * @param {BenchServer} server
 * @returns {Promise<Phase>}
 */
async function phase(page, server) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("HeapProfiler.collectGarbage");
  await cdp.detach();
  const before = await newestSeq(page);
  await page.evaluate(() => {
    const p = /** @type {BenchWindow} */ (/** @type {unknown} */ (window)).__probe;
    p.frames.length = 0;
    p.longTasks.length = 0;
    p.samples.length = 0;
    const m = /** @type {Window & { __mutations: Mutations }} */ (/** @type {unknown} */ (window)).__mutations;
    m.changed = 0;
    m.made = 0;
  });
  const done = server.next();
  await page.getByRole("button", { name: "Emit", exact: true }).click();
  const { sendTimes } = /** @type {{ sendTimes: number[] }} */ (await done);
  // The page catches up (up to 3 s) before its figures are read: the emit's own row and its ack come too.
  const target = before + sendTimes.length;
  const deadline = Date.now() + 3000;
  while ((await newestSeq(page)) < target && Date.now() < deadline) await page.waitForTimeout(50);
  const shown = Math.min(sendTimes.length, (await newestSeq(page)) - before);
  const probe = await page.evaluate(() => {
    const { frames, longTasks } = /** @type {BenchWindow} */ (/** @type {unknown} */ (window)).__probe;
    const m = /** @type {Window & { __mutations: Mutations }} */ (/** @type {unknown} */ (window)).__mutations;
    return { frames, longTasks, mutations: { ...m } };
  });
  const intervals = probe.frames.slice(1).map((t, i) => t - /** @type {number} */ (probe.frames[i]));
  return {
    longTasks: probe.longTasks.filter((d) => d > 50).length,
    longest: Math.max(0, ...probe.longTasks),
    frameP95: percentile(intervals, 95) ?? 0,
    shown,
    sent: sendTimes.length,
    changedPerFrame: probe.mutations.changed / Math.max(1, probe.frames.length),
    madePerFrame: probe.mutations.made / Math.max(1, probe.frames.length),
  };
}

/**
 * The page at the cap with its view on its oldest rows (Home in the grid): a phase of the stream, then whether the
 * top row is still the same row, and how many rows wait for the view.
 * @param {Page} page
 * @param {BenchServer} server
 */
async function restingPhase(page, server) {
  const grid = page.locator("#timeline-grid");
  await grid.focus();
  await page.keyboard.press("Home");
  const topRow = () =>
    grid.evaluate((el) => {
      const box = el.getBoundingClientRect();
      return document.elementFromPoint(box.x + box.width / 2, box.y + 4)?.closest('[role="row"]')?.id ?? "";
    });
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  const topBefore = await topRow();
  const figures = await phase(page, server);
  const topAfter = await topRow();
  const waiting = Number(/· (\d+) waiting/.exec((await page.locator(".counts").textContent()) ?? "")?.[1] ?? 0);
  await page.keyboard.press("End"); // following again: what waited comes in
  return { ...figures, topBefore, topAfter, waiting };
}

const server = await startBenchServer();
const served = await Promise.all(builds.map(async (b) => ({ ...b, ...(await serve(b.folder)) })));
const browser = await launchBrowser();
/** @type {Array<{ build: string; where: string; round: number } & Phase>} */
const table = [];
/** @type {Array<{ build: string } & Awaited<ReturnType<typeof restingPhase>>>} */
const resting = [];
try {
  /** @type {Array<{ build: string; where: string; page: Page }>} */
  const pages = [];
  for (const b of served) {
    pages.push({
      build: b.label,
      where: "at the cap",
      page: await preparePage(browser, b.url, server, rows, rows + 2000),
    });
    // Room for the rows and for every phase's.
    const room = rows + (rounds + 2) * rate * seconds + 10_000;
    pages.push({ build: b.label, where: "below", page: await preparePage(browser, b.url, server, room, rows) });
  }
  for (let round = 0; round < rounds; round++) {
    const order = pages.map((_, i) => /** @type {(typeof pages)[number]} */ (pages[(i + round) % pages.length]));
    for (const p of order) {
      const r = await phase(p.page, server);
      table.push({ build: p.build, where: p.where, round: round + 1, ...r });
      console.log(
        `round ${round + 1} ${p.build} ${p.where}: ${r.longTasks} long tasks, longest ${r.longest.toFixed(0)} ms, frame p95 ${r.frameP95.toFixed(1)} ms, rows changed/made per frame ${r.changedPerFrame.toFixed(1)}/${r.madePerFrame.toFixed(1)}, shown ${r.shown}/${r.sent}`,
      );
    }
  }
  for (const p of pages.filter((p) => p.where === "at the cap")) {
    const r = await restingPhase(p.page, server);
    resting.push({ build: p.build, ...r });
    console.log(
      `${p.build} at the cap, resting on the oldest rows: top row ${r.topBefore} -> ${r.topAfter}, ${r.waiting} waiting, ${r.longTasks} long tasks, longest ${r.longest.toFixed(0)} ms`,
    );
  }
} finally {
  await browser.close();
  for (const s of served) await s.close();
  server.stop();
}

console.log(`\n${rows} rows, ${rate} events/s for ${seconds} s, ${rounds} rounds (medians)`);
console.log("build\twhere\tlong tasks\tlongest (ms)\tframe p95 (ms)\trows changed per frame\trows made per frame");
for (const b of builds)
  for (const where of ["at the cap", "below"]) {
    const mine = table.filter((r) => r.build === b.label && r.where === where);
    console.log(
      `${b.label}\t${where}\t${median(mine.map((r) => r.longTasks))}\t${median(mine.map((r) => r.longest)).toFixed(0)}\t${median(mine.map((r) => r.frameP95)).toFixed(1)}\t${median(mine.map((r) => r.changedPerFrame)).toFixed(1)}\t${median(mine.map((r) => r.madePerFrame)).toFixed(1)}`,
    );
  }
for (const b of builds) {
  // Per round, the page at the cap over the page below it: what the bound itself costs, whatever the machine's load.
  const ratios = [];
  for (let round = 1; round <= rounds; round++) {
    const at = table.find((r) => r.build === b.label && r.where === "at the cap" && r.round === round);
    const below = table.find((r) => r.build === b.label && r.where === "below" && r.round === round);
    if (at && below) ratios.push(at.frameP95 / below.frameP95);
  }
  console.log(`${b.label}: frame p95 at the cap / below, median of the rounds: ${median(ratios).toFixed(2)}`);
}
