// Honest controls and quiet noise: what the buttons and the header say matches the connection, a server that went
// away does not bury the timeline, and a recovery offset is not taken for data.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";
import { connect, eventRow, expect, fastReconnection, openInspector, rows, test } from "./support/fixtures";

test("Connect becomes Reconnect while connected; after a close the header keeps no transport of the old session", async ({
  page,
  inspector,
  demo,
}) => {
  await openInspector(page, inspector, demo.url);
  await connect(page);
  const status = page.getByRole("status", { name: "Connection status" });
  await expect(status).toContainText("transport websocket");
  const form = page.getByRole("form", { name: "Connection" });
  await expect(form.getByRole("button", { name: "Reconnect", exact: true })).toBeVisible();
  await expect(form.getByRole("button", { name: "Connect", exact: true })).toHaveCount(0);

  await page.getByRole("button", { name: "Disconnect", exact: true }).click();
  await expect(status).toContainText("closed");
  await expect(status).not.toContainText("transport");
  await expect(status).not.toContainText("upgraded");
  await expect(status).not.toContainText("engine id");
  await expect(form.getByRole("button", { name: "Connect", exact: true })).toBeVisible();
});

test("a server that went away: each reconnection attempt is one row, its records folded under it", async ({
  page,
  inspector,
}) => {
  // A plain socket.io server, as a user runs it; it is closed under the connected inspector.
  const http = createServer();
  const io = new Server(http, { cors: { origin: "*" } });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  try {
    await openInspector(page, inspector, url);
    await fastReconnection(page);
    await connect(page);
    await expect(page.getByRole("listitem", { name: "Namespace /", exact: true })).toContainText("connected");
    io.close();
    http.closeAllConnections();
    // The client learns of the close from its transport, and the page from the client a moment later.
    await expect(page.getByRole("listitem", { name: "Namespace /", exact: true })).toContainText("disconnected");

    // An emit while the server is away waits in the buffer, and the composer says so.
    await page.getByLabel("Event name").fill("later");
    await page.getByRole("button", { name: "Emit", exact: true }).click();
    await expect(page.getByRole("status", { name: "Emit warning" })).toHaveText(
      "Buffered: / is not connected; the emit goes out when it connects.",
    );

    const attempts = rows(page).filter({ has: page.locator('.c-kind:text-is("reconnect attempt")') });
    await expect.poll(() => attempts.count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(3);
    // Folded: no failure rows between the attempts.
    const failures = rows(page).filter({ has: page.locator('.c-kind:text-is("reconnect error")') });
    await expect(failures).toHaveCount(0);

    // Opened with the mouse: its records show, indented under it.
    const first = attempts.first();
    await expect(first).toHaveAttribute("aria-expanded", "false");
    await first.getByRole("button", { name: /^Show the \d+ records of this attempt$/ }).click();
    await expect(first).toHaveAttribute("aria-expanded", "true");
    await expect(failures).toHaveCount(1);
    await expect(failures.first()).toHaveAttribute("data-folded", "child");

    // Closed from the keyboard: the row is active, Left hides its records again.
    await first.click();
    await page.locator("#timeline-grid").focus();
    await page.keyboard.press("ArrowLeft");
    await expect(failures).toHaveCount(0);
    await page.keyboard.press("ArrowRight");
    await expect(failures).toHaveCount(1);

    // A filter that hides the attempts shows what was folded under every one of them.
    await page.getByLabel("Filter", { exact: true }).fill("reconnect error");
    await expect.poll(() => failures.count()).toBeGreaterThanOrEqual(3);
  } finally {
    io.close();
    http.close();
  }
});

test("a recovery offset is labelled as an offset, not shown as an argument", async ({ page, inspector, demo }) => {
  // The demo server has connection state recovery: its broadcasts (ticks on /metrics) carry an offset.
  await openInspector(page, inspector, demo.url, { asDemo: true });
  await connect(page);
  const tick = eventRow(page, "tick", "in").first();
  await expect(tick.locator(".c-text")).toContainText(/ · offset \S+$/);
  await tick.click();
  const detail = page.getByRole("complementary", { name: "Row detail" });
  await expect(detail.getByRole("term").filter({ hasText: "recovery offset" })).toBeVisible();
  // The arguments are the tick's one object: the offset is not a second argument.
  const args = detail.getByRole("region", { name: "Arguments" });
  await expect(args).toContainText("load");
  const offset = await detail.locator("dd code").first().textContent();
  expect(offset).toBeTruthy();
  await expect(args).not.toContainText(offset as string);
});

test("a namespace error shows under the namespace list, tied to its field; a bad paste shows as an error", async ({
  page,
  inspector,
  demo,
}) => {
  await openInspector(page, inspector, demo.url, { asDemo: true });
  const field = page.getByLabel("Namespace", { exact: true });
  await field.fill("/metrics");
  await page.getByRole("button", { name: "Add namespace" }).click();
  const panel = page.getByRole("region", { name: "Namespaces" });
  const message = panel.getByRole("alert");
  await expect(message).toHaveText("Namespace /metrics is already in the list");
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(field).toHaveAccessibleDescription("Namespace /metrics is already in the list");
  await expect(page.getByRole("form", { name: "Connection" }).getByRole("alert")).toHaveCount(0);
  // Typing again clears it.
  await field.fill("/other");
  await expect(message).toHaveCount(0);

  await page.getByText("Import and export").click();
  await page.getByLabel("Paste presets (JSON)").fill("{ nope");
  await page.getByRole("button", { name: "Import", exact: true }).click();
  const importError = page.getByRole("alert", { name: "Import error" });
  await expect(importError).toContainText("Pasted text: not valid JSON");
  await expect(importError).toHaveClass(/\berror\b/);
  await expect(page.getByLabel("Paste presets (JSON)")).toHaveAccessibleDescription(/not valid JSON/);
});

test("auth typed into a namespace while its connection changes is kept, and goes with its next connect", async ({
  page,
  inspector,
}) => {
  // A server that refuses /admin without the token and drops every socket of / when asked: the drop redraws the
  // namespaces' list while the typed auth has not left its field.
  const http = createServer();
  const io = new Server(http, { cors: { origin: "*" } });
  io.of("/admin").use((socket, next) =>
    next(socket.handshake.auth.token === "letmein" ? undefined : new Error("not authorized")),
  );
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  try {
    await openInspector(page, inspector, url);
    await page.getByLabel("Namespace", { exact: true }).fill("/admin");
    await page.getByRole("button", { name: "Add namespace" }).click();
    await connect(page);
    const root = page.getByRole("listitem", { name: "Namespace /", exact: true });
    const admin = page.getByRole("listitem", { name: "Namespace /admin" });
    await expect(root.getByText("connected", { exact: true })).toBeVisible();
    const auth = page.getByLabel("Auth of /admin");
    await auth.fill('{"token": "letmein"}');
    io.of("/").disconnectSockets();
    await expect(root.getByText("disconnected", { exact: true })).toBeVisible();
    await expect(auth).toHaveValue('{"token": "letmein"}');
    await page.getByRole("button", { name: "Connect namespace /admin", exact: true }).click();
    await expect(admin.getByText("connected", { exact: true })).toBeVisible();
  } finally {
    io.close();
    http.closeAllConnections();
  }
});
