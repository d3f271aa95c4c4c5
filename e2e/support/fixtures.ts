import { test as base, expect, type Locator, type Page } from "@playwright/test";
import { preview, type PreviewServer } from "vite";
import { startDemoServer } from "../../demo/server.mjs";
import type { Server } from "socket.io";

interface Demo {
  url: string;
  io: Server;
  close(): Promise<void>;
}

/**
 * `inspector`: the built inspector (dist/inspector), served by Vite's preview server on a random port, once per worker.
 * `demo`: a fresh demo socket.io server on a random loopback port for each test, with fast ticks and pings.
 */
export const test = base.extend<{ demo: Demo; pageErrors: string[] }, { inspector: string }>({
  // Nothing a server sends may break the page: any uncaught error in the page fails the test.
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("pageerror", (err) => errors.push(err.message));
      // Errors inside Vue components are caught by the app's error handler, which logs them with this prefix.
      page.on(
        "console",
        (msg) => msg.type() === "error" && msg.text().startsWith("inspector:") && errors.push(msg.text()),
      );
      await use(errors);
      expect(errors, "uncaught errors in the page").toEqual([]);
    },
    { auto: true },
  ],
  inspector: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const server: PreviewServer = await preview({
        preview: { port: 0, host: "127.0.0.1" },
        build: { outDir: "dist/inspector" },
        logLevel: "silent",
      });
      const url = server.resolvedUrls?.local[0];
      if (!url) throw new Error("the preview server has no URL");
      await use(url);
      await server.close();
    },
    { scope: "worker" },
  ],
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern; it has none.
  demo: async ({}, use) => {
    const demo = (await startDemoServer({ port: 0, tickMs: 250, pingInterval: 400 })) as Demo;
    await use(demo);
    await demo.close();
  },
});

export { expect };

/**
 * The inspector told of a demo server at `demoUrl` (`?demo=`): it opens pointed at it, with its namespaces and its
 * preset, as `npm run dev` opens on the embedded demo. Without it the page opens on Socket.IO's default address with
 * "/" alone and no preset, as the installed tool does.
 */
export const withDemo = (inspector: string, demoUrl: string) =>
  `${inspector}${inspector.includes("?") ? "&" : "?"}demo=${encodeURIComponent(demoUrl)}`;

/**
 * Opens the inspector and points it at `serverUrl`, with "/" alone; `asDemo`: `serverUrl` is the demo fixture, and the
 * page is told so (its namespaces and preset, see withDemo).
 */
export async function openInspector(
  page: Page,
  inspector: string,
  serverUrl: string,
  { asDemo = false } = {},
): Promise<void> {
  await page.goto(asDemo ? withDemo(inspector, serverUrl) : inspector);
  await page.getByLabel("Server URL").fill(serverUrl);
}

/** Sets fast, deterministic reconnection in the Options panel. */
export async function fastReconnection(page: Page): Promise<void> {
  await page.getByText("Options").click();
  await page.getByLabel("Reconnection delay (ms)", { exact: true }).fill("200");
  await page.getByLabel("Randomization factor").fill("0");
}

/** Submits the connection form: its button says Reconnect while a connection is live or retrying. */
export async function connect(page: Page): Promise<void> {
  await page
    .getByRole("form", { name: "Connection" })
    .getByRole("button", { name: /^(Connect|Reconnect)$/ })
    .click();
  await expect(page.getByRole("status", { name: "Connection status" })).toContainText("open");
}

/**
 * Clicks a timeline row as a person does: the pointer comes to rest on the rows first (the timeline stops following
 * then), and the click goes to the row found after that. A click straight from elsewhere could land on a row that a
 * live stream moved in between.
 */
export async function clickRow(row: Locator): Promise<void> {
  const page = row.page();
  await page.locator("#timeline-grid").hover({ position: { x: 4, y: 4 } });
  // The list recycles its row elements by position: scrolled to the row first, and given two frames to draw what
  // the scroll shows, so that the click (which finds the row again) lands on it and not on the element that showed
  // it before the scroll.
  await row.scrollIntoViewIfNeeded();
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await row.click();
}

/** Timeline rows, as locators. */
export function rows(page: Page) {
  return page.getByRole("region", { name: "Timeline" }).getByRole("row");
}

/** The row of an event by name and direction ("in" or "out"). */
export function eventRow(page: Page, event: string, dir: "in" | "out") {
  return rows(page)
    .filter({ has: page.locator(".c-event").getByText(event, { exact: true }) })
    .and(page.locator(`[data-dir="${dir}"]`));
}

/** Emits from the composer as one of several clients, with text arguments. */
export async function emitAs(page: Page, client: string, event: string, ...args: string[]): Promise<void> {
  await page.getByLabel("Client", { exact: true }).selectOption(client);
  await page.getByLabel("Event name").fill(event);
  for (const [i, value] of args.entries()) {
    if (!(await page.getByLabel(`Argument ${i + 1}`, { exact: true }).count()))
      await page.getByRole("button", { name: "Add argument" }).click();
    await page.getByLabel(`Argument ${i + 1} type`).selectOption("text");
    await page.getByLabel(`Argument ${i + 1}`, { exact: true }).fill(value);
  }
  await page.getByRole("button", { name: "Emit", exact: true }).click();
}
