// Screenshots of the browser extension's panel (its tab form: DevTools' own window is not a page Playwright reaches)
// recording an app page on the official client, at 1440 px with a row's detail open and 480 px wide (a panel
// docked at the side), in both themes:
//   node scripts/screenshots-extension.mjs [outDir=docs/screens]     (builds nothing: run `npm run build` first)
import { chromium } from "@playwright/test";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Server } from "socket.io";
import { CHROMIUM_ARGS, chromiumExecutable } from "./chromium.mjs";

const outDir = process.argv[2] ?? "docs/screens";
mkdirSync(outDir, { recursive: true });
const EXTENSION = resolve("dist/extension");

/** A chat app on the official client: / and /chat, an acked emit, binary, and a tick that keeps rows coming. */
const APP = `<!doctype html><title>chat app</title><script src="/client.js"></script><script>
const root = io();
const chat = io("/chat");
root.on("welcome", () => {
  const go = () => {
    root.emit("join", { room: "lobby", user: "ada" }, (reply) => (document.title = "joined " + reply.members));
    root.emit("avatar", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10]).buffer);
  };
  if (root.io.engine.transport.name === "websocket") go(); else root.io.engine.once("upgrade", go);
});
chat.on("connect", () => chat.emit("say", { text: "hello, lobby", at: Date.now() }));
chat.on("message", (m, ack) => ack && ack("seen"));
</script>`;

const http = createServer((req, res) => {
  const path = new URL(req.url ?? "/", "http://app").pathname;
  if (path === "/") res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(APP);
  else if (path === "/client.js")
    res
      .writeHead(200, { "content-type": "text/javascript" })
      .end(readFileSync("node_modules/socket.io-client/dist/socket.io.js"));
  else res.writeHead(404).end();
});
const io = new Server(http);
io.on("connection", (socket) => {
  socket.emit("welcome", { motd: "be nice" });
  socket.on("join", (_who, ack) => ack({ ok: true, members: 3 }));
  socket.on("avatar", () => socket.emit("avatar-stored", { bytes: 8 }));
});
io.of("/chat").on("connection", (socket) =>
  socket.on("say", (m) => {
    socket.emit("message", { from: "bob", text: "hi ada" }, () => undefined);
    socket.broadcast.emit("message", m);
  }),
);
await new Promise((r) => http.listen(0, "127.0.0.1", () => r(undefined)));
const appUrl = `http://127.0.0.1:${/** @type {import("node:net").AddressInfo} */ (http.address()).port}/`;

const profile = mkdtempSync(join(tmpdir(), "extension-shots-"));
const executablePath = chromiumExecutable();
const context = await chromium.launchPersistentContext(profile, {
  ...(executablePath ? { executablePath } : { channel: "chromium" }),
  headless: true,
  args: [...CHROMIUM_ARGS, `--disable-extensions-except=${EXTENSION}`, `--load-extension=${EXTENSION}`],
});
try {
  const worker =
    context.serviceWorkers().find((w) => w.url().startsWith("chrome-extension://")) ??
    (await context.waitForEvent("serviceworker"));
  const id = new URL(worker.url()).host;
  for (const theme of /** @type {const} */ (["dark", "light"])) {
    for (const [width, height] of /** @type {const} */ ([
      [1440, 900],
      [480, 900],
    ])) {
      const tab = await context.newPage();
      await tab.goto(`${appUrl}?${theme}-${width}`);
      const panel = await context.newPage();
      panel.on("pageerror", (e) => console.log("pageerror:", e.message));
      await panel.setViewportSize({ width, height });
      await panel.emulateMedia({ colorScheme: theme });
      await panel.goto(`chrome-extension://${id}/panel.html`);
      await panel
        .getByRole("listitem")
        .filter({ hasText: `${theme}-${width}` })
        .getByRole("link")
        .click();
      await panel.getByRole("status", { name: "Recording status" }).getByText("Recording").waitFor();
      await tab.reload();
      await tab.waitForFunction(() => document.title.startsWith("joined"));
      await panel.waitForTimeout(800);
      if (width >= 1200) await panel.locator(".row[data-kind='event+ack']").first().click();
      await panel.waitForTimeout(200);
      const file = `${outDir}/extension-${width}-${theme}.png`;
      await panel.screenshot({ path: file });
      console.log(`saved ${file}`);
      await panel.close();
      await tab.close();
    }
  }
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  io.close();
  http.closeAllConnections();
}
