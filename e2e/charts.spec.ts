import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { promisify } from "node:util";
import type { Locator, Page } from "@playwright/test";
import { startDemoServer } from "../demo/server.mjs";
import { axeViolations } from "./support/axe";
import { connect, eventRow, expect, fastReconnection, openInspector, rows, test } from "./support/fixtures";
import { cellUnder, rowWith } from "./support/tables";

/**
 * The Charts view over the timeline's records: each figure is read through the view's tables (what a screen reader
 * reads, the same figures the charts draw), and a range dragged on the rate chart filters the timeline.
 */

const charts = (page: Page) => page.getByRole("region", { name: "Charts" });

async function openCharts(page: Page): Promise<Locator> {
  await page.getByRole("button", { name: "Charts", exact: true }).click();
  const region = charts(page);
  await expect(region).toBeVisible();
  return region;
}

/** A figures table of the Charts view, by its caption. */
const figures = (region: Locator, table: string) => region.getByRole("table", { name: table, exact: true });

/** The cells of a figures table's row whose first cell is `first`. */
function tableRow(region: Locator, table: string, first: string): Locator {
  return rowWith(figures(region, table), first);
}

/** The number in the cell of a figures table's row under the column `header`, such as "1.2/s" or "301 ms". */
async function figure(region: Locator, table: string, row: Locator, header: string): Promise<number> {
  const cell = await cellUnder(figures(region, table), row, header);
  return Number.parseFloat(((await cell.textContent()) ?? "").replace(/,/g, ""));
}

async function emitNumber(page: Page, event: string, value: string): Promise<void> {
  await page.getByLabel("Event name").fill(event);
  await page.getByLabel("Argument 1 type").selectOption("number");
  await page.getByLabel("Argument 1", { exact: true }).fill(value);
  await page.getByRole("button", { name: "Emit", exact: true }).click();
}

test("the demo's /metrics ticks, one a second, read about 1 per second in the rate table", async ({
  page,
  inspector,
}) => {
  // The demo at its own pace (the fixture's demo ticks four times a second).
  const demo = await startDemoServer({ port: 0, tickMs: 1000, pingInterval: 400 });
  try {
    await openInspector(page, inspector, demo.url, { asDemo: true });
    await connect(page);
    const region = await openCharts(page);
    const rates = "Events per second by namespace";
    const metrics = tableRow(region, rates, "/metrics");
    await expect(metrics).toHaveCount(1);
    // The view follows the records as they come. /metrics also sends a snapshot every fifth tick: five ticks and a
    // snapshot over a span of four seconds read 6 / 4.05 s, shown as 1.5/s (seen once). Read once there are nine
    // events (eight ticks and a snapshot, over some seven seconds of the demo's clock): about 1.2.
    await expect.poll(() => figure(region, rates, metrics, "events"), { timeout: 20_000 }).toBeGreaterThanOrEqual(9);
    const mean = await figure(region, rates, metrics, "mean /s");
    expect(mean).toBeGreaterThan(0.5);
    expect(mean).toBeLessThan(1.5);
    await expect(region.getByRole("img", { name: /^Events per second by namespace/ })).toBeVisible();
  } finally {
    await demo.close();
  }
});

test("the demo's slow event acked after 300 ms reads about 300 ms in the latency table", async ({
  page,
  inspector,
  demo,
}) => {
  await openInspector(page, inspector, demo.url, { asDemo: true });
  await connect(page);
  // On the settled transport: an emit during the upgrade from polling waits for it, and its ack with it.
  await expect(page.getByRole("status", { name: "Connection status" })).toContainText("transport websocket");
  await emitNumber(page, "slow", "300");
  await expect(eventRow(page, "slow", "out").locator(".c-reply")).toHaveText(/^ack /);
  const region = await openCharts(page);
  const slow = tableRow(region, "Ack latency per event", "slow");
  await expect(slow).toHaveCount(1);
  const p50 = await figure(region, "Ack latency per event", slow, "p50");
  expect(p50).toBeGreaterThanOrEqual(280);
  expect(p50).toBeLessThanOrEqual(450);
  await expect(region.getByRole("img", { name: /^Histogram of the ack latency of slow/ })).toBeVisible();
});

test("Drop transport shows, live, as a reconnecting band with a close by the user (not a drop) and a recovery", async ({
  page,
  inspector,
  demo,
}) => {
  await openInspector(page, inspector, demo.url, { asDemo: true });
  await fastReconnection(page);
  await connect(page);
  await expect(page.getByRole("status", { name: "Connection status" })).toContainText("transport websocket");
  await expect(eventRow(page, "tick", "in").first()).toBeAttached();
  // Open before the drop: the view follows the live records as they come.
  const region = await openCharts(page);
  await expect(tableRow(region, "Connection bands", "client 1")).toHaveCount(1);
  await page.getByRole("button", { name: "Drop transport" }).click();
  await expect(page.getByRole("listitem", { name: "Namespace /", exact: true })).toContainText("recovered");
  const bands = region.getByRole("table", { name: "Connection bands", exact: true });
  await expect(bands.getByRole("row").filter({ has: page.getByRole("cell", { name: "reconnecting" }) })).toHaveCount(1);
  const marks = region.getByRole("table", { name: "Drops and recoveries", exact: true });
  // The user dropped it on purpose: marked as closed, never counted as a drop.
  await expect(marks.getByRole("cell", { name: "closed", exact: true }).first()).toBeAttached();
  await expect(marks.getByRole("cell", { name: "recovery", exact: true }).first()).toBeAttached();
  await expect(marks.getByRole("cell", { name: "drop", exact: true })).toHaveCount(0);
  await expect(region.getByRole("img", { name: /^Connection state per client/ })).toHaveAccessibleName(
    /client 1: 0 drops, [1-9]\d* recover/,
  );
});

test("a range dragged on the rate chart filters the timeline to it, until its chip is removed", async ({
  page,
  inspector,
  demo,
}) => {
  await openInspector(page, inspector, demo.url, { asDemo: true });
  await connect(page);
  // Some seconds of ticks (four a second), then a still timeline: the chart and the rows stay as they are. The list
  // draws only the rows in view: the toolbar's counts say how many there are.
  const count = async (what: "shown" | "kept") =>
    Number((await page.getByText(/\d+ shown · \d+ kept/).textContent())?.match(new RegExp(`(\\d+) ${what}`))?.[1]);
  await expect.poll(() => count("kept"), { timeout: 15_000 }).toBeGreaterThanOrEqual(50);
  await page.getByRole("button", { name: "Pause" }).click();
  const all = await count("kept");
  expect(await count("shown")).toBe(all);
  /** The times of the rows at the top of the list and at its end (the keyboard's Home and End). */
  const grid = page.locator("#timeline-grid");
  const edgeTimes = async () => {
    await grid.focus();
    await page.keyboard.press("Home");
    const top = await rows(page).locator(".c-time").allTextContents();
    await page.keyboard.press("End");
    const end = await rows(page).locator(".c-time").allTextContents();
    return [...top, ...end].filter((t) => /^\d\d:\d\d:\d\d/.test(t)).map((t) => t.slice(0, 8));
  };
  const before = await edgeTimes();

  const region = await openCharts(page);
  const plot = region.getByRole("img", { name: /^Events per second by namespace/ }).locator(".u-over");
  const box = (await plot.boundingBox())!;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * 0.55, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.95, y, { steps: 8 });
  await page.mouse.up();

  const chip = page.getByRole("button", { name: /^Time range \d\d:\d\d:\d\d–\d\d:\d\d:\d\d/ });
  await expect(chip).toBeVisible();
  const [from, to] = ((await chip.textContent()) ?? "").match(/\d\d:\d\d:\d\d/g) as [string, string];
  // The first seconds were outside the range: their rows are gone, and every row left is in it.
  expect(before[0]! < from, `the session starts (${before[0]}) before the range (${from})`).toBe(true);
  await expect.poll(() => count("shown")).toBeLessThan(all);
  expect(await count("shown")).toBeGreaterThan(0);
  const inside = await edgeTimes();
  expect(inside.length).toBeGreaterThan(0);
  for (const t of inside) expect(t >= from && t <= to, `${t} in ${from}–${to}`).toBe(true);

  await chip.click();
  await expect(chip).toHaveCount(0);
  await expect.poll(() => count("shown")).toBe(all);
  expect((await edgeTimes())[0]).toBe(before[0]);
});

test("axe finds nothing with the Charts view open, its tables shown or not, in the light and dark themes", async ({
  page,
  inspector,
  demo,
}) => {
  await openInspector(page, inspector, demo.url, { asDemo: true });
  await connect(page);
  await emitNumber(page, "slow", "20");
  await expect(eventRow(page, "slow", "out").locator(".c-reply")).toHaveText(/^ack /);
  const region = await openCharts(page);
  await expect(region.getByRole("img", { name: /^Events per second/ })).toBeVisible();
  for (const theme of ["light", "dark"]) {
    // The toggle goes system → light → dark.
    await page.getByRole("button", { name: /^Theme: / }).click();
    await expect(page.getByRole("button", { name: `Theme: ${theme}` })).toBeVisible();
    expect(await axeViolations(page), `${theme}, charts`).toEqual([]);
    await region.getByRole("button", { name: "Table", exact: true }).click();
    await expect(region.getByRole("table", { name: "Session" })).toBeVisible();
    expect(await axeViolations(page), `${theme}, tables shown`).toEqual([]);
    await region.getByRole("button", { name: "Table", exact: true }).click();
  }
});

test("Compare sessions: two runs of the example scenario, one reply changed, name the event and the path", async ({
  page,
  inspector,
  demo,
}, testInfo) => {
  // The shipped example scenario, run by the command line against the demo: session a.
  const a = testInfo.outputPath("a.ndjson");
  await promisify(execFile)(process.execPath, [
    "bin/socketio-inspector.mjs",
    "run",
    "examples/demo.presets.json",
    "--url",
    demo.url,
    "--ndjson",
    a,
  ]);
  // Session b: the same, with the reply to `add` changed (42 → 41).
  const text = readFileSync(a, "utf8");
  const changed = text.replace('"type":"ACK","args":[42]', '"type":"ACK","args":[41]');
  expect(changed).not.toBe(text);
  const b = testInfo.outputPath("b.ndjson");
  writeFileSync(b, changed);

  await page.goto(inspector);
  const region = await openCharts(page);
  await region.getByRole("button", { name: "Compare sessions", exact: true }).click();
  const compare = region.getByRole("region", { name: "Compare sessions" });
  await compare.getByLabel("Session a file").setInputFiles(a);
  await compare.getByLabel("Session b file").setInputFiles(b);
  const sequence = compare.getByRole("region", { name: "Sequence" });
  await expect(sequence).toContainText("1 with different payloads");
  const difference = sequence.getByRole("listitem").filter({ hasText: /^out \/ add/ });
  await expect(difference).toContainText("reply[0]: 42 → 41");
  await expect(compare.getByRole("table", { name: "Event counts" })).toContainText("add");

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    compare.getByRole("button", { name: "Export Markdown" }).click(),
  ]);
  const markdown = readFileSync((await download.path())!, "utf8");
  expect(markdown).toContain("# Session comparison");
  expect(markdown).toContain("`reply[0]`: `42` → `41`");
});

/** A session file of these records, with its header, written for the test. */
function sessionFile(path: string, records: object[]): string {
  const header = { format: "socketio-inspector-session", version: 2, count: records.length, clients: ["alice"] };
  writeFileSync(path, [header, ...records].map((r) => JSON.stringify(r)).join("\n") + "\n");
  return path;
}

const packet = (seq: number, t: number, extra: object) => ({
  seq,
  t,
  client: "alice",
  kind: "packet",
  nsp: "/",
  attachments: 0,
  ...extra,
});

/** The Charts view answering: its Table toggle flips on a click and back (a hung page would do neither). */
async function expectChartsAnswer(region: Locator): Promise<void> {
  const table = region.getByRole("button", { name: "Table", exact: true });
  await table.click();
  await expect(table).toHaveAttribute("aria-pressed", "true");
  await expect(region.getByRole("table", { name: "Session", exact: true })).toBeVisible();
  await table.click();
  await expect(table).toHaveAttribute("aria-pressed", "false");
}

/** The cell of a figures table in the row whose first cell is `first`, under the column headed `column`. */
async function cellOf(region: Locator, table: string, first: string, column: string): Promise<Locator> {
  const headers = await region
    .getByRole("table", { name: table, exact: true })
    .getByRole("columnheader")
    .allTextContents();
  const index = headers.map((h) => h.trim()).indexOf(column);
  expect(index, `column ${column} in ${headers.join(", ")}`).toBeGreaterThanOrEqual(0);
  return tableRow(region, table, first).getByRole("cell").nth(index);
}

test.describe("extreme times and durations (issue 31)", () => {
  test("a session file with times of 1e19 and round trips of 1e20 is refused naming its line; Charts still answers", async ({
    page,
    inspector,
  }, testInfo) => {
    const file = sessionFile(testInfo.outputPath("far.ndjson"), [
      packet(1, 1e19, { dir: "in", type: "EVENT", event: "tick", args: [1] }),
      packet(2, 1e19 + 2048, { dir: "in", type: "EVENT", event: "tick", args: [2] }),
      { seq: 3, t: 1e19, client: "alice", kind: "pong", rtt: 1e20 },
      { seq: 4, t: 1e19 + 2048, client: "alice", kind: "pong", rtt: 1e20 + 16384 },
    ]);
    await page.goto(inspector);
    await page.getByLabel("Open session file").setInputFiles(file);
    await expect(page.getByRole("toolbar", { name: "Timeline controls" }).getByRole("alert")).toHaveText(
      "far.ndjson, line 2: t must be a time in ms within ±8.64e15 of 1970 (the range of a date) (got the number 10000000000000000000)",
    );
    await expectChartsAnswer(await openCharts(page));
  });

  test("a HAR stamped at 1e19 ms (HAR times are not bounded by the session check) is charted; the page answers", async ({
    page,
    inspector,
  }, testInfo) => {
    // Chromium writes a message's time in seconds; from 1e11 on the inspector reads it as ms, so 1e19 is 1e19 ms.
    const message = (type: "send" | "receive", time: number, data: string) => ({ type, time, opcode: 1, data });
    const har = {
      log: {
        version: "1.2",
        creator: { name: "test", version: "1" },
        entries: [
          {
            startedDateTime: "2026-12-02T10:00:00.000Z",
            time: 1,
            request: { method: "GET", url: "ws://localhost:3000/socket.io/?EIO=4&transport=websocket" },
            response: { status: 101, content: { size: 0 } },
            _webSocketMessages: [
              message("receive", 1e19, '0{"sid":"s","upgrades":[],"pingInterval":25000,"pingTimeout":20000}'),
              message("send", 1e19, "40"),
              message("receive", 1e19, '40{"sid":"x"}'),
              message("receive", 1e19, '42["tick",1]'),
              message("send", 1e19, '421["save",1]'),
              message("receive", 1e19 + 2048, "431[true]"),
              message("receive", 1e19 + 2048, "2"),
              message("receive", 1e20, "2"),
              message("receive", 1e20, '42["tick",2]'),
            ],
          },
        ],
      },
    };
    const file = testInfo.outputPath("far.har");
    writeFileSync(file, JSON.stringify(har));
    await page.goto(inspector);
    await page.getByLabel("Open session file").setInputFiles(file);
    await expect(page.getByRole("status", { name: "Recorded session" })).toContainText("far.har (");
    const region = await openCharts(page);
    await expect(region.getByRole("img", { name: /^Events per second by namespace/ })).toBeVisible();
    await expect(region.getByRole("img", { name: /^Histogram of the ack latency of save/ })).toBeVisible();
    await expect(await cellOf(region, "Events by name", "tick", "in")).toHaveText("2");
    await expectChartsAnswer(region);
  });

  test("the largest values a session file may hold are charted: times at a date's end, round trips of 8.64e15 ms, an ack latency of 5e-324 ms", async ({
    page,
    inspector,
  }, testInfo) => {
    const end = 8.64e15;
    const file = sessionFile(testInfo.outputPath("edge.ndjson"), [
      packet(1, end - 1500, { dir: "in", type: "EVENT", event: "tick", args: [1] }),
      // An emit opens its pair under its own number (pair: its seq), as the observer writes it.
      packet(2, end - 1500, { dir: "out", type: "EVENT", event: "tiny", args: [], ackId: 1, pair: 2 }),
      packet(3, end - 1499, { dir: "in", type: "ACK", args: [], ackId: 1, pair: 2, latency: 5e-324 }),
      { seq: 4, t: end - 1000, client: "alice", kind: "pong", rtt: end },
      { seq: 5, t: end, client: "alice", kind: "pong", rtt: end },
      packet(6, end, { dir: "in", type: "EVENT", event: "tick", args: [2] }),
    ]);
    await page.goto(inspector);
    await page.getByLabel("Open session file").setInputFiles(file);
    await expect(page.getByRole("status", { name: "Recorded session" })).toContainText("edge.ndjson (6 rows");
    const region = await openCharts(page);
    await expect(region.getByRole("img", { name: /^Events per second by namespace/ })).toBeVisible();
    await expect(region.getByRole("img", { name: /^Ack latency per event/ })).toBeVisible();
    await expect(region.getByRole("img", { name: /^Ping round trip/ })).toBeVisible();
    await expectChartsAnswer(region);
  });
});
