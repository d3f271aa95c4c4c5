// Daily use without surprises: sharing and saving, renaming, the composer's ack choice, search, cut cells, toasts,
// control sizes, and recovery offsets on binary events.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "@playwright/test";
import { Server } from "socket.io";
import { encodePresetFragment } from "../src/core/presets/link";
import { shippedPresets } from "../src/core/presets/shipped";
import { connect, eventRow, expect, openInspector, rows, test, clickRow, withDemo } from "./support/fixtures";

const detail = (page: Page) => page.getByRole("complementary", { name: "Row detail" });
const scenarioPanel = (page: Page) => page.getByRole("region", { name: "Scenario" });

test.describe("sharing and saving", () => {
  test("a link's preset, used in a fresh browser, brings its scenario; the banner reads as sentences", async ({
    browser,
    inspector,
    demo,
  }) => {
    const shared = shippedPresets(demo.url)[0]!;
    shared.name = "Shared by a colleague";
    shared.clients = [
      { ...shared.clients[0]!, name: "alice" },
      { ...shared.clients[0]!, name: "bob" },
    ];
    shared.scenarios = [{ ...shared.scenarios![0]!, name: "Colleague's check" }];
    const context = await browser.newContext(); // a fresh browser: nothing saved
    const page = await context.newPage();
    await page.goto(`${inspector}${await encodePresetFragment(shared)}`);
    const banner = page.getByRole("dialog", { name: "Preset from a link" });
    await expect(banner).toContainText("with the scenario “Colleague's check”");
    await expect(banner).toContainText(`It would connect alice to ${demo.url}`);
    await expect(banner).toContainText(`; bob to ${demo.url}`);
    await banner.getByRole("button", { name: "Use this preset" }).click();
    await expect(page.getByLabel("Preset", { exact: true })).toHaveValue("Shared by a colleague");
    await expect(scenarioPanel(page).getByLabel("Saved scenarios")).toContainText("Colleague's check");
    await context.close();
  });

  test("with the demo on screen the picker names it, and Save in preset keeps the scenario there", async ({
    page,
    inspector,
    demo,
  }) => {
    await page.goto(withDemo(inspector, demo.url));
    await expect(page.getByLabel("Preset", { exact: true })).toHaveValue("Demo server");
    await page.getByLabel("Event name").fill("echo");
    await page.getByRole("button", { name: "Add to scenario" }).click();
    await scenarioPanel(page).getByLabel("Scenario name").fill("Echo check");
    await scenarioPanel(page).getByRole("button", { name: "Save in preset" }).click();
    await expect(page.getByRole("status", { name: "Scenario notice" })).toHaveText(
      "Saved the scenario “Echo check” in “Demo server”",
    );
  });

  test("with no preset on screen Save in preset says so, and the message goes once a preset is saved", async ({
    page,
    inspector,
  }) => {
    await page.goto(`${inspector}?url=${encodeURIComponent("http://127.0.0.1:9")}`); // a form from the address
    await expect(page.getByLabel("Preset", { exact: true })).toHaveValue("");
    await page.getByRole("button", { name: "Add to scenario" }).click();
    await scenarioPanel(page).getByRole("button", { name: "Save in preset" }).click();
    const error = scenarioPanel(page).getByRole("alert");
    await expect(error).toContainText("Choose or save a preset first");
    await page.getByLabel("Preset name").fill("Mine");
    await page.getByRole("button", { name: "Save as new" }).click();
    await expect(error).toHaveCount(0);
  });
});

test("renaming a client is a label: connected, it keeps its connection (Enter does not reconnect), then after Disconnect", async ({
  page,
  inspector,
  demo,
}) => {
  await openInspector(page, inspector, demo.url);
  await connect(page);
  const status = page.getByRole("status", { name: "Connection status" });
  const engineId = await status.locator("code").first().textContent();
  expect(engineId).toBeTruthy();
  const name = page.getByLabel("Client name");
  await name.fill("alice");
  await name.press("Enter");
  await expect(name).toHaveValue("alice");
  await expect(page.getByRole("form", { name: "Connection" }).getByRole("alert")).toHaveCount(0);
  await expect(status.locator("code").first()).toHaveText(engineId!); // the same connection
  await page.getByRole("button", { name: "Disconnect", exact: true }).click();
  await name.fill("bob");
  await name.blur();
  await expect(name).toHaveValue("bob");
  await expect(page.getByRole("form", { name: "Connection" }).getByRole("alert")).toHaveCount(0);
});

test("Expect ack follows the event typed; the detail says whether an owed ack was sent or can no longer be", async ({
  page,
  inspector,
  demo,
}) => {
  // Told of the demo for its preset's saved emits; its /metrics ticks left out, so that the rows stay in view.
  await openInspector(page, inspector, demo.url, { asDemo: true });
  await page.getByRole("button", { name: "Remove namespace /metrics" }).click();
  const expectAck = page.getByLabel("Expect ack");
  await page.getByLabel("Event name").fill("echo");
  await expect(expectAck).toBeChecked();
  await page.getByLabel("Event name").fill("ask-me"); // the demo preset's saved emit: no ack
  await expect(expectAck).not.toBeChecked();
  await page.getByLabel("Event name").fill("echo");
  await expect(expectAck).toBeChecked();
  await connect(page);
  await page.getByLabel("Event name").fill("ask-me");
  await page.getByRole("button", { name: "Emit", exact: true }).click();
  await expect(eventRow(page, "ask-me", "out").locator(".c-reply")).toHaveText(""); // no ack waited for, no time-out
  await clickRow(eventRow(page, "question", "in").first());
  await page.getByRole("button", { name: "Send ack" }).click();
  await expect(detail(page)).toContainText("Ack sent.");
  await page.getByRole("button", { name: "Emit", exact: true }).click();
  await expect(eventRow(page, "question", "in")).toHaveCount(2);
  await page.getByRole("button", { name: "Disconnect", exact: true }).click();
  await clickRow(eventRow(page, "question", "in").last());
  await expect(detail(page)).toContainText("The ack can no longer be sent: the socket disconnected");
});

test("a search opens the row's detail where it matched: the path to the match expanded, the match in view", async ({
  page,
  inspector,
}) => {
  const http = createServer();
  const io = new Server(http, { cors: { origin: "*" } });
  const list = Array.from({ length: 300 }, (_, i) => `item ${i}`);
  list.push("the needle is here");
  io.on("connection", (socket) => socket.emit("deep", { a: { b: { c: { list } } }, other: { x: 1 } }));
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", () => r()));
  try {
    await openInspector(page, inspector, `http://127.0.0.1:${(http.address() as AddressInfo).port}`);
    await connect(page);
    await page.getByLabel("Filter", { exact: true }).fill("needle");
    await clickRow(eventRow(page, "deep", "in"));
    const mark = detail(page).getByRole("region", { name: "Arguments" }).locator("mark").first();
    await expect(mark).toHaveText("needle");
    await expect(mark).toBeInViewport();
    await expect(detail(page).getByRole("button", { name: /list: Array\(301\)/ })).toHaveAttribute(
      "aria-expanded",
      "true",
    );
    await expect(detail(page).getByRole("button", { name: /other:/ })).toHaveAttribute("aria-expanded", "false");
  } finally {
    io.close();
    http.closeAllConnections();
  }
});

test("cut cells carry their whole text; on a phone the namespace leads the details, so CONNECTs of two namespaces differ", async ({
  page,
  inspector,
  demo,
}) => {
  await openInspector(page, inspector, demo.url, { asDemo: true });
  await connect(page);
  const connectRow = rows(page).filter({ has: page.locator('.c-kind:text-is("connect")') });
  await expect(connectRow.first()).toBeAttached();
  for (const cell of [".c-kind", ".c-nsp", ".c-event", ".c-text"])
    expect(await connectRow.first().locator(cell).getAttribute("title"), cell).not.toBeNull();
  await expect(connectRow.filter({ has: page.locator('.c-nsp[title="/metrics"]') })).toHaveCount(1);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole("navigation", { name: "Views" }).getByRole("button", { name: "Timeline" }).click();
  await expect(connectRow.filter({ hasText: "/metrics" }).locator(".narrow-where")).toBeVisible();
  await expect(connectRow.filter({ hasText: "/metrics" }).locator(".narrow-client")).toBeHidden(); // one client
  await expect(connectRow.filter({ hasText: "/metrics" }).locator(".c-nsp")).toBeHidden();
});

test("a toast covers none of the composer's controls", async ({ page, inspector }) => {
  await page.goto(inspector);
  await page.getByRole("button", { name: "Add to scenario" }).click();
  const toast = page.getByRole("status", { name: "Messages" }).locator(".toast").first();
  await expect(toast).toBeVisible();
  const box = (await toast.boundingBox())!;
  const composer = page.locator("#emit-composer");
  for (const control of await composer.locator("button, input, select, textarea").all()) {
    const c = await control.boundingBox();
    if (!c) continue;
    const overlaps =
      box.x < c.x + c.width && c.x < box.x + box.width && box.y < c.y + c.height && c.y < box.y + box.height;
    expect(
      overlaps,
      `the toast covers ${(await control.getAttribute("aria-label")) ?? (await control.textContent())}`,
    ).toBe(false);
  }
});

test("targets: at 1440×900 Connect is in view at once; on a phone buttons are 44 px and checkboxes have room", async ({
  page,
  inspector,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(inspector);
  await expect(
    page.getByRole("form", { name: "Connection" }).getByRole("button", { name: "Connect", exact: true }),
  ).toBeInViewport();
  const credentials = page.getByRole("checkbox", { name: /With credentials/ });
  const box = (await credentials.boundingBox())!;
  expect(box.width).toBeGreaterThanOrEqual(16);
  expect(box.height).toBeGreaterThanOrEqual(16);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole("navigation", { name: "Views" }).getByRole("button", { name: "Connection" }).click();
  for (const name of ["Connect", "Disconnect", "Drop transport"]) {
    const b = (await page
      .getByRole("form", { name: "Connection" })
      .getByRole("button", { name, exact: true })
      .boundingBox())!;
    expect(b.height, name).toBeGreaterThanOrEqual(44);
  }
  const label = (await page
    .locator("label.inline", { has: page.getByRole("checkbox", { name: "polling" }) })
    .boundingBox())!;
  expect(label.height).toBeGreaterThanOrEqual(24);
});

test("recovery offsets on binary events: labelled as the offset, and Expect this leaves it out", async ({
  page,
  inspector,
  demo,
}) => {
  await openInspector(page, inspector, demo.url, { asDemo: true });
  await connect(page);
  const snapshot = eventRow(page, "snapshot", "in").first();
  await expect(snapshot.locator(".c-text")).toContainText(/ · offset \S+$/, { timeout: 10_000 });
  await page.getByLabel("Filter", { exact: true }).fill("snapshot");
  await snapshot.click();
  await expect(detail(page).getByRole("term").filter({ hasText: "recovery offset" })).toBeVisible();
  await detail(page).getByRole("button", { name: "Expect this" }).click();
  await scenarioPanel(page)
    .getByRole("button", { name: /^Edit step \d+$/ })
    .last()
    .click();
  const json = await scenarioPanel(page)
    .getByLabel(/^Step \d+ \(JSON\)$/)
    .textContent();
  const args = JSON.parse(json ?? "{}").args as unknown[];
  expect(args).toHaveLength(1); // the snapshot's one binary argument, no offset
  expect(JSON.stringify(args)).toContain("$binary");
});
