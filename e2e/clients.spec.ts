import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { connect, eventRow, expect, openInspector, rows, test, emitAs } from "./support/fixtures";

const clientTab = (page: Page, name: string) => page.getByRole("tab", { name: new RegExp(`^${name} `) });

test("two clients, alice and bob, on one timeline: a room broadcast reaches bob's row; filter by client; Drop transport on bob leaves alice connected", async ({
  page,
  inspector,
  demo,
}) => {
  await openInspector(page, inspector, demo.url);
  await page.getByLabel("Client name").fill("alice");
  await page.getByLabel("Client name").blur();
  await expect(page.getByRole("tablist", { name: "Clients" })).toHaveCount(0); // one client: no tabs, no column
  await page.getByRole("button", { name: "Add client" }).click();
  await page.getByLabel("Client name").fill("bob");
  await page.getByLabel("Client name").blur();
  await expect(clientTab(page, "alice")).toBeVisible();
  await expect(clientTab(page, "bob")).toHaveAttribute("aria-selected", "true");
  // A duplicate name is refused beside the field, which keeps what was typed; the client keeps its name.
  await page.getByLabel("Client name").fill("alice");
  await page.getByLabel("Client name").blur();
  await expect(page.getByRole("form", { name: "Connection" }).getByRole("alert")).toContainText(
    "A client named “alice” exists",
  );
  await expect(page.getByLabel("Client name")).toHaveAttribute("aria-invalid", "true");
  await expect(clientTab(page, "bob")).toHaveAttribute("aria-selected", "true");
  await page.getByLabel("Client name").fill("bob");
  await page.getByLabel("Client name").press("Enter");
  await expect(page.getByRole("form", { name: "Connection" }).getByRole("alert")).toHaveCount(0);

  await page.getByRole("button", { name: "Connect all" }).click();
  await expect(clientTab(page, "alice")).toContainText("open");
  await expect(clientTab(page, "bob")).toContainText("open");
  expect(demo.io.engine.clientsCount).toBe(2);

  await emitAs(page, "bob", "join", "lobby");
  await expect(eventRow(page, "join", "out").filter({ hasText: "bob" }).locator(".c-reply")).toHaveText(/^ack /);
  await emitAs(page, "alice", "join", "lobby");
  await expect(eventRow(page, "join", "out").filter({ hasText: "alice" }).locator(".c-reply")).toHaveText(/^ack /);
  await emitAs(page, "alice", "to-room", "lobby", "hello bob");

  // Bob's row of the room message, in the same timeline, with its client.
  const received = eventRow(page, "room-message", "in");
  await expect(received).toHaveCount(1);
  await expect(received.locator(".c-client")).toHaveText("bob");
  await expect(received).toContainText("hello bob");
  await expect(eventRow(page, "to-room", "out").locator(".c-client")).toHaveText("alice");

  // Filter by client.
  await page.getByLabel("Client filter").selectOption("bob");
  await expect(received).toHaveCount(1);
  await expect(eventRow(page, "to-room", "out")).toHaveCount(0);
  for (const c of await rows(page).locator(".c-client").allTextContents()) expect(c).toBe("bob");
  await page.getByLabel("Client filter").selectOption("");

  // Drop transport on bob: bob reconnects, alice never leaves.
  await clientTab(page, "bob").click();
  await page.getByRole("button", { name: "Drop transport" }).click();
  await expect(
    rows(page)
      .filter({ has: page.locator('.c-kind:text-is("reconnect")') })
      .filter({ hasText: "bob" }),
  ).toHaveCount(1);
  await expect(
    rows(page)
      .filter({ has: page.locator('.c-kind:text-is("disconnect")') })
      .filter({ hasText: "alice" }),
  ).toHaveCount(0);
  await expect(clientTab(page, "alice")).toContainText("open");
});

test("a client whose URL is invalid does not stop the others from connecting", async ({ page, inspector, demo }) => {
  await openInspector(page, inspector, demo.url);
  await page.getByRole("button", { name: "Add client" }).click();
  await page.getByLabel("Server URL").fill("ftp://nowhere");
  await page.getByRole("button", { name: "Connect all" }).click();
  await expect(page.getByRole("form", { name: "Connection" }).getByRole("alert")).toContainText(
    "client 2: Invalid server URL",
  );
  await expect(clientTab(page, "client 1")).toContainText("open");
});

test("opening a session file while a client is live: its own view; the live rows are all there after, and the client still connected", async ({
  page,
  inspector,
  demo,
}, testInfo) => {
  await openInspector(page, inspector, demo.url);
  await connect(page);
  await page.getByLabel("Event name").fill("echo");
  await page.getByRole("button", { name: "Emit", exact: true }).click();
  await expect(eventRow(page, "echo", "out").locator(".c-reply")).toHaveText(/^ack /);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Export session" }).click(),
  ]);
  const file = testInfo.outputPath("earlier.ndjson");
  await download.saveAs(file);
  const header = JSON.parse(readFileSync(file, "utf8").split("\n")[0]!);

  await page.getByLabel("Open session file").setInputFiles(file);
  await expect(page.getByRole("status", { name: "Recorded session" })).toContainText(
    `earlier.ndjson (${header.count} rows)`,
  );
  // Meanwhile, live goes on: the client emits again (it is still connected).
  await expect(page.getByRole("status", { name: "Connection status" })).toContainText("open");
  await page.getByLabel("Event name").fill("echo");
  await page.getByLabel("Argument 1", { exact: true }).fill("while a file is open");
  await page.getByRole("button", { name: "Emit", exact: true }).click();
  await expect(eventRow(page, "echo", "out").filter({ hasText: "while a file is open" })).toHaveCount(0); // not in the file's view

  await page.getByRole("button", { name: "Back to live" }).click();
  await page.getByLabel("Filter", { exact: true }).fill("echo");
  await expect(eventRow(page, "echo", "out")).toHaveCount(2);
  await expect(
    eventRow(page, "echo", "out").filter({ hasText: "while a file is open" }).locator(".c-reply"),
  ).toHaveText(/^ack /);
  expect(demo.io.engine.clientsCount).toBe(1);
});

test("a session file of version 1 (before several clients) loads as one client", async ({
  page,
  inspector,
}, testInfo) => {
  const file = testInfo.outputPath("v1.ndjson");
  const lines = [
    JSON.stringify({
      format: "socketio-inspector-session",
      version: 1,
      exported: "2026-01-01T00:00:00.000Z",
      count: 2,
    }),
    JSON.stringify({ kind: "connect", seq: 1, t: 1000, nsp: "/", id: "abc", recovered: false, active: true }),
    JSON.stringify({
      kind: "packet",
      seq: 2,
      t: 1001,
      dir: "in",
      nsp: "/",
      type: "EVENT",
      event: "old-news",
      args: [1],
      attachments: 0,
    }),
  ];
  (await import("node:fs")).writeFileSync(file, lines.join("\n") + "\n");
  await page.goto(inspector);
  await page.getByLabel("Open session file").setInputFiles(file);
  await expect(eventRow(page, "old-news", "in")).toHaveCount(1);
  // One source: the client column is there for the grid's shape but hidden.
  for (const cell of await page.getByRole("region", { name: "Timeline" }).locator(".c-client").all()) {
    await expect(cell).toBeHidden();
  }
});
