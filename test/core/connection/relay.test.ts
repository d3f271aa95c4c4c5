/**
 * The page's side of the relay (src/core/connection/relay.ts) against a real local server (startLocalServer) and real
 * socket.io servers on loopback. `fetch` is Node's, sending what the inspector's own page sends with its requests (its
 * token cookie, its Origin), as the page's browser would.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type RequestListener } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Server } from "socket.io";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { Manager } from "../../../src/client/index.js";
import { findRelay, pageRelay, type Relay } from "../../../src/core/connection/relay.js";
import { startLocalServer, type RunningLocalServer } from "../../../src/server/local-server.js";
import { withCode } from "../../helpers/codes.js";
import { raw } from "../../helpers/raw-request.js";

const pageDir = mkdtempSync(join(tmpdir(), "inspector-page-"));
writeFileSync(join(pageDir, "index.html"), "<!doctype html><title>inspector</title>");

let local: RunningLocalServer;
/** What the inspector's own page sends with its requests to its server. */
let own: Record<string, string>;
/** fetch as the inspector's page does it. */
let pageFetch: typeof fetch;
let relay: Relay;

beforeAll(async () => {
  local = await startLocalServer({ root: pageDir });
  const port = Number(new URL(local.origin).port);
  // The page's first visit: the server sets its token cookie and sends it on to "/".
  const first = await raw(port, new URL(local.url).pathname + new URL(local.url).search);
  const cookie = String(first.headers["set-cookie"]).split(";")[0] as string;
  own = { cookie, origin: local.origin, "sec-fetch-site": "same-origin" };
  pageFetch = (input, init) => fetch(input, { ...init, headers: { ...(init?.headers as object), ...own } });
  relay = pageRelay(local.origin, pageFetch);
});
afterAll(() => local.close());

/** A plain HTTP server on loopback answering with `handler`; resolves with its origin and a way to close it. */
async function httpServer(handler: RequestListener) {
  const http = createServer(handler);
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", () => r()));
  return {
    origin: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => http.close(() => r())),
  };
}

/** A port on loopback where nothing listens (a server started and closed). */
async function deadOrigin(): Promise<string> {
  const server = await httpServer(() => undefined);
  await server.close();
  return server.origin;
}

/** A socket.io server that acks "echo" with what it got. */
async function echoServer() {
  const http = createServer();
  const io = new Server(http);
  io.on("connection", (socket) => socket.on("echo", (v: unknown, ack: (v: unknown) => void) => ack(v)));
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", () => r()));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => io.close(() => r())),
  };
}

/** A client of the library as the page makes one on a route: to the local server, on the route's path. */
function clientOn(route: { url: string; path: string }) {
  return new Manager(route.url, { path: route.path, reconnection: false, transports: ["polling"], extraHeaders: own });
}

describe("findRelay", () => {
  test("finds the relay of the local server the page came from", async () => {
    const found = await findRelay(local.origin, pageFetch);
    expect(found?.origin).toBe(local.origin);
  });

  test("finds none on a server that does not relay (a static host answering its page)", async () => {
    const host = await httpServer((_req, res) => res.writeHead(200, { "content-type": "text/html" }).end("<p>page"));
    try {
      expect(await findRelay(host.origin, pageFetch)).toBeUndefined();
    } finally {
      await host.close();
    }
  });

  test("finds none where JSON answers but not the relay's", async () => {
    const host = await httpServer((_req, res) =>
      res.writeHead(200, { "content-type": "application/json" }).end('{"relay":"yes"}'),
    );
    try {
      expect(await findRelay(host.origin, pageFetch)).toBeUndefined();
    } finally {
      await host.close();
    }
  });

  test("finds none where nothing listens", async () => {
    expect(await findRelay(await deadOrigin(), pageFetch)).toBeUndefined();
  });
});

describe("register", () => {
  test("returns a route on the local server that a client of the library reaches the server through", async () => {
    const server = await echoServer();
    try {
      const route = await relay.register({ url: server.url, path: "/socket.io", headers: {} });
      expect(route.url).toBe(local.origin);
      expect(route.path.startsWith(`/_relay/${route.id}`)).toBe(true);
      expect(route.target).toBe(`${server.url}/socket.io/`);
      const manager = clientOn(route);
      const socket = manager.socket("/");
      expect(await socket.timeout(5000).emitWithAck("echo", "through")).toBe("through");
      socket.disconnect();
    } finally {
      await server.close();
    }
  });

  test("a route the local server refuses is an error carrying its problem", async () => {
    const refused = relay.register({ url: "ftp://files.example", path: "/socket.io", headers: {} });
    await expect(refused).rejects.toThrow(
      withCode("relay-route-refused", { cause: { code: "route-scheme-refused", params: { protocol: "ftp:" } } }),
    );
  });

  test("a refusal of the request itself (text, not a route's problem) is carried as its words", async () => {
    const refused = pageRelay(local.origin, fetch).register({ url: "http://x", path: "/socket.io", headers: {} });
    await expect(refused).rejects.toThrow(
      withCode("relay-route-refused", {
        cause: withCode("thrown", { message: expect.not.stringMatching(/^inspector/) }),
      }),
    );
  });

  test("a local server that is gone is an error that says it does not answer, with the cause", async () => {
    const origin = await deadOrigin();
    const registered = pageRelay(origin, pageFetch).register({
      url: "http://127.0.0.1:9",
      path: "/socket.io",
      headers: {},
    });
    await expect(registered).rejects.toThrow(withCode("relay-not-answering", { origin, cause: withCode("thrown") }));
    await expect(registered).rejects.toHaveProperty("cause", expect.any(Error));
  });
});

describe("lastFailure", () => {
  test("after a client tried a route whose server is down: why, and when", async () => {
    const route = await relay.register({ url: await deadOrigin(), path: "/socket.io", headers: {} });
    const before = Date.now();
    const manager = clientOn(route);
    const failed = new Promise((resolve) => manager.once("error", resolve));
    manager.socket("/");
    await failed;
    const failure = await relay.lastFailure(route.id);
    expect(failure?.problem).toEqual(withCode("target-unreachable", { why: "refused", code: "ECONNREFUSED" }));
    expect(failure?.at).toBeGreaterThanOrEqual(before);
    expect(failure?.at).toBeLessThanOrEqual(Date.now());
  });

  test("none for a route that never failed", async () => {
    const route = await relay.register({ url: "http://127.0.0.1:9", path: "/socket.io", headers: {} });
    expect(await relay.lastFailure(route.id)).toBeUndefined();
  });

  test("none for a route the local server does not know", async () => {
    expect(await relay.lastFailure("no-such-route")).toBeUndefined();
  });

  test("a problem too large to be a route's failure is none", async () => {
    const params = { status: 500, text: "x".repeat(10_000) };
    const host = await httpServer((_req, res) =>
      res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ lastFailure: { problem: { code: "target-answered", params }, at: 1 } })),
    );
    try {
      expect(await pageRelay(host.origin, pageFetch).lastFailure("r")).toBeUndefined();
    } finally {
      await host.close();
    }
  });

  test("a failure of another shape (no text reason, no time) is none", async () => {
    const host = await httpServer((_req, res) =>
      res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ lastFailure: { problem: { html: "<b>" }, at: "yesterday" } })),
    );
    try {
      expect(await pageRelay(host.origin, pageFetch).lastFailure("r")).toBeUndefined();
    } finally {
      await host.close();
    }
  });
});
