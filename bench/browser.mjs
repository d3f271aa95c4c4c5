// Benchmarks 4 and 5, in Chromium: the real inspector (dist/inspector) against bench/server.mjs.
// 4. Ingest: the server sends at a paced rate that steps up, over /a /b /c on the inspector's one Manager.
//    A step passes when every event is shown, frames stay under 20 ms at p95, no long task is over 50 ms,
//    and the delay from the server's send to the row's frame stays under 100 ms at p99. The same steps
//    run against a page that only counts the events (our standalone client and nothing else).
// 5. Retention: 100,000 and 1,000,000 events kept: heap per event, DOM nodes, time to filter and to jump to the end.
import { chromium } from "@playwright/test";
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import { preview } from "vite";
import { CHROMIUM_ARGS, chromiumExecutable } from "../scripts/chromium.mjs";
import { percentile, root } from "./support.mjs";

/** @typedef {import("@playwright/test").Browser} Browser */
/** @typedef {import("@playwright/test").Page} Page */
/** @typedef {import("./support.mjs").BenchServer} BenchServer */
/** @typedef {() => Promise<BenchServer>} ServerFactory */
/** Counts in the page what has arrived so far (rows or events); run there, so it refers to nothing of this module. */
/** @typedef {() => number} ReadCount */
/** Asks the server to send `rate` events per second for `seconds`. */
/** @typedef {(rate: number, seconds: number) => Promise<unknown>} Trigger */
/**
 * What the probes and the counter page keep on `window`. A cast to it is written out at each use: functions that run
 * in the page are sent there as text, and can refer to nothing of this module.
 * @typedef {{ frames: number[]; longTasks: number[]; samples: Array<[time: number, count: number]>; running: boolean }} Probe
 * @typedef {Window & {
 *   __probe: Probe;
 *   __count?: number;
 *   __main: import("../src/client/index.js").Socket;
 *   io: typeof import("../src/client/index.js").io;
 * }} BenchWindow
 */
/**
 * One paced step: events shown of those sent, frame time p95 (ms), longest task (ms), delays from send to shown
 * frame (ms), and whether it passed.
 * @typedef {{
 *   rate: number; shown: number; total: number; frameP95: number; longTaskMax: number;
 *   delayP99: number; delayP50: number; delayMin: number; pass: boolean;
 * }} Step
 */
/** @typedef {{ best: number; steps: Step[] }} Steps */

export async function launchBrowser() {
  return chromium.launch({
    executablePath: chromiumExecutable(),
    args: [...CHROMIUM_ARGS, "--enable-precise-memory-info"],
  });
}

export async function startInspector() {
  if (!existsSync(`${root}dist/inspector/index.html`)) throw new Error("Build the inspector first: npm run build");
  const server = await preview({
    root,
    preview: { port: 0, host: "127.0.0.1" },
    build: { outDir: "dist/inspector" },
    logLevel: "silent",
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error("vite preview gave no local URL");
  return { url, close: () => server.close() };
}

/**
 * Probes run in the page: frame times, long tasks, and per frame how many rows (or events) are shown.
 * @param {ReadCount} readCount
 */
export function installProbes(readCount) {
  /** @type {Probe} */
  const probe = { frames: [], longTasks: [], samples: [], running: true };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) probe.longTasks.push(e.duration);
  }).observe({ type: "longtask", buffered: false });
  const loop = (/** @type {number} */ t) => {
    probe.frames.push(t);
    probe.samples.push([performance.timeOrigin + performance.now(), readCount()]);
    if (probe.running) requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
  /** @type {BenchWindow} */ (/** @type {unknown} */ (window)).__probe = probe;
}

/** @type {ReadCount} */
export const inspectorCount = () => {
  // "N shown · M kept": the rows the timeline holds and shows.
  const text = document.querySelector(".counts")?.textContent ?? "";
  return Number(/· (\d+) kept/.exec(text)?.[1] ?? 0);
};
/** @type {ReadCount} */
export const counterCount = () => /** @type {BenchWindow} */ (/** @type {unknown} */ (window)).__count ?? 0;

/** @param {Page} page */
async function resetProbes(page) {
  await page.evaluate(() => {
    const p = /** @type {BenchWindow} */ (/** @type {unknown} */ (window)).__probe;
    p.frames.length = 0;
    p.longTasks.length = 0;
    p.samples.length = 0;
  });
}

/**
 * Runs one paced step and judges it. `trigger` asks the server (through the page) to start.
 * @param {Page} page
 * @param {BenchServer} server
 * @param {number} rate
 * @param {number} seconds
 * @param {Trigger} trigger
 * @param {ReadCount} readCount
 * @returns {Promise<Step>}
 */
async function step(page, server, rate, seconds, trigger, readCount) {
  await resetProbes(page);
  const base = await page.evaluate(readCount);
  const sendTimesPromise = server.next();
  await trigger(rate, seconds);
  const { sendTimes } = /** @type {{ sendTimes: number[] }} */ (await sendTimesPromise);
  // Let the page catch up (up to 2 s) before judging.
  const total = sendTimes.length;
  const deadline = Date.now() + 2000;
  let shown = 0;
  while (Date.now() < deadline) {
    shown =
      (await page.evaluate(
        () => /** @type {BenchWindow} */ (/** @type {unknown} */ (window)).__probe.samples.at(-1)?.[1] ?? 0,
      )) - base;
    if (shown >= total) break;
    await page.waitForTimeout(50);
  }
  const probe = await page.evaluate(() => {
    const { frames, longTasks, samples } = /** @type {BenchWindow} */ (/** @type {unknown} */ (window)).__probe;
    return { frames, longTasks, samples };
  });
  const intervals = probe.frames.slice(1).map((t, i) => t - /** @type {number} */ (probe.frames[i]));
  // Each event's delay: the first frame whose count covers it, minus when the server sent it.
  const delays = [];
  let k = 0;
  for (const [t, count] of probe.samples) {
    const covered = Math.min(total, count - base);
    for (; k < covered; k++) delays.push(t - /** @type {number} */ (sendTimes[k]));
  }
  const judged = {
    rate,
    shown: Math.min(shown, total),
    total,
    frameP95: percentile(intervals, 95) ?? 0,
    longTaskMax: Math.max(0, ...probe.longTasks),
    delayP99: delays.length ? percentile(delays, 99) : Infinity,
    delayP50: delays.length ? percentile(delays, 50) : Infinity,
    delayMin: delays.length ? Math.min(...delays.slice(0, 1000)) : Infinity,
  };
  const pass = judged.shown >= total && judged.frameP95 < 20 && judged.longTaskMax <= 50 && judged.delayP99 < 100;
  return { ...judged, pass };
}

/**
 * The steps at each rate, up to the first that fails; `best`: the highest rate that passed.
 * @param {Page} page
 * @param {BenchServer} server
 * @param {number[]} rates
 * @param {number} seconds
 * @param {Trigger} trigger
 * @param {ReadCount} readCount
 * @returns {Promise<Steps>}
 */
export async function runSteps(page, server, rates, seconds, trigger, readCount) {
  // A warm-up step, not judged: the first seconds of a page include compiling and the first collections.
  await step(page, server, Math.min(2000, rates[0] ?? 2000), 1, trigger, readCount);
  const steps = [];
  for (const rate of rates) {
    const r = await step(page, server, rate, seconds, trigger, readCount);
    steps.push(r);
    if (!r.pass) break;
  }
  const best = steps.filter((s) => s.pass).at(-1)?.rate ?? 0;
  return { best, steps };
}

/**
 * Opens the inspector on the bench server with "/", "/a", "/b", "/c" and connects (`clients` clients alike).
 * @param {Browser} browser
 * @param {string} inspectorUrl
 * @param {string} serverUrl
 * @param {string} [query] the page's query string, from its "?"
 */
export async function openInspectorPage(browser, inspectorUrl, serverUrl, clients = 1, query = "") {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`${inspectorUrl}${query}`);
  await page.getByLabel("Server URL").fill(serverUrl);
  for (const nsp of ["/a", "/b", "/c"]) {
    await page.getByLabel("Namespace", { exact: true }).fill(nsp);
    await page.getByRole("button", { name: "Add namespace" }).click();
  }
  await page.getByRole("checkbox", { name: "polling" }).uncheck();
  // Each added client starts as a copy of the one on screen.
  for (let i = 1; i < clients; i++) await page.getByRole("button", { name: "Add client" }).click();
  await page.getByRole("button", { name: clients > 1 ? "Connect all" : "Connect", exact: true }).click();
  for (let i = clients; i >= 1; i--) {
    if (clients > 1) await page.getByRole("tab", { name: new RegExp(`^client ${i} `) }).click();
    await page
      .getByRole("listitem", { name: "Namespace /c" })
      .getByText("connected", { exact: true })
      .waitFor({ timeout: 5000 })
      .catch(async (e) => {
        await page.screenshot({ path: "/tmp/bench-fail.png" });
        throw e;
      });
  }
  return page;
}

/**
 * Asks the server through the inspector's own composer: emit "pace" on "/" (for every client with `all`).
 * @param {Page} page
 * @returns {Trigger}
 */
export function composerTrigger(page, all = false) {
  return async (rate, seconds) => {
    await page.getByLabel("Event name").fill("pace");
    await page.getByLabel("Argument 1 type").selectOption("json");
    // The JSON editor is a chunk of its own: on a loaded machine it can mount after the first fill and keep the text
    // it had, with the fill after it. Filled until it reads what was typed.
    const arg = page.getByLabel("Argument 1", { exact: true });
    const text = JSON.stringify({ rate, seconds, all });
    for (let attempt = 0; attempt < 50; attempt++) {
      await arg.fill(text);
      const now = await arg.evaluate((el) => ("value" in el ? el.value : el.textContent));
      if (now === text) break;
      await page.waitForTimeout(100);
    }
    await page.getByLabel("Ack timeout (ms)").fill(String(seconds * 1000 + 10_000));
    await page.getByRole("button", { name: "Emit", exact: true }).click();
  };
}

/**
 * The baseline page: our standalone client, counting events, nothing else. It is served for real on loopback
 * (Chromium's local-network checks block loopback servers for pages it did not load from a loopback address).
 */
export async function startCounterSite() {
  const script = readFileSync(`${root}dist/client/socket.io.js`, "utf8");
  const html = '<!doctype html><meta charset="utf-8"><script src="socket.io.js"></script><p>counting</p>';
  const server = createServer((req, res) => {
    if (req.url === "/socket.io.js") res.writeHead(200, { "content-type": "text/javascript" }).end(script);
    else res.writeHead(200, { "content-type": "text/html" }).end(html);
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", () => r(undefined)));
  const { port } = /** @type {import("node:net").AddressInfo} */ (server.address());
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(r)) };
}

/**
 * @param {Browser} browser
 * @param {string} siteUrl
 * @param {string} serverUrl
 */
export async function openCounterPage(browser, siteUrl, serverUrl) {
  const page = await browser.newPage();
  await page.goto(siteUrl);
  await page.evaluate(async (url) => {
    const here = /** @type {BenchWindow} */ (/** @type {unknown} */ (window));
    here.__count = 0;
    const main = here.io(url, { transports: ["websocket"] });
    const sockets = [main, ...["/a", "/b", "/c"].map((n) => main.io.socket(n))];
    for (const s of sockets.slice(1)) s.on("tick", () => (here.__count = (here.__count ?? 0) + 1));
    await Promise.all(sockets.map((s) => new Promise((r) => (s.connected ? r(s) : s.once("connect", () => r(s))))));
    here.__main = main;
  }, serverUrl);
  return page;
}

/**
 * Benchmark 4's steps on the count-only page (our standalone client counting events, nothing else): the reference
 * every inspector build is measured against.
 * @param {Browser} browser
 * @param {BenchServer} server
 * @param {number[]} rates
 * @param {number} seconds
 */
export async function runCounterPage(browser, server, rates, seconds) {
  const site = await startCounterSite();
  const counter = await openCounterPage(browser, site.url, server.url);
  await counter.evaluate(`(${installProbes.toString()})(${counterCount.toString()})`);
  const result = await runSteps(
    counter,
    server,
    rates,
    seconds,
    (rate, secs) =>
      counter.evaluate(
        ({ rate, secs }) =>
          new Promise((r) =>
            /** @type {BenchWindow} */ (/** @type {unknown} */ (window)).__main.emit(
              "pace",
              { rate, seconds: secs },
              r,
            ),
          ),
        { rate, secs },
      ),
    counterCount,
  );
  await counter.close();
  await site.close();
  return result;
}

/**
 * Benchmark 4: the paced steps on the counter page, then the inspector, with two clients sharing the rate, and with its
 * clients in the worker.
 * @param {{
 *   serverFactory: ServerFactory; rates?: number[]; seconds?: number; twoClients?: boolean;
 *   inWorker?: boolean;
 * }} options `inWorker`: also run the page with its clients in the clients' worker (`?worker=1`).
 * @returns {Promise<{ inspector: Steps; inWorker?: Steps; twoClients?: Steps; counter: Steps; ratio: number }>}
 */
export async function benchInspectorIngest({
  serverFactory,
  // From 250/s: a slow machine (software rendering, shared cores) fails 2,000/s, and a benchmark that says 0 says
  // nothing. Steps stop at the first failure, so the low ones cost a fast machine a few seconds.
  rates = [250, 500, 1000, 2000, 5000, 7500, 10000, 12500, 15000, 17500, 20000, 25000, 30000],
  seconds = 2,
  twoClients = true,
  inWorker = true,
}) {
  const server = await serverFactory();
  const inspector = await startInspector();
  const browser = await launchBrowser();
  try {
    const counterResult = await runCounterPage(browser, server, rates, seconds);

    const page = await openInspectorPage(browser, inspector.url, server.url);
    await page.evaluate(`(${installProbes.toString()})(${inspectorCount.toString()})`);
    const inspectorResult = await runSteps(page, server, rates, seconds, composerTrigger(page), inspectorCount);
    await page.close();
    // The same total rate, shared by two clients (two Managers, one feed, one timeline).
    let twoClientResult;
    if (twoClients) {
      const two = await openInspectorPage(browser, inspector.url, server.url, 2);
      await two.evaluate(`(${installProbes.toString()})(${inspectorCount.toString()})`);
      twoClientResult = await runSteps(two, server, rates, seconds, composerTrigger(two, true), inspectorCount);
      await two.close();
    }
    // The same page with its clients in the clients' worker (`?worker=1`): what taking decoding off the page's thread
    // changes.
    let inWorkerResult;
    if (inWorker) {
      const here = await openInspectorPage(browser, inspector.url, server.url, 1, "?worker=1");
      await here.evaluate(`(${installProbes.toString()})(${inspectorCount.toString()})`);
      inWorkerResult = await runSteps(here, server, rates, seconds, composerTrigger(here), inspectorCount);
      await here.close();
    }
    return {
      inspector: inspectorResult,
      inWorker: inWorkerResult,
      twoClients: twoClientResult,
      counter: counterResult,
      ratio: counterResult.best ? inspectorResult.best / counterResult.best : 0,
    };
  } finally {
    await browser.close();
    await inspector.close();
    server.stop();
  }
}

/**
 * Benchmark 5: `size` events kept, for each size: heap bytes per event, DOM nodes, time to filter and to jump to the end.
 * `budgetMb`: Max MB for the run (raised so that every event is kept); `null` leaves the default, and then the
 * figure is how many rows the default budget keeps of `size` (the wait ends when the count stops moving).
 * @param {{ serverFactory: ServerFactory; sizes?: number[]; budgetMb?: number | null }} options
 */
export async function benchRetention({ serverFactory, sizes = [100_000, 1_000_000], budgetMb = 4096 }) {
  const server = await serverFactory();
  const inspector = await startInspector();
  const browser = await launchBrowser();
  const out = [];
  try {
    for (const size of sizes) {
      const page = await openInspectorPage(browser, inspector.url, server.url);
      // Room for the rows of the connection itself, so that all `size` events are kept, in rows and in bytes (at
      // the default 256 MB a million rows never fit: the oldest go, and a wait for every row kept never ends).
      await page.getByLabel("Max rows").fill(String(size + 1000));
      await page.getByLabel("Max rows").dispatchEvent("change");
      if (budgetMb !== null) {
        await page.getByLabel("Max MB").fill(String(budgetMb));
        await page.getByLabel("Max MB").dispatchEvent("change");
      }
      const cdp = await page.context().newCDPSession(page);
      const heap = async () => {
        await cdp.send("HeapProfiler.collectGarbage");
        return (await cdp.send("Runtime.getHeapUsage")).usedSize;
      };
      const before = await heap();
      const kept = () => page.evaluate(inspectorCount);
      const start = await kept();
      // In chunks, so that neither side buffers a million frames at once.
      const chunk = 50_000;
      for (let sent = 0; sent < size; sent += chunk) {
        await page.getByLabel("Event name").fill("blast");
        await page.getByLabel("Argument 1 type").selectOption("number");
        await page.getByLabel("Argument 1", { exact: true }).fill(String(Math.min(chunk, size - sent)));
        await page.getByLabel("Expect ack").uncheck();
        await page.getByRole("button", { name: "Emit", exact: true }).click();
        const target = start + Math.min(size, sent + chunk);
        if (budgetMb === null) {
          // The oldest go as the budget fills: the chunk is in once the count has stopped moving for a second.
          let last = -1;
          for (let now = await kept(); now !== last; now = await kept()) {
            last = now;
            await page.waitForTimeout(1000);
          }
          continue;
        }
        // A function, not a string: the inspector's CSP forbids eval, string predicates included.
        await page.waitForFunction(
          (t) => Number(/· (\d+) kept/.exec(document.querySelector(".counts")?.textContent ?? "")?.[1] ?? 0) >= t,
          target,
          { timeout: 120_000, polling: 200 },
        );
      }
      const after = await heap();
      const rows = await kept();
      const domNodes = await page.evaluate(() => document.getElementsByTagName("*").length);
      // Time to apply a text filter over every kept row, to the next painted frame.
      const filterMs = await page.evaluate(async () => {
        const input = /** @type {HTMLInputElement} */ (document.querySelector('input[aria-label="Filter"]'));
        const t0 = performance.now();
        input.value = "tick 12345";
        input.dispatchEvent(new Event("input"));
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
        return performance.now() - t0;
      });
      await page.getByLabel("Filter", { exact: true }).fill("");
      const viewport = page.getByRole("grid", { name: "Timeline rows" });
      // As a user scrolls: a wheel turn, then the view moves (a scroll alone could be the page's own).
      await viewport.evaluate((el) => {
        el.dispatchEvent(new WheelEvent("wheel", { deltaY: -1 }));
        el.scrollTo({ top: 0 });
      });
      await page.getByRole("button", { name: /newer rows? ↓/ }).waitFor();
      const jumpMs = await page.evaluate(async () => {
        const button = [...document.querySelectorAll("button")].find((b) => /newer rows? ↓/.test(b.textContent ?? ""));
        if (!button) throw new Error('no "newer rows" button');
        const t0 = performance.now();
        button.click();
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
        return performance.now() - t0;
      });
      out.push({
        size,
        budgetMb: budgetMb ?? "default (256)",
        rows,
        bytesPerEvent: (after - before) / Math.max(1, rows),
        domNodes,
        filterMs,
        jumpMs,
      });
      await page.close();
    }
    return out;
  } finally {
    await browser.close();
    await inspector.close();
    server.stop();
  }
}
