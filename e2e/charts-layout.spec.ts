// The Charts view at 1440 x 900 (issue 34): it shares the screen with a usable timeline, the toolbar stays within
// three lines, the document itself never scrolls whatever the figures hold, and a range dragged on the rate chart
// shows in its From and To fields.
import { writeFileSync } from "node:fs";
import type { Locator, Page } from "@playwright/test";
import { startDemoServer } from "../demo/server.mjs";
import { connect, expect, openInspector, test } from "./support/fixtures";

test.use({ viewport: { width: 1440, height: 900 } });

const charts = (page: Page) => page.getByRole("region", { name: "Charts" });

async function openCharts(page: Page): Promise<Locator> {
  await page.getByRole("button", { name: "Charts", exact: true }).click();
  const region = charts(page);
  await expect(region.getByRole("img", { name: /^Events per second/ })).toBeVisible();
  return region;
}

/** How the page is laid out: rows of the timeline in view, lines of the toolbar, the document's own scroll. */
const layout = (page: Page) =>
  page.evaluate(() => {
    const grid = document.getElementById("timeline-grid") as HTMLElement;
    const toolbar = document.querySelector('[role="toolbar"][aria-label="Timeline controls"]') as HTMLElement;
    // A line of the toolbar: its controls whose tops are within a few pixels of each other.
    const tops = [...toolbar.children]
      .filter((c) => c.getBoundingClientRect().height > 0)
      .map((c) => Math.round(c.getBoundingClientRect().top));
    const lines = tops.sort((a, b) => a - b).filter((t, i, all) => i === 0 || t - (all[i - 1] as number) > 8).length;
    return {
      rowsInView: Math.floor(grid.clientHeight / 24),
      toolbarLines: lines,
      documentHeight: (document.scrollingElement as Element).scrollHeight,
      windowHeight: innerHeight,
    };
  });

/** Drags across the middle of the rate chart, from a share of its width to another. */
async function dragOnRateChart(page: Page, region: Locator, from: number, to: number): Promise<void> {
  const plot = region.getByRole("img", { name: /^Events per second/ }).locator(".u-over");
  const box = (await plot.boundingBox())!;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * from, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * to, y, { steps: 8 });
  await page.mouse.up();
}

test("live, with a range picked: at least ten rows of the timeline in view, the toolbar in three lines, the document still", async ({
  page,
  inspector,
}) => {
  const demo = await startDemoServer({ port: 0, tickMs: 100, pingInterval: 400 });
  try {
    await openInspector(page, inspector, demo.url, { asDemo: true });
    await connect(page);
    await expect(page.getByText(/\d+ shown · \d+ kept/)).toHaveText(/ ([5-9]\d|\d{3,}) kept/, { timeout: 15_000 });
    const region = await openCharts(page);
    await dragOnRateChart(page, region, 0.4, 0.9);
    await expect(page.getByRole("button", { name: /^Time range / })).toBeVisible();
    const l = await layout(page);
    expect(l.rowsInView, "rows of the timeline in view").toBeGreaterThanOrEqual(10);
    expect(l.toolbarLines, "lines of the toolbar").toBeLessThanOrEqual(3);
    expect(l.documentHeight, "the document's height").toBeLessThanOrEqual(l.windowHeight);
    // The tables shown: the figures scroll inside the view, the page does not.
    await region.getByRole("button", { name: "Table", exact: true }).click();
    await expect(region.getByRole("table", { name: "Session", exact: true })).toBeVisible();
    expect((await layout(page)).documentHeight).toBeLessThanOrEqual(l.windowHeight);
  } finally {
    await demo.close();
  }
});

test("a session of 12 clients and 150 acked event names: the document does not scroll, its tables hidden or shown", async ({
  page,
  inspector,
}, testInfo) => {
  const clients = Array.from({ length: 12 }, (_, i) => `client ${i + 1}`);
  const records: object[] = [];
  let seq = 0;
  const t0 = Date.parse("2026-12-07T10:00:00Z");
  for (let i = 0; i < 150; i++) {
    const client = clients[i % clients.length] as string;
    const t = t0 + i * 200;
    const emit = ++seq;
    records.push({
      seq: emit,
      t,
      client,
      kind: "packet",
      nsp: "/",
      dir: "out",
      type: "EVENT",
      event: `event-${i}`,
      args: [i],
      attachments: 0,
      ackId: i,
      pair: emit,
    });
    records.push({
      seq: ++seq,
      t: t + 20 + (i % 7),
      client,
      kind: "packet",
      nsp: "/",
      dir: "in",
      type: "ACK",
      args: [true],
      attachments: 0,
      ackId: i,
      pair: emit,
      latency: 20 + (i % 7),
    });
    records.push({ seq: ++seq, t: t + 50, client, kind: "ping" });
  }
  const file = testInfo.outputPath("many.ndjson");
  const header = { format: "socketio-inspector-session", version: 2, count: records.length, clients };
  writeFileSync(file, [header, ...records].map((r) => JSON.stringify(r)).join("\n") + "\n");
  await page.goto(inspector);
  await page.getByLabel("Open session file").setInputFiles(file);
  await expect(page.getByRole("status", { name: "Recorded session" })).toContainText("many.ndjson");
  const region = await openCharts(page);
  await expect(region.getByRole("table", { name: "Ack latency per event", exact: true }).getByRole("row")).toHaveCount(
    151,
  );
  const hidden = await layout(page);
  expect(hidden.documentHeight, "tables hidden").toBeLessThanOrEqual(hidden.windowHeight);
  expect(hidden.rowsInView).toBeGreaterThanOrEqual(10);
  await region.getByRole("button", { name: "Table", exact: true }).click();
  const shown = await layout(page);
  expect(shown.documentHeight, "tables shown").toBeLessThanOrEqual(shown.windowHeight);
  expect(shown.rowsInView).toBeGreaterThanOrEqual(10);
});

test("a range dragged on the rate chart shows in From and To; removing it empties them", async ({
  page,
  inspector,
}) => {
  const demo = await startDemoServer({ port: 0, tickMs: 100, pingInterval: 400 });
  try {
    await openInspector(page, inspector, demo.url, { asDemo: true });
    await connect(page);
    await expect(page.getByText(/\d+ shown · \d+ kept/)).toHaveText(/ ([5-9]\d|\d{3,}) kept/, { timeout: 15_000 });
    await page.getByRole("button", { name: "Pause" }).click(); // a still chart: the drag lands where it was aimed
    const region = await openCharts(page);
    await dragOnRateChart(page, region, 0.3, 0.8);
    const chip = page.getByRole("button", { name: /^Time range \d\d:\d\d:\d\d–\d\d:\d\d:\d\d/ });
    await expect(chip).toBeVisible();
    const [from, to] = ((await chip.textContent()) ?? "").match(/\d\d:\d\d:\d\d/g) as [string, string];
    await expect(region.getByLabel("Time range from")).toHaveValue(from);
    await expect(region.getByLabel("Time range to")).toHaveValue(to);
    await chip.click();
    await expect(region.getByLabel("Time range from")).toHaveValue("");
    await expect(region.getByLabel("Time range to")).toHaveValue("");
  } finally {
    await demo.close();
  }
});
