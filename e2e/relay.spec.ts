// Route “through the inspector's server”: the page served by the local server (as `npx socketio-inspector` runs it)
// reaches servers the browser alone cannot, and says which route each connection took and why one failed.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { tokenCookieName } from "../src/server/guard";
import { startLocalServer, type RunningLocalServer } from "../src/server/local-server";
import { hostileTarget } from "../test/helpers/hostile-target";
import { connect, eventRow, expect, fastReconnection, rows, test } from "./support/fixtures";
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

/** Another app on another port of 127.0.0.1 (browsers share a host's cookies across its ports): its own session. */
async function otherLocalApp() {
  const cookiesSeen: Array<string | undefined> = [];
  const http = createServer((req, res) => {
    cookiesSeen.push(req.headers.cookie);
    const headers: Record<string, string> = { "content-type": "text/html; charset=utf-8" };
    if (!req.headers.cookie?.includes("othersession=")) headers["set-cookie"] = "othersession=keep; Path=/";
    res.writeHead(200, headers).end("<!doctype html><title>another local app</title>");
  });
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", () => r()));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/`,
    cookiesSeen,
    close: () => {
      http.closeAllConnections();
      http.close();
    },
  };
}

test("a hostile target through the relay (cookies on its 101 and polling answers, a cookie bomb over reconnections, Clear-Site-Data): the page, its token, its saved presets and another local app's cookies are untouched", async ({
  page,
}) => {
  const port = Number(new URL(local.origin).port);
  const token = new URL(local.url).searchParams.get("token");
  // Each answer: a cookie for 127.0.0.1, the inspector's own token cookie overwritten, and 12 KB of cookies that
  // would make every request to 127.0.0.1 too big for Node (16 KB of headers) after two answers.
  const target = await hostileTarget({
    cookies: (n) => [
      `planted${n}=yes; Path=/`,
      `${tokenCookieName(port)}=overwritten; Path=/`,
      ...[1, 2, 3, 4].map((i) => `bomb${n}_${i}=${"x".repeat(3000)}; Path=/`),
    ],
    dropAfterMs: 500,
  });
  const other = await otherLocalApp();
  try {
    const otherPage = await page.context().newPage();
    await otherPage.goto(other.url);
    await otherPage.close();
    await page.goto(local.url);
    await page.getByLabel("Preset name").fill("Kept");
    await page.getByRole("button", { name: "Save as new" }).click();
    await expect(page.getByRole("status", { name: "Preset notice" })).toHaveText("Saved “Kept”");
    const presets = await page.evaluate(() => localStorage.getItem("socketio-inspector:presets"));
    expect(presets).toContain('"Kept"');

    // Polling then WebSocket, through the inspector's server; the target drops each connection, the page reconnects.
    await page.getByLabel("Server URL").fill(target.url);
    await page.getByLabel("Route").selectOption("relay");
    await fastReconnection(page);
    await page.getByRole("button", { name: "Connect", exact: true }).click();
    await expect.poll(() => target.upgrades, { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
    expect(target.answers.upgrade).toBeGreaterThanOrEqual(3);
    expect(target.answers.polling).toBeGreaterThanOrEqual(3);
    target.calm();

    // The page still works through the relay: connected again, and an emit gets its ack.
    await expect(page.getByRole("listitem", { name: "Namespace /", exact: true })).toContainText("connected", {
      timeout: 15_000,
    });
    await page.getByLabel("Event name").fill("echo");
    await page.getByRole("button", { name: "Emit", exact: true }).click();
    await expect(eventRow(page, "echo", "out").locator(".c-reply")).toHaveText(/^ack \d+(\.\d)? ms$/);

    // The browser holds no cookie of the target's: the other app's session and the inspector's token, as they were.
    const untouched = ["othersession=keep", `${tokenCookieName(port)}=${token}`].sort();
    const cookies = await page.context().cookies("http://127.0.0.1");
    expect(cookies.map((c) => `${c.name}=${c.value}`).sort()).toEqual(untouched);
    // The inspector still answers its page (the token cookie is intact), and the saved presets are there.
    await page.reload();
    await expect(page.getByLabel("Preset", { exact: true }).locator("option:not([disabled])")).toContainText(["Kept"]);
    expect(await page.evaluate(() => localStorage.getItem("socketio-inspector:presets"))).toBe(presets);
    // Another local app got nothing planted: its own session cookie, and the inspector's (a host's cookies go to
    // all its ports; the token cookie is named per port for that reason), as they were.
    const again = await page.context().newPage();
    await again.goto(other.url);
    await expect(again).toHaveTitle("another local app");
    expect(other.cookiesSeen.at(-1)?.split("; ").sort()).toEqual(untouched);
  } finally {
    other.close();
    await target.close();
  }
});
