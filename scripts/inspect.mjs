// npm run inspect -- <target> [--port N] [--path /socket.io] [--header "Name: value"]...
// Serves the built inspector on loopback and proxies the Engine.IO path (HTTP and WebSocket) to the target,
// so that the page and the server share an origin: CORS never gets in the way, and headers a browser cannot
// set (Authorization on the WebSocket upgrade, for one) can be added. Built on httpxy (a maintained
// http-proxy), not on hand-written socket piping. Who may use it is decided in proxy-guard.mjs.
import { createServer, validateHeaderName, validateHeaderValue } from "node:http";
import { existsSync } from "node:fs";
import { join, sep } from "node:path";
import { createProxyServer } from "httpxy";
import { createGuard, newToken, withoutCookie } from "./proxy-guard.mjs";
import { BUILT_INSPECTOR, sendFile } from "./static-files.mjs";

function refuse(res, status, reason) {
  res
    .writeHead(status, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" })
    .end(`inspector proxy: ${reason}\n`);
}

function refuseUpgrade(socket, reason) {
  socket.end(
    `HTTP/1.1 403 Forbidden\r\ncontent-type: text/plain; charset=utf-8\r\nconnection: close\r\n\r\ninspector proxy: ${reason}\n`,
  );
}

/**
 * Starts the proxy. Resolves with its URL (which carries this run's token: open that one), the bare origin,
 * and a close function.
 * @param {{ target: string, port?: number, host?: string, path?: string, headers?: Record<string, string>, token?: string, root?: string }} options
 *   `root`: the folder of the page to serve (the built inspector by default).
 * @returns {Promise<{ url: string, origin: string, close: () => Promise<void> }>}
 */
export async function startInspectProxy({
  target,
  port = 5174,
  host = "127.0.0.1",
  path = "/socket.io",
  headers = {},
  token = newToken(),
  root = BUILT_INSPECTOR,
}) {
  const targetUrl = new URL(target); // throws a clear TypeError for a bad target
  // A header Node would refuse on every forwarded request is refused here, once, by name: otherwise the proxy
  // starts and then drops each request without an answer.
  for (const [name, value] of Object.entries(headers)) {
    try {
      validateHeaderName(name);
      validateHeaderValue(name, value);
    } catch {
      const lineBreak = /[\r\n]/.exec(value);
      throw new Error(
        `--header ${JSON.stringify(name)}: ${
          lineBreak
            ? `the value holds a line break (CR or LF) at character ${lineBreak.index + 1}`
            : "not a valid header"
        }; a header is one line of "Name: value" text`,
      );
    }
  }
  if (!root.endsWith(sep)) root += sep;
  if (!existsSync(join(root, "index.html"))) throw new Error("The inspector is not built: run `npm run build` first");
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
  let guard;

  /** What the target gets: no proxy token, and the target's own origin, since the proxy answers only its page. */
  function prepareForTarget(req) {
    const cookie = withoutCookie(req.headers.cookie, guard.cookie);
    if (cookie === undefined) delete req.headers.cookie;
    else req.headers.cookie = cookie;
    if (req.headers.origin !== undefined) req.headers.origin = targetUrl.origin;
  }

  const server = createServer((req, res) => {
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
      proxy.web(req, res).catch((err) => {
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
    ) {
      return refuse(res, 400, engineProblem);
    }
    if (req.method !== "GET" && req.method !== "HEAD") return refuse(res, 405, "only the page is served here");
    if (url.pathname === "/" || url.pathname === "/index.html") {
      if (!guard.hasToken(req, url.searchParams.get("token"))) {
        return refuse(
          res,
          403,
          "this run's token is missing: open the address that npm run inspect printed (it ends with ?token=...)",
        );
      }
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
    sendFile(res, root, url.pathname);
  });
  /** Upgraded sockets leave the HTTP server's books; kept here so that close() can end them. */
  const upgraded = new Set();
  server.on("upgrade", (req, socket, head) => {
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
    proxy.ws(req, socket, { target: targetUrl.origin, headers }, head).catch(() => socket.destroy());
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve(undefined));
  });
  const address = server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  guard = createGuard({ host, port: actualPort, token, enginePath });
  const origin = `http://${host.includes(":") ? `[${host}]` : host}:${actualPort}`;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    close: () =>
      new Promise((resolve) => {
        for (const socket of upgraded) socket.destroy();
        server.closeAllConnections();
        server.close(() => resolve(undefined));
      }),
  };
}

function parseArgs(argv) {
  const out = { headers: {} };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--port") out.port = Number(argv[++i]);
    else if (a === "--path") out.path = argv[++i];
    else if (a === "--header") {
      const h = argv[++i] ?? "";
      const at = h.indexOf(":");
      if (at < 1) throw new Error(`--header takes "Name: value", got "${h}"`);
      out.headers[h.slice(0, at).replace(/^[ \t]+|[ \t]+$/g, "")] = h.slice(at + 1).replace(/^[ \t]+|[ \t]+$/g, "");
    } else if (!out.target) out.target = a;
    else throw new Error(`unexpected argument "${a}"`);
  }
  if (!out.target)
    throw new Error('usage: npm run inspect -- <target url> [--port N] [--path /socket.io] [--header "Name: value"]');
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const options = parseArgs(process.argv.slice(2));
    const { url } = await startInspectProxy(options);
    console.log(
      `inspector: ${url}\n  (proxying ${options.path ?? "/socket.io"} to ${options.target}; the address carries this run's token, open it as it is)`,
    );
  } catch (err) {
    console.error(err.message);
    process.exit(2);
  }
}
