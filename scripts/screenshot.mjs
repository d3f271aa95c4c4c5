// Takes a screenshot of a running inspector: node scripts/screenshot.mjs URL OUT.png [--connect]
import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS, chromiumExecutable } from "./chromium.mjs";

const [url = "http://127.0.0.1:5173/", out = "docs/inspector.png"] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
page.on("console", (m) => console.log("console:", m.type(), m.text()));
page.on("pageerror", (e) => console.log("pageerror:", e.message));
await page.goto(url);
if (process.argv.includes("--connect")) {
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await page.waitForTimeout(1500);
  await page.getByRole("button", { name: "Emit", exact: true }).click();
  await page.getByLabel("Namespace", { exact: true }).fill("/admin");
  await page.getByRole("button", { name: "Add namespace" }).click();
  await page.waitForTimeout(2500);
  await page.locator(".row[data-kind='event+ack']").first().click();
}
await page.screenshot({ path: out });
await browser.close();
console.log(`saved ${out}`);
