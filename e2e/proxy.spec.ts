import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";
import { startInspectProxy } from "../src/server/local-server";
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

/**
 * The same site is not the same origin: a page on another port of the host the user opened the proxy on gets the
 * proxy's SameSite=Strict cookie with its script, image, form and no-cors requests, none of which carries an Origin.
 */
for (const host of ["127.0.0.1", "localhost"]) {
  test(`a page on another port of ${host} gets nothing of the target: a JSONP script tag, an image, a form and a no-cors fetch`, async ({
    page,
  }) => {
    // socket.io 4 that still speaks Engine.IO 3, JSONP included: what a JSONP script tag would read.
    const http = createServer();
    const io = new Server(http, { allowEIO3: true });
    const seen: string[] = [];
    http.prependListener("request", (req) => seen.push(req.url ?? ""));
    io.on("connection", (socket) => socket.emit("hello", "for the inspector only"));
    await new Promise<void>((r) => http.listen(0, "127.0.0.1", () => r()));
    const target = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    const proxy = await startInspectProxy({ target, port: 0, headers: { Authorization: "Bearer s3cret" } });
    const other = createServer((_req, res) =>
      res.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><title>another dev server</title>"),
    );
    await new Promise<void>((r) => other.listen(0, "127.0.0.1", () => r()));
    try {
      // The user opens the proxy's address on this host: the browser now holds its cookie for the site.
      await page.goto(proxy.url.replace("127.0.0.1", host));
      await expect(page.getByLabel("Server URL")).toHaveValue(new RegExp(`^http://${host}:`));
      await connect(page); // polling first (a same-origin GET: no Origin), then the upgrade
      await expect(eventRow(page, "hello", "in")).toHaveCount(1);

      const attacker = await page.context().newPage();
      await attacker.goto(`http://${host}:${(other.address() as AddressInfo).port}/`);
      const engine = `http://${host}:${new URL(proxy.origin).port}/socket.io/?EIO=3&transport=polling&from=other-site`;
      const outcome = await attacker.evaluate(async (engineUrl) => {
        const read: string[] = [];
        // What engine.io's JSONP answer calls: a page that gets it reads the session id and then the events.
        (window as unknown as { ___eio: Array<(data: string) => void> }).___eio = [(data) => read.push(data)];
        const load = (el: HTMLScriptElement | HTMLImageElement, src: string) =>
          new Promise<string>((resolve) => {
            el.onload = () => resolve("loaded");
            el.onerror = () => resolve("error");
            el.src = src;
            document.body.append(el);
          });
        const script = await load(document.createElement("script"), `${engineUrl}&j=0`);
        const image = await load(document.createElement("img"), `${engineUrl}&as=image`);
        const frame = document.createElement("iframe");
        frame.name = "sink";
        document.body.append(frame);
        const form = document.createElement("form");
        form.method = "GET";
        form.target = "sink";
        form.action = engineUrl.split("?")[0] as string;
        for (const [k, v] of new URL(engineUrl).searchParams) {
          const input = document.createElement("input");
          input.name = k;
          input.value = k === "from" ? "other-site-form" : v;
          form.append(input);
        }
        document.body.append(form);
        const submitted = new Promise((resolve) => (frame.onload = resolve));
        form.submit();
        await submitted;
        const fetched = await fetch(`${engineUrl}&as=fetch`, { mode: "no-cors", credentials: "include" }).then(
          () => "sent",
          () => "failed",
        );
        return { read, script, image, fetched };
      }, engine);
      expect(outcome.read, "what a JSONP callback read").toEqual([]);
      expect(outcome.script).toBe("error");
      expect(outcome.image).toBe("error");
      expect(outcome.fetched).toBe("sent"); // opaque either way: what the target got is what matters
      expect(seen.filter((url) => url.includes("from=other-site"))).toEqual([]);
      // The inspector's own page goes on working.
      await page.getByRole("button", { name: "Disconnect", exact: true }).click();
      await connect(page);
      await expect(eventRow(page, "hello", "in")).toHaveCount(2);
    } finally {
      other.close();
      await proxy.close();
      io.close();
      http.closeAllConnections();
    }
  });
}

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
