// npm run inspect -- <target> [--port N] [--path /socket.io] [--header "Name: value"]...
// Serves the built inspector on loopback and proxies the Engine.IO path (HTTP and WebSocket) to the target,
// so that the page and the server share an origin: CORS never gets in the way, and headers a browser cannot
// set (Authorization on the WebSocket upgrade, for one) can be added. Built on httpxy (a maintained
// http-proxy), not on hand-written socket piping.
import { createServer } from "node:http";
import { existsSync, readFileSync, statSync } from "node:fs";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { createProxyServer } from "httpxy";

const root = fileURLToPath(new URL("../dist/inspector/", import.meta.url));
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".json": "application/json", ".svg": "image/svg+xml", ".png": "image/png" };

/**
 * Starts the proxy. Resolves with its URL and a close function.
 * @param {{ target: string, port?: number, host?: string, path?: string, headers?: Record<string, string> }} options
 */
export async function startInspectProxy({ target, port = 5174, host = "127.0.0.1", path = "/socket.io", headers = {} }) {
  const targetUrl = new URL(target); // throws a clear TypeError for a bad target
  if (!existsSync(join(root, "index.html"))) throw new Error("The inspector is not built: run `npm run build` first");
  const enginePath = `/${path.replace(/^\/+|\/+$/g, "")}/`;
  const proxy = createProxyServer({ target: targetUrl.origin, changeOrigin: true, ws: true, headers });
  // Failures are answered per request (502, or a closed socket); the proxy itself must never crash on one.
  proxy.on("error", () => undefined);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname.startsWith(enginePath)) {
      proxy.web(req, res).catch((err) => {
        if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" });
        res.end(`inspector proxy: ${target} did not answer (${err.code ?? err.message})`);
      });
      return;
    }
    if (url.pathname === "/" && !url.searchParams.has("url")) {
      // Pre-fill the inspector with its own origin: the proxy is the server, as far as the page knows.
      const origin = `http://${req.headers.host}`;
      res.writeHead(302, { location: `/?url=${encodeURIComponent(origin)}&path=${encodeURIComponent(path)}` }).end();
      return;
    }
    const file = normalize(join(root, url.pathname === "/" ? "index.html" : decodeURIComponent(url.pathname)));
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
  });
  /** Upgraded sockets leave the HTTP server's books; kept here so that close() can end them. */
  const upgraded = new Set();
  server.on("upgrade", (req, socket, head) => {
    upgraded.add(socket);
    socket.on("close", () => upgraded.delete(socket));
    if (new URL(req.url ?? "/", "http://localhost").pathname.startsWith(enginePath)) {
      proxy.ws(req, socket, { target: targetUrl.origin, headers }, head).catch(() => socket.destroy());
    } else socket.destroy();
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve(undefined));
  });
  const address = server.address();
  return {
    url: `http://${host}:${typeof address === "object" && address ? address.port : port}/`,
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
      out.headers[h.slice(0, at).trim()] = h.slice(at + 1).trim();
    } else if (!out.target) out.target = a;
    else throw new Error(`unexpected argument "${a}"`);
  }
  if (!out.target) throw new Error("usage: npm run inspect -- <target url> [--port N] [--path /socket.io] [--header \"Name: value\"]");
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const options = parseArgs(process.argv.slice(2));
    const { url } = await startInspectProxy(options);
    console.log(`inspector: ${url}  (proxying ${options.path ?? "/socket.io"} to ${options.target})`);
  } catch (err) {
    console.error(err.message);
    process.exit(2);
  }
}
