// A normal session from the command line's own server has nothing in the browser's console (issue 34): no error,
// no failed request, no error status. Read through a connection through the inspector's server, the Server view,
// Charts, and a watched page's traffic.
import { spawn, type ChildProcess } from "node:child_process";
import { chromium, type Page } from "@playwright/test";
import { chromiumExecutable } from "../scripts/chromium.mjs";
import { ADMIN, adminServer } from "./support/admin-server";
import { appServer } from "./support/app-server";
import { connect, eventRow, expect, rows, test } from "./support/fixtures";

/** Everything the console and the network say went wrong in a page, as lines. */
function consoleProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("requestfailed", (r) => problems.push(`failed: ${r.method()} ${r.url()} (${r.failure()?.errorText})`));
  page.on(
    "response",
    (r) => r.status() >= 400 && problems.push(`status ${r.status()}: ${r.request().method()} ${r.url()}`),
  );
  return problems;
}

/** The command line (`serve`, or `watch <url>`), run until the test ends; resolves with the address it printed. */
function command(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["bin/socketio-inspector.mjs", ...args], {
      env: { ...process.env, NO_COLOR: "1", CHROMIUM_PATH: chromiumExecutable() ?? chromium.executablePath() },
    });
    let output = "";
    const read = (d: Buffer) => {
      output += d.toString();
      const url = /inspector: (\S+)/.exec(output)?.[1];
      if (url) resolve({ child, url });
    };
    child.stdout.on("data", read);
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("exit", (code) => reject(new Error(`socketio-inspector ${args[0]} exited with ${code}: ${output}`)));
  });
}

test("serve: a connection through the inspector's server, the Server view and Charts leave the console empty", async ({
  page,
}) => {
  test.setTimeout(60_000);
  const problems = consoleProblems(page);
  const server = await adminServer(4);
  const { child, url } = await command(["serve", "--port", "0"]);
  try {
    await page.goto(url);
    await expect(page.getByRole("heading", { name: "Socket.IO Inspector" })).toBeVisible();
    await page.getByLabel("Server URL").fill(server.url);
    await page.getByLabel("Route").selectOption("relay");
    await connect(page);
    // Connected and used through the relay, twice (each connect probes the server's version first).
    await page.getByLabel("Event name").fill("add");
    await page.getByRole("button", { name: "Emit", exact: true }).click();
    await expect(eventRow(page, "add", "out")).toHaveCount(1);
    await page.getByRole("form", { name: "Connection" }).getByRole("button", { name: "Disconnect" }).click();
    await connect(page);
    // The Server view, with the admin UI's credentials.
    const panel = page.getByRole("region", { name: "Server" });
    await panel.getByLabel("Admin username").fill(ADMIN.username);
    await panel.getByLabel("Admin password").fill(ADMIN.password);
    await panel.getByRole("button", { name: "Connect server view" }).click();
    await expect(panel.getByRole("status", { name: "Server view status" })).toHaveText(/^Connected/);
    await expect(panel.getByRole("listitem", { name: /\(client 1\)$/ })).toHaveCount(1);
    // Charts, drawn.
    await page.getByRole("button", { name: "Charts", exact: true }).click();
    await expect(
      page.getByRole("region", { name: "Charts" }).getByRole("img", { name: /^Events per second/ }),
    ).toBeVisible();
    // The marker that the page is done: a fresh emit's row came back through all of it.
    await page.getByLabel("Event name").fill("join");
    await page.getByRole("button", { name: "Emit", exact: true }).click();
    await expect(eventRow(page, "join", "out")).toHaveCount(1);
    expect(problems).toEqual([]);
  } finally {
    child.kill("SIGINT");
    server.close();
  }
});

test("watch: the page it serves shows the watched app's traffic with the console empty", async ({ page }) => {
  test.setTimeout(60_000);
  const problems = consoleProblems(page);
  const app = await appServer(4);
  const { child, url } = await command(["watch", app.url, "--headless", "--for", "20"]);
  try {
    await page.goto(url);
    await expect(page.getByRole("status", { name: "Watch status" })).toContainText("1 Socket.IO connection so far");
    await expect(rows(page).filter({ hasText: "say" })).not.toHaveCount(0);
    expect(problems).toEqual([]);
  } finally {
    child.kill("SIGINT");
    app.close();
  }
});
