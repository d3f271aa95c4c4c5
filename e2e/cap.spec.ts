// The timeline at its row bound (Max rows) under a real stream (issue 34): the toolbar says how many rows went, and a
// view resting on the oldest rows stays on them while the stream goes on.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "@playwright/test";
import { Server } from "socket.io";
import { connect, expect, openInspector, test } from "./support/fixtures";

/** A tick every 20 ms, numbered, for as long as the client stays. */
async function streamingServer() {
  const http = createServer();
  const io = new Server(http, { cors: { origin: "*" } });
  io.on("connection", (socket) => {
    let n = 0;
    const timer = setInterval(() => socket.emit("tick", { n: n++ }), 20);
    socket.on("disconnect", () => clearInterval(timer));
  });
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", () => r()));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    close: () => {
      io.close();
      http.closeAllConnections();
    },
  };
}

const counts = (page: Page) => page.getByRole("toolbar", { name: "Timeline controls" }).locator(".counts");
const kept = async (page: Page) => Number(/(\d+) kept/.exec((await counts(page).textContent()) ?? "")?.[1]);
const waiting = async (page: Page) => Number(/(\d+) waiting/.exec((await counts(page).textContent()) ?? "")?.[1] ?? 0);
const rowBoundNote = (page: Page) => page.getByRole("status", { name: "Row bound note" });
const letGo = async (page: Page) =>
  Number(/(\d+) oldest rows/.exec((await rowBoundNote(page).textContent()) ?? "")?.[1]);

/** The row at the top of the grid's view: its id and its text. */
const topRow = (page: Page) =>
  page.locator("#timeline-grid").evaluate((grid) => {
    const box = grid.getBoundingClientRect();
    const row = document.elementFromPoint(box.x + box.width / 2, box.y + 4)?.closest('[role="row"]');
    return { id: row?.id ?? "", text: row?.textContent ?? "" };
  });

async function atMaxRows(page: Page, inspector: string, url: string, maxRows: number) {
  await openInspector(page, inspector, url);
  await page.getByLabel("Max rows").fill(String(maxRows));
  await page.getByLabel("Max rows").dispatchEvent("change");
  await connect(page);
  await expect(rowBoundNote(page)).toBeVisible({ timeout: 15_000 });
}

test("at Max rows the toolbar counts the rows that went: with those kept, every row received", async ({
  page,
  inspector,
}) => {
  const server = await streamingServer();
  try {
    await atMaxRows(page, inspector, server.url, 100);
    await expect(rowBoundNote(page)).toHaveText(/^\s*\d+ oldest rows let go to keep 100 \(Max rows\)\s*$/);
    const first = await letGo(page);
    await expect.poll(() => letGo(page)).toBeGreaterThanOrEqual(first + 50); // a second of ticks went
    expect(await kept(page)).toBe(100);
    // The stream stops; the rows are numbered from 1 as they came: the oldest kept is the one after those that went,
    // and the newest is the last of them all.
    await page.getByRole("form", { name: "Connection" }).getByRole("button", { name: "Disconnect" }).click();
    await expect(page.getByRole("status", { name: "Connection status" })).toContainText("closed");
    const gone = await letGo(page);
    await expect(page.locator("#timeline-grid")).toHaveAttribute("data-newest-seq", String(gone + 100));
    await page.locator("#timeline-grid").focus();
    await page.keyboard.press("Home");
    await expect.poll(async () => (await topRow(page)).id).toBe(`row-${gone + 1}`);
  } finally {
    server.close();
  }
});

test("at Max rows a view resting on the oldest rows stays on them while ticks come; following again, they come in", async ({
  page,
  inspector,
}) => {
  const server = await streamingServer();
  try {
    await atMaxRows(page, inspector, server.url, 100);
    const grid = page.locator("#timeline-grid");
    await grid.focus();
    await page.keyboard.press("Home"); // the keyboard's row goes to the oldest row: the view rests there
    await expect.poll(async () => (await topRow(page)).text).toContain("tick");
    const before = await topRow(page);
    // A second of ticks: they wait, and the jump button counts them.
    await expect.poll(() => waiting(page)).toBeGreaterThanOrEqual(50);
    expect(await topRow(page)).toEqual(before);
    expect(await kept(page)).toBe(100);
    await expect(page.getByRole("button", { name: /newer rows ↓/ })).toBeVisible();
    // Back to the newest row: what waited comes in, the oldest rows go, and the note counts them.
    const goneBefore = await letGo(page);
    await page.getByRole("button", { name: /newer rows ↓/ }).click();
    await expect.poll(() => letGo(page)).toBeGreaterThanOrEqual(goneBefore + 50);
    await expect(page.locator(`#${before.id}`)).toHaveCount(0);
  } finally {
    server.close();
  }
});

test("at Max rows a view scrolled up among the rows stays on its rows while the oldest go above it", async ({
  page,
  inspector,
}) => {
  const server = await streamingServer();
  try {
    await atMaxRows(page, inspector, server.url, 300);
    await expect.poll(() => letGo(page)).toBeGreaterThan(0);
    const grid = page.locator("#timeline-grid");
    const box = (await grid.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, -2400); // a hundred rows up: two hundred rows above the view
    await page.mouse.move(box.x - 100 < 0 ? 1 : box.x - 100, 5); // the pointer leaves the rows
    await expect.poll(async () => (await topRow(page)).text).toContain("tick");
    const before = await topRow(page);
    const goneBefore = await letGo(page);
    await expect.poll(() => letGo(page)).toBeGreaterThanOrEqual(goneBefore + 50);
    expect(await topRow(page)).toEqual(before);
  } finally {
    server.close();
  }
});
