// The timeline under a live stream: what the pointer and the keyboard are on stays where it is.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "@playwright/test";
import { Server } from "socket.io";
import { axeViolations } from "./support/axe";
import { connect, expect, openInspector, rows, test } from "./support/fixtures";

/** A server with some history (60 events at once), then a tick every 100 ms. */
async function streamingServer() {
  const http = createServer();
  const io = new Server(http, { cors: { origin: "*" } });
  io.on("connection", (socket) => {
    for (let i = 0; i < 60; i++) socket.emit("seed", i);
    let n = 0;
    const timer = setInterval(() => socket.emit("tick", n++), 100);
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

/** The newest row's record number, which the grid carries whether or not that row is drawn. */
const newestSeq = async (page: Page) => Number(await page.locator("#timeline-grid").getAttribute("data-newest-seq"));

/** Resolves once `count` more rows have come to the timeline than when it was called. */
async function rowsCame(page: Page, count: number): Promise<void> {
  const from = await newestSeq(page);
  expect(from).toBeGreaterThan(0);
  await expect.poll(() => newestSeq(page)).toBeGreaterThanOrEqual(from + count);
}

/** The row under a point of the page, by its record's id. */
const rowIdAt = (page: Page, x: number, y: number) =>
  page.evaluate(([px, py]) => document.elementFromPoint(px, py)?.closest('[role="row"]')?.id ?? "", [x, y] as const);

test("a row the pointer rests on stays under it while ticks flow; the newer rows are counted, and a click opens that row", async ({
  page,
  inspector,
}) => {
  const server = await streamingServer();
  try {
    await openInspector(page, inspector, server.url);
    await connect(page);
    await expect(rows(page).filter({ hasText: "tick" }).first()).toBeAttached();
    // Ticks flow; the pointer goes to a row in the middle of the view and rests there.
    const grid = page.locator("#timeline-grid");
    const box = (await grid.boundingBox())!;
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    await page.mouse.move(x, y);
    const pointed = await rowIdAt(page, x, y);
    expect(pointed).toMatch(/^row-/);
    const jump = page.getByRole("button", { name: /newer rows? ↓/ });
    await expect(jump).toHaveText(/^\s*([5-9]|\d\d+) newer rows ↓/); // ticks came meanwhile, and are counted
    expect(await rowIdAt(page, x, y)).toBe(pointed);
    // A click lands on the row that was pointed at, and its detail opens.
    await page.mouse.click(x, y);
    await expect(page.locator(`#${pointed}`)).toHaveAttribute("aria-selected", "true");
    const heading = await page.locator(`#${pointed} .c-event`).textContent();
    await expect(page.getByRole("complementary", { name: "Row detail" }).locator("#row-detail")).toContainText(
      heading ?? "?",
    );
    // Selected, the row stays even once the pointer leaves, while ticks come; the jump button goes back to the newest
    // row.
    await page.mouse.move(box.x - 200 < 0 ? 1 : box.x - 200, 5);
    await rowsCame(page, 5);
    expect(await rowIdAt(page, x, y)).toBe(pointed);
    await jump.click();
    await expect(jump).toHaveCount(0);
    await expect(rows(page).last()).toContainText("tick");
  } finally {
    server.close();
  }
});

test("at Max rows, the oldest rows leave while the pointer rests: the row under it stays under it", async ({
  page,
  inspector,
}) => {
  const server = await streamingServer();
  try {
    await openInspector(page, inspector, server.url);
    await page.getByLabel("Max rows").fill("100");
    await page.getByLabel("Max rows").dispatchEvent("change");
    await connect(page);
    await expect(page.getByText(/\d+ kept/)).toContainText("100 kept", { timeout: 15_000 });
    const box = (await page.locator("#timeline-grid").boundingBox())!;
    const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
    await page.mouse.move(x, y);
    const pointed = await rowIdAt(page, x, y);
    // Ten rows came (a second of ticks), and ten of the oldest left.
    await rowsCame(page, 10);
    await expect(page.getByText(/\d+ kept/)).toContainText("100 kept");
    expect(await rowIdAt(page, x, y)).toBe(pointed);
  } finally {
    server.close();
  }
});

test("the keyboard's active row scrolled out of the rendered rows leaves no aria-activedescendant to a missing element", async ({
  page,
  inspector,
}) => {
  const server = await streamingServer();
  try {
    await openInspector(page, inspector, server.url);
    await connect(page);
    await expect(rows(page).filter({ hasText: "tick" }).first()).toBeAttached();
    const grid = page.locator("#timeline-grid");
    await grid.focus();
    await page.keyboard.press("Home"); // the oldest row is active (and selected with Enter)
    await page.keyboard.press("Enter");
    await grid.focus();
    const active = await grid.getAttribute("aria-activedescendant");
    expect(active).toMatch(/^row-\d+$/);
    await expect(page.locator(`#${active}`)).toHaveCount(1);
    // The user scrolls to the newest rows with the wheel: the active row is far above the rendered ones. Done once
    // that row has left the rendered ones; the grid, drawn with them, then names no active row.
    const box = (await grid.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, 100_000);
    await expect(page.locator(`#${active}`)).toHaveCount(0);
    await expect(grid).not.toHaveAttribute("aria-activedescendant");
    expect((await axeViolations(page)).filter((v) => v.startsWith("aria-valid-attr-value"))).toEqual([]);
  } finally {
    server.close();
  }
});
