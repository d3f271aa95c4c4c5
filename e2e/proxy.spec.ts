import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";
import { startInspectProxy } from "../scripts/inspect.mjs";
import { connect, eventRow, expect, rows, test } from "./support/fixtures";
import { startPythonServer } from "./support/python-server";

/** A server with no CORS at all, whose middleware wants an Authorization header a browser cannot send on a WebSocket. */
async function lockedServer() {
  const http = createServer();
  const io = new Server(http);
  const requests: Array<{ url: string; origin: string | undefined }> = [];
  http.prependListener("request", (req) => requests.push({ url: req.url ?? "", origin: req.headers.origin }));
  http.prependListener("upgrade", (req) => requests.push({ url: req.url ?? "", origin: req.headers.origin }));
  io.use((socket, next) =>
    socket.request.headers.authorization === "Bearer s3cret" ? next() : next(new Error("no Authorization header")),
  );
  io.on("connection", (socket) => socket.emit("hello", { via: socket.conn.transport.name }));
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", () => r()));
  // Closing does not wait for the proxy's half-closed upstream WebSocket to say goodbye.
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    io,
    requests,
    close: async () => {
      io.close();
      http.closeAllConnections();
    },
  };
}

test("the same-origin proxy reaches a server with no CORS, adding the header the browser cannot", async ({
  page,
  inspector,
}) => {
  const target = await lockedServer();
  const proxy = await startInspectProxy({ target: target.url, port: 0, headers: { Authorization: "Bearer s3cret" } });
  try {
    // Directly, from the inspector's own origin, the browser refuses the polling response (no CORS).
    await page.goto(inspector);
    await page.getByLabel("Server URL").fill(target.url);
    await page.getByRole("button", { name: "Connect", exact: true }).click();
    await expect(rows(page).filter({ hasText: "xhr poll error" }).first()).toBeAttached();

    // Through the proxy: the page is served by it, the form names it, and everything works, upgrade included.
    await page.goto(proxy.url);
    await expect(page.getByLabel("Server URL")).toHaveValue(proxy.origin);
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

test("a page on another origin cannot use the proxy: its WebSocket and its no-cors POST are refused, and the target sees nothing", async ({
  page,
}) => {
  const target = await lockedServer();
  const proxy = await startInspectProxy({ target: target.url, port: 0, headers: { Authorization: "Bearer s3cret" } });
  // Any other site the user has open: here a page served from another loopback port.
  const evil = createServer((_req, res) =>
    res.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><title>other site</title>"),
  );
  await new Promise<void>((r) => evil.listen(0, "127.0.0.1", () => r()));
  let reached = 0;
  target.io.engine.on("connection", () => reached++);
  try {
    // The user has the inspector open through the proxy (so the browser holds the proxy's cookie).
    await page.goto(proxy.url);
    await connect(page);
    const reachedByInspector = reached;
    const other = await page.context().newPage();
    await other.goto(`http://127.0.0.1:${(evil.address() as AddressInfo).port}/`);
    const wsUrl = proxy.origin.replace(/^http/, "ws") + "/socket.io/?EIO=4&transport=websocket&from=other-site";
    const outcome = await other.evaluate(
      async ([ws, post]) => {
        const opened = await new Promise<string>((resolve) => {
          const socket = new WebSocket(ws);
          socket.onopen = () => resolve("open");
          socket.onerror = () => resolve("refused");
        });
        const posted = await fetch(post, { method: "POST", mode: "no-cors", body: "1:6" }).then(
          () => "sent",
          () => "failed",
        );
        return { opened, posted };
      },
      [wsUrl, `${proxy.origin}/socket.io/?EIO=4&transport=polling&from=other-site`] as const,
    );
    expect(outcome.opened).toBe("refused");
    // A no-cors request always "succeeds" from the page's view (the answer is opaque); the target is what matters.
    expect(outcome.posted).toBe("sent");
    expect(reached).toBe(reachedByInspector);
    expect(target.requests.filter((r) => r.url.includes("from=other-site"))).toEqual([]);
  } finally {
    evil.close();
    await proxy.close();
    await target.close();
  }
});

test("python-socketio with its default origin check works through the proxy, which sends the server's own origin", async ({
  page,
}) => {
  const python = await startPythonServer("default");
  const proxy = await startInspectProxy({ target: python.url, port: 0 });
  try {
    await page.goto(proxy.url);
    await connect(page);
    await expect(eventRow(page, "hello", "in")).toContainText("python-socketio");
  } finally {
    await proxy.close();
    python.close();
  }
});
