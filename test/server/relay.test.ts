// The local server's relay, against real socket.io servers: its own page reaches any server it registered, with
// the route's headers and cookies on every request (the WebSocket upgrade included); everyone else is refused.
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Server, type ServerOptions } from "socket.io";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Manager } from "../../src/client/index.js";
import { ANSWER_HEADERS, UPGRADE_HEADERS } from "../../src/server/answer-headers.js";
import { tokenCookieName } from "../../src/server/guard.js";
import { startLocalServer, type RunningLocalServer } from "../../src/server/local-server.js";
import { ERROR_CODE_HEADER } from "../../src/server/static-files.js";
import { words, type ErrorCode, type Problem } from "../../src/core/shared/errors.js";
import { withCode } from "../helpers/codes.js";
import { HOSTILE_HEADERS, hostileTarget } from "../helpers/hostile-target.js";
import { raw, WS_HEADERS } from "../helpers/raw-request.js";

/** A socket.io server with no CORS that wants a header on every request, and records what it got. */
async function guardedServer(options: Partial<ServerOptions> = {}) {
  const http = createServer();
  const seen: Array<{ url: string; headers: IncomingHttpHeaders }> = [];
  const io = new Server(http, {
    allowRequest: (req, ok) => ok(null, req.headers.authorization === "Bearer s3cret"),
    ...options,
  });
  // After the Server: engine.io takes the server's listeners over, and calls them only for other paths.
  http.prependListener("request", (req) => seen.push({ url: req.url ?? "", headers: req.headers }));
  http.prependListener("upgrade", (req) => seen.push({ url: req.url ?? "", headers: req.headers }));
  io.on("connection", (socket) => socket.on("echo", (value: unknown, ack: (v: unknown) => void) => ack(value)));
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", () => r()));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise<void>((r) => io.close(() => r())),
  };
}

const page = mkdtempSync(join(tmpdir(), "inspector-page-"));
writeFileSync(join(page, "index.html"), "<!doctype html><title>inspector</title>");

let local: RunningLocalServer;
let port: number;
let cookie: string;
/** What the inspector's own page sends with a script's request to its server. */
let own: Record<string, string>;

beforeAll(async () => {
  local = await startLocalServer({ root: page });
  port = Number(new URL(local.origin).port);
  const first = await raw(port, new URL(local.url).pathname + new URL(local.url).search);
  expect(first.status).toBe(302);
  expect(first.headers.location).toBe("/");
  cookie = String(first.headers["set-cookie"]).split(";")[0] as string;
  own = { cookie, origin: local.origin, "sec-fetch-site": "same-origin" };
});
afterAll(() => local.close());

async function register(body: unknown, headers = own) {
  const answer = await raw(
    port,
    "/_relay/routes",
    { ...headers, "content-type": "application/json" },
    "POST",
    JSON.stringify(body),
  );
  return {
    status: answer.status,
    body: answer.body,
    code: answer.headers[ERROR_CODE_HEADER],
    route: answer.status === 201 ? JSON.parse(answer.body) : {},
  };
}

/** A client of the library as the page makes it: to the local server, on the route's path. */
function pageClient(path: string, transports: Array<"polling" | "websocket">) {
  return new Manager(local.origin, {
    path,
    transports,
    reconnection: false,
    extraHeaders: { cookie, origin: local.origin, "sec-fetch-site": "same-origin" },
  });
}

describe("the relay reaches a registered server", () => {
  it("answers its own page that it is there", async () => {
    const answer = await raw(port, "/_relay/", own);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ relay: 1 });
  });

  it("WebSocket only, to a server with no CORS that wants Authorization on the upgrade: connected, and an ack", async () => {
    const server = await guardedServer({ transports: ["websocket"] });
    try {
      const { status, route } = await register({
        url: server.url.replace("http:", "ws:"),
        path: "/socket.io",
        headers: { Authorization: "Bearer s3cret" },
      });
      expect(status).toBe(201);
      expect(route.target).toBe(`${server.url}/socket.io/`);
      const manager = pageClient(route.path, ["websocket"]);
      const socket = manager.socket("/");
      const reply = await socket.timeout(5000).emitWithAck("echo", { through: "relay" });
      expect(reply).toEqual({ through: "relay" });
      socket.disconnect();
      const upgrade = server.seen.find((s) => s.url.includes("transport=websocket"));
      expect(upgrade?.url.startsWith("/socket.io/?")).toBe(true);
      expect(upgrade?.headers.authorization).toBe("Bearer s3cret");
      expect(upgrade?.headers.origin).toBe(server.url);
      expect(upgrade?.headers.cookie).toBeUndefined(); // the page's token never leaves
    } finally {
      await server.close();
    }
  });

  it("polling: the route's Cookie header and the cookies the server set go back to it, never to the page", async () => {
    const server = await guardedServer({ cookie: { name: "sticky", path: "/" } });
    try {
      const { route } = await register({
        url: server.url,
        path: "/socket.io/",
        headers: { Authorization: "Bearer s3cret", Cookie: "session=abc" },
      });
      const handshake = await raw(port, `${route.path}/?EIO=4&transport=polling`, own);
      expect(handshake.status).toBe(200);
      expect(handshake.headers["set-cookie"]).toBeUndefined();
      const sid = (JSON.parse(handshake.body.slice(1)) as { sid: string }).sid;
      const next = await raw(port, `${route.path}/?EIO=4&transport=polling&sid=${sid}`, own, "POST", "40");
      expect(next.status).toBe(200);
      const posted = server.seen.filter((s) => s.url.includes(sid));
      expect(posted[0]?.headers.cookie).toBe(`session=abc; sticky=${sid}`);
    } finally {
      await server.close();
    }
  });
});

describe("the relay refuses", () => {
  let id: string;
  beforeAll(async () => {
    id = (await register({ url: "http://127.0.0.1:9", path: "/socket.io", headers: {} })).route.id;
  });

  type Headers = Record<string, string>;
  it.each([
    ["another origin", (h: Headers) => ({ ...h, origin: "http://evil.example" }), 403, "origin-refused"],
    ["another port of this host", (h: Headers) => ({ ...h, origin: "http://127.0.0.1:1" }), 403, "origin-refused"],
    ["a missing token", (h: Headers) => ({ ...h, cookie: "" }), 403, "token-missing"],
    ["a forged Host", (h: Headers) => ({ ...h, host: "rebound.example:80" }), 403, "host-not-proxy"],
    ["no Origin (a form or a script tag)", ({ origin: _, ...h }: Headers) => h, 403, "route-by-page-only"],
  ])("a route registered with %s", async (_what, headers, status, code) => {
    const answer = await register({ url: "http://127.0.0.1:1", path: "/", headers: {} }, headers(own));
    expect(answer.status).toBe(status);
    expect(answer.code).toBe(code);
  });

  it.each([
    [{ url: "ftp://x", path: "/socket.io", headers: {} }, withCode("route-scheme-refused", { protocol: "ftp:" })],
    [{ url: "not a url", path: "/socket.io", headers: {} }, withCode("route-url-invalid", { url: "not a url" })],
    [{ url: "http://u:p@x", path: "/socket.io", headers: {} }, withCode("route-url-credentials")],
    [
      { url: "http://x", path: "/a/../b", headers: {} },
      withCode("route-path-invalid", { cause: withCode("target-dot-segments") }),
    ],
    [
      { url: "http://x", path: "/socket.io", headers: { Host: "y" } },
      withCode("route-header-reserved", { name: "Host" }),
    ],
    [
      { url: "http://x", path: "/socket.io", headers: { "X-A": "1\r\nX-B: 2" } },
      withCode("header-value-invalid", { name: "X-A", character: "cr" }),
    ],
    [{ url: "http://x", headers: {} }, withCode("route-field-not-string", { field: "path" })],
  ])("a route of %j: 400, naming what is wrong by its code, with its words", async (body, refusal) => {
    const answer = await register(body);
    expect(answer.status).toBe(400);
    const refused = JSON.parse(answer.body) as { code: ErrorCode; params: unknown; message: string };
    expect(refused).toEqual(refusal);
    expect(refused.message).toBe(words(refused as Problem));
  });

  it.each([
    [`/_relay/${"unknownroute"}/?EIO=4&transport=polling`, 404, "relay-no-route"],
    ["ID/other?EIO=4", 400, "relay-only-engine"],
    ["ID/../../index.html", 400, "relay-only-engine"],
    ["ID/?EIO=4&transport=polling&j=0", 400, "target-jsonp"],
  ])("the request %s: refused, its code in a header", async (path, status, code) => {
    const target = path.startsWith("ID") ? `/_relay/${id}/${path.slice(3)}` : path;
    const answer = await raw(port, target, own);
    expect(answer.status).toBe(status);
    expect(answer.headers[ERROR_CODE_HEADER]).toBe(code);
  });

  it("a page that is not this one using a registered route: cross-site requests without Origin", async () => {
    const answer = await raw(port, `/_relay/${id}/?EIO=4&transport=polling`, {
      cookie,
      "sec-fetch-site": "same-site",
    });
    expect(answer.status).toBe(403);
  });

  it("the watch stream: refused without the token, and says when nothing is watched", async () => {
    expect((await raw(port, "/_watch/events", { origin: local.origin })).status).toBe(403);
    const answer = await raw(port, "/_watch/events", own);
    expect(answer.status).toBe(404);
    expect(answer.headers[ERROR_CODE_HEADER]).toBe("nothing-watched");
  });

  it("whether a watch is on: answered, not refused, when none is (the page asks at every load)", async () => {
    expect((await raw(port, "/_watch/", { origin: local.origin })).status).toBe(403);
    const answer = await raw(port, "/_watch/", own);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ watch: 0 });
  });

  it("a WebSocket to an unknown route, or from another origin", async () => {
    const unknown = await raw(port, "/_relay/nosuch/?EIO=4&transport=websocket", { ...WS_HEADERS, ...own });
    expect(unknown.status).toBe(404);
    expect(unknown.headers[ERROR_CODE_HEADER]).toBe("relay-no-route");
    const other = await raw(port, `/_relay/${id}/?EIO=4&transport=websocket`, {
      ...WS_HEADERS,
      ...own,
      origin: "http://127.0.0.1:1",
    });
    expect(other.status).toBe(403);
    expect(other.headers[ERROR_CODE_HEADER]).toBe("origin-refused");
  });
});

describe("a server the relay cannot reach: the reason, for the page's timeline", () => {
  async function failureOf(url: string): Promise<{ status: number; code: unknown; lastFailure: unknown }> {
    const { route } = await register({ url, path: "/socket.io", headers: {} });
    const answer = await raw(port, `${route.path}/?EIO=4&transport=polling`, own);
    const described = JSON.parse((await raw(port, `/_relay/routes/${route.id}`, own)).body);
    return {
      status: answer.status,
      code: answer.headers[ERROR_CODE_HEADER],
      lastFailure: described.lastFailure?.problem,
    };
  }

  it("nothing listens there: connection refused", async () => {
    const failure = await failureOf("http://127.0.0.1:9");
    expect(failure.status).toBe(502);
    expect(failure.code).toBe("target-unreachable");
    expect(failure.lastFailure).toEqual(
      withCode("target-unreachable", { origin: "http://127.0.0.1:9", why: "refused", code: "ECONNREFUSED" }),
    );
  });

  it("a name that does not resolve: name not found", async () => {
    const failure = await failureOf("http://no-such-host.invalid");
    expect(failure.lastFailure).toEqual(withCode("target-unreachable", { why: "name-not-found" }));
  });

  it("https to a plain HTTP server: a TLS error", async () => {
    const server = await guardedServer();
    try {
      const failure = await failureOf(server.url.replace("http:", "https:"));
      expect(failure.lastFailure).toEqual(withCode("target-unreachable", { why: "tls" }));
    } finally {
      await server.close();
    }
  });

  it("a server that refuses the request: what it answered", async () => {
    const server = await guardedServer(); // wants Authorization; the route has none
    try {
      const failure = await failureOf(server.url);
      expect(failure.status).toBe(403);
      expect(failure.lastFailure).toEqual(withCode("target-answered", { status: 403, text: "Forbidden" }));
    } finally {
      await server.close();
    }
  });
});

describe("what a target's answers carry to the page: the headers an Engine.IO client needs, nothing else", () => {
  /** Names Node adds when it frames the local server's own answer. */
  const FRAMING = new Set(["connection", "keep-alive", "transfer-encoding"]);
  const planted = (n: number) => [`planted${n}=1; Path=/`, `${tokenCookieName(port)}=overwritten; Path=/; HttpOnly`];

  function expectOnly(headers: IncomingHttpHeaders, allowed: ReadonlySet<string>, own: string[] = []) {
    const passed = Object.keys(headers).filter((name) => !FRAMING.has(name) && !own.includes(name));
    expect(passed.filter((name) => !allowed.has(name))).toEqual([]);
  }

  it("a polling answer: its body and how to read it; no Set-Cookie, Clear-Site-Data, Refresh, Link, CSP, CORS, Location", async () => {
    const target = await hostileTarget({ cookies: planted });
    try {
      const { route } = await register({ url: target.url, path: "/socket.io", headers: {} });
      const handshake = await raw(port, `${route.path}/?EIO=4&transport=polling`, own);
      expect(target.answers.polling).toBe(1);
      expect(handshake.status).toBe(200);
      expect(JSON.parse(handshake.body.slice(1)).sid).toEqual(expect.any(String)); // the body is intact
      expectOnly(handshake.headers, ANSWER_HEADERS, ["x-content-type-options"]);
      expect(handshake.headers["content-type"]).toBe("text/plain; charset=UTF-8");
      expect(handshake.headers["x-content-type-options"]).toBe("nosniff");
      for (const name of [
        "set-cookie",
        "clear-site-data",
        "refresh",
        "link",
        "location",
        "access-control-allow-origin",
      ])
        expect(handshake.headers[name]).toBeUndefined();
    } finally {
      await target.close();
    }
  });

  it("the WebSocket upgrade's 101: the handshake's headers only", async () => {
    const target = await hostileTarget({ cookies: planted });
    try {
      const { route } = await register({ url: target.url, path: "/socket.io", headers: {} });
      const upgrade = await raw(port, `${route.path}/?EIO=4&transport=websocket`, { ...WS_HEADERS, ...own });
      expect(target.answers.upgrade).toBe(1);
      expect(upgrade.status).toBe(101);
      expect(upgrade.headers["sec-websocket-accept"]).toBe("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
      expectOnly(upgrade.headers, UPGRADE_HEADERS);
      expect(upgrade.headers["set-cookie"]).toBeUndefined();
      expect(upgrade.headers["clear-site-data"]).toBeUndefined();
    } finally {
      await target.close();
    }
  });

  it("the cookies a target sets on its 101 stay in the route's jar and go back to it, never to the page", async () => {
    const target = await hostileTarget({ cookies: (n) => [`sticky=ws${n}; Path=/`] });
    try {
      const { route } = await register({ url: target.url, path: "/socket.io", headers: {} });
      await raw(port, `${route.path}/?EIO=4&transport=websocket`, { ...WS_HEADERS, ...own });
      await raw(port, `${route.path}/?EIO=4&transport=polling`, own);
      expect(target.cookiesSeen).toEqual([undefined, "sticky=ws1"]);
    } finally {
      await target.close();
    }
  });

  it("a WebSocket request answered without an upgrade: that answer's headers are filtered too", async () => {
    const http = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/plain", "set-cookie": planted(1), ...HOSTILE_HEADERS });
      res.end("no upgrade here");
    });
    await new Promise<void>((r) => http.listen(0, "127.0.0.1", () => r()));
    try {
      const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
      const { route } = await register({ url, path: "/socket.io", headers: {} });
      const answer = await raw(port, `${route.path}/?EIO=4&transport=websocket`, { ...WS_HEADERS, ...own });
      expect(answer.status).toBe(200);
      expect(answer.body).toBe("no upgrade here");
      expectOnly(answer.headers, ANSWER_HEADERS);
      expect(answer.headers["set-cookie"]).toBeUndefined();
    } finally {
      http.closeAllConnections();
      http.close();
    }
  });

  it("a redirect: not followed, its Location not passed, and the reason told", async () => {
    const http = createServer((_req, res) => res.writeHead(302, { location: "http://elsewhere.example/x" }).end());
    await new Promise<void>((r) => http.listen(0, "127.0.0.1", () => r()));
    try {
      const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
      const { route } = await register({ url, path: "/socket.io", headers: {} });
      const answer = await raw(port, `${route.path}/?EIO=4&transport=polling`, own);
      expect(answer.status).toBe(302);
      expect(answer.headers.location).toBeUndefined();
      const described = JSON.parse((await raw(port, `/_relay/routes/${route.id}`, own)).body);
      expect(described.lastFailure.problem).toEqual(
        withCode("target-redirect", { status: 302, location: "http://elsewhere.example/x" }),
      );
    } finally {
      http.closeAllConnections();
      http.close();
    }
  });

  it("the same-origin proxy of a fixed target (serve --target): its polling answers and its 101 alike", async () => {
    const target = await hostileTarget({ cookies: planted });
    const proxy = await startLocalServer({ root: page, target: target.url });
    try {
      const proxyPort = Number(new URL(proxy.origin).port);
      const first = await raw(proxyPort, new URL(proxy.url).pathname + new URL(proxy.url).search);
      const mine = {
        cookie: String(first.headers["set-cookie"]).split(";")[0] as string,
        origin: proxy.origin,
        "sec-fetch-site": "same-origin",
      };
      const polling = await raw(proxyPort, "/socket.io/?EIO=4&transport=polling", mine);
      expect(polling.status).toBe(200);
      expectOnly(polling.headers, ANSWER_HEADERS, ["x-content-type-options"]);
      const upgrade = await raw(proxyPort, "/socket.io/?EIO=4&transport=websocket", { ...WS_HEADERS, ...mine });
      expect(upgrade.status).toBe(101);
      expectOnly(upgrade.headers, UPGRADE_HEADERS);
      expect(target.answers).toEqual({ polling: 1, upgrade: 1 });
    } finally {
      await target.close();
      await proxy.close();
    }
  });
});
