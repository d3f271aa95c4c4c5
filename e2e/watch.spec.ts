// `socketio-inspector watch`: an app page opened in Chromium, its Socket.IO traffic read over the DevTools protocol
// as it happens, decoded, printed and written as a session file.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Page } from "@playwright/test";
import { Server } from "socket.io";
import { CHROMIUM_ARGS, chromiumExecutable } from "../scripts/chromium.mjs";
import { decodeSession } from "../src/core/files/session-file";
import { expect, rows, test } from "./support/fixtures";
import { appServer } from "./support/app-server";

/** The Chromium the tests use, as the command line's $CHROMIUM_PATH. */
const browserPath = () => chromiumExecutable() ?? chromium.executablePath();

function watch(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["bin/socketio-inspector.mjs", "watch", ...args], {
      env: { ...process.env, NO_COLOR: "1", CHROMIUM_PATH: browserPath() },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

test("watch --headless --for 5 --ndjson: the app's events and acks, decoded, printed and in the session file", async () => {
  test.setTimeout(60_000);
  const server = await appServer(4);
  try {
    const out = join(tmpdir(), `watch-${Date.now()}.ndjson`);
    const ran = await watch([server.url, "--headless", "--for", "5", "--ndjson", out]);
    expect(ran.status, ran.stderr).toBe(0);
    const host = new URL(server.url).host;
    expect(ran.stdout).toContain(`${host}/socket.io #1: Engine.IO 4 handshake over polling`);
    expect(ran.stdout).toContain(`${host}/socket.io #1 → / “hello” {n: 1}`);
    expect(ran.stdout).toMatch(/← \/ ack #0 \(\d+ ms\) \{ok: true\}/);
    const records = decodeSession(readFileSync(out, "utf8"));
    const events = records.flatMap((r) =>
      r.kind === "packet" && r.type.endsWith("EVENT") ? [{ nsp: r.nsp, dir: r.dir, event: r.event ?? "" }] : [],
    );
    const key = (e: { nsp: string; dir: string; event: string }) => `${e.nsp} ${e.dir} ${e.event}`;
    expect(events.map(key).sort()).toEqual(server.log.map(key).sort());
    expect(records.some((r) => r.kind === "upgrade")).toBe(true);
  } finally {
    server.close();
  }
});

test("watch on a page that never connects says so, and exits 1", async () => {
  // Nothing listens there: the page fails to load, and no Engine.IO request is ever made.
  const ran = await watch(["http://127.0.0.1:9/", "--headless", "--for", "2"]);
  expect(ran.status, ran.stderr).toBe(1);
  expect(ran.stderr).toContain("The page never connected to a Socket.IO server");
});

test("watch shows the watched page's traffic live in the inspector page it serves", async ({ page }) => {
  test.setTimeout(60_000);
  const server = await appServer(4);
  const child = spawn(
    process.execPath,
    ["bin/socketio-inspector.mjs", "watch", server.url, "--headless", "--for", "15"],
    {
      env: { ...process.env, NO_COLOR: "1", CHROMIUM_PATH: browserPath() },
    },
  );
  try {
    const address = await new Promise<string>((resolve, reject) => {
      let out = "";
      child.stdout.on("data", (d: Buffer) => {
        out += d.toString();
        const url = /inspector: (\S+)/.exec(out)?.[1];
        if (url) resolve(url);
      });
      child.on("exit", (code) => reject(new Error(`watch exited with ${code}: ${out}`)));
    });
    await page.goto(address);
    await expect(page.getByRole("status", { name: "Watch status" })).toContainText("1 Socket.IO connection so far");
    const host = new URL(server.url).host;
    const hello = rows(page)
      .filter({ has: page.locator(".c-event").getByText("hello", { exact: true }) })
      .and(page.locator('[data-dir="out"]'));
    await expect(hello.locator(".c-client")).toHaveText(`${host}/socket.io #1`);
    await expect(hello.locator(".c-reply")).toHaveText(/^ack /);
    await expect(rows(page).filter({ hasText: "say" }).locator(".c-nsp")).toHaveText("/chat");
  } finally {
    child.kill("SIGINT");
    server.close();
  }
});

test("watch --cdp attaches to a Chrome started with remote debugging: a tab that goes to the app is watched, and the Chrome stays open after", async () => {
  test.setTimeout(60_000);
  const server = await appServer(4);
  const profile = mkdtempSync(join(tmpdir(), "cdp-profile-"));
  // The user's own Chrome, started with remote debugging (headless here; a window on a desktop).
  const chrome = spawn(
    browserPath(),
    [...CHROMIUM_ARGS, "--headless=new", "--remote-debugging-port=0", `--user-data-dir=${profile}`, "about:blank"],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  try {
    const endpoint = await new Promise<string>((resolve) => {
      let err = "";
      chrome.stderr.on("data", (d: Buffer) => {
        err += d.toString();
        const ws = /DevTools listening on (ws:\/\/\S+)/.exec(err)?.[1];
        if (ws) resolve(ws);
      });
    });
    const http = `http://${new URL(endpoint).host}`;
    const out = join(tmpdir(), `watch-cdp-${Date.now()}.ndjson`);
    const child = spawn(
      process.execPath,
      ["bin/socketio-inspector.mjs", "watch", "--cdp", http, "--for", "6", "--ndjson", out],
      {
        env: { ...process.env, NO_COLOR: "1" },
      },
    );
    let stdout = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    await expect.poll(() => stdout).toContain(`watching ${http}`);
    // The tab that was there before watch attached goes to the app, as the user would.
    const browser = await chromium.connectOverCDP(endpoint);
    const tab = browser.contexts()[0]?.pages()[0];
    await tab?.goto(server.url);
    await expect(tab as Page).toHaveTitle("done", { timeout: 15_000 });
    expect(await exited).toBe(0);
    const records = decodeSession(readFileSync(out, "utf8"));
    const events = records.flatMap((r) =>
      r.kind === "packet" && r.type.endsWith("EVENT") ? [`${r.nsp} ${r.dir} ${r.event ?? ""}`] : [],
    );
    expect(events.sort()).toEqual(server.log.map((e) => `${e.nsp} ${e.dir} ${e.event}`).sort());
    expect(chrome.exitCode).toBeNull(); // watch let go of the user's browser without closing it
    await browser.close();
  } finally {
    chrome.kill();
    server.close();
  }
});

/** A page whose server, once the page's client is on WebSocket, sends it `count` events of 1 MB each, numbered. */
async function floodServer(count: number) {
  const page = `<!doctype html><title>flood</title><script src="/client.js"></script><script>
const socket = io();
socket.io.engine.on("upgrade", () => socket.emit("ready"));
</script>`;
  const http = createServer((req, res) => {
    if (req.url === "/") res.writeHead(200, { "content-type": "text/html" }).end(page);
    else if (req.url === "/client.js")
      res
        .writeHead(200, { "content-type": "text/javascript" })
        .end(
          readFileSync(fileURLToPath(new URL("../node_modules/socket.io-client/dist/socket.io.js", import.meta.url))),
        );
  });
  const io = new Server(http);
  const megabyte = "x".repeat(1024 * 1024);
  io.on("connection", (socket) =>
    socket.once("ready", () => {
      for (let n = 0; n < count; n++) socket.emit("blob", n, megabyte);
    }),
  );
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", () => r()));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    close: () => {
      io.close();
      http.closeAllConnections();
    },
  };
}

test("watch keeps what it captures within a byte budget (a quarter of its heap): the oldest let go and counted, in its session file and in its page", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const server = await floodServer(60);
  const out = join(tmpdir(), `watch-flood-${Date.now()}.ndjson`);
  // A 96 MB heap: a budget of about a quarter of it, and 60 MB of events to keep.
  const child = spawn(
    process.execPath,
    ["bin/socketio-inspector.mjs", "watch", server.url, "--headless", "--for", "100", "--ndjson", out],
    {
      env: {
        ...process.env,
        NO_COLOR: "1",
        CHROMIUM_PATH: browserPath(),
        NODE_OPTIONS: "--max-old-space-size=96",
      },
    },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
  try {
    await expect.poll(() => stdout, { timeout: 90_000 }).toContain("“blob” 59, ");
    await page.goto(/inspector: (\S+)/.exec(stdout)?.[1] as string);
    await expect(page.getByRole("status", { name: "Watch status" })).toContainText(
      /\(the oldest \d+ records were left out to stay within \d+ MB\)/,
    );
    child.kill("SIGINT");
    expect(await exited, stderr).toBe(0);
    const told = /session: \S+ \((\d+) records; the oldest (\d+) were left out to stay within (\d+) MB\)/.exec(stdout);
    expect(told, stdout.slice(-500)).not.toBeNull();
    const [, kept, , mb] = (told as RegExpExecArray).map(Number);
    const records = decodeSession(readFileSync(out, "utf8"));
    expect(records).toHaveLength(kept as number);
    const blobs = records.flatMap((r) => (r.kind === "packet" && r.event === "blob" ? [r.args?.[0]] : []));
    expect(blobs.at(-1)).toBe(59); // the newest kept
    expect(blobs[0]).toBeGreaterThan(0); // the oldest let go
    expect(blobs.length).toBeLessThanOrEqual(mb as number);
  } finally {
    child.kill();
    server.close();
  }
});
