import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createProxyServer } from "httpxy";
import { Server } from "socket.io";
import { connect, expect, fastReconnection, openInspector, test } from "./support/fixtures";
import type { Page } from "@playwright/test";

const listen = (http: HttpServer) => new Promise<string>((r) => http.listen(0, "127.0.0.1", () => r(`http://127.0.0.1:${(http.address() as AddressInfo).port}`)));
/** A plain 404 for anything that is not Socket.IO, as most app servers answer. */
const notFound = () => createServer((_req, res) => res.writeHead(404, { "content-type": "text/html" }).end("<h1>Not Found</h1>"));
const doctor = (page: Page) => page.getByRole("region", { name: "Connection doctor" });
const finding = (page: Page, title: string | RegExp) => doctor(page).getByRole("article", { name: title });

async function openOnly(page: Page, inspector: string, url: string, nsp = "/") {
  await openInspector(page, inspector, url);
  await page.getByRole("button", { name: "Remove namespace /metrics" }).click();
  if (nsp !== "/") {
    await page.getByLabel("Namespace", { exact: true }).fill(nsp);
    await page.getByRole("button", { name: "Add namespace" }).click();
  }
}

test.describe("the connection doctor, against servers set up to fail", () => {
  test("CORS refused on polling, and websocket-only would work", async ({ page, inspector }) => {
    const http = notFound();
    const io = new Server(http); // no cors option
    const url = await listen(http);
    try {
      await openOnly(page, inspector, url);
      await page.getByRole("button", { name: "Connect", exact: true }).click();
      const f = finding(page, /^CORS/);
      await expect(f).toContainText("websocket-only would work");
      await expect(f).toContainText("Fix: Allow the origin on the server");
      // And it does: untick polling.
      await page.getByRole("button", { name: "Disconnect", exact: true }).click().catch(() => undefined);
      await page.getByRole("checkbox", { name: "polling" }).uncheck();
      await connect(page);
    } finally {
      io.close();
      http.closeAllConnections();
    }
  });

  test("nothing listening", async ({ page, inspector }) => {
    const http = notFound();
    const url = await listen(http);
    await new Promise((r) => http.close(r));
    await openOnly(page, inspector, url);
    await page.getByRole("button", { name: "Connect", exact: true }).click();
    await expect(finding(page, `Nothing is listening at ${new URL(url).host}`)).toContainText("Fix: Start the server");
  });

  test("wrong path: a 404 where the Engine.IO path was expected, and where it really is", async ({ page, inspector }) => {
    const http = notFound();
    const io = new Server(http, { cors: { origin: true } });
    const url = await listen(http);
    try {
      await openOnly(page, inspector, url);
      await page.getByLabel("Path").fill("/wrong");
      await page.getByRole("button", { name: "Connect", exact: true }).click();
      const f = finding(page, "No Engine.IO server at /wrong; there is one at /socket.io");
      await expect(f).toContainText("Fix: Set Path to /socket.io");
    } finally {
      io.close();
      http.closeAllConnections();
    }
  });

  test("a Socket.IO v2 server (Engine.IO 3 handshake)", async ({ page, inspector }) => {
    const { default: ServerV2 } = await import("socket.io-v2");
    const http = notFound();
    const io = ServerV2(http);
    const url = await listen(http);
    try {
      await openOnly(page, inspector, url);
      // Told to speak v3/v4 (auto would switch to v2 by itself).
      await page.getByLabel("Server version").selectOption("v4");
      await page.getByRole("button", { name: "Connect", exact: true }).click();
      const f = finding(page, "This is a Socket.IO v2 server (Engine.IO 3)");
      await expect(f).toContainText("Set Server version to auto or v2");
    } finally {
      io.close();
      http.closeAllConnections();
    }
  });

  test("'Session ID unknown' from two servers behind a round-robin balancer without sticky sessions", async ({ page, inspector }) => {
    const nodes = [notFound(), notFound()];
    const ios = nodes.map((h) => new Server(h, { cors: { origin: true } }));
    const urls = await Promise.all(nodes.map(listen));
    // A real balancer in front (round robin, no stickiness), on httpxy.
    let next = 0;
    const proxy = createProxyServer({});
    proxy.on("error", () => undefined);
    const balancer = createServer((req, res) => void proxy.web(req, res, { target: urls[next++ % 2] }).catch(() => res.destroy()));
    const url = await listen(balancer);
    try {
      await openOnly(page, inspector, url);
      await page.getByRole("checkbox", { name: "websocket" }).uncheck();
      await page.getByRole("button", { name: "Connect", exact: true }).click();
      const f = finding(page, /^Session ID unknown/);
      await expect(f).toContainText('"message":"Session ID unknown"');
      await expect(f).toContainText("Enable sticky sessions");
    } finally {
      ios.forEach((io) => io.close());
      [...nodes, balancer].forEach((h) => h.closeAllConnections());
      balancer.close();
    }
  });

  test("middleware refusal with its message and data, and an invalid namespace", async ({ page, inspector, demo }) => {
    await openOnly(page, inspector, demo.url, "/admin");
    await page.getByLabel("Namespace", { exact: true }).fill("/nowhere");
    await page.getByRole("button", { name: "Add namespace" }).click();
    await connect(page);
    const refused = finding(page, "The server's middleware refused /admin");
    await expect(refused).toContainText("message: not authorized");
    await expect(refused).toContainText('data: {code: "NO_TOKEN"');
    await expect(finding(page, "The server has no namespace /nowhere")).toContainText('io.of("/nowhere")');
  });

  test("a server whose pings stop: ping timeout, not a transport cut", async ({ page, inspector }) => {
    const http = notFound();
    const io = new Server(http, { cors: { origin: true }, pingInterval: 200, pingTimeout: 200 });
    io.on("connection", (socket) => clearTimeout((socket.conn as unknown as { pingIntervalTimer: NodeJS.Timeout }).pingIntervalTimer));
    const url = await listen(http);
    try {
      await openOnly(page, inspector, url);
      await fastReconnection(page);
      await connect(page);
      await expect(finding(page, "Ping timeout: the server stopped sending pings")).toContainText("close: ping timeout");
      await expect(finding(page, /^The transport was/)).toHaveCount(0);
    } finally {
      io.close();
      http.closeAllConnections();
    }
  });

  test("a transport cut: not a ping timeout", async ({ page, inspector, demo }) => {
    await openOnly(page, inspector, demo.url);
    await page.getByRole("checkbox", { name: "polling" }).uncheck();
    await connect(page);
    await page.getByRole("button", { name: "Drop transport" }).click();
    await expect(finding(page, "The transport was closed")).toContainText("close: transport close");
    await expect(finding(page, /^Ping timeout/)).toHaveCount(0);
  });
});
