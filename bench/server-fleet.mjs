// The Server view of a big, busy server, side by side with the Admin UI's own page (issue 35), in Chromium. Not part
// of `npm run bench` nor of any test: it holds thousands of real sockets for minutes.
//   node bench/server-fleet.mjs [--sizes 1000,5000,10000] [--seconds 20] [--trials 3] [--targets one,cluster]
//                               [--synthetic 100000] [--json out.json]
//
// The targets, each a fresh one per size and trial:
//   one:      bench/server-view-target.mjs, a socket.io 4 server with @socket.io/admin-ui 0.5.1 in development mode;
//   cluster:  three such nodes with the Redis adapter, a redis-server and nginx in front (e2e/support/cluster.mjs,
//             as the fleet e2e, in its bench mode): the sockets reach the nodes round robin, the pages go sticky.
// Their sockets: bench/server-view-clients.mjs, N real websocket clients (the official client), 5,000 a process,
// client i in room i % (N/10) and in tenant i % 10 (its query: what a filter finds, a tenth).
// The pages, one after the other on the same server and the same sockets, each a fresh page, the first of them
// alternating by trial (the Admin UI's in odd trials, ours in even ones):
//   - the Admin UI's own page, served from its package (node_modules/@socket.io/admin-ui/ui/dist), on its Sockets
//     view, connected through its connection form (its defaults: polling then websocket, /admin);
//   - the inspector as built (dist/inspector), its Server view opened from the toolbar and connected there (the
//     form's defaults: polling then websocket).
// Per page:
//   load:    from the click on Connect to the first frame whose count covers every socket (the Admin UI: its
//            table's "1-20 of N" for namespace /; ours: the socket list's "N of M", every namespace);
//   filter:  ours: from typing "tenant-7" into Filter sockets to the frame showing the tenth it matches, the search
//            done; find: from typing the id of the server's newest socket to the frame showing it alone (the Admin UI
//            has no search);
//   heap, DOM nodes: after the load and a forced GC (Runtime.getHeapUsage, Memory.getDOMCounters);
//   churn:   for `seconds`, 50 joins, 50 leaves, 50 connects and 50 disconnects a second (issue 35's churn: 100
//            joins and leaves, 50 connects and 50 disconnects; each kind paced in ticks of 20 ms, through the server):
//            frames per second, the 95th percentile and the longest of the times between frames
//            (requestAnimationFrame), the longest task (PerformanceObserver "longtask", tasks over 50 ms), from the
//            churn's start to the moment the server acked its last operation;
//   counts right: from that moment to the first frame of the page's count equal to the server's own (its
//            namespaces' sockets, asked of the server then) and staying equal for a second.
// With --synthetic N: our page alone against bench/server-fleet-synthetic.mjs, an admin namespace describing N
// sockets that do not exist (no clients, one loopback connection: the page's decoding, protocol reader, model and
// panel), with the same figures and the same churn said by that server.
// A benchmark, not a test: the figures go to bench/README.md with the machine's load average, never asserted.
import { fork } from "node:child_process";
import { loadavg, tmpdir } from "node:os";
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { launchBrowser } from "./browser.mjs";
import { startCluster } from "../e2e/support/cluster.mjs";
import { answering, child, serveBuild } from "./server-view-load.mjs";
import { median, percentile, root, sleep } from "./support.mjs";

/** @typedef {import("./browser.mjs").Browser} Browser */
/** @typedef {import("@playwright/test").Page} Page */
/** @typedef {import("./server-view-load.mjs").Counts} Counts */
/** @typedef {{ joins: number; leaves: number; connects: number; disconnects: number }} Ops */
/** @typedef {"one" | "cluster" | "synthetic"} TargetKind */
/**
 * A server with its sockets in place: where the pages connect, its own counts, and the churn (said done when the
 * server has acked, or said, every operation).
 * @typedef {{
 *   kind: TargetKind; url: string; counts(): Promise<Counts>;
 *   churn(seconds: number): Promise<{ churnEnd: number; ops: Ops }>; stop(): Promise<void>;
 * }} Target
 */
/**
 * What one page did at one size.
 * @typedef {{
 *   target: TargetKind; page: "admin-ui" | "inspector"; sockets: number; trial: number; loadMs: number;
 *   filterMs: number | null; findMs: number | null; heapMB: number; domNodes: number; fps: number; frameP95: number;
 *   longestFrameMs: number; longestTaskMs: number; tasksOver50: number; countsRightMs: number; countsNote: string;
 *   churnOps: Ops;
 *   load: number[];
 * }} Result
 */
/**
 * What the probe keeps on the page's window (functions sent to the page refer to nothing of this module).
 * @typedef {Window & { __fleet: { tasks: Array<[start: number, ms: number]>; frames: number[]; recording: boolean } }} FleetWindow
 */

const TENANTS = 10;
const RATES = { joins: 50, leaves: 50, connects: 50, disconnects: 50 };
const WAIT_MS = 300_000;
/** How long a page may take to count right after the churn. */
const COUNTS_WAIT_MS = 120_000;
/** A count is right once it equals the server's and stays so this long. */
const STEADY_MS = 1000;
const ADMIN_UI = `${root}node_modules/@socket.io/admin-ui/ui/dist`;

/** In the page, before its scripts: every long task (start, duration) and, while recording, every frame's time. */
function fleetProbe() {
  const w = /** @type {FleetWindow} */ (/** @type {unknown} */ (window));
  w.__fleet = { tasks: [], frames: [], recording: false };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__fleet.tasks.push([performance.timeOrigin + e.startTime, e.duration]);
  }).observe({ type: "longtask", buffered: false });
  /** @param {number} t */
  const loop = (t) => {
    if (w.__fleet.recording) w.__fleet.frames.push(performance.timeOrigin + t);
    requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
}

/**
 * In the page: waits, a frame at a time, for its count to reach `want` (at least, or exactly and steadily); the
 * epoch ms of the first frame it did. Both pages' counts are read here: the Admin UI's table footer ("1-20 of N"),
 * or the Server view's socket count ("N of M": `shown` reads N, else M).
 * @param {{ page: string; want: number; exact: boolean; shown?: boolean; steadyMs: number; waitMs: number }} a
 */
async function untilCount({ page, want, exact, shown, steadyMs, waitMs }) {
  const read = () => {
    if (page === "admin-ui") {
      const text = document.querySelector(".v-data-footer__pagination")?.textContent ?? "";
      return Number(/of\s+([\d,]+)/.exec(text)?.[1]?.replace(/,/g, "") ?? -1);
    }
    const text = document.querySelector(".server-pane .server-count")?.textContent ?? "";
    if (text.includes("searching")) return -1;
    const m = /^\s*(\d+) of (\d+)/.exec(text);
    return m ? Number(shown ? m[1] : m[2]) : -1;
  };
  const start = performance.now();
  let since = -1;
  for (;;) {
    await new Promise((r) => requestAnimationFrame(r));
    const n = read();
    const now = performance.timeOrigin + performance.now();
    if (exact ? n === want : n >= want) {
      if (since < 0) since = now;
      if (now - since >= steadyMs) return since;
    } else since = -1;
    if (performance.now() - start > waitMs) throw new Error(`the count stayed at ${n}, not ${want}`);
  }
}

/** @param {Page} page */
async function heapAndDom(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("HeapProfiler.collectGarbage");
  const { nodes } = await cdp.send("Memory.getDOMCounters");
  const { usedSize } = await cdp.send("Runtime.getHeapUsage");
  await cdp.detach();
  return { heapMB: usedSize / 1024 / 1024, domNodes: nodes };
}

/** Clients a process holds at most: 5,000 websocket clients are well within its 20,000 files. */
const PER_PROCESS = 5000;

/**
 * N real websocket clients of `url`, spread over processes of PER_PROCESS, in N/10 rooms and ten tenants; the churn
 * is run by the first process, with its clients.
 * @param {string} url
 * @param {number} sockets
 */
async function startClients(url, sockets) {
  const procs = Array.from({ length: Math.ceil(sockets / PER_PROCESS) }, () => child("server-view-clients.mjs"));
  const roomCount = Math.max(1, sockets / 10);
  await Promise.all(
    procs.map((c, k) => {
      const connected = c.next("connected");
      const count = Math.min(PER_PROCESS, sockets - k * PER_PROCESS);
      c.proc.send({ connect: { url, count, rooms: "one-of", roomCount, tenants: TENANTS, offset: k * PER_PROCESS } });
      return connected;
    }),
  );
  const first = /** @type {ReturnType<typeof child>} */ (procs[0]);
  return {
    /** @param {number} seconds */
    churn: async (seconds) => {
      const ended = first.next("churnEnd");
      first.proc.send({ fleetChurn: { url, seconds, roomCount, tenants: TENANTS, perSecond: RATES } });
      return ended;
    },
    stop: () => procs.forEach((c) => c.stop()),
  };
}

/**
 * One socket.io 4 server with admin-ui, its sockets in place.
 * @param {number} sockets
 * @returns {Promise<Target>}
 */
async function startOne(sockets) {
  const target = child("server-view-target.mjs");
  const { port } = await target.next("port");
  const url = `http://127.0.0.1:${port}`;
  const clients = await startClients(url, sockets);
  return {
    kind: "one",
    url,
    counts: async () => {
      const counts = target.next("counts");
      target.proc.send({ counts: true });
      return (await counts).counts;
    },
    churn: clients.churn,
    stop: async () => {
      clients.stop();
      void target.stop();
    },
  };
}

/**
 * Three socket.io 4 nodes with admin-ui and the Redis adapter behind nginx, their sockets in place (round robin);
 * the pages connect to nginx's sticky address (their polling needs one node per connection).
 * @param {number} sockets
 * @returns {Promise<Target>}
 */
async function startFleet(sockets) {
  const cluster = await startCluster({ nodes: 3, admin: true, bench: true });
  const nodes = cluster.nodes.map((n) => answering(n.proc, `cluster node ${n.name}`));
  const clients = await startClients(cluster.roundRobin, sockets);
  return {
    kind: "cluster",
    url: cluster.sticky,
    counts: async () => {
      const each = await Promise.all(
        nodes.map(async (n) => {
          const counts = n.next("counts");
          n.proc.send({ counts: true });
          return (await counts).counts;
        }),
      );
      /** @type {Counts} */
      const sum = { "/": 0, "/admin": 0, total: 0, tenants: {}, last: "" };
      for (const c of each) {
        sum["/"] += c["/"];
        sum["/admin"] += c["/admin"];
        sum.total += c.total;
        for (const [t, n] of Object.entries(c.tenants)) sum.tenants[t] = (sum.tenants[t] ?? 0) + n;
        sum.last = c.last || sum.last;
      }
      return sum;
    },
    churn: clients.churn,
    stop: async () => {
      clients.stop();
      await cluster.stop();
    },
  };
}

/**
 * The synthetic admin namespace of `sockets` sockets that do not exist.
 * @param {number} sockets
 * @returns {Promise<Target>}
 */
async function startSynthetic(sockets) {
  const target = answering(
    fork(`${root}bench/server-fleet-synthetic.mjs`, [String(sockets)], {
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    }),
    "server-fleet-synthetic.mjs",
  );
  const { port } = await target.next("port");
  return {
    kind: "synthetic",
    url: `http://127.0.0.1:${port}`,
    counts: async () => {
      const counts = target.next("counts");
      target.proc.send({ counts: true });
      return (await counts).counts;
    },
    churn: async (seconds) => {
      const ended = target.next("churnEnd");
      target.proc.send({ fleetChurn: { seconds, perSecond: RATES } });
      return ended;
    },
    stop: async () => void target.stop(),
  };
}

/**
 * The churn, watched in the page: frames and long tasks from its start to the server's ack of its last operation,
 * then how long until the page's count is the server's.
 * @param {Page} page
 * @param {Target} server
 * @param {"admin-ui" | "inspector"} kind
 * @param {number} seconds
 */
async function churn(page, server, kind, seconds) {
  const start = await page.evaluate(() => {
    const w = /** @type {FleetWindow} */ (/** @type {unknown} */ (window));
    w.__fleet.frames = [];
    w.__fleet.tasks = [];
    w.__fleet.recording = true;
    return performance.timeOrigin + performance.now();
  });
  const { churnEnd, ops } = await server.churn(seconds);
  const counts = await server.counts();
  const want = kind === "admin-ui" ? counts["/"] : counts.total;
  // A page that never gets there (the Admin UI's, which loses its connection at 10,000 sockets) is said so, with
  // what it showed, and the run goes on.
  let countsNote = "";
  const rightAt = await page
    .evaluate(untilCount, { page: kind, want, exact: true, steadyMs: STEADY_MS, waitMs: COUNTS_WAIT_MS })
    .catch(async (/** @type {Error} */ err) => {
      const shot = `${tmpdir()}/server-fleet-${server.kind}-${kind}-${counts.total}.png`;
      await page.screenshot({ path: shot });
      countsNote = `${err.message.replace(/^.*Error: /, "")} within ${COUNTS_WAIT_MS / 1000} s (screenshot: ${shot})`;
      return Number.POSITIVE_INFINITY;
    });
  const { frames, tasks } = await page.evaluate(() => {
    const w = /** @type {FleetWindow} */ (/** @type {unknown} */ (window));
    w.__fleet.recording = false;
    return { frames: w.__fleet.frames, tasks: w.__fleet.tasks };
  });
  const inWindow = frames.filter((t) => t >= start && t <= churnEnd);
  // The time between frames, the churn's start and end included: a page frozen from the start to the end drew none.
  const edges = [start, ...inWindow, churnEnd];
  const gaps = edges.slice(1).map((t, i) => t - /** @type {number} */ (edges[i]));
  const during = tasks.filter(([t, ms]) => t + ms >= start && t <= churnEnd).map(([, ms]) => ms);
  return {
    fps: inWindow.length / ((churnEnd - start) / 1000),
    frameP95: percentile(gaps, 95),
    longestFrameMs: Math.max(...gaps),
    longestTaskMs: during.length ? Math.max(...during) : 0,
    tasksOver50: during.length,
    countsRightMs: Math.max(0, rightAt - churnEnd),
    countsNote,
    churnOps: ops,
  };
}

/**
 * Clicks a page's connect button (from inside the page, so that the click's time is the page's own), waits for the
 * page's count to cover the server's sockets on "/", then 2 s, and reads the heap and DOM nodes (and the
 * server's counts it waited for).
 * @param {Page} page
 * @param {Target} server
 * @param {"admin-ui" | "inspector"} kind
 * @param {{ selector: string; text: string; exact: boolean }} button its text whole (`exact`) or within
 */
async function connectAndLoad(page, server, kind, button) {
  const t0 = await page.evaluate(({ selector, text, exact }) => {
    const found = [...document.querySelectorAll(selector)].find((b) => {
      const words = b.textContent?.trim() ?? "";
      return exact ? words === text : words.includes(text);
    });
    if (!(found instanceof HTMLElement)) throw new Error(`no ${text} button (${selector})`);
    const t = performance.timeOrigin + performance.now();
    found.click();
    return t;
  }, button);
  const counts = await server.counts();
  const shownAt = await page.evaluate(untilCount, {
    page: kind,
    want: counts["/"],
    exact: false,
    steadyMs: 0,
    waitMs: WAIT_MS,
  });
  await sleep(2000);
  return { t0, shownAt, counts, memory: await heapAndDom(page) };
}

/**
 * The Admin UI's own page on the server: its Sockets view, connected through its form.
 * @param {Browser} browser
 * @param {string} uiUrl
 * @param {Target} server
 * @param {number} seconds
 */
async function measureAdminUi(browser, uiUrl, server, seconds) {
  const page = await browser.newPage();
  try {
    // Its page asks a font and an icon font of two CDNs: no network here, and none of the measure.
    await page.route("**/*", (route) =>
      route.request().url().startsWith("http://127.0.0.1") ? route.continue() : route.abort(),
    );
    await page.addInitScript(fleetProbe);
    await page.goto(`${uiUrl}#/sockets/`);
    await page.getByLabel("Server URL").fill(server.url);
    const before = loadavg()[0] ?? 0;
    const { t0, shownAt, memory } = await connectAndLoad(page, server, "admin-ui", {
      selector: ".v-dialog button",
      text: "Connect",
      exact: false,
    });
    const churned = await churn(page, server, "admin-ui", seconds);
    return {
      page: /** @type {const} */ ("admin-ui"),
      loadMs: shownAt - t0,
      filterMs: null,
      findMs: null,
      ...memory,
      ...churned,
      load: [before, loadavg()[0] ?? 0],
    };
  } finally {
    await page.close().catch(() => {});
  }
}

/**
 * The inspector's Server view on the server: opened from the toolbar, connected there.
 * @param {Browser} browser
 * @param {string} inspectorUrl
 * @param {Target} server
 * @param {number} seconds
 */
async function measureInspector(browser, inspectorUrl, server, seconds) {
  const page = await browser.newPage();
  try {
    await page.addInitScript(fleetProbe);
    await page.goto(inspectorUrl);
    await page.getByLabel("Server URL").fill(server.url);
    await page.getByRole("button", { name: "Server view", exact: true }).click();
    const view = page.getByRole("region", { name: "Server view" });
    await view.getByRole("button", { name: "Connect server view" }).waitFor();
    const before = loadavg()[0] ?? 0;
    const { t0, shownAt, counts, memory } = await connectAndLoad(page, server, "inspector", {
      selector: ".server-pane button",
      text: "Connect server view",
      exact: true,
    });

    /** @param {string} text */
    const type = (text) =>
      page.evaluate((value) => {
        const input = [...document.querySelectorAll(".server-pane label")]
          .find((l) => l.textContent?.trim().startsWith("Filter sockets"))
          ?.querySelector("input");
        if (!input) throw new Error("no Filter sockets field in the Server view");
        const t = performance.timeOrigin + performance.now();
        input.value = value;
        input.dispatchEvent(new Event("input"));
        return t;
      }, text);
    /**
     * From typing `text` to the frame that shows `want` sockets, the search done.
     * @param {string} text @param {number} want
     */
    const search = async (text, want) => {
      const typed = await type(text);
      const shown = await page.evaluate(untilCount, {
        page: "inspector",
        want,
        exact: true,
        shown: true,
        steadyMs: 0,
        waitMs: WAIT_MS,
      });
      return shown - typed;
    };
    const now = await server.counts();
    const filterMs = await search("tenant-7", now.tenants["tenant-7"] ?? 0);
    const findMs = await search(now.last, 1);
    await type("");
    // Every socket listed again (at least those of /: the server's count of /admin moves as pages come and go).
    await page.evaluate(untilCount, {
      page: "inspector",
      want: counts["/"],
      exact: false,
      shown: true,
      steadyMs: 0,
      waitMs: WAIT_MS,
    });
    const churned = await churn(page, server, "inspector", seconds);
    return {
      page: /** @type {const} */ ("inspector"),
      loadMs: shownAt - t0,
      filterMs,
      findMs,
      ...memory,
      ...churned,
      load: [before, loadavg()[0] ?? 0],
    };
  } finally {
    await page.close().catch(() => {});
  }
}

/** @type {Record<TargetKind, (sockets: number) => Promise<Target>>} */
const STARTS = { one: startOne, cluster: startFleet, synthetic: startSynthetic };

/**
 * Every target, size and trial: both pages on the same server and sockets (a fresh server each time), the first of
 * them alternating by trial; then, if asked, our page alone at `synthetic` sockets.
 * @param {{ sizes: number[]; seconds: number; trials: number; targets: TargetKind[]; synthetic: number; build: string }} options
 */
export async function benchServerFleet({ sizes, seconds, trials, targets, synthetic, build }) {
  const ui = await serveBuild(ADMIN_UI);
  const inspector = await serveBuild(build);
  const browser = await launchBrowser();
  /** @type {Result[]} */
  const results = [];
  /**
   * @param {TargetKind} kind @param {number} sockets @param {number} trial
   * @param {Array<"admin-ui" | "inspector">} pages
   */
  const run = async (kind, sockets, trial, pages) => {
    // A run that fails (a server or a page that gave up) is said, and the others go on.
    const server = await STARTS[kind](sockets).catch((/** @type {Error} */ err) => {
      console.log(`${kind} ${sockets} trial ${trial}: could not start: ${err.message}`);
    });
    if (!server) return;
    try {
      for (const [k, which] of pages.entries()) {
        if (k) await sleep(2000);
        const measured = await (
          which === "admin-ui"
            ? measureAdminUi(browser, ui.url, server, seconds)
            : measureInspector(browser, inspector.url, server, seconds)
        ).catch((/** @type {Error} */ err) => {
          console.log(`${kind} ${sockets} ${which} trial ${trial}: failed: ${err.stack ?? err.message}`);
        });
        if (!measured) continue;
        /** @type {Result} */
        const result = { target: kind, sockets, trial, ...measured };
        results.push(result);
        console.log(format(result));
      }
    } finally {
      await server.stop();
    }
    // The clients' ports wait out TIME_WAIT; the next server starts on a machine that has let this one go.
    await sleep(3000);
  };
  try {
    for (let trial = 1; trial <= trials; trial++)
      for (const kind of targets)
        for (const sockets of sizes)
          await run(kind, sockets, trial, trial % 2 ? ["admin-ui", "inspector"] : ["inspector", "admin-ui"]);
    if (synthetic)
      for (let trial = 1; trial <= trials; trial++) await run("synthetic", synthetic, trial, ["inspector"]);
  } finally {
    await browser.close();
    await ui.close();
    await inspector.close();
  }
  return results;
}

/** @param {number} n */
const fmt = (n) => Math.round(n).toLocaleString("en-US");
/** @param {Result} r */
const format = (r) =>
  `${r.target.padEnd(9)} ${String(r.sockets).padStart(6)} ${r.page.padEnd(9)} trial ${r.trial}: load ${fmt(r.loadMs)} ms · ` +
  `filter ${r.filterMs === null ? "none" : `${fmt(r.filterMs)} ms`} · find ${r.findMs === null ? "none" : `${fmt(r.findMs)} ms`} · ` +
  `heap ${r.heapMB.toFixed(1)} MB · DOM ${fmt(r.domNodes)} · churn ${r.fps.toFixed(1)} fps, frame p95 ${fmt(r.frameP95)} ms, ` +
  `longest frame ${fmt(r.longestFrameMs)} ms, longest task ${fmt(r.longestTaskMs)} ms (${r.tasksOver50} over 50 ms) · ` +
  `counts right ${r.countsNote ? `never: ${r.countsNote}` : `${fmt(r.countsRightMs)} ms after`} · ops ${JSON.stringify(r.churnOps)} · ` +
  `load average ${r.load.map((l) => l.toFixed(1)).join(" → ")}`;

/**
 * The median of each figure over the trials, per target, size and page.
 * @param {Result[]} results
 */
export function medians(results) {
  /** @type {Map<string, Result[]>} */
  const groups = new Map();
  for (const r of results) {
    const key = `${r.target} ${r.sockets} ${r.page}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()].map((rs) => {
    const first = /** @type {Result} */ (rs[0]);
    /** @param {(r: Result) => number} f */
    const m = (f) => Math.round(median(rs.map(f)) * 10) / 10;
    return {
      target: first.target,
      sockets: first.sockets,
      page: first.page,
      trials: rs.length,
      loadMs: m((r) => r.loadMs),
      filterMs: first.filterMs === null ? null : m((r) => r.filterMs ?? 0),
      findMs: first.findMs === null ? null : m((r) => r.findMs ?? 0),
      heapMB: m((r) => r.heapMB),
      domNodes: m((r) => r.domNodes),
      fps: m((r) => r.fps),
      frameP95: m((r) => r.frameP95),
      longestFrameMs: m((r) => r.longestFrameMs),
      longestTaskMs: m((r) => r.longestTaskMs),
      tasksOver50: m((r) => r.tasksOver50),
      countsRightMs: m((r) => r.countsRightMs),
    };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  let sizes = [1000, 5000, 10000];
  let seconds = 20;
  let trials = 3;
  /** @type {TargetKind[]} */
  let targets = ["one"];
  let synthetic = 0;
  let build = `${root}dist/inspector`;
  /** @type {string | undefined} */
  let json;
  for (let i = 0; i < args.length; i++) {
    const value = args[++i] ?? "";
    if (args[i - 1] === "--sizes") sizes = value ? value.split(",").map(Number) : [];
    else if (args[i - 1] === "--seconds") seconds = Number(value);
    else if (args[i - 1] === "--trials") trials = Number(value);
    else if (args[i - 1] === "--targets")
      targets = /** @type {TargetKind[]} */ (value.split(",").filter((t) => t === "one" || t === "cluster"));
    else if (args[i - 1] === "--synthetic") synthetic = Number(value);
    else if (args[i - 1] === "--build") build = resolve(value);
    else if (args[i - 1] === "--json") json = value;
    else throw new Error(`unknown argument ${args[i - 1]}`);
  }
  const results = await benchServerFleet({ sizes, seconds, trials, targets, synthetic, build });
  const summary = medians(results);
  console.table(summary);
  if (json) writeFileSync(json, JSON.stringify({ results, summary }, null, 2));
  process.exit(0);
}
