import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createProxyServer } from "httpxy";
import { Server } from "socket.io";
import * as msgpack from "socket.io-msgpack-parser";
import ServerV2 from "socket.io-v2";
import { Server as ServerV3 } from "socket.io-v3";
import { connect, eventRow, expect, fastReconnection, openInspector, rows, test } from "./support/fixtures";
import { startPythonServer } from "./support/python-server";
import type { Page } from "@playwright/test";

const listen = (http: HttpServer) =>
  new Promise<string>((r) =>
    http.listen(0, "127.0.0.1", () => r(`http://127.0.0.1:${(http.address() as AddressInfo).port}`)),
  );
/** A plain 404 for anything that is not Socket.IO, as most app servers answer: no CORS header. */
const notFound = () =>
  createServer((req, res) =>
    res.writeHead(404, { "content-type": "text/html" }).end(`<pre>Cannot GET ${req.url}</pre>`),
  );
const doctor = (page: Page) => page.getByRole("region", { name: "Connection doctor" });
const finding = (page: Page, title: string | RegExp) => doctor(page).getByRole("article", { name: title });
const open = (page: Page) => doctor(page).locator("article:not([data-resolved])");

async function openOnly(page: Page, inspector: string, url: string, nsp = "/") {
  await openInspector(page, inspector, url);
  if (nsp !== "/") {
    await page.getByLabel("Namespace", { exact: true }).fill(nsp);
    await page.getByRole("button", { name: "Add namespace" }).click();
  }
}

const connectButton = (page: Page) => page.getByRole("button", { name: "Connect", exact: true });

/** No advice that the evidence does not support. */
async function noWrongAdvice(page: Page, ...wrong: RegExp[]) {
  for (const text of wrong) await expect(doctor(page)).not.toContainText(text);
}

test.describe("the connection doctor, against servers set up the way users run them", () => {
  test("CORS refused on polling by a Node server: named only because its WebSocket works, and the fix in Node's terms", async ({
    page,
    inspector,
  }) => {
    const http = notFound();
    const io = new Server(http); // no cors option
    const url = await listen(http);
    try {
      await openOnly(page, inspector, url);
      await connectButton(page).click();
      const f = finding(page, /^CORS/);
      await expect(f).toContainText("Server: Node socket.io 4.1 or later");
      await expect(f).toContainText("WebSocket-only works (checked)");
      await expect(f).toContainText('new Server(httpServer, { cors: { origin: "');
      await noWrongAdvice(page, /cors_allowed_origins/);
      // And it does: untick polling.
      await page.getByRole("button", { name: "Disconnect", exact: true }).click();
      await page.getByRole("checkbox", { name: "polling" }).uncheck();
      await connect(page);
      await expect(open(page)).toHaveCount(0);
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
    await connectButton(page).click();
    await expect(finding(page, `Nothing is listening at ${new URL(url).host}`)).toContainText("Fix: Start the server");
    await noWrongAdvice(page, /CORS/);
  });

  test("wrong path, a typo: a plain 404 without CORS is not CORS; the server is found at /socket.io", async ({
    page,
    inspector,
  }) => {
    const http = notFound();
    const io = new Server(http);
    const url = await listen(http);
    try {
      await openOnly(page, inspector, url);
      await page.getByLabel("Path").fill("/wss");
      await connectButton(page).click();
      await expect(finding(page, "No Engine.IO server at /wss; there is one at /socket.io")).toContainText(
        "Fix: Set Path to /socket.io.",
      );
      await noWrongAdvice(page, /CORS:/, /WebSocket-only works/);
    } finally {
      io.close();
      http.closeAllConnections();
    }
  });

  test("wrong path: the server is on /ws and the form says /socket.io", async ({ page, inspector }) => {
    const http = notFound();
    const io = new Server(http, { path: "/ws" });
    const url = await listen(http);
    try {
      await openOnly(page, inspector, url);
      await connectButton(page).click();
      await expect(finding(page, "No Engine.IO server at /socket.io; there is one at /ws")).toContainText(
        "Fix: Set Path to /ws.",
      );
      await noWrongAdvice(page, /CORS:/, /WebSocket-only works/);
      await page.getByLabel("Path").fill("/ws");
      await page.getByRole("checkbox", { name: "polling" }).uncheck();
      await connect(page);
    } finally {
      io.close();
      http.closeAllConnections();
    }
  });

  test("an allowRequest that answers 403: the WebSocket is refused too, so no websocket-only advice", async ({
    page,
    inspector,
  }) => {
    const http = notFound();
    const io = new Server(http, {
      allowRequest: (req, cb) => cb(null, req.headers.authorization === "Bearer letmein"),
    });
    const url = await listen(http);
    try {
      await openOnly(page, inspector, url);
      await connectButton(page).click();
      const f = finding(page, "No Engine.IO connection to /socket.io from this page");
      await expect(f).toContainText("refused as well");
      await expect(f).toContainText("set Route to “through the inspector's server”");
      await noWrongAdvice(page, /CORS:/, /WebSocket-only works/);
    } finally {
      io.close();
      http.closeAllConnections();
    }
  });

  test("python-socketio with its defaults: its origin check refuses polling and WebSocket; no Node advice, no websocket-only claim", async ({
    page,
    inspector,
  }) => {
    const python = await startPythonServer("default");
    try {
      await openOnly(page, inspector, python.url);
      await connectButton(page).click();
      const f = finding(page, "No Engine.IO connection to /socket.io from this page");
      await expect(f).toContainText("python-socketio accepts only its own by default");
      await expect(f).toContainText("cors_allowed_origins");
      await noWrongAdvice(page, /new Server\(/, /WebSocket-only works/, /CORS:/);
    } finally {
      python.close();
    }
  });

  test("python-socketio refusing an unknown namespace with a plain string: the string is shown, and explained in python's terms", async ({
    page,
    inspector,
  }) => {
    const python = await startPythonServer("cors");
    try {
      await openOnly(page, inspector, python.url, "/nope");
      await connect(page);
      await expect(eventRow(page, "hello", "in")).toHaveCount(1);
      const refusal = rows(page).filter({ has: page.locator('.c-kind:text-is("connect_error")') });
      await expect(refusal).toContainText("Unable to connect");
      const f = finding(page, 'python-socketio refused /nope: "Unable to connect"');
      await expect(f).toContainText("Server: python-socketio (python-engineio)");
      await expect(f).toContainText('namespace="/nope"');
      await noWrongAdvice(page, /middleware/, /io\.of\(/);
    } finally {
      python.close();
    }
  });

  test("a Socket.IO v2 server with v3/v4 chosen: polling is named by the checks", async ({ page, inspector }) => {
    const http = notFound();
    const io = ServerV2(http);
    const url = await listen(http);
    try {
      await openOnly(page, inspector, url);
      // Told to speak v3/v4 (auto would switch to v2 by itself).
      await page.getByLabel("Server version").selectOption("v4");
      await connectButton(page).click();
      await expect(finding(page, "This is a Socket.IO v2 server (Engine.IO 3)")).toContainText(
        "Set Server version to auto or v2",
      );
    } finally {
      io.close();
      http.closeAllConnections();
    }
  });

  test("a Socket.IO v2 server over websocket only, v3/v4 chosen: named at once from its first CONNECT, not as a ping timeout", async ({
    page,
    inspector,
  }) => {
    const http = notFound();
    const io = ServerV2(http);
    const url = await listen(http);
    try {
      await openOnly(page, inspector, url);
      await page.getByLabel("Server version").selectOption("v4");
      await page.getByRole("checkbox", { name: "polling" }).uncheck();
      await connectButton(page).click();
      await expect(finding(page, "This is a Socket.IO v2 server")).toContainText("carried no session id");
      await noWrongAdvice(page, /Ping timeout/, /Nothing wrong seen so far/);
    } finally {
      io.close();
      http.closeAllConnections();
    }
  });

  test("a parser mismatch (msgpack server, default parser): named after a few identical cycles, with the counts", async ({
    page,
    inspector,
  }) => {
    const http = notFound();
    const io = new Server(http, { parser: msgpack, cors: { origin: true } });
    const url = await listen(http);
    try {
      await openOnly(page, inspector, url);
      await fastReconnection(page);
      await connectButton(page).click();
      const f = finding(page, /most likely a parser mismatch/);
      await expect(f).toContainText(/3 cycles in [\d.]+ s: open, CONNECT sent, closed \(transport close\)/);
      await expect(f).toContainText("Set Parser to msgpack here");
      await noWrongAdvice(page, /The transport was closed/, /proxy's idle timeout/);
    } finally {
      io.close();
      http.closeAllConnections();
    }
  });

  test("'Session ID unknown' from two servers behind a round-robin balancer without sticky sessions", async ({
    page,
    inspector,
  }) => {
    const nodes = [notFound(), notFound()];
    const ios = nodes.map((h) => new Server(h, { cors: { origin: true } }));
    const urls = await Promise.all(nodes.map(listen));
    // A real balancer in front (round robin, no stickiness), on httpxy.
    let next = 0;
    const proxy = createProxyServer({});
    proxy.on("error", () => undefined);
    const balancer = createServer(
      (req, res) => void proxy.web(req, res, { target: urls[next++ % 2] }).catch(() => res.destroy()),
    );
    const url = await listen(balancer);
    try {
      await openOnly(page, inspector, url);
      await page.getByRole("checkbox", { name: "websocket" }).uncheck();
      await connectButton(page).click();
      const f = finding(page, /^Session ID unknown/);
      await expect(f).toContainText('"message":"Session ID unknown"');
      await expect(f).toContainText("Enable sticky sessions");
    } finally {
      ios.forEach((io) => io.close());
      [...nodes, balancer].forEach((h) => h.closeAllConnections());
      balancer.close();
    }
  });

  test("a refusal, then the right auth: the finding is marked resolved, with the time", async ({
    page,
    inspector,
    demo,
  }) => {
    await openOnly(page, inspector, demo.url, "/admin");
    await page.getByLabel("Namespace", { exact: true }).fill("/nowhere");
    await page.getByRole("button", { name: "Add namespace" }).click();
    await connect(page);
    const refused = finding(page, 'The server refused /admin: "not authorized"');
    await expect(refused).toContainText('data: {code: "NO_TOKEN"');
    await expect(finding(page, "The server has no namespace /nowhere")).toContainText('io.of("/nowhere")');
    await page.getByLabel("Auth of /admin").fill('{"token": "letmein"}');
    await page.getByLabel("Auth of /admin").blur();
    await page.getByRole("button", { name: "Connect namespace /admin", exact: true }).click();
    await expect(refused).toHaveAttribute("data-resolved", "true");
    await expect(refused).toContainText(/Resolved at .*: \/admin connected at/);
  });

  test("a server whose pings stop: ping timeout, not a transport cut", async ({ page, inspector }) => {
    const http = notFound();
    const io = new Server(http, { cors: { origin: true }, pingInterval: 200, pingTimeout: 200 });
    io.on("connection", (socket) =>
      clearTimeout((socket.conn as unknown as { pingIntervalTimer: NodeJS.Timeout }).pingIntervalTimer),
    );
    const url = await listen(http);
    try {
      await openOnly(page, inspector, url);
      await fastReconnection(page);
      await connect(page);
      await expect(finding(page, "Ping timeout: the heartbeat stopped")).toContainText("close: ping timeout");
      await expect(finding(page, /^The transport was/)).toHaveCount(0);
    } finally {
      io.close();
      http.closeAllConnections();
    }
  });

  test("Drop transport alone is no finding; the server cutting the transport is one, resolved by the reconnection", async ({
    page,
    inspector,
    demo,
  }) => {
    await openOnly(page, inspector, demo.url);
    await fastReconnection(page);
    await page.getByRole("checkbox", { name: "polling" }).uncheck();
    await connect(page);
    await page.getByRole("button", { name: "Drop transport" }).click();
    await expect(rows(page).filter({ has: page.locator('.c-kind:text-is("reconnect")') })).toHaveCount(1);
    await expect(doctor(page).getByRole("article")).toHaveCount(0);
    await expect(doctor(page)).toContainText("Nothing wrong seen so far.");
    for (const socket of demo.io.of("/").sockets.values()) socket.conn.close();
    const cut = finding(page, "The transport was closed");
    await expect(cut).toContainText("close: transport close");
    await expect(cut).toHaveAttribute("data-resolved", "true");
    await expect(finding(page, /^Ping timeout/)).toHaveCount(0);
  });

  test("a server that announces no maxPayload (socket.io 3): 'not announced', a warning on a 1.2 MB emit, and the drop named", async ({
    page,
    inspector,
  }) => {
    const http = notFound();
    const io = new ServerV3(http, { cors: { origin: true } });
    const url = await listen(http);
    try {
      await openOnly(page, inspector, url);
      await page.getByRole("checkbox", { name: "polling" }).uncheck();
      await connect(page);
      await expect(page.getByRole("status", { name: "Connection status" })).toContainText("maxPayload not announced");
      await page.getByLabel("Event name").fill("big");
      await page.getByLabel("Expect ack").uncheck();
      await page.getByLabel("Argument 1", { exact: true }).fill("x".repeat(1_200_000));
      await page.getByRole("button", { name: "Emit", exact: true }).click();
      await expect(page.getByRole("status", { name: "Emit warning" })).toContainText(
        "the server did not announce its maxPayload",
      );
      const f = finding(page, /^The server dropped the connection right after a 1\.1 MB emit/);
      await expect(f).toContainText("Server: Node socket.io 3.x or 4.0");
      await expect(f).toContainText("maxHttpBufferSize");
    } finally {
      io.close();
      http.closeAllConnections();
    }
  });

  test("a server that answers neither protocol: auto tries both, and the doctor names what answers instead", async ({
    page,
    inspector,
  }) => {
    const http = createServer((_req, res) =>
      res
        .writeHead(200, { "content-type": "text/plain", "access-control-allow-origin": "*" })
        .end("hello from an app, not Socket.IO"),
    );
    const url = await listen(http);
    try {
      await openOnly(page, inspector, url);
      await fastReconnection(page);
      await connectButton(page).click();
      await expect(rows(page).filter({ hasText: "switching to Socket.IO v2" })).toHaveCount(1);
      await expect(finding(page, "No Engine.IO server at /socket.io")).toContainText('body starts "hello from an app');
    } finally {
      http.closeAllConnections();
      http.close();
    }
  });
});

test.describe("headers and cookies without a proxy", () => {
  /** A server whose allowRequest wants an Authorization header; its CORS lets the inspector send it. */
  async function lockedServer() {
    const http = notFound();
    const io = new Server(http, {
      cors: { origin: true },
      allowRequest: (req, cb) => cb(null, req.headers.authorization === "Bearer letmein"),
    });
    io.on("connection", (socket) => socket.emit("hello", "let in"));
    return { url: await listen(http), close: () => (io.close(), http.closeAllConnections()) };
  }

  test("polling only: the header from the form gets the connection in", async ({ page, inspector }) => {
    const server = await lockedServer();
    try {
      await openOnly(page, inspector, server.url);
      await page.getByRole("checkbox", { name: "websocket" }).uncheck();
      await page.getByRole("button", { name: "Add header" }).click();
      await page.getByLabel("Header name 1", { exact: true }).fill("Authorization");
      await page.getByLabel("Header value 1", { exact: true }).fill("Bearer letmein");
      await connect(page);
      await expect(eventRow(page, "hello", "in")).toContainText("let in");
    } finally {
      server.close();
    }
  });

  test("websocket only: the form says the headers cannot go on a WebSocket, and offers the proxy", async ({
    page,
    inspector,
  }) => {
    const server = await lockedServer();
    try {
      await openOnly(page, inspector, server.url);
      await page.getByRole("checkbox", { name: "polling" }).uncheck();
      await page.getByRole("button", { name: "Add header" }).click();
      await page.getByLabel("Header name 1", { exact: true }).fill("Authorization");
      await page.getByLabel("Header value 1", { exact: true }).fill("Bearer letmein");
      await expect(page.getByRole("status", { name: "Headers warning" })).toContainText(
        "Polling is off: these headers will not be sent",
      );
      await expect(page.getByRole("group", { name: "Headers and cookies" })).toContainText(
        "For the WebSocket too (and for Cookie), set Route to “through the inspector's server”.",
      );
    } finally {
      server.close();
    }
  });

  test("a header a page cannot set is refused by name; nothing connects", async ({ page, inspector }) => {
    await openOnly(page, inspector, "http://127.0.0.1:9");
    await page.getByRole("button", { name: "Add header" }).click();
    await page.getByLabel("Header name 1", { exact: true }).fill("Cookie");
    await page.getByLabel("Header value 1", { exact: true }).fill("sid=1");
    await connectButton(page).click();
    await expect(page.getByRole("form", { name: "Connection" }).getByRole("alert")).toContainText(
      'Header "Cookie" cannot be set by a page: tick With credentials',
    );
    await expect(page.getByRole("status", { name: "Connection status" })).toContainText("idle");
  });
});
