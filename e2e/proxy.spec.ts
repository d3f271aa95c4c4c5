import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";
import { startInspectProxy } from "../scripts/inspect.mjs";
import { connect, eventRow, expect, rows, test } from "./support/fixtures";

/** A server with no CORS at all, whose middleware wants an Authorization header a browser cannot send on a WebSocket. */
async function lockedServer() {
  const http = createServer();
  const io = new Server(http);
  io.use((socket, next) => (socket.request.headers.authorization === "Bearer s3cret" ? next() : next(new Error("no Authorization header"))));
  io.on("connection", (socket) => socket.emit("hello", { via: socket.conn.transport.name }));
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", () => r()));
  // Closing does not wait for the proxy's half-closed upstream WebSocket to say goodbye.
  return { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, close: async () => { io.close(); http.closeAllConnections(); } };
}

test("the same-origin proxy reaches a server with no CORS, adding the header the browser cannot", async ({ page, inspector }) => {
  const target = await lockedServer();
  const proxy = await startInspectProxy({ target: target.url, port: 0, headers: { Authorization: "Bearer s3cret" } });
  try {
    // Directly, from the inspector's own origin, the browser refuses the polling response (no CORS).
    await page.goto(inspector);
    await page.getByLabel("Server URL").fill(target.url);
    await page.getByRole("button", { name: "Remove namespace /metrics" }).click();
    await page.getByRole("button", { name: "Connect", exact: true }).click();
    await expect(rows(page).filter({ hasText: "xhr poll error" }).first()).toBeAttached();

    // Through the proxy: the page is served by it, the form names it, and everything works, upgrade included.
    await page.goto(proxy.url);
    await expect(page.getByLabel("Server URL")).toHaveValue(proxy.url.replace(/\/$/, ""));
    await connect(page);
    await expect(eventRow(page, "hello", "in")).toHaveCount(1);
    await expect(page.getByRole("status", { name: "Connection status" })).toContainText("transport websocket");
    // WebSocket only: the handshake is the upgrade request itself, and the proxy's header is on it.
    await page.getByRole("button", { name: "Disconnect", exact: true }).click();
    await page.getByRole("checkbox", { name: "polling" }).uncheck();
    await connect(page);
    await expect(eventRow(page, "hello", "in").filter({ hasText: 'via: "websocket"' })).toHaveCount(1);
  } finally {
    await proxy.close();
    await target.close();
  }
});
