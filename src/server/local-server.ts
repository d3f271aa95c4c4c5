// The local server: serves the built inspector on loopback to its own page, and reaches Socket.IO servers for it.
// Two ways: the relay (any server the page registers, under /_relay/, see relay.ts) and, with `--target`, the
// same-origin proxy of one fixed target on the Engine.IO path. Either way CORS never gets in the way and headers a
// browser cannot set (Authorization or Cookie on the WebSocket upgrade) are added. Built on httpxy (a maintained
// http-proxy), not on hand-written socket piping. Who may use it is decided in guard.ts.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { Duplex } from "node:stream";
import { createProxyServer } from "httpxy";
import { headerProblem } from "../core/connection/config.js";
import { InspectorError, problem, words, type Problem } from "../core/shared/errors.js";
import { ANSWER_HEADERS, keepAllowedHeaders, RELAYED_ANSWER_OWN_HEADERS, UPGRADE_HEADERS } from "./answer-headers.js";
import { createGuard, newToken, withoutCookie, type Guard } from "./guard.js";
import {
  keepCookies,
  MAX_ROUTE_BODY,
  readRelayTarget,
  readRouteRequest,
  RELAY_PREFIX,
  RouteError,
  routeCookie,
  RouteTable,
  unreachableProblem,
  type Route,
} from "./relay.js";
import { answerProblem, ERROR_CODE_HEADER, listen, pageRoot, sendFile } from "./static-files.js";
import { answerTokenPage, answerTokenPageScript, TOKEN_PAGE_SCRIPT } from "./token-page.js";
import type { WatchHub } from "./watch-hub.js";

export interface LocalServerOptions {
  /** The one server the same-origin proxy forwards the Engine.IO path to (`serve --target`); none: the relay only. */
  target?: string;
  port?: number;
  host?: string;
  /** The Engine.IO path forwarded to the target (the server's `path` option). */
  path?: string;
  /** Headers added to every request forwarded to the target, the WebSocket upgrade included. */
  headers?: Record<string, string>;
  token?: string;
  /** The folder of the page to serve (the built inspector by default). */
  root?: string;
  /** What `watch` captures, for the page (GET /_watch/events). */
  watch?: WatchHub;
}

export interface RunningLocalServer {
  /** The address to open: it carries this run's token. */
  url: string;
  origin: string;
  close(): Promise<void>;
}

/** How long the relay waits for a target's connection (TCP and TLS) before it says "timed out". */
const CONNECT_TIMEOUT_MS = 10_000;

function refuseUpgrade(socket: Duplex, status: string, why: Problem): void {
  socket.end(
    `HTTP/1.1 ${status}\r\ncontent-type: text/plain; charset=utf-8\r\n${ERROR_CODE_HEADER}: ${why.code}\r\nconnection: close\r\n\r\ninspector: ${words(why)}\n`,
  );
}

/** Refuses a request: the table's words as text, for whoever reads them (a browser, curl), and its code in a header. */
const refuse = (res: ServerResponse, status: number, why: Problem) => answerProblem(res, status, why, "inspector: ");

function answerJson(res: ServerResponse, status: number, body: unknown): void {
  res
    .writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" })
    .end(JSON.stringify(body));
}

/** Reads a request body up to a limit. @throws RouteError when it is longer, or is not JSON. */
async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new RouteError(problem("body-too-large", { limit }));
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown;
  } catch {
    throw new RouteError(problem("body-not-json"));
  }
}

type Proxy = ReturnType<typeof createProxyServer>;

/** What every handler of one running local server reads: set once at its start. */
interface Context {
  guard: Guard;
  routes: RouteTable;
  proxy: Proxy;
  /** Which route a forwarded request belongs to, for the events of the proxy (cookies kept, failures noted). */
  routeOf: WeakMap<IncomingMessage, Route>;
  /** The built page's folder. */
  folder: string;
  /** The Engine.IO path as the server's `path` option says it, and normalised with its slashes ("/socket.io/"). */
  path: string;
  enginePath: string;
  /** The fixed target of `serve --target`, with the headers added to what it gets; none: the relay only. */
  target?: { url: URL; text: string; headers: Record<string, string> };
  watch?: WatchHub;
}

function noteFailure(route: Route, why: Problem): void {
  route.lastFailure = { problem: why, at: Date.now() };
}

/**
 * The proxy, with what it does to every answer: the route's cookies kept, only allowed headers passed on, and a
 * failure of the target noted on its route.
 */
function createRelayProxy(routeOf: WeakMap<IncomingMessage, Route>): Proxy {
  // followRedirects stays off: a redirect of the target is the page's to follow, so the added headers go
  // to the target and nowhere else.
  const proxy = createProxyServer({ changeOrigin: true, ws: true, followRedirects: false, upgradeTimeout: 10_000 });
  // No "error" listener: with one, httpxy reports a failure there and leaves the request unanswered; without,
  // each web() and ws() promise rejects, and its request is answered (502, or a closed socket) where it was made.
  proxy.on("proxyReq", (proxyReq) => {
    // A target that never answers the connection: named "timed out" after a while, not after the system's minutes.
    proxyReq.on("socket", (socket) => {
      if (!socket.connecting) return;
      socket.setTimeout(CONNECT_TIMEOUT_MS, () =>
        proxyReq.destroy(Object.assign(new Error("no connection"), { code: "ETIMEDOUT" })),
      );
      socket.once("connect", () => socket.setTimeout(0));
    });
  });
  // Emitted before httpxy copies the answer's headers: what is left here is what the page gets.
  proxy.on("proxyRes", (proxyRes, req) => {
    const route = routeOf.get(req);
    const status = proxyRes.statusCode ?? 0;
    const location = proxyRes.headers.location;
    if (route) keepCookies(route.jar, proxyRes.headers["set-cookie"]);
    keepAllowedHeaders(proxyRes.headers, ANSWER_HEADERS);
    Object.assign(proxyRes.headers, RELAYED_ANSWER_OWN_HEADERS);
    if (!route) return;
    if (status >= 400) noteFailure(route, problem("target-answered", { status, text: proxyRes.statusMessage ?? "" }));
    else if (status >= 300 && location !== undefined)
      noteFailure(route, problem("target-redirect", { status, location: location.slice(0, 200) }));
  });
  // Emitted before httpxy listens to the upgrade request: these listeners run first, so httpxy writes the 101 (or
  // the answer that did not upgrade) with the headers left here.
  proxy.on("proxyReqWs", (proxyReq, req) => {
    const route = routeOf.get(req);
    proxyReq.prependListener("upgrade", (proxyRes: IncomingMessage) => {
      if (route) keepCookies(route.jar, proxyRes.headers["set-cookie"]);
      keepAllowedHeaders(proxyRes.headers, UPGRADE_HEADERS);
    });
    proxyReq.prependListener("response", (res: IncomingMessage) => {
      if (route) keepCookies(route.jar, res.headers["set-cookie"]);
      keepAllowedHeaders(res.headers, ANSWER_HEADERS);
      if (route) noteFailure(route, problem("target-upgrade-answered", { status: res.statusCode ?? 0 }));
    });
  });
  return proxy;
}

/** What the fixed target gets: no token, and the target's own origin, since the server answers only its page. */
function prepareForTarget(ctx: Context, req: IncomingMessage, origin: string): void {
  const cookie = withoutCookie(req.headers.cookie, ctx.guard.cookie);
  if (cookie === undefined) delete req.headers.cookie;
  else req.headers.cookie = cookie;
  if (req.headers.origin !== undefined) req.headers.origin = origin;
}

/** What a route's target gets: the route's cookies (none of the page's), its origin, no address of the page. */
function prepareForRoute(ctx: Context, req: IncomingMessage, route: Route, forward: string): Record<string, string> {
  ctx.routeOf.set(req, route);
  req.url = forward;
  const cookie = routeCookie(route);
  if (cookie === undefined) delete req.headers.cookie;
  else req.headers.cookie = cookie;
  if (req.headers.origin !== undefined) req.headers.origin = route.origin;
  delete req.headers.referer;
  return Object.fromEntries(Object.entries(route.headers).filter(([name]) => name.toLowerCase() !== "cookie"));
}

/** POST /_relay/routes: the page registers a target and gets the route's path. */
async function registerRoute(ctx: Context, req: IncomingMessage, res: ServerResponse): Promise<void> {
  // Registering a target is the page's own doing: a script's fetch, which always carries Origin.
  if (req.headers.origin === undefined) return refuse(res, 403, problem("route-by-page-only"));
  if (!String(req.headers["content-type"] ?? "").startsWith("application/json"))
    return refuse(res, 415, problem("route-json-only"));
  try {
    const route = ctx.routes.register(readRouteRequest(await readJsonBody(req, MAX_ROUTE_BODY)));
    return answerJson(res, 201, {
      id: route.id,
      path: `${RELAY_PREFIX}${route.id}`,
      target: `${route.origin}${route.enginePath}`,
    });
  } catch (err) {
    // The page reads why by its code, as Engine.IO servers answer: { code, params, message }.
    if (err instanceof RouteError)
      return answerJson(res, 400, { code: err.code, params: err.params, message: err.message });
    throw err;
  }
}

/** Under /_relay/: the relay's own answers (is it there, register, describe a route), else a forwarded request. */
async function relayRequest(ctx: Context, req: IncomingMessage, res: ServerResponse, raw: string): Promise<void> {
  const pathname = raw.split("?")[0] as string;
  if (pathname === RELAY_PREFIX && req.method === "GET") return answerJson(res, 200, { relay: 1 });
  if (pathname === `${RELAY_PREFIX}routes` && req.method === "POST") return registerRoute(ctx, req, res);
  const described = /^\/_relay\/routes\/([A-Za-z0-9_-]{1,32})$/.exec(pathname);
  if (described && req.method === "GET") {
    const route = ctx.routes.get(described[1] as string);
    if (!route) return refuse(res, 404, problem("relay-unknown-route"));
    return answerJson(res, 200, { target: `${route.origin}${route.enginePath}`, lastFailure: route.lastFailure });
  }
  const relayed = readRelayTarget(raw);
  if ("problem" in relayed) return refuse(res, 400, relayed.problem);
  const route = ctx.routes.get(relayed.id);
  if (!route) return refuse(res, 404, problem("relay-no-route", { id: relayed.id, first: true }));
  const added = prepareForRoute(ctx, req, route, relayed.forward(route));
  await ctx.proxy.web(req, res, { target: route.origin, headers: added }).catch((err: NodeJS.ErrnoException) => {
    const why = unreachableProblem(route.origin, err);
    noteFailure(route, why);
    if (!res.headersSent)
      res.writeHead(502, { "content-type": "text/plain; charset=utf-8", [ERROR_CODE_HEADER]: why.code });
    res.end(`inspector relay: ${words(why)}\n`);
  });
}

/** Why a request for the page's own data (the relay, the watch, the fixed target) is refused, if it is. */
function ownPageRefusal(ctx: Context, req: IncomingMessage): Problem | undefined {
  if (!ctx.guard.hasToken(req)) return problem("token-missing");
  return ctx.guard.ownPageProblem(req);
}

/** GET /_watch/ (is a watch on) and /_watch/events (its records, as they come). */
function watchRequest(ctx: Context, res: ServerResponse, raw: string): void {
  // The page asks at every load whether a watch is on: "no" is an answer, not an error in its console.
  if (raw === "/_watch/") return answerJson(res, 200, { watch: ctx.watch ? 1 : 0 });
  if (!ctx.watch) return refuse(res, 404, problem("nothing-watched"));
  ctx.watch.listen(res);
}

/**
 * The fixed target's Engine.IO path, forwarded. @returns false when the request is not for that path (and not an
 * attempt to reach it by another spelling, which is refused here).
 */
function targetRequest(ctx: Context, req: IncomingMessage, res: ServerResponse, raw: string, url: URL): boolean {
  const target = ctx.target;
  if (!target) return false;
  const engineProblem = ctx.guard.engineTargetProblem(raw);
  if (engineProblem === undefined) {
    const refused = ownPageRefusal(ctx, req);
    if (refused) {
      refuse(res, 403, refused);
      return true;
    }
    prepareForTarget(ctx, req, target.url.origin);
    ctx.proxy
      .web(req, res, { target: target.url.origin, headers: target.headers })
      .catch((err: NodeJS.ErrnoException) => {
        const why = unreachableProblem(target.text, err);
        if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain", [ERROR_CODE_HEADER]: why.code });
        res.end(`inspector proxy: ${words(why)}\n`);
      });
    return true;
  }
  // A target that only reaches the Engine.IO path once normalised (dot segments, encoded characters) is
  // refused, not served and not forwarded.
  const { enginePath } = ctx;
  if (
    url.pathname === enginePath.slice(0, -1) ||
    url.pathname.startsWith(enginePath) ||
    raw.startsWith(enginePath.slice(0, -1))
  ) {
    refuse(res, 400, engineProblem);
    return true;
  }
  return false;
}

/** The page itself: its files, the token page without the token, and the token handed over as a cookie. */
function pageRequest(ctx: Context, req: IncomingMessage, res: ServerResponse, url: URL): void {
  if (req.method !== "GET" && req.method !== "HEAD") return refuse(res, 405, problem("page-only"));
  if (url.pathname === TOKEN_PAGE_SCRIPT) return answerTokenPageScript(res);
  if (url.pathname === "/" || url.pathname === "/index.html") {
    // Without the token: a page that says how to get in, and keeps a share link that landed here (another run's).
    if (!ctx.guard.hasToken(req, url.searchParams.get("token"))) return answerTokenPage(res);
    const prefill = ctx.target !== undefined && !url.searchParams.has("url");
    if (url.searchParams.has("token") || prefill) {
      // Hands the page its token as a cookie (so the token leaves the address bar). With a fixed target, the
      // form is pre-filled with the server's own origin: the proxy is the server, as far as the page knows.
      const origin = `http://${req.headers.host}`;
      const location = prefill
        ? `/?url=${encodeURIComponent(origin)}&path=${encodeURIComponent(ctx.path)}`
        : `/${stripToken(url.searchParams)}`;
      res.writeHead(302, { "set-cookie": ctx.guard.setCookie(), location, "cache-control": "no-store" }).end();
      return;
    }
  }
  sendFile(res, ctx.folder, url.pathname);
}

function onRequest(ctx: Context, req: IncomingMessage, res: ServerResponse): void {
  const siteProblem = ctx.guard.siteProblem(req);
  if (siteProblem) return refuse(res, 403, siteProblem);
  const raw = req.url ?? "/";
  if (!raw.startsWith("/") || raw.startsWith("//")) return refuse(res, 400, problem("target-not-path"));
  const url = new URL(raw, "http://local.invalid");
  if (raw.startsWith(RELAY_PREFIX) || raw === RELAY_PREFIX.slice(0, -1)) {
    const refused = ownPageRefusal(ctx, req);
    if (refused) return refuse(res, 403, refused);
    relayRequest(ctx, req, res, raw).catch(() => res.destroy());
    return;
  }
  if (raw === "/_watch/" || raw === "/_watch/events") {
    const refused = ownPageRefusal(ctx, req);
    if (refused) return refuse(res, 403, refused);
    return watchRequest(ctx, res, raw);
  }
  if (targetRequest(ctx, req, res, raw, url)) return;
  pageRequest(ctx, req, res, url);
}

/** A WebSocket upgrade: through a relay route, or to the fixed target's Engine.IO path; nothing else upgrades. */
function onUpgrade(ctx: Context, req: IncomingMessage, socket: Duplex, head: Buffer): void {
  const raw = req.url ?? "/";
  const refused =
    ctx.guard.siteProblem(req) ??
    (req.headers.origin === undefined ? problem("websocket-no-origin") : undefined) ??
    (ctx.guard.hasToken(req) ? undefined : problem("token-missing-upgrade"));
  if (refused) return refuseUpgrade(socket, "403 Forbidden", refused);
  // An upgrade's socket is a net.Socket (Node types it as the Duplex it extends).
  const net = socket as Socket;
  if (raw.startsWith(RELAY_PREFIX)) {
    const relayed = readRelayTarget(raw);
    if ("problem" in relayed) return refuseUpgrade(socket, "400 Bad Request", relayed.problem);
    const route = ctx.routes.get(relayed.id);
    if (!route)
      return refuseUpgrade(socket, "404 Not Found", problem("relay-no-route", { id: relayed.id, first: false }));
    const added = prepareForRoute(ctx, req, route, relayed.forward(route));
    ctx.proxy.ws(req, net, { target: route.origin, headers: added }, head).catch((err: NodeJS.ErrnoException) => {
      noteFailure(route, unreachableProblem(route.origin, err));
      socket.destroy();
    });
    return;
  }
  const target = ctx.target;
  const engineProblem = target ? ctx.guard.engineTargetProblem(raw) : problem("proxy-relay-only");
  if (engineProblem || !target)
    return refuseUpgrade(socket, "403 Forbidden", engineProblem ?? problem("proxy-relay-only"));
  prepareForTarget(ctx, req, target.url.origin);
  ctx.proxy.ws(req, net, { target: target.url.origin, headers: target.headers }, head).catch(() => socket.destroy());
}

/**
 * Starts the local server. @throws TypeError for a bad target, Error for a header Node could not forward (named,
 * instead of a server that starts and then drops every request) or a page that is not built.
 */
export async function startLocalServer({
  target,
  port = 0,
  host = "127.0.0.1",
  path = "/socket.io",
  headers = {},
  token = newToken(),
  root,
  watch,
}: LocalServerOptions): Promise<RunningLocalServer> {
  const targetUrl = target === undefined ? undefined : new URL(target); // a clear TypeError for a bad target
  for (const [name, value] of Object.entries(headers)) {
    const wrong = headerProblem(name, value);
    if (wrong) throw new InspectorError(problem("header-option-invalid", { cause: wrong }));
  }
  const folder = pageRoot(root);
  const enginePath = `/${path.replace(/^\/+|\/+$/g, "")}/`;
  const routeOf = new WeakMap<IncomingMessage, Route>();
  const server = createServer();
  // Listening first: the guard needs the port (0 asks for a free one). The handlers are attached in the same turn
  // of the event loop, before any request can be read.
  const { origin, port: actualPort } = await listen(server, port, host);
  const ctx: Context = {
    guard: createGuard({ host, port: actualPort, token, enginePath }),
    routes: new RouteTable(),
    proxy: createRelayProxy(routeOf),
    routeOf,
    folder,
    path,
    enginePath,
    target: targetUrl && { url: targetUrl, text: target as string, headers },
    watch,
  };
  server.on("request", (req: IncomingMessage, res: ServerResponse) => onRequest(ctx, req, res));
  /** Upgraded sockets leave the HTTP server's books; kept here so that close() can end them. */
  const upgraded = new Set<Duplex>();
  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    upgraded.add(socket);
    socket.on("close", () => upgraded.delete(socket));
    socket.on("error", () => undefined);
    onUpgrade(ctx, req, socket, head);
  });
  return {
    url: `${origin}/?token=${token}`,
    origin,
    close: () =>
      new Promise((resolve) => {
        for (const socket of upgraded) socket.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The page's query without the token (a link's own parameters, `?url=...`, survive the first load). */
function stripToken(params: URLSearchParams): string {
  const kept = new URLSearchParams(params);
  kept.delete("token");
  const text = kept.toString();
  return text ? `?${text}` : "";
}

/** The same-origin proxy of one target (`serve --target`, `npm run inspect`): the local server with a target. */
export function startInspectProxy(options: LocalServerOptions & { target: string }): Promise<RunningLocalServer> {
  return startLocalServer({ port: 5174, ...options });
}
