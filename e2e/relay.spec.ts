// Route “through the inspector's server”: the page served by the local server (as `npx socketio-inspector` runs it)
// reaches servers the browser alone cannot, and says which route each connection took and why one failed.
import { fileURLToPath } from "node:url";
import { startLocalServer, type RunningLocalServer } from "../src/server/local-server";
import { connect, eventRow, expect, rows, test } from "./support/fixtures";
import { emitAdd, guardedServer, routeToGuardedServer } from "./support/guarded-server";

const built = fileURLToPath(new URL("../dist/inspector/", import.meta.url));
let local: RunningLocalServer;
test.beforeAll(async () => {
  local = await startLocalServer({ root: built });
});
test.afterAll(() => local.close());

const finding = (page: import("@playwright/test").Page, title: string) =>
  page.getByRole("region", { name: "Connection doctor" }).getByRole("article", { name: title });

test("WebSocket only, no CORS, Authorization and a cookie on the upgrade: connected through the local server, with an ack", async ({
  page,
}) => {
  const server = await guardedServer();
  try {
    await page.goto(local.url);
    await expect(page).toHaveURL(`${local.origin}/`); // the token left the address bar for a cookie
    await routeToGuardedServer(page, server.url);
    await expect(page.getByRole("group", { name: "Headers and cookies" })).toContainText(
      "the WebSocket upgrade alike; Cookie too",
    );
    await connect(page);
    await expect(rows(page).filter({ hasText: "through the inspector's server" })).toContainText(
      `to ${server.url}/socket.io/: no CORS; it adds Authorization, Cookie to every request, the WebSocket upgrade included`,
    );
    // The server saw its own origin, not the page's.
    await expect(eventRow(page, "hello", "in")).toContainText(`origin: "${server.url}"`);
    await emitAdd(page);
    await expect(eventRow(page, "add", "out").locator(".c-reply")).toHaveText(/^ack \d+(\.\d)? ms$/);
  } finally {
    server.close();
  }
});

test("the same server, direct from the page: refused, and the doctor proposes the route", async ({ page }) => {
  const server = await guardedServer();
  try {
    await page.goto(local.url);
    await page.getByLabel("Server URL").fill(server.url);
    await expect(page.getByLabel("Route")).toHaveValue("direct");
    await page.getByRole("button", { name: "Connect", exact: true }).click();
    await expect(rows(page).filter({ hasText: "direct: this page connects to" })).toHaveCount(1);
    await expect(
      page.getByRole("region", { name: "Connection doctor" }).getByText("through the inspector's server").first(),
    ).toBeVisible({ timeout: 20_000 });
  } finally {
    server.close();
  }
});

test("a server the local server cannot reach: the reason in the timeline and the doctor", async ({ page }) => {
  await page.goto(local.url);
  await page.getByLabel("Server URL").fill("http://127.0.0.1:9");
  await page.getByLabel("Route").selectOption("relay");
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  const unreachable = rows(page).filter({ hasText: "The inspector's server: http://127.0.0.1:9 could not be reached" });
  await expect(unreachable.first()).toContainText("connection refused: nothing listens there (ECONNREFUSED)");
  await expect(
    finding(page, "The inspector's server could not reach the server: http://127.0.0.1:9 could not be reached"),
  ).toContainText("Start the server, or check the URL's port");
});

test("a page not served by the local server: the route is not offered, and the form says where it is", async ({
  page,
  inspector,
}) => {
  await page.goto(inspector);
  await expect(page.getByRole("option", { name: "through the inspector's server" })).toBeDisabled();
  await expect(page.getByText("Opened with npx socketio-inspector")).toBeVisible();
});
