// Benchmark 6, in Chromium: the Server panel against a socket.io server instrumented with @socket.io/admin-ui
// (development mode) holding many sockets (1,000 by default, each in one of ten rooms). Measured in the page:
//   first render: from the click on "Connect server view" to the first frame whose socket list counts them all
//                 (the server's all_sockets included: it is what a user waits for);
//   filter:       from typing a filter that matches a tenth of them to the next frame that shows the new count.
import { createServer } from "node:http";
import { instrument } from "@socket.io/admin-ui";
import { Server } from "socket.io";
import { io as officialClient } from "socket.io-client";
import { launchBrowser, startInspector } from "./browser.mjs";

/** @param {number} sockets */
async function instrumentedServer(sockets) {
  const http = createServer();
  const io = new Server(http, { cors: { origin: true } });
  io.on("connection", (socket) => socket.on("join", (room) => socket.join(String(room))));
  instrument(io, { auth: false, mode: "development" });
  await new Promise((r) => http.listen(0, "127.0.0.1", () => r(undefined)));
  const url = `http://127.0.0.1:${/** @type {import("node:net").AddressInfo} */ (http.address()).port}`;
  // The load: plain clients (the official one, as a user's app would be), websocket only, each joining a room.
  /** @type {import("socket.io-client").Socket[]} */
  const clients = [];
  for (let i = 0; i < sockets; i++) {
    const c = officialClient(url, { transports: ["websocket"], forceNew: true, reconnection: false });
    clients.push(c);
    c.on("connect", () => c.emit("join", `room-${i % 10}`));
  }
  await new Promise((resolve) => {
    const check = () => (clients.every((c) => c.connected) ? resolve(undefined) : setTimeout(check, 50));
    check();
  });
  return {
    url,
    stop: () => {
      for (const c of clients) c.disconnect();
      io.close();
      http.closeAllConnections();
    },
  };
}

/**
 * Benchmark 6: the Server panel's first render and filter times with `sockets` sockets on the server.
 * @param {{ sockets?: number }} [options]
 * @returns {Promise<{ sockets: number; firstRenderMs: number; filterMs: number; matching: number }>}
 */
export async function benchServerPanel({ sockets = 1000 } = {}) {
  const server = await instrumentedServer(sockets);
  const inspector = await startInspector();
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    await page.goto(inspector.url);
    await page.getByLabel("Server URL").fill(server.url);
    const panel = page.getByRole("region", { name: "Server" });
    await panel.getByLabel("Admin namespace").fill("/admin");
    // Counted from the panel's "N of M" line, per frame, in the page.
    const firstRenderMs = await page.evaluate(async (want) => {
      const count = () => {
        const line = [...document.querySelectorAll(".server-view p")].find((p) => /^\s*\d+ of \d+/.test(p.textContent));
        return Number(/of (\d+)/.exec(line?.textContent ?? "")?.[1] ?? 0);
      };
      const button = [...document.querySelectorAll("button")].find(
        (b) => b.textContent.trim() === "Connect server view",
      );
      if (!button) throw new Error('no "Connect server view" button');
      const t0 = performance.now();
      button.click();
      for (;;) {
        await new Promise((r) => requestAnimationFrame(r));
        if (count() >= want) return performance.now() - t0;
        if (performance.now() - t0 > 60_000) throw new Error(`the panel counted ${count()} of ${want} sockets`);
      }
    }, sockets);
    const filter = await page.evaluate(async () => {
      const input = [...document.querySelectorAll("label")]
        .find((l) => l.textContent.trim().startsWith("Filter sockets"))
        ?.querySelector("input");
      const shown = () => {
        const line = [...document.querySelectorAll(".server-view p")].find((p) => /^\s*\d+ of \d+/.test(p.textContent));
        return Number(/^\s*(\d+) of/.exec(line?.textContent ?? "")?.[1] ?? -1);
      };
      if (!input) throw new Error('no "Filter sockets" field');
      const before = shown();
      const t0 = performance.now();
      input.value = "room-7";
      input.dispatchEvent(new Event("input"));
      for (;;) {
        await new Promise((r) => requestAnimationFrame(r));
        if (shown() !== before) return { ms: performance.now() - t0, matching: shown() };
        if (performance.now() - t0 > 10_000) throw new Error("the filter changed nothing");
      }
    });
    return { sockets, firstRenderMs, filterMs: filter.ms, matching: filter.matching };
  } finally {
    await browser.close();
    await inspector.close();
    server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await benchServerPanel({ sockets: Number(process.argv[2] ?? 1000) });
  console.log(
    `server panel, ${r.sockets} sockets: first render ${r.firstRenderMs.toFixed(0)} ms, filter ${r.filterMs.toFixed(0)} ms (${r.matching} match)`,
  );
}
