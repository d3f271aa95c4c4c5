// Screenshots of the Charts view (docs/screens/charts-<width>-<theme>.png) against the embedded demo server:
//   node scripts/screenshots-charts.mjs [outDir=docs/screens]     (builds nothing: run `npm run build` first)
// Each: the demo's namespaces connected, a few emits with acks (slow ones among them), the transport dropped once
// (a reconnection band and its markers), then the view opened over about ten seconds of session.
import { chromium } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { preview } from "vite";
import { startDemoServer } from "../demo/server.mjs";
import { CHROMIUM_ARGS, chromiumExecutable } from "./chromium.mjs";

const outDir = process.argv[2] ?? "docs/screens";
mkdirSync(outDir, { recursive: true });
const demo = await startDemoServer({ port: 0, tickMs: 250, pingInterval: 1000 });
const site = await preview({
  preview: { port: 0, host: "127.0.0.1" },
  build: { outDir: "dist/inspector" },
  logLevel: "silent",
});
const siteUrl = site.resolvedUrls?.local[0];
if (!siteUrl) throw new Error("vite preview gave no local URL");
const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });

/**
 * Emits from the composer with one argument, and waits a moment (the acks of `slow` come later).
 * @param {import("@playwright/test").Page} page
 * @param {string} event
 * @param {string} arg
 */
async function emit(page, event, arg, type = "number") {
  await page.getByLabel("Event name").fill(event);
  await page.getByLabel("Argument 1 type").selectOption(type);
  await page.getByLabel("Argument 1", { exact: true }).fill(arg);
  await page.getByRole("button", { name: "Emit", exact: true }).click();
  await page.waitForTimeout(150);
}

try {
  for (const theme of /** @type {const} */ (["dark", "light"])) {
    for (const [width, height] of /** @type {Array<[number, number]>} */ ([
      [1440, 900],
      [390, 844],
    ])) {
      const page = await browser.newPage({ viewport: { width, height }, colorScheme: theme });
      page.on("pageerror", (e) => console.log("pageerror:", e.message));
      await page.goto(`${siteUrl}?demo=${encodeURIComponent(demo.url)}`); // told of the demo: its form and preset
      const phone = width < 768;
      if (phone) await page.getByRole("button", { name: "Connection", exact: true }).click();
      await page.getByText("Options").click();
      await page.getByLabel("Reconnection delay (ms)", { exact: true }).fill("300");
      await page.getByRole("button", { name: "Connect", exact: true }).click();
      await page.getByRole("status", { name: "Connection status" }).getByText("open").waitFor();
      await page.waitForTimeout(2500);
      await page.getByRole("button", { name: "Drop transport" }).click();
      await page.waitForTimeout(1500);
      if (phone) await page.getByRole("button", { name: "Composer", exact: true }).click();
      for (const ms of ["40", "120", "300", "80", "250", "600"]) await emit(page, "slow", ms);
      for (const text of ["hello", "again"]) await emit(page, "echo", text, "text");
      await page.waitForTimeout(3000);
      if (phone) await page.getByRole("button", { name: "Timeline", exact: true }).click();
      // Wide, the detail pane is closed: the charts take the timeline's whole width (two columns of them).
      else await page.getByRole("button", { name: "Detail pane" }).click();
      await page.getByRole("button", { name: "Charts", exact: true }).click();
      await page.getByRole("region", { name: "Charts" }).getByRole("img").first().waitFor();
      await page.waitForTimeout(1500);
      const file = `${outDir}/charts-${width}-${theme}.png`;
      await page.screenshot({ path: file });
      console.log(`saved ${file}`);
      await page.close();
    }
  }
} finally {
  await browser.close();
  await site.close();
  await demo.close();
}
process.exit(0);
