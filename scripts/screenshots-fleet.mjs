// Screenshots of the Server view of a fleet and of the server's figures in Charts (docs/screens/fleet-<width>-<theme>.png
// and server-charts-<width>-<theme>.png):
//   node scripts/screenshots-fleet.mjs [outDir=docs/screens]     (builds nothing: run `npm run build` first)
// The fleet: three socket.io nodes with the Redis adapter and @socket.io/admin-ui behind nginx (e2e/support/cluster.mjs),
// 60 plain sockets straight to the nodes in six rooms, chatting now and then; the inspector's client through nginx.
import { chromium } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { io } from "socket.io-client";
import { preview } from "vite";
import { startCluster } from "../e2e/support/cluster.mjs";
import { CHROMIUM_ARGS, chromiumExecutable } from "./chromium.mjs";

const outDir = process.argv[2] ?? "docs/screens";
mkdirSync(outDir, { recursive: true });
const cluster = await startCluster({ nodes: 3, admin: true });
/** @type {import("socket.io-client").Socket[]} */
const sockets = [];
for (let i = 0; i < 60; i++) {
  const node = cluster.nodes[i % cluster.nodes.length];
  if (!node) throw new Error("no node");
  const s = io(node.url, {
    transports: ["websocket"],
    forceNew: true,
    reconnection: false,
    query: { user: `user-${i}` },
  });
  sockets.push(s);
}
await Promise.all(sockets.map((s) => new Promise((r) => s.once("connect", () => r(undefined)))));
// Traffic that the nodes' own counts show: each socket asks its rooms now and then.
const chatter = setInterval(() => {
  for (const s of sockets.slice(0, 20)) s.emit("my-rooms", () => {});
}, 300);
const site = await preview({
  preview: { port: 0, host: "127.0.0.1" },
  build: { outDir: "dist/inspector" },
  logLevel: "silent",
});
const siteUrl = site.resolvedUrls?.local[0];
if (!siteUrl) throw new Error("vite preview gave no local URL");
const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });

try {
  for (const theme of /** @type {const} */ (["dark", "light"])) {
    for (const [width, height] of /** @type {Array<[number, number]>} */ ([
      [1440, 900],
      [390, 844],
    ])) {
      const page = await browser.newPage({ viewport: { width, height }, colorScheme: theme });
      page.on("pageerror", (e) => console.log("pageerror:", e.message));
      await page.goto(siteUrl);
      const phone = width < 768;
      if (phone) await page.getByRole("button", { name: "Connection", exact: true }).click();
      await page.getByLabel("Server URL").fill(cluster.roundRobin);
      await page.getByRole("checkbox", { name: "polling" }).uncheck();
      await page.getByRole("button", { name: "Connect", exact: true }).click();
      await page.getByRole("status", { name: "Connection status" }).getByText("open").waitFor();
      if (phone) await page.getByRole("button", { name: "Timeline", exact: true }).click();
      else await page.getByRole("button", { name: "Detail pane" }).click();
      await page.getByRole("button", { name: "Server view", exact: true }).click();
      const view = page.getByRole("region", { name: "Server view" });
      await view.getByRole("button", { name: "Connect server view" }).click();
      await view.getByText("Connected · 3 nodes").waitFor();
      // Six rooms, joined through the view's own operation (each reaches its socket on whichever node holds it).
      for (let i = 0; i < sockets.length; i += 7) {
        await view.getByLabel("Filter sockets").fill(`user-${i}"`);
        await view.getByRole("list", { name: "Server sockets" }).getByRole("listitem").first().click();
        await view.getByLabel(/^Room for .* to join$/).fill(`team-${i % 6}`);
        await view.getByRole("button", { name: /^Make .* join the room$/ }).click();
      }
      await view.getByLabel("Filter sockets").fill("");
      await view.getByLabel("Order sockets").selectOption("node");
      await view.getByRole("list", { name: "Server sockets" }).getByRole("listitem").nth(2).click();
      await page.waitForTimeout(4500);
      // On a phone the view's head scrolls with it (it would take too much of the screen): its top, as a person
      // opening it sees it.
      if (phone) await view.evaluate((el) => el.scrollTo({ top: 0 }));
      await page.screenshot({ path: `${outDir}/fleet-${width}-${theme}.png` });
      console.log(`saved ${outDir}/fleet-${width}-${theme}.png`);
      await view.getByRole("button", { name: "Close the server view" }).click();
      await page.getByRole("button", { name: "Charts", exact: true }).click();
      const charts = page.getByRole("region", { name: "Charts" });
      await charts.getByRole("img", { name: /^Server:/ }).waitFor();
      await charts.getByLabel("Server figure").selectOption("packetsIn");
      await charts.getByRole("img", { name: /^Server:/ }).scrollIntoViewIfNeeded();
      await page.waitForTimeout(1500);
      await page.screenshot({ path: `${outDir}/server-charts-${width}-${theme}.png` });
      console.log(`saved ${outDir}/server-charts-${width}-${theme}.png`);
      await page.close();
    }
  }
} finally {
  clearInterval(chatter);
  for (const s of sockets) s.disconnect();
  await browser.close();
  await site.close();
  await cluster.stop();
}
process.exit(0);
