import { readFileSync, writeFileSync } from "node:fs";
import { connect, expect, openInspector, test, withDemo } from "./support/fixtures";
import type { Page } from "@playwright/test";

/** Waits until the preset list shows exactly these names (presets load asynchronously at start). */
const expectPresets = (page: Page, names: string[]) =>
  expect(page.getByLabel("Preset", { exact: true }).locator("option:not([disabled])")).toHaveText(names);
const storedPresets = (page: Page) => page.evaluate(() => localStorage.getItem("socketio-inspector:presets"));

test.describe("presets", () => {
  test("a page told of the demo server has its preset on first start", async ({ page, inspector, demo }) => {
    await page.goto(withDemo(inspector, demo.url));
    await expectPresets(page, ["Demo server"]);
  });

  test("delete says so in a toast with Undo; the demo preset can be restored after a reload", async ({
    page,
    inspector,
    demo,
  }) => {
    await page.goto(withDemo(inspector, demo.url));
    await expectPresets(page, ["Demo server"]);
    await page.getByLabel("Preset", { exact: true }).selectOption("Demo server");
    await page.getByRole("button", { name: "Delete", exact: true }).click();
    const toasts = page.getByRole("status", { name: "Messages" });
    await expect(toasts).toContainText("Deleted “Demo server”");
    await expectPresets(page, []);
    await toasts.getByRole("button", { name: "Undo" }).click();
    await expectPresets(page, ["Demo server"]);
    await expect(page.getByRole("status", { name: "Preset notice" })).toHaveText("Restored “Demo server”");

    // Deleted for good (the toast is gone after a reload): the button brings the shipped one back.
    await page.getByRole("button", { name: "Delete", exact: true }).click();
    await page.reload();
    await expectPresets(page, []);
    await page.getByRole("button", { name: "Restore the demo preset" }).click();
    await expectPresets(page, ["Demo server"]);
    await expect(page.getByRole("button", { name: "Restore the demo preset" })).toHaveCount(0);
    await page.reload();
    await expectPresets(page, ["Demo server"]);
  });

  test("save, reload the page, load", async ({ page, inspector, demo }) => {
    await openInspector(page, inspector, demo.url, { asDemo: true });
    await page.getByLabel("Path").fill("/socket.io");
    await page.getByText("Options").click();
    await page.getByLabel("Reconnection delay (ms)", { exact: true }).fill("321");
    await page.getByLabel("Preset name").fill("My server");
    await page.getByRole("button", { name: "Save as new" }).click();
    await expect(page.getByRole("status", { name: "Preset notice" })).toHaveText("Saved “My server”");

    await page.reload();
    await expectPresets(page, ["Demo server", "My server"]);
    await page.getByLabel("Preset", { exact: true }).selectOption("My server");
    await page.getByRole("button", { name: "Load", exact: true }).click();
    await expect(page.getByLabel("Server URL")).toHaveValue(demo.url);
    await page.getByText("Options").click();
    await expect(page.getByLabel("Reconnection delay (ms)", { exact: true })).toHaveValue("321");
    await connect(page);
  });

  test("a saved emit fires again in one action", async ({ page, inspector, demo }) => {
    await openInspector(page, inspector, demo.url, { asDemo: true });
    await page.getByLabel("Preset name").fill("With emits");
    await page.getByRole("button", { name: "Save as new" }).click();
    await page.getByLabel("Event name").fill("add");
    await page.getByLabel("Argument 1 type").selectOption("json");
    await page.getByLabel("Argument 1", { exact: true }).fill("20");
    await page.getByRole("button", { name: "Add argument" }).click();
    await page.getByLabel("Argument 2 type").selectOption("number");
    await page.getByLabel("Argument 2", { exact: true }).fill("22");
    await page.getByRole("button", { name: "Save current emit" }).click();
    await page.reload();
    await page.getByLabel("Server URL").fill(demo.url);
    await page.getByLabel("Preset", { exact: true }).selectOption("With emits");
    await connect(page);
    await page.getByRole("button", { name: "Fire add on /" }).click();
    await expect(page.locator('.row[data-dir="out"]').filter({ hasText: "add" }).locator(".c-reply")).toHaveText(
      /^ack /,
    );
  });

  test("share a link without secrets; opening it shows the target and waits for a click", async ({
    page,
    context,
    inspector,
    demo,
  }) => {
    await openInspector(page, inspector, demo.url, { asDemo: true });
    await page.getByLabel("Auth of /metrics").fill('{"token": "very-secret"}');
    await page.getByLabel("Auth of /metrics").blur();
    await page.getByRole("button", { name: "Create link" }).click();
    const link = await page.getByLabel("Share link").inputValue();
    expect(link).toContain("#preset=");
    await expect(page.getByText("Auth and secret query values were left out.")).toBeVisible();

    // Sessions on "/" (the server-version probe before a connection opens an Engine.IO handshake, not a session).
    let connections = 0;
    demo.io.of("/").on("connection", () => connections++);
    const other = await context.newPage();
    await other.goto(link);
    const dialog = other.getByRole("dialog", { name: "Preset from a link" });
    await expect(dialog).toContainText(demo.url);
    await expect(dialog).toContainText("Nothing has connected.");
    // A link never connects by itself: the server has seen no one (and, below, only the connection the user makes).
    expect(demo.io.engine.clientsCount).toBe(0);
    await dialog.getByRole("button", { name: "Use this preset" }).click();
    await expect(dialog).toHaveCount(0);
    await expect(other.getByLabel("Server URL")).toHaveValue(demo.url);
    await expect(other.getByLabel("Auth of /metrics")).toHaveValue("");
    await connect(other);
    await expect(other.getByRole("listitem", { name: "Namespace /metrics" })).toContainText("connected");
    expect(connections).toBe(1);
  });

  test("export all, then import into a fresh browser profile; a clashing name is not overwritten", async ({
    page,
    browser,
    inspector,
    demo,
  }, testInfo) => {
    await openInspector(page, inspector, demo.url, { asDemo: true });
    await page.getByLabel("Preset name").fill("Exported");
    await page.getByRole("button", { name: "Save as new" }).click();
    await page.getByText("Import and export").click();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Export all" }).click(),
    ]);
    const file = testInfo.outputPath("presets.json");
    await download.saveAs(file);
    expect(JSON.parse(readFileSync(file, "utf8")).presets.map((p: { name: string }) => p.name)).toEqual([
      "Demo server",
      "Exported",
    ]);

    const fresh = await browser.newContext();
    const page2 = await fresh.newPage();
    await page2.goto(withDemo(inspector, demo.url));
    await expectPresets(page2, ["Demo server"]);
    await page2.getByText("Import and export").click();
    await page2.getByLabel("Import file").setInputFiles(file);
    await expect(page2.getByRole("status", { name: "Preset notice" })).toContainText(
      "Imported and saved 2 presets: “Demo server (2)”, “Exported”. “Demo server” exists already: imported as “Demo server (2)”",
    );
    await expectPresets(page2, ["Demo server", "Demo server (2)", "Exported"]);
    await page2.getByLabel("Preset", { exact: true }).selectOption("Exported");
    await page2.getByRole("button", { name: "Load", exact: true }).click();
    await expect(page2.getByLabel("Server URL")).toHaveValue(demo.url);
    await fresh.close();
  });

  test("a tampered link and a broken file each show their error and leave the saved presets as they were", async ({
    page,
    inspector,
    demo,
  }, testInfo) => {
    await page.goto(withDemo(inspector, demo.url));
    await page.getByLabel("Preset name").fill("Keep me");
    await page.getByRole("button", { name: "Save as new" }).click();
    const before = await storedPresets(page);

    await page.goto(`${withDemo(inspector, demo.url)}#preset=AAAAtampered`);
    await page.reload();
    await expect(page.getByRole("alert").filter({ hasText: "Link:" })).toContainText(
      /Link: the preset (data is damaged|is not valid)/,
    );
    await expect(page.getByRole("dialog", { name: "Preset from a link" })).toHaveCount(0);
    expect(await storedPresets(page)).toBe(before);

    const broken = testInfo.outputPath("broken.json");
    writeFileSync(
      broken,
      JSON.stringify({
        format: "socketio-inspector-presets",
        version: 2,
        presets: [{ version: 2, name: "Keep me", connection: { url: "http://x" } }],
      }),
    );
    await page.getByText("Import and export").click();
    await page.getByLabel("Import file").setInputFiles(broken);
    await expect(page.getByRole("alert", { name: "Import error" })).toContainText(
      "File broken.json, preset 1: connection.transports must be a list",
    );
    await expectPresets(page, ["Demo server", "Keep me"]);
    expect(await storedPresets(page)).toBe(before);

    await page.getByLabel("Paste presets (JSON)").fill("{ truncated");
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await expect(page.getByRole("alert", { name: "Import error" })).toContainText("Pasted text: not valid JSON");
    expect(await storedPresets(page)).toBe(before);
  });
});
