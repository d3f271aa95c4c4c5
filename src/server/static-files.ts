// The built inspector's files, served as they are by the local server.
import type { createServer, ServerResponse } from "node:http";
import { existsSync, readFileSync, statSync } from "node:fs";
import { extname, join, normalize, sep } from "node:path";
import { fail, problem, words, type Problem } from "../core/shared/errors.js";
import { builtInspector } from "./package-root.js";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

/** Answers with plain text (never HTML: a reason may quote what the request held). */
/** The header that names an answer's problem by its code (the error table's), beside its words in the body. */
export const ERROR_CODE_HEADER = "x-inspector-error";

/** A refusal: the table's words as text, for whoever reads them (a browser, curl), and its code in a header. */
export function answerProblem(res: ServerResponse, status: number, why: Problem, prefix = ""): void {
  res.setHeader(ERROR_CODE_HEADER, why.code);
  answerText(res, status, `${prefix}${words(why)}`);
}

export function answerText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" }).end(`${text}\n`);
}

/** The page's folder as given, with its trailing separator; @throws Error when the page is not built there. */
export function pageRoot(root = builtInspector()): string {
  const folder = root.endsWith(sep) ? root : root + sep;
  if (!existsSync(join(folder, "index.html"))) fail("page-not-built");
  return folder;
}

/**
 * Answers a GET for a file under `root` (a folder path ending with the separator); anything outside it, or missing,
 * is a 404. @returns false when it answered with an error.
 */
export function sendFile(res: ServerResponse, root: string, pathname: string): boolean {
  let file: string;
  try {
    file = normalize(join(root, pathname === "/" ? "index.html" : decodeURIComponent(pathname)));
  } catch {
    answerProblem(res, 400, problem("path-not-encoded"));
    return false;
  }
  if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
    answerProblem(res, 404, problem("not-found"));
    return false;
  }
  res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
  return true;
}

/** Listens on a port (0: a free one) and host; resolves with the origin to print. */
export async function listen(
  server: ReturnType<typeof createServer>,
  port: number,
  host: string,
): Promise<{ origin: string; port: number }> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  const actual = typeof address === "object" && address ? address.port : port;
  return { origin: `http://${host.includes(":") ? `[${host}]` : host}:${actual}`, port: actual };
}
