// The browser extension (dist/extension, built by `npm run build`) loaded into Chromium with --load-extension, against
// app pages on the official client served by their own socket.io servers. Playwright does not offer DevTools' window
// or the panels in it as pages: most tests drive the panel's tab form, panel.html?tab=<id> (the same page and code,
// bound to the app's tab from the extension's tab chooser), with Playwright; "inside DevTools" opens DevTools
// (headless, --auto-open-devtools-for-tabs) and drives the panel there over the DevTools protocol.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium, type BrowserContext, type Page } from "@playwright/test";
import { CHROMIUM_ARGS, chromiumExecutable } from "../scripts/chromium.mjs";
import type { TimelineRecord } from "../src/core/feed/records";
import { decodeSession } from "../src/core/files/session-file";
import { axeViolations } from "./support/axe";
import { devToolsOf, frameAt, showPanel } from "./support/devtools";
import { extensionApp, type Logged } from "./support/extension-app";
import { eventRow, expect, rows, test as base } from "./support/fixtures";

const EXTENSION = resolve("dist/extension");

interface Extension {
  context: BrowserContext;
  /** The extension's id, read off its background worker's address. */
  id: string;
}

const test = base.extend<{ extension: Extension; browserArgs: string[] }>({
  /** More Chromium flags for a describe block (DevTools opened with each tab). */
  browserArgs: [[], { option: true }],
  extension: async ({ browserArgs }, use) => {
    const profile = mkdtempSync(join(tmpdir(), "extension-profile-"));
    const executablePath = chromiumExecutable();
    const context = await chromium.launchPersistentContext(profile, {
      // Playwright's own Chromium runs extensions headless only as its "chromium" channel (not the headless shell).
      ...(executablePath ? { executablePath } : { channel: "chromium" }),
      headless: true,
      viewport: { width: 1440, height: 900 },
      args: [
        ...CHROMIUM_ARGS,
        ...browserArgs,
        `--disable-extensions-except=${EXTENSION}`,
        `--load-extension=${EXTENSION}`,
      ],
    });
    // Nothing may fail in the extension's pages: an uncaught error, a Vue error, or a refusal of the content
    // security policy (Chromium logs each as an error on the page's console).
    const errors: string[] = [];
    const listen = (page: Page) => {
      page.on("pageerror", (err) => page.url().startsWith("chrome-extension:") && errors.push(err.message));
      page.on(
        "console",
        (m) => m.type() === "error" && page.url().startsWith("chrome-extension:") && errors.push(m.text()),
      );
    };
    context.on("page", listen);
    const isOurs = (url: string) => url.startsWith("chrome-extension://");
    const worker =
      context.serviceWorkers().find((w) => isOurs(w.url())) ??
      (await context.waitForEvent("serviceworker", { predicate: (w) => isOurs(w.url()) }));
    await use({ context, id: new URL(worker.url()).host });
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    expect(errors, "errors in the extension's pages").toEqual([]);
  },
});

/** A tab on the app server's waiting page, and the panel's tab form bound to it from the chooser. */
async function recordNewTab(extension: Extension, appUrl: string): Promise<{ tab: Page; panel: Page }> {
  const tab = await extension.context.newPage();
  await tab.goto(`${appUrl}/waiting`);
  return { tab, panel: await recordTab(extension, `${appUrl}/waiting`) };
}

/** Opens the tab chooser (the toolbar button's page) and picks the tab at `url`: the tab form records it. */
async function recordTab(extension: Extension, url: string): Promise<Page> {
  const panel = await extension.context.newPage();
  await panel.goto(`chrome-extension://${extension.id}/panel.html`);
  await panel
    .getByRole("list", { name: "Tabs" })
    .getByRole("listitem")
    .filter({ hasText: url })
    .getByRole("link")
    .click();
  await expect(status(panel)).toContainText("Recording");
  return panel;
}

const status = (panel: Page) => panel.getByRole("status", { name: "Recording status" });
const detail = (panel: Page) => panel.getByRole("complementary", { name: "Row detail" });

/** The panel's records, as its Export session writes them. */
async function exported(panel: Page): Promise<TimelineRecord[]> {
  const [download] = await Promise.all([
    panel.waitForEvent("download"),
    panel.getByRole("button", { name: "Export session" }).click(),
  ]);
  return decodeSession(readFileSync(await download.path(), "utf8"), download.suggestedFilename());
}

/** Binary as its bytes, so that a server's Buffer and a record's Uint8Array compare alike. */
function plain(value: unknown): unknown {
  if (value instanceof ArrayBuffer) return { bytes: [...new Uint8Array(value)] };
  if (ArrayBuffer.isView(value))
    return { bytes: [...new Uint8Array(value.buffer, value.byteOffset, value.byteLength)] };
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

/** The events and acks of records, in the server log's form. */
function traffic(records: TimelineRecord[]): Logged[] {
  return records.flatMap((r): Logged[] => {
    if (r.kind !== "packet") return [];
    if (r.type === "EVENT" || r.type === "BINARY_EVENT")
      return [{ nsp: r.nsp, dir: r.dir, kind: "event", event: r.event ?? "", args: r.args ?? [] }];
    if (r.type === "ACK" || r.type === "BINARY_ACK")
      return [{ nsp: r.nsp, dir: r.dir, kind: "ack", args: r.args ?? [] }];
    return [];
  });
}

/**
 * Attaches the debugger to the tab at `tabUrl` from another of the extension's pages, and lets go at once: refused
 * (with the browser's words) while the extension holds that tab's debugger.
 */
const attach = (page: Page, tabUrl: string) =>
  page.evaluate(async (url) => {
    const api = (globalThis as unknown as { chrome: { debugger: ChromeDebugger } }).chrome.debugger;
    const target = (await api.getTargets()).find((t) => t.url === url);
    try {
      await api.attach({ tabId: target?.tabId }, "1.3");
      await api.detach({ tabId: target?.tabId });
      return "attached";
    } catch (err) {
      return (err as Error).message;
    }
  }, tabUrl);

/** A log in one order, compared as plain values. */
const sorted = (log: Logged[]) => log.map((e) => JSON.stringify(plain(e))).sort();

test("a socket.io-client 4 app: its events and acks with their arguments as the server logged them, across the upgrade, a second namespace and a reconnection", async ({
  extension,
}) => {
  test.setTimeout(60_000);
  const app = await extensionApp("v4");
  try {
    const { tab, panel } = await recordNewTab(extension, app.url);
    await expect(panel.getByLabel("Why the browser shows a banner")).toContainText(
      "that is why the browser says the extension “started debugging this browser”",
    );
    await tab.goto(app.url);
    await expect(tab).toHaveTitle("done 1");
    app.cut();
    await expect(tab).toHaveTitle("done 2");
    await expect(status(panel)).toContainText("2 Socket.IO connections");

    // The rows: each connection's handshake over polling and its upgrade; /chat on the same connection; each hello
    // with its ack as the reply; the cut as the first connection's close.
    await expect(rows(panel).and(panel.locator('[data-kind="handshake"]'))).toHaveCount(2);
    await expect(rows(panel).and(panel.locator('[data-kind="upgrade"]'))).toHaveCount(2);
    await expect(eventRow(panel, "say", "out").locator(".c-nsp")).toHaveText(["/chat", "/chat"]);
    await expect(eventRow(panel, "hello", "out").locator(".c-reply")).toHaveText([/^ack /, /^ack /]);
    await expect(rows(panel).and(panel.locator('[data-kind="close"]')).locator(".c-text")).toContainText([
      "the WebSocket closed without an Engine.IO close packet",
    ]);

    // Every event and ack, with its arguments, as the server logged it (binary as bytes), and nothing else.
    await expect.poll(() => app.log.length).toBe(16);
    await expect.poll(async () => sorted(traffic(await exported(panel)))).toEqual(sorted(app.log));

    // A row's detail: the arguments as a tree, the ack beside its emit.
    await eventRow(panel, "hello", "out").first().click();
    await expect(detail(panel).getByRole("region", { name: "Arguments" })).toContainText('"héllo"');
    await expect(detail(panel).getByRole("region", { name: "Reply" })).toContainText("ok: true");
    // The filter and search are the inspector's: a namespace the rows have, and a payload's text.
    const cells = (column: string) => rows(panel).locator(column).allTextContents();
    await panel.getByLabel("Namespace filter").selectOption("/chat");
    // Rows of no namespace (the engine's: handshake, upgrade, pings) stay, as in the inspector.
    await expect.poll(async () => new Set(await cells(".c-nsp"))).toEqual(new Set(["/chat", ""]));
    await expect(eventRow(panel, "heard", "in")).toHaveCount(2);
    await panel.getByLabel("Namespace filter").selectOption("");
    await panel.getByLabel("Filter", { exact: true }).fill("answer to why");
    await expect.poll(() => cells(".c-kind")).toEqual(["ack", "ack"]);
  } finally {
    app.close();
  }
});

test("a reload of the recorded page is a row, and the rows before it stay; two panels of a tab record together, and the debugger lets go with the last one", async ({
  extension,
}) => {
  test.setTimeout(60_000);
  const app = await extensionApp("v4");
  try {
    const { tab, panel } = await recordNewTab(extension, app.url);
    await tab.goto(app.url);
    await expect(tab).toHaveTitle("done 1");
    const second = await recordTab(extension, app.url);
    await tab.reload();
    await expect(tab).toHaveTitle("done 1");
    await expect(eventRow(panel, "hello", "out")).toHaveCount(2);
    const notes = rows(panel).and(panel.locator('[data-kind="page"]')).locator(".c-text");
    await expect(notes).toHaveText([
      `recording started: ${app.url}/waiting`,
      `page navigated from ${app.url}/waiting to ${app.url}/ (the rows above are kept)`,
      `page reloaded: ${app.url}/ (the rows above are kept; its connections start again below)`,
    ]);
    // The second panel came after the first round: it has the round after the reload.
    await expect(eventRow(second, "hello", "out")).toHaveCount(1);

    // While a panel of the tab is open, the extension holds the tab's debugger: another attach is refused...
    const chooser = await extension.context.newPage();
    await chooser.goto(`chrome-extension://${extension.id}/panel.html`);
    await panel.close();
    await tab.reload();
    await expect(tab).toHaveTitle("done 1");
    await expect(eventRow(second, "hello", "out")).toHaveCount(2);
    expect(await attach(chooser, `${app.url}/`)).toContain("Another debugger is already attached");
    // ...and once the last one closes, it is let go.
    await second.close();
    await expect.poll(() => attach(chooser, `${app.url}/`)).toBe("attached");
  } finally {
    app.close();
  }
});

interface ChromeDebugger {
  getTargets(): Promise<Array<{ url: string; tabId?: number }>>;
  attach(target: { tabId?: number }, version: string): Promise<void>;
  detach(target: { tabId?: number }): Promise<void>;
}

for (const kind of ["v2", "msgpack"] as const) {
  test(`a ${kind === "v2" ? "socket.io-client 2 app (Engine.IO 3)" : "msgpack app"}: decoded, its events and acks as the server logged them, binary shown as binary`, async ({
    extension,
  }) => {
    test.setTimeout(60_000);
    const app = await extensionApp(kind);
    try {
      const { tab, panel } = await recordNewTab(extension, app.url);
      await tab.goto(app.url);
      await expect(tab).toHaveTitle("done 1");
      await expect(rows(panel).and(panel.locator('[data-kind="handshake"]')).locator(".c-text")).toContainText(
        kind === "v2" ? "Engine.IO 3" : "Engine.IO 4",
      );
      await expect(rows(panel).and(panel.locator('[data-kind="undecoded"]'))).toHaveCount(0);
      await expect.poll(() => app.log.length).toBe(8);
      await expect.poll(async () => sorted(traffic(await exported(panel)))).toEqual(sorted(app.log));
      await eventRow(panel, "bin", "out").click();
      await detail(panel)
        .getByRole("button", { name: /0: binary 4 B/ })
        .click();
      await expect(detail(panel).getByLabel("Binary, 4 bytes")).toContainText("01 02 03 01");
    } finally {
      app.close();
    }
  });
}

test("the session exported from the panel opens in the inspector, and the hand-off opens it in a running inspector", async ({
  extension,
  page,
  inspector,
}) => {
  test.setTimeout(60_000);
  const app = await extensionApp("v4");
  try {
    const { tab, panel } = await recordNewTab(extension, app.url);
    await tab.goto(app.url);
    await expect(tab).toHaveTitle("done 1");
    await expect(eventRow(panel, "heard", "in")).toHaveCount(1);

    // Exported, then opened in the inspector as a file.
    const [download] = await Promise.all([
      panel.waitForEvent("download"),
      panel.getByRole("button", { name: "Export session" }).click(),
    ]);
    const file = join(mkdtempSync(join(tmpdir(), "panel-export-")), download.suggestedFilename());
    await download.saveAs(file);
    await page.goto(inspector);
    await page.getByLabel("Open session file").setInputFiles(file);
    await expect(page.getByRole("status", { name: "Recorded session" })).toContainText(download.suggestedFilename());
    await expect(eventRow(page, "hello", "out").locator(".c-reply")).toHaveText(/^ack /);
    await expect(eventRow(page, "say", "out").locator(".c-nsp")).toHaveText("/chat");

    // Handed over: the panel opens the inspector's address, which takes the session from the extension's page.
    await panel.getByLabel("Inspector address").fill(inspector);
    const [opened] = await Promise.all([
      extension.context.waitForEvent("page"),
      panel.getByRole("button", { name: "Open in the inspector" }).click(),
    ]);
    const recorded = opened.getByRole("status", { name: "Recorded session" });
    await expect(recorded).toContainText(`DevTools panel: ${app.url}/waiting`);
    await expect(eventRow(opened, "hello", "out").locator(".c-reply")).toHaveText(/^ack /);
    const count = /\((\d+) rows/.exec((await recorded.textContent()) ?? "")?.[1];
    await expect(panel.getByRole("status", { name: "Hand-off status" })).toHaveText(
      `Opened in the inspector at ${new URL(inspector).origin}: ${count} rows`,
    );
    // An address that is not one is refused where it is typed, and nothing opens.
    await panel.getByLabel("Inspector address").fill("javascript:alert(1)");
    await panel.getByRole("button", { name: "Open in the inspector" }).click();
    await expect(panel.getByRole("alert")).toHaveText(
      "The inspector's address must start with http:// or https:// (this one is javascript:)",
    );
  } finally {
    app.close();
  }
});

test("memory stays within Max MB: a heavy app's oldest rows go, and the panel says so; its tab closed, the rows stay", async ({
  extension,
}) => {
  test.setTimeout(60_000);
  const app = await extensionApp("v4");
  try {
    const { tab, panel } = await recordNewTab(extension, app.url);
    await panel.getByLabel("Max MB").fill("16");
    await panel.getByLabel("Max MB").press("Enter");
    await tab.goto(app.url);
    await expect(tab).toHaveTitle("done 1");
    app.flood(40, 1024 * 1024);
    await expect(eventRow(panel, "big", "in").last().locator(".c-text")).toContainText("39, ");
    await expect(panel.getByRole("status", { name: "Memory note" })).toContainText(
      "oldest rows let go to stay within 16 MB (Max MB)",
    );
    const kept = await panel.getByRole("toolbar", { name: "Timeline controls" }).locator(".counts").textContent();
    expect(Number(/(\d+) kept/.exec(kept ?? "")?.[1])).toBeLessThan(40);
    await tab.close();
    await expect(status(panel)).toHaveText(/Not recording: the tab closed\. The rows stay\./);
    await expect(eventRow(panel, "big", "in").last().locator(".c-text")).toContainText("39, ");
  } finally {
    app.close();
  }
});

test("the panel passes axe-core in both themes, wide and docked narrow, with a row's detail open", async ({
  extension,
}) => {
  test.setTimeout(60_000);
  const app = await extensionApp("v4");
  try {
    const { tab, panel } = await recordNewTab(extension, app.url);
    await tab.goto(app.url);
    await expect(tab).toHaveTitle("done 1");
    for (const [width, height] of [
      [1440, 900],
      [480, 900],
    ] as const) {
      await panel.setViewportSize({ width, height });
      for (const colorScheme of ["dark", "light"] as const) {
        await panel.emulateMedia({ colorScheme });
        await eventRow(panel, "hello", "out").click();
        await expect(detail(panel).getByRole("heading", { name: /hello/ })).toBeVisible();
        expect(await axeViolations(panel), `${width} px, ${colorScheme}`).toEqual([]);
        await panel.keyboard.press("Escape");
      }
    }
  } finally {
    app.close();
  }
});

test.describe("inside DevTools", () => {
  // DevTools opens with each tab, headless too: its front-end and the panel's frame are reached over the protocol.
  test.use({ browserArgs: ["--auto-open-devtools-for-tabs"] });

  test("the panel records the inspected tab; Open in a tab opens its tab form bound to that tab; closing DevTools lets the debugger go", async ({
    extension,
  }) => {
    test.setTimeout(60_000);
    const app = await extensionApp("v4");
    try {
      const tab = await extension.context.newPage();
      await tab.goto(`${app.url}/waiting`);
      const cdp = await extension.context.newCDPSession(tab);
      const { front, targetId } = await devToolsOf(cdp, tab);
      await showPanel(front, extension.id, "Socket.IO");
      const panel = await frameAt(cdp, `chrome-extension://${extension.id}/panel.html`);
      const panelText = (selector: string) =>
        panel.evaluate<string[]>(
          `[...document.querySelectorAll(${JSON.stringify(selector)})].map((e) => e.textContent)`,
        );
      await expect
        .poll(() => panelText('[aria-label="Recording status"]'))
        .toEqual([expect.stringContaining("Recording waiting")]);
      await tab.goto(app.url);
      await expect(tab).toHaveTitle("done 1");
      await expect
        .poll(() => panelText('[role="row"][data-kind="event+ack"][data-dir="out"] .c-reply'))
        .toEqual([expect.stringMatching(/^ack \d/)]);

      const [form] = await Promise.all([
        extension.context.waitForEvent("page"),
        panel.evaluate(
          `[...document.querySelectorAll("button")].find((b) => b.textContent.trim() === "Open in a tab").click()`,
        ),
      ]);
      await expect(form).toHaveURL(new RegExp(`^chrome-extension://${extension.id}/panel\\.html\\?tab=\\d+$`));
      await expect(status(form)).toContainText("Recording done 1");
      await tab.reload();
      await expect(tab).toHaveTitle("done 1");
      await expect(eventRow(form, "hello", "out")).toHaveCount(1);
      await expect
        .poll(() => panelText('[data-kind="event+ack"][data-dir="out"] .c-event'))
        .toEqual(["hello", "hello"]);

      // The tab form closed, DevTools' panel still holds the debugger; DevTools closed, it is let go.
      await form.close();
      const chooser = await extension.context.newPage();
      await chooser.goto(`chrome-extension://${extension.id}/panel.html`);
      expect(await attach(chooser, `${app.url}/`)).toContain("Another debugger is already attached");
      await cdp.send("Target.closeTarget", { targetId });
      await expect.poll(() => attach(chooser, `${app.url}/`)).toBe("attached");
    } finally {
      app.close();
    }
  });
});
