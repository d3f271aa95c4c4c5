// Soak: the inspector under 2,000 events/s for 10 minutes (SOAK_SECONDS to change), heap sampled every 30 s.
// Memory must level off once the timeline holds its bound (100,000 rows: after about 50 s at this rate).
// Not part of npm test. Usage: node bench/soak.mjs
import { launchBrowser, startInspector } from "./browser.mjs";
import { startBenchServer } from "./support.mjs";

const seconds = Number(process.env.SOAK_SECONDS ?? 600);
const rate = Number(process.env.SOAK_RATE ?? 2000);
const server = await startBenchServer();
const inspector = await startInspector();
const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(inspector.url);
  await page.getByLabel("Server URL").fill(server.url);
  for (const nsp of ["/a", "/b", "/c"]) {
    await page.getByLabel("Namespace", { exact: true }).fill(nsp);
    await page.getByRole("button", { name: "Add namespace" }).click();
  }
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await page.getByRole("listitem", { name: "Namespace /c" }).getByText("connected", { exact: true }).waitFor();
  const cdp = await page.context().newCDPSession(page);
  const sample = async () => {
    await cdp.send("HeapProfiler.collectGarbage");
    const { usedSize } = await cdp.send("Runtime.getHeapUsage");
    const kept = await page.evaluate(() =>
      Number(/· (\d+) kept/.exec(document.querySelector(".counts")?.textContent ?? "")?.[1] ?? 0),
    );
    const nodes = await page.evaluate(() => document.getElementsByTagName("*").length);
    return { usedMB: usedSize / 2 ** 20, kept, nodes };
  };
  await page.getByLabel("Event name").fill("pace");
  await page.getByLabel("Argument 1 type").selectOption("json");
  await page.getByLabel("Argument 1", { exact: true }).fill(JSON.stringify({ rate, seconds }));
  await page.getByLabel("Expect ack").uncheck();
  const done = server.next();
  await page.getByRole("button", { name: "Emit", exact: true }).click();
  const start = Date.now();
  console.log("elapsed s  heap MB  rows kept  DOM nodes");
  let finished = false;
  void done.then(() => (finished = true));
  while (!finished) {
    const s = await sample();
    console.log(
      `${String(Math.round((Date.now() - start) / 1000)).padStart(9)}  ${s.usedMB.toFixed(1).padStart(7)}  ${String(s.kept).padStart(9)}  ${String(s.nodes).padStart(9)}`,
    );
    await Promise.race([done, new Promise((r) => setTimeout(r, 30_000))]);
  }
  const s = await sample();
  console.log(
    `${String(Math.round((Date.now() - start) / 1000)).padStart(9)}  ${s.usedMB.toFixed(1).padStart(7)}  ${String(s.kept).padStart(9)}  ${String(s.nodes).padStart(9)}  (end)`,
  );
} finally {
  await browser.close();
  await inspector.close();
  server.stop();
}
process.exit(0);
