// The same-origin proxy: serves the built inspector on loopback and proxies the Engine.IO path (HTTP and WebSocket)
// to one target, so that the page and the server share an origin: CORS never gets in the way, and headers a browser
// cannot set (Authorization on the WebSocket upgrade, for one) can be added. Built on httpxy (a maintained
// http-proxy), not on hand-written socket piping. Who may use it is decided in guard.ts.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { Duplex } from "node:stream";
import { createProxyServer } from "httpxy";
import { headerProblem } from "../core/connection/config.js";
import { createGuard, newToken, withoutCookie } from "./guard.js";
import { answerText, listen, pageRoot, sendFile } from "./static-files.js";

export interface ProxyOptions {
  target: string;
  port?: number;
  host?: string;
  /** The Engine.IO path forwarded (the server's `path` option). */
  path?: string;
  /** Headers added to every forwarded request, the WebSocket upgrade included. */
  headers?: Record<string, string>;
  token?: string;
  /** The folder of the page to serve (the built inspector by default). */
  root?: string;
}

export interface RunningProxy {
  /** The address to open: it carries this run's token. */
  url: string;
  origin: string;
  close(): Promise<void>;
}

function refuseUpgrade(socket: Duplex, reason: string): void {
  socket.end(
    `HTTP/1.1 403 Forbidden\r\ncontent-type: text/plain; charset=utf-8\r\nconnection: close\r\n\r\ninspector proxy: ${reason}\n`,
  );
}

const refuse = (res: ServerResponse, status: number, reason: string) =>
  answerText(res, status, `inspector proxy: ${reason}`);

/**
 * Starts the proxy. @throws TypeError for a bad target, Error for a header Node could not forward (named, instead of
 * a proxy that starts and then drops every request) or a page that is not built.
 */
export async function startInspectProxy({
  target,
  port = 5174,
  host = "127.0.0.1",
  path = "/socket.io",
  headers = {},
  token = newToken(),
  root,
}: ProxyOptions): Promise<RunningProxy> {
  const targetUrl = new URL(target); // a clear TypeError for a bad target
  for (const [name, value] of Object.entries(headers)) {
    const problem = headerProblem(name, value);
    if (problem) throw new Error(`--header ${problem}`);
  }
  const folder = pageRoot(root);
  const enginePath = `/${path.replace(/^\/+|\/+$/g, "")}/`;
  // followRedirects stays off: a redirect of the target is the page's to follow, so the injected headers go
  // to the target and nowhere else.
  const proxy = createProxyServer({
    target: targetUrl.origin,
    changeOrigin: true,
    ws: true,
    headers,
    followRedirects: false,
  });
  // Failures are answered per request (502, or a closed socket); the proxy itself must never crash on one.
  proxy.on("error", () => undefined);

  /** What the target gets: no proxy token, and the target's own origin, since the proxy answers only its page. */
  function prepareForTarget(req: IncomingMessage): void {
    const cookie = withoutCookie(req.headers.cookie, guard.cookie);
    if (cookie === undefined) delete req.headers.cookie;
    else req.headers.cookie = cookie;
    if (req.headers.origin !== undefined) req.headers.origin = targetUrl.origin;
  }

  // Listening first: the guard needs the port (0 asks for a free one). The handlers are attached in the same turn
  // of the event loop, before any request can be read.
  const server = createServer();
  const { origin, port: actualPort } = await listen(server, port, host);
  const guard = createGuard({ host, port: actualPort, token, enginePath });

  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const siteProblem = guard.siteProblem(req);
    if (siteProblem) return refuse(res, 403, siteProblem);
    const raw = req.url ?? "/";
    if (!raw.startsWith("/") || raw.startsWith("//")) return refuse(res, 400, "the request target must be a path");
    const url = new URL(raw, "http://proxy.invalid");
    const engineProblem = guard.engineTargetProblem(raw);
    if (engineProblem === undefined) {
      if (!guard.hasToken(req))
        return refuse(res, 403, "this run's token is missing: open the address that npm run inspect printed");
      const notOwnPage = guard.ownPageProblem(req);
      if (notOwnPage) return refuse(res, 403, notOwnPage);
      prepareForTarget(req);
      proxy.web(req, res).catch((err: NodeJS.ErrnoException) => {
        if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" });
        res.end(`inspector proxy: ${target} did not answer (${err.code ?? err.message})`);
      });
      return;
    }
    // A target that only reaches the Engine.IO path once normalised (dot segments, encoded characters) is refused,
    // not served and not forwarded.
    if (
      url.pathname === enginePath.slice(0, -1) ||
      url.pathname.startsWith(enginePath) ||
      raw.startsWith(enginePath.slice(0, -1))
    )
      return refuse(res, 400, engineProblem);
    if (req.method !== "GET" && req.method !== "HEAD") return refuse(res, 405, "only the page is served here");
    if (url.pathname === "/" || url.pathname === "/index.html") {
      if (!guard.hasToken(req, url.searchParams.get("token")))
        return refuse(
          res,
          403,
          "this run's token is missing: open the address that npm run inspect printed (it ends with ?token=...)",
        );
      if (url.searchParams.has("token") || !url.searchParams.has("url")) {
        // Hands the page its token as a cookie (so the token leaves the address bar), and pre-fills the inspector
        // with its own origin: the proxy is the server, as far as the page knows.
        const origin = `http://${req.headers.host}`;
        res
          .writeHead(302, {
            "set-cookie": guard.setCookie(),
            location: `/?url=${encodeURIComponent(origin)}&path=${encodeURIComponent(path)}`,
            "cache-control": "no-store",
          })
          .end();
        return;
      }
    }
    sendFile(res, folder, url.pathname);
  });
  /** Upgraded sockets leave the HTTP server's books; kept here so that close() can end them. */
  const upgraded = new Set<Duplex>();
  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    upgraded.add(socket);
    socket.on("close", () => upgraded.delete(socket));
    socket.on("error", () => undefined);
    const problem =
      guard.siteProblem(req) ??
      (req.headers.origin === undefined ? "a WebSocket without Origin is refused" : undefined) ??
      guard.engineTargetProblem(req.url ?? "/") ??
      (guard.hasToken(req) ? undefined : "this run's token is missing");
    if (problem) return refuseUpgrade(socket, problem);
    prepareForTarget(req);
    // An upgrade's socket is a net.Socket (Node types it as the Duplex it extends).
    proxy.ws(req, socket as Socket, { target: targetUrl.origin, headers }, head).catch(() => socket.destroy());
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
