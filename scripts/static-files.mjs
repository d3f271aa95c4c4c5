// The built inspector's files, served as they are: the proxy (inspect.mjs) and `socketio-inspector serve` share this.
import { createServer } from "node:http";
import { existsSync, readFileSync, statSync } from "node:fs";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";

export const BUILT_INSPECTOR = fileURLToPath(new URL("../dist/inspector/", import.meta.url));

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

/**
 * Answers a GET for a file under `root` (a folder path ending with the separator); anything outside it, or missing,
 * is a 404. @returns false when it answered with an error.
 */
export function sendFile(res, root, pathname) {
  let file;
  try {
    file = normalize(join(root, pathname === "/" ? "index.html" : decodeURIComponent(pathname)));
  } catch {
    res.writeHead(400, { "content-type": "text/plain; charset=utf-8" }).end("the path is not valid percent-encoding\n");
    return false;
  }
  if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found\n");
    return false;
  }
  res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
  return true;
}

/**
 * Serves the built inspector on loopback, nothing else (no proxy: the page connects to servers itself).
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function serveInspector({ port = 5173, host = "127.0.0.1", root = BUILT_INSPECTOR } = {}) {
  if (!root.endsWith(sep)) root += sep;
  if (!existsSync(join(root, "index.html"))) throw new Error("The inspector is not built: run `npm run build` first");
  const server = createServer((req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { "content-type": "text/plain; charset=utf-8" }).end("only the page is served here\n");
      return;
    }
    const raw = req.url ?? "/";
    if (!raw.startsWith("/") || raw.startsWith("//")) {
      res.writeHead(400, { "content-type": "text/plain; charset=utf-8" }).end("the request target must be a path\n");
      return;
    }
    sendFile(res, root, new URL(raw, "http://page.invalid").pathname);
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve(undefined));
  });
  const address = server.address();
  const actual = typeof address === "object" && address ? address.port : port;
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${actual}/`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve(undefined));
      }),
  };
}
