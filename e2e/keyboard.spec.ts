import type { Locator, Page } from "@playwright/test";
import { eventRow, expect, test, withDemo } from "./support/fixtures";

/** Presses Tab (or Shift+Tab) until `target` has the focus: the way a keyboard user gets there. */
async function tabTo(page: Page, target: Locator, { back = false, max = 120 } = {}): Promise<number> {
  for (let presses = 0; presses < max; presses++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return presses;
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
  }
  throw new Error(`not reached with ${back ? "Shift+Tab" : "Tab"} in ${max} presses`);
}

const activeRowText = (page: Page) =>
  page.evaluate(() => {
    const grid = document.getElementById("timeline-grid");
    const id = grid?.getAttribute("aria-activedescendant");
    return id ? (document.getElementById(id)?.textContent ?? "") : "";
  });

test("keyboard only: connect, send an emit, reach the timeline, move with the arrows, open a row, answer the server's ack", async ({
  page,
  inspector,
  demo,
}) => {
  // Told of the demo: its preset's saved emits say which events expect an ack.
  await page.goto(withDemo(inspector, demo.url));
  // The first stop is the skip link to the timeline.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to the timeline" })).toBeFocused();

  // Connect: the Server URL field, then Enter submits the connection form.
  await tabTo(page, page.getByLabel("Server URL"));
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type(demo.url);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status", { name: "Connection status" })).toContainText("open");

  // Back to the top, then the skip link to the composer.
  await tabTo(page, page.getByRole("link", { name: "Skip to the composer" }), { back: true });
  await page.keyboard.press("Enter");
  await expect(page.getByRole("form", { name: "Emit composer" })).toBeFocused();
  await tabTo(page, page.getByLabel("Event name"));
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type("ask-me");
  // ask-me answers with no ack (the demo preset's saved emit says so): the box follows the event typed.
  await expect(page.getByLabel("Expect ack")).not.toBeChecked();
  await page.keyboard.press("ControlOrMeta+Enter");
  await expect(eventRow(page, "question", "in")).toHaveCount(1);

  // The timeline: one tab stop; arrows move the active row.
  await tabTo(page, page.getByRole("link", { name: "Skip to the timeline" }), { back: true });
  await page.keyboard.press("Enter");
  const grid = page.getByRole("grid", { name: "Timeline rows" });
  await expect(grid).toBeFocused();
  await page.keyboard.press("End");
  const newest = await activeRowText(page);
  await page.keyboard.press("ArrowUp");
  expect(await activeRowText(page)).not.toBe(newest);
  await page.keyboard.press("Home");
  expect(await activeRowText(page)).toContain("handshake");
  await page.keyboard.press("PageDown");
  expect(await activeRowText(page)).not.toContain("handshake");
  // Find the server's question, as a user would: down, row by row.
  await page.keyboard.press("Home");
  for (let i = 0; i < 200 && !/question/.test(await activeRowText(page)); i++) await page.keyboard.press("ArrowDown");
  expect(await activeRowText(page)).toContain("question");
  // The active row is visibly marked while the grid has the keyboard's focus.
  const outline = await page.evaluate(() => {
    const id = document.getElementById("timeline-grid")?.getAttribute("aria-activedescendant");
    const row = id ? document.getElementById(id) : null;
    return row ? getComputedStyle(row).outlineStyle : "no row";
  });
  expect(outline).toBe("solid");

  // Enter opens its detail, and the focus goes there.
  await page.keyboard.press("Enter");
  const detail = page.getByRole("complementary", { name: "Row detail" });
  await expect(detail.getByRole("heading", { level: 2 })).toBeFocused();
  await tabTo(page, page.getByLabel("Ack arguments (JSON array)"));
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type('["roger"]');
  await page.keyboard.press("Enter");
  await expect(detail).toContainText("Ack sent");

  // Escape returns the focus to the timeline, on the same row.
  await page.keyboard.press("Escape");
  await expect(grid).toBeFocused();
  expect(await activeRowText(page)).toContain("question");
  // End goes to the newest rows (the view follows again): the server got the answer. (Checked here rather than at
  // once: rows that came while the arrows moved are below the view, and not rendered until it gets there.)
  await page.keyboard.press("End");
  await expect(eventRow(page, "answer-received", "in").last()).toContainText("roger");
});
