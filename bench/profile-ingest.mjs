// Where the page's time goes under a stream (benchmark 4's load, one step): a CPU profile of the inspector's thread
// (self time by function, grouped by source file) and the trace's totals per category (scripting, style, layout,
// paint). For finding causes, not for figures to compare: bench/builds.mjs measures.
//
//   node bench/profile-ingest.mjs [--rate 1000] [--seconds 3] [--folder .] [--query ?worker=1] [--top 30]
//     [--style "<css added to the page>"]
// The trace's layouts are summed up (objects dirty and laid out, how many started below the document's root); the
// trace itself is left in /tmp/inspector-trace.json.
import { writeFileSync } from "node:fs";
import { preview } from "vite";
import { composerTrigger, launchBrowser, openInspectorPage } from "./browser.mjs";
import { startBenchServer } from "./support.mjs";

const args = process.argv.slice(2);
/** @param {string} name @param {string} fallback */
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at === -1 ? fallback : (args[at + 1] ?? fallback);
};
const rate = Number(option("rate", "1000"));
const seconds = Number(option("seconds", "3"));
const folder = option("folder", ".");
const query = option("query", "");
const top = Number(option("top", "30"));
// A style sheet added to the page before the run: for trying what a rule changes (layout roots, paint).
const style = option("style", "");

/** @typedef {{ id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] }} ProfileNode */
/** @typedef {{ nodes: ProfileNode[]; samples?: number[]; timeDeltas?: number[]; startTime: number; endTime: number }} CpuProfile */
/** @typedef {{ name: string; cat: string; ph: string; dur?: number; tdur?: number; tid: number; pid: number; args?: { name?: string } }} TraceEvent */

const server = await startBenchServer();
const site = await preview({
  root: folder,
  preview: { port: 0, host: "127.0.0.1" },
  build: { outDir: `${folder}/dist/inspector` },
  logLevel: "silent",
});
const url = site.resolvedUrls?.local[0];
if (!url) throw new Error("no address for the inspector's preview");
const browser = await launchBrowser();
try {
  const page = await openInspectorPage(browser, url, server.url, 1, query);
  if (style) await page.addStyleTag({ content: style });
  const trigger = composerTrigger(page);
  // A warm-up run: compiled code and first collections out of the way.
  const warm = server.next();
  await trigger(Math.min(rate, 500), 1);
  await warm;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
  /** @type {TraceEvent[]} */
  const events = [];
  cdp.on("Tracing.dataCollected", (d) =>
    events.push(.../** @type {{ value: TraceEvent[] }} */ (/** @type {unknown} */ (d)).value),
  );
  const traced = new Promise((resolve) => cdp.once("Tracing.tracingComplete", resolve));
  await cdp.send("Tracing.start", {
    categories:
      "devtools.timeline,disabled-by-default-devtools.timeline,disabled-by-default-devtools.timeline.invalidationTracking,v8.execute,blink,cc",
    transferMode: "ReportEvents",
  });
  await cdp.send("Profiler.start");
  const done = server.next();
  await trigger(rate, seconds);
  await done;
  await page.waitForTimeout(500);
  const { profile } = /** @type {{ profile: CpuProfile }} */ (await cdp.send("Profiler.stop"));
  await cdp.send("Tracing.end");
  await traced;
  writeFileSync("/tmp/inspector-profile.cpuprofile", JSON.stringify(profile));
  writeFileSync("/tmp/inspector-trace.json", JSON.stringify(events));

  // Self time per function, from the samples.
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  /** @type {Map<string, number>} */
  const self = new Map();
  /** @type {Map<string, number>} */
  const byFile = new Map();
  const deltas = profile.timeDeltas ?? [];
  (profile.samples ?? []).forEach((id, i) => {
    const node = byId.get(id);
    if (!node) return;
    const ms = (deltas[i] ?? 0) / 1000;
    const { functionName, url: src, lineNumber } = node.callFrame;
    const file = src.replace(/^.*\//, "") || "(native)";
    const key = `${functionName || "(anonymous)"} ${file}:${lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + ms);
    byFile.set(file, (byFile.get(file) ?? 0) + ms);
  });
  const total = (profile.endTime - profile.startTime) / 1000;
  console.log(`rate ${rate}/s for ${seconds} s; profile ${total.toFixed(0)} ms`);
  console.log("\nself time by file (ms):");
  for (const [file, ms] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, 15))
    console.log(`  ${ms.toFixed(1).padStart(8)}  ${file}`);
  console.log(`\ntop ${top} functions by self time (ms):`);
  for (const [key, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`  ${ms.toFixed(1).padStart(8)}  ${key}`);

  // The renderer main thread's time by trace event name (layout, paint, style, script).
  const main = events.find((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain");
  // Thread time (tdur) where the trace has it: what the thread itself spent, whatever else ran on the machine.
  /** @type {Map<string, [wall: number, thread: number]>} */
  const byName = new Map();
  for (const e of events)
    if (main && e.pid === main.pid && e.tid === main.tid && e.ph === "X" && e.dur) {
      const [wall, thread] = byName.get(e.name) ?? [0, 0];
      byName.set(e.name, [wall + e.dur / 1000, thread + (e.tdur ?? e.dur) / 1000]);
    }
  console.log("\nrenderer main thread, ms by trace event (wall, thread; nested events overlap):");
  for (const [name, [wall, thread]] of [...byName].sort((a, b) => b[1][1] - a[1][1]).slice(0, Math.max(20, top)))
    console.log(`  ${wall.toFixed(1).padStart(8)} ${thread.toFixed(1).padStart(8)}  ${name}`);
} finally {
  await browser.close();
  await site.close();
  server.stop();
}
