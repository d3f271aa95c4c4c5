// Screenshots of the inspector at the widths and themes the README shows, against the embedded demo server:
//   node scripts/screenshots.mjs [outDir=docs/screens]     (builds nothing: run `npm run build` first)
// Each: connected to the demo, an emit with its ack, a server ack request, and a row's detail open.
import { chromium } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { preview } from "vite";
import { startDemoServer } from "../demo/server.mjs";
import { CHROMIUM_ARGS, chromiumExecutable } from "./chromium.mjs";

/** @type {Array<[width: number, height: number]>} */
export const SIZES = [
  [1440, 900],
  [1024, 700],
  [768, 1024],
  [390, 844],
];

const outDir = process.argv[2] ?? "docs/screens";
mkdirSync(outDir, { recursive: true });
const demo = await startDemoServer({ port: 0 });
const site = await preview({
  preview: { port: 0, host: "127.0.0.1" },
  build: { outDir: "dist/inspector" },
  logLevel: "silent",
});
const siteUrl = site.resolvedUrls?.local[0];
if (!siteUrl) throw new Error("vite preview gave no local URL");
const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
try {
  for (const theme of /** @type {const} */ (["dark", "light"])) {
    for (const [width, height] of SIZES) {
      const page = await browser.newPage({ viewport: { width, height }, colorScheme: theme });
      page.on("pageerror", (e) => console.log("pageerror:", e.message));
      await page.goto(`${siteUrl}?demo=${encodeURIComponent(demo.url)}`); // told of the demo: its form and preset
      const phone = width < 768;
      if (phone) await page.getByRole("button", { name: "Connection", exact: true }).click();
      await page.getByRole("button", { name: "Connect", exact: true }).click();
      await page.getByRole("status", { name: "Connection status" }).getByText("open").waitFor();
      if (phone) await page.getByRole("button", { name: "Composer", exact: true }).click();
      await page.getByRole("button", { name: "Emit", exact: true }).click();
      await page.getByLabel("Event name").fill("ask-me");
      await page.getByLabel("Expect ack").uncheck();
      await page.getByRole("button", { name: "Emit", exact: true }).click();
      if (phone) await page.getByRole("button", { name: "Timeline", exact: true }).click();
      await page.waitForTimeout(1200);
      // A phone shows the timeline itself; wider, a row's detail is open beside it (or over it).
      if (!phone) await page.locator(".row[data-kind='event+ack']").last().click();
      await page.waitForTimeout(200);
      const file = `${outDir}/inspector-${width}-${theme}.png`;
      await page.screenshot({ path: file });
      console.log(`saved ${file}`);
      await page.close();
    }
  }
  // The scenario workflow: the demo preset's example, a step changed so that it fails, run in the page; at 1440 px
  // (scenario-failed.png, in the README) and on a phone, in both themes.
  for (const theme of /** @type {const} */ (["dark", "light"])) {
    for (const [width, height] of /** @type {Array<[number, number]>} */ ([
      [1440, 1000],
      [390, 844],
    ])) {
      const page = await browser.newPage({ viewport: { width, height }, colorScheme: theme });
      await page.goto(`${siteUrl}?demo=${encodeURIComponent(demo.url)}`); // told of the demo: its form and preset
      if (width < 768) await page.getByRole("button", { name: "Connection", exact: true }).click();
      await page.getByLabel("Preset", { exact: true }).selectOption("Demo server");
      await page.getByRole("button", { name: "Load", exact: true }).click();
      await page.getByLabel("Server URL").fill(demo.url);
      const panel = page.getByRole("region", { name: "Scenario" });
      await panel.getByText("Scenario", { exact: true }).click();
      await panel.getByRole("button", { name: "Load scenario" }).click();
      await panel.getByRole("button", { name: "Edit step 4" }).click();
      await panel.getByLabel("Step 4 (JSON)").fill(
        JSON.stringify({
          kind: "emit",
          client: "alice",
          nsp: "/",
          event: "add",
          args: [2, 40],
          ack: { timeout: 2000, match: [41] },
        }),
      );
      await panel.getByRole("button", { name: "Apply" }).click();
      await panel.getByRole("button", { name: "Run scenario" }).click();
      await panel.getByRole("status", { name: "Scenario result" }).getByText("failed").waitFor();
      await panel.getByRole("group", { name: "Why step 4 failed" }).scrollIntoViewIfNeeded();
      await page.waitForTimeout(300);
      const file =
        width === 1440 && theme === "dark"
          ? `${outDir}/scenario-failed.png`
          : `${outDir}/scenario-${width}-${theme}.png`;
      await page.screenshot({ path: file });
      console.log(`saved ${file}`);
      await page.close();
    }
  }
  // The composer on a phone (composer-390-<theme>.png): three emits sent, History opened; it takes the height below
  // the views.
  for (const theme of /** @type {const} */ (["dark", "light"])) {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, colorScheme: theme });
    await page.goto(`${siteUrl}?demo=${encodeURIComponent(demo.url)}`);
    await page.getByRole("button", { name: "Connection", exact: true }).click();
    await page.getByRole("button", { name: "Connect", exact: true }).click();
    await page.getByRole("status", { name: "Connection status" }).getByText("open").waitFor();
    await page.getByRole("button", { name: "Composer", exact: true }).click();
    for (const event of ["echo", "add", "ask-me"]) {
      await page.getByLabel("Event name").fill(event);
      await page.getByRole("button", { name: "Emit", exact: true }).click();
    }
    await page.getByText(/^History \(3\)/).click();
    await page.waitForTimeout(500);
    const file = `${outDir}/composer-390-${theme}.png`;
    await page.screenshot({ path: file });
    console.log(`saved ${file}`);
    await page.close();
  }
  // The timeline under a live stream (the demo's ticks at 4 a second): one row selected, the pointer resting on
  // another; the rows stay put and "n newer rows" counts what came (live-<width>-<theme>.png).
  for (const theme of /** @type {const} */ (["dark", "light"])) {
    for (const [width, height] of /** @type {Array<[number, number]>} */ ([
      [1440, 900],
      [390, 844],
    ])) {
      const page = await browser.newPage({ viewport: { width, height }, colorScheme: theme });
      await page.goto(`${siteUrl}?demo=${encodeURIComponent(demo.url)}`); // told of the demo: its form and preset
      const phone = width < 768;
      if (phone) await page.getByRole("button", { name: "Connection", exact: true }).click();
      await page.getByRole("button", { name: "Connect", exact: true }).click();
      await page.getByRole("status", { name: "Connection status" }).getByText("open").waitFor();
      if (phone) await page.getByRole("button", { name: "Timeline", exact: true }).click();
      await page.waitForTimeout(6000);
      const grid = page.locator("#timeline-grid");
      const box = await grid.boundingBox();
      if (!box) throw new Error("the timeline is not on screen");
      await page.mouse.click(box.x + box.width / 2, box.y + box.height * 0.3);
      // A phone shows a selected row's detail over the timeline: closed again, to show the rows themselves.
      if (phone) await page.getByRole("button", { name: "Close the detail" }).click();
      await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.55);
      await page.waitForTimeout(3000);
      const file = `${outDir}/live-${width}-${theme}.png`;
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
