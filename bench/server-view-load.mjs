// The Server view under hostile loads (issue 31), in Chromium, from a real server: bench/server-view-target.mjs (a
// socket.io 4 server with @socket.io/admin-ui, development mode) and bench/server-view-clients.mjs (real websocket
// clients that join rooms through it), each its own process. The three loads:
//   rooms-500:  3,000 sockets, each in the same 500 rooms (the admin UI's all_sockets is about 13 MB);
//   rooms-50:   5,000 sockets, each in the same 50 rooms (what froze the page 5.2 s: every member named by a scan);
//   joins:      the rooms-50 server, then 9,900 room joins paced over 5 s (99 of its sockets join 100 new rooms
//               each): a busy big server, where the view rebuilt everything every 100 ms.
// Per load and per build of the page (`--build label=path/to/dist/inspector`, repeatable; the default is this tree's
// dist/inspector), a fresh page: the long tasks the page's thread ran (PerformanceObserver "longtask", every task over
// 50 ms) from the click on "Connect server view" (for joins: from the first join) until the view shows the load and
// 2 s more, the DOM nodes after a forced GC (DevTools' count: Memory.getDOMCounters) and the JS heap. The same
// window is traced (Chromium's "toplevel" tasks of the page's main thread): the longest task by the wall clock and
// the time its thread actually ran, since on a loaded machine a task waits for a core as long as it works.
// A benchmark, not a test: the figures go to bench/README.md and are never asserted.
//   node bench/server-view-load.mjs [--build label=dir]... [--load name]... [--json out.json]
import { fork } from "node:child_process";
import { createReadStream, existsSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, resolve } from "node:path";
import { launchBrowser } from "./browser.mjs";
import { root, sleep } from "./support.mjs";

/** @typedef {import("./browser.mjs").Browser} Browser */
/** @typedef {import("./server-view-clients.mjs").ChurnJob} ChurnJob */
/** @typedef {import("./server-view-clients.mjs").Job} Job */
/** @typedef {{ sockets: number; rooms: "same" | "one-of"; roomCount: number; churn?: ChurnJob }} Load */
/** @typedef {keyof typeof LOADS} LoadName */
/** @typedef {{ label: string; dir: string }} Build */
/**
 * What the target and the clients answer, by the key that names the answer.
 * @typedef {{
 *   port: { port: number };
 *   connected: { connected: number; tenants: number[] };
 *   churned: { churned: number; ms: number };
 *   counts: { counts: Counts };
 *   churnEnd: {
 *     churnEnd: number; sockets: number; ms: number;
 *     ops: { joins: number; leaves: number; connects: number; disconnects: number };
 *   };
 * }} Answers
 */
/**
 * A server's own count of its sockets: per namespace, of / by tenant, and its newest socket on /.
 * @typedef {{ "/": number; "/admin": number; total: number; tenants: Record<string, number>; last: string }} Counts
 */
/** @typedef {Window & { __longTasks: number[]; __resetLongTasks(): void }} LongTaskWindow */
/**
 * Chromium's trace events, as far as they are read here: thread names (ph "M") and complete tasks (ph "X", with
 * their wall time `dur` and, when recorded, their thread time `tdur`, in µs).
 * @typedef {{
 *   ph: string; name: string; pid: number; tid: number; dur?: number; tdur?: number; args?: { name?: string };
 * }} TraceEvent
 * @typedef {TraceEvent & { dur: number }} TraceTask
 */

/** @type {Record<"rooms-500" | "rooms-50" | "joins", Load>} */
export const LOADS = {
  "rooms-500": { sockets: 3000, rooms: "same", roomCount: 500 },
  "rooms-50": { sockets: 5000, rooms: "same", roomCount: 50 },
  joins: { sockets: 5000, rooms: "same", roomCount: 50, churn: { sockets: 99, joinsEach: 100, seconds: 5 } },
};
/** How long the page is watched after it shows the load: the panel's later updates are part of the load's cost. */
const SETTLE_MS = 2000;
const WAIT_MS = 240_000;

/** @type {Record<string, string>} */
const TYPES = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".css": "text/css",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

/**
 * A built page (the inspector, or the Admin UI's own) served as static files on loopback.
 * @param {string} dir
 */
export async function serveBuild(dir) {
  if (!existsSync(join(dir, "index.html"))) throw new Error(`${dir} holds no built page: npm run build`);
  const server = createServer((req, res) => {
    const path = resolve(dir, `.${decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname)}`);
    const file =
      path.startsWith(resolve(dir)) && existsSync(path) && statSync(path).isFile() ? path : join(dir, "index.html");
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    createReadStream(file).pipe(res);
  });
  await /** @type {Promise<void>} */ (new Promise((r) => server.listen(0, "127.0.0.1", r)));
  const { port } = /** @type {import("node:net").AddressInfo} */ (server.address());
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(r)) };
}

/**
 * A child process of this folder, with a way to await its next message of a kind.
 * @param {string} script
 */
export function child(script) {
  return answering(fork(`${root}bench/${script}`, [], { stdio: ["ignore", "inherit", "inherit", "ipc"] }), script);
}

/**
 * A child process with an IPC channel, with a way to await its next message of a kind.
 * @param {import("node:child_process").ChildProcess} proc
 * @param {string} label what an error from it is said to come from
 */
export function answering(proc, label) {
  /** @type {Array<{ key: keyof Answers; resolve: (m: object) => void }>} */
  const waiting = [];
  proc.on("message", (message) => {
    const m = /** @type {{ error?: string }} */ (message);
    if (m.error) throw new Error(`${label}: ${m.error}`);
    const i = waiting.findIndex((w) => w.key in m);
    if (i >= 0) waiting.splice(i, 1)[0]?.resolve(m);
  });
  /**
   * The next answer named `key`: the children send each answer with the fields that `Answers` gives it.
   * @template {keyof Answers} K
   * @param {K} key
   * @returns {Promise<Answers[K]>}
   */
  const next = (key) =>
    new Promise((resolve) => waiting.push({ key, resolve: (m) => resolve(/** @type {Answers[K]} */ (m)) }));
  return {
    proc,
    next,
    stop: () => proc.connected && proc.disconnect(),
  };
}

/**
 * The target and its clients, the load in place (joins: before the churn).
 * @param {Load} load
 */
async function startLoad(load) {
  const target = child("server-view-target.mjs");
  const { port } = await target.next("port");
  const url = `http://127.0.0.1:${port}`;
  const clients = child("server-view-clients.mjs");
  const connected = clients.next("connected");
  clients.proc.send(
    /** @satisfies {Job} */ ({ connect: { url, count: load.sockets, rooms: load.rooms, roomCount: load.roomCount } }),
  );
  await connected;
  return { url, target, clients, stop: () => (clients.stop(), target.stop()) };
}

/** In the page, before its scripts: every long task's duration, kept from the moment `__resetLongTasks` is called. */
function watchLongTasks() {
  const here = /** @type {LongTaskWindow} */ (/** @type {unknown} */ (window));
  here.__longTasks = [];
  here.__resetLongTasks = () => (here.__longTasks = []);
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) here.__longTasks.push(e.duration);
  }).observe({ type: "longtask", buffered: false });
}

/** Chromium's top-level tasks, with their wall time (dur) and the time their thread ran (tdur). */
const TRACE_CATEGORIES = ["toplevel", "__metadata"];

/**
 * The page's main thread in a trace: its longest task by the wall clock and by the time the thread ran. On a shared
 * machine the two differ: a task whose thread waits for a core lasts longer than the work it does.
 * @param {{ traceEvents: TraceEvent[] } | TraceEvent[]} trace
 */
function mainThreadTasks(trace) {
  const events = Array.isArray(trace) ? trace : trace.traceEvents;
  const threads = events.filter((e) => e.ph === "M" && e.name === "thread_name" && e.args?.name === "CrRendererMain");
  let best = { traceLongestMs: 0, traceLongestThreadMs: 0, traceMostThreadMs: 0 };
  for (const t of threads) {
    const tasks = events.filter(
      /** @returns {e is TraceTask} */
      (e) => e.pid === t.pid && e.tid === t.tid && e.ph === "X" && e.name === "ThreadControllerImpl::RunTask",
    );
    if (!tasks.length) continue;
    const longest = tasks.reduce((a, b) => (b.dur > a.dur ? b : a));
    const most = Math.max(...tasks.map((e) => e.tdur ?? 0));
    if (longest.dur / 1000 > best.traceLongestMs)
      best = {
        traceLongestMs: longest.dur / 1000,
        traceLongestThreadMs: (longest.tdur ?? 0) / 1000,
        traceMostThreadMs: most / 1000,
      };
  }
  return best;
}

// The page's CSP allows no eval: what is read in the page is written out in each function passed to it.
/** Whether the Server panel's "N of M" line (the same in every build measured) counts at least `want` sockets kept. */
const keeps = (/** @type {number} */ want) => {
  const line = [...document.querySelectorAll(".server-view p")].find((p) => /^\s*\d+ of \d+/.test(p.textContent));
  return Number(/of (\d+)/.exec(line?.textContent ?? "")?.[1] ?? 0) >= want;
};
/** The timeline's "N shown · M kept": M. */
const timelineKept = () => Number(/· (\d+) kept/.exec(document.querySelector(".counts")?.textContent ?? "")?.[1] ?? 0);
/** Whether the timeline keeps at least `want` rows. */
const timelineKeeps = (/** @type {number} */ want) =>
  Number(/· (\d+) kept/.exec(document.querySelector(".counts")?.textContent ?? "")?.[1] ?? 0) >= want;

/**
 * @param {Browser} browser
 * @param {string} inspectorUrl
 * @param {LoadName} loadName
 * @param {Awaited<ReturnType<typeof startLoad>>} server
 */
async function measure(browser, inspectorUrl, loadName, server) {
  const load = LOADS[loadName];
  const page = await browser.newPage();
  await page.addInitScript(watchLongTasks);
  await page.goto(inspectorUrl);
  await page.getByLabel("Server URL").fill(server.url);
  const panel = page.getByRole("region", { name: "Server" });
  await panel.getByLabel("Admin namespace").fill("/admin");
  if (!load.churn) await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  const t0 = await page.evaluate(() => {
    /** @type {LongTaskWindow} */ (/** @type {unknown} */ (window)).__resetLongTasks();
    const t = performance.now();
    const button = [...document.querySelectorAll("button")].find((b) => b.textContent.trim() === "Connect server view");
    if (!button) throw new Error('no "Connect server view" button');
    button.click();
    return t;
  });
  await page.waitForFunction(keeps, load.sockets, { polling: "raf", timeout: WAIT_MS });
  let shownMs = (await page.evaluate(() => performance.now())) - t0;
  if (load.churn) {
    await sleep(SETTLE_MS);
    const before = await page.evaluate(timelineKept);
    await browser.startTracing(page, { categories: TRACE_CATEGORIES });
    await page.evaluate(() => /** @type {LongTaskWindow} */ (/** @type {unknown} */ (window)).__resetLongTasks());
    const t1 = await page.evaluate(() => performance.now());
    const churned = server.clients.next("churned");
    server.clients.proc.send(/** @satisfies {Job} */ ({ churn: load.churn }));
    const { churned: joins } = await churned;
    await page.waitForFunction(timelineKeeps, before + joins, { polling: "raf", timeout: WAIT_MS });
    shownMs = (await page.evaluate(() => performance.now())) - t1;
  }
  await sleep(SETTLE_MS);
  const tasks = await page.evaluate(() =>
    /** @type {LongTaskWindow} */ (/** @type {unknown} */ (window)).__longTasks.slice(),
  );
  const traced = mainThreadTasks(JSON.parse((await browser.stopTracing()).toString()));
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("HeapProfiler.collectGarbage");
  const { nodes } = await cdp.send("Memory.getDOMCounters");
  const { usedSize } = await cdp.send("Runtime.getHeapUsage");
  const elements = await page.evaluate(() => document.getElementsByTagName("*").length);
  await page.close();
  return {
    load: loadName,
    shownMs,
    longestTaskMs: tasks.length ? Math.max(...tasks) : 0,
    tasksOver200: tasks.filter((d) => d > 200).length,
    longTaskMs: tasks.reduce((a, b) => a + b, 0),
    domNodes: nodes,
    elements,
    heapMB: usedSize / 1024 / 1024,
    longTasks: tasks.map(Math.round),
    ...traced,
  };
}

/** @typedef {Awaited<ReturnType<typeof measure>> & { build: string }} Result */

/**
 * Every load against every build, in one run: a load's processes serve each build in turn (joins: fresh ones).
 * @param {{ builds: Build[]; loads?: LoadName[] }} options
 */
export async function benchServerViewLoad({ builds, loads = /** @type {LoadName[]} */ (Object.keys(LOADS)) }) {
  const served = [];
  for (const b of builds) served.push({ label: b.label, ...(await serveBuild(b.dir)) });
  const browser = await launchBrowser();
  /** @type {Result[]} */
  const results = [];
  try {
    for (const loadName of loads) {
      const load = LOADS[loadName];
      let server = await startLoad(load);
      for (const [i, build] of served.entries()) {
        if (load.churn && i > 0) {
          server.stop();
          server = await startLoad(load);
        }
        const r = { build: build.label, ...(await measure(browser, build.url, loadName, server)) };
        results.push(r);
        console.log(format(r));
      }
      server.stop();
    }
  } finally {
    await browser.close();
    for (const s of served) await s.close();
  }
  return results;
}

const fmt = (/** @type {number} */ n) => Math.round(n).toLocaleString("en-US");
const format = (/** @type {Result} */ r) =>
  `${r.load.padEnd(10)} ${r.build.padEnd(8)} shown ${fmt(r.shownMs)} ms · longest task ${fmt(r.longestTaskMs)} ms` +
  ` (${r.tasksOver200} over 200 ms, ${fmt(r.longTaskMs)} ms in long tasks; traced: ${fmt(r.traceLongestMs)} ms` +
  ` of which the thread ran ${fmt(r.traceLongestThreadMs)}, most thread time in one task ${fmt(r.traceMostThreadMs)})` +
  ` · DOM nodes ${fmt(r.domNodes)}` +
  ` (${fmt(r.elements)} elements) · heap ${r.heapMB.toFixed(0)} MB`;

/**
 * @param {string | undefined} name
 * @returns {name is LoadName}
 */
const isLoadName = (name) => name !== undefined && Object.hasOwn(LOADS, name);

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  /** @type {Build[]} */
  const builds = [];
  /** @type {LoadName[]} */
  const loads = [];
  /** @type {string | undefined} */
  let json;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--build") {
      const [label, dir] = (args[++i] ?? "").split("=");
      if (!label || !dir) throw new Error(`--build takes label=path/to/dist/inspector, not ${args[i]}`);
      builds.push({ label, dir: resolve(dir) });
    } else if (args[i] === "--load") {
      const name = args[++i];
      if (!isLoadName(name)) throw new Error(`--load takes one of ${Object.keys(LOADS).join(", ")}, not ${name}`);
      loads.push(name);
    } else if (args[i] === "--json") {
      json = args[++i];
      if (!json) throw new Error("--json takes a file to write the results to");
    } else throw new Error(`unknown argument ${args[i]}`);
  }
  if (!builds.length) builds.push({ label: "this", dir: `${root}dist/inspector` });
  const results = await benchServerViewLoad({ builds, ...(loads.length ? { loads } : {}) });
  if (json) writeFileSync(json, JSON.stringify(results, null, 2));
}
