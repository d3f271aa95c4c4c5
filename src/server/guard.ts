// What the same-origin proxy lets through. The proxy adds the user's credentials (an Authorization header, say)
// to what it forwards, so it must answer its own page only: not another website open in the same browser
// (checked by Origin and by a per-run token in a SameSite=Strict cookie), not a page on another port of the same
// host (the same site: checked by Origin or Sec-Fetch-Site), not a DNS-rebound name (checked by Host), and only on
// the Engine.IO path, judged on the raw request target that is forwarded as it is.
import { randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { problem, type Problem } from "../core/shared/errors.js";

/** A fresh random token for one run of the proxy. */
export function newToken(): string {
  return randomBytes(18).toString("base64url");
}

/** The cookie that carries the token; named per port, because browsers share cookies across the ports of a host. */
export function tokenCookieName(port: number): string {
  return `sio-inspector-${port}`;
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

/** The Host values that name this proxy: the address it listens on, and `localhost` when that is loopback. */
export function allowedHosts(host: string, port: number): Set<string> {
  const bracketed = host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
  const names = new Set([`${bracketed}:${port}`]);
  if (LOOPBACK.has(host)) names.add(`localhost:${port}`).add(`127.0.0.1:${port}`);
  return names;
}

/** Reads one cookie from a Cookie header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of String(header ?? "").split(";")) {
    const at = part.indexOf("=");
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

/** The Cookie header without one cookie (the proxy's own token never reaches the target). */
export function withoutCookie(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  const kept = String(header)
    .split(";")
    .filter((part) => part.split("=")[0]?.trim() !== name)
    .map((part) => part.trim())
    .filter(Boolean);
  return kept.length ? kept.join("; ") : undefined;
}

function sameSecret(a: unknown, b: string): boolean {
  if (typeof a !== "string" || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/**
 * Why a raw request target may not be forwarded to the Engine.IO path, or undefined when it may.
 * The target is forwarded byte for byte, so it is judged as it is, not after normalising:
 * no absolute or scheme-relative form, no dot segments (plain or percent-encoded), no backslashes,
 * no encoded slashes, no empty segments, and the path must be the Engine.IO path or under it.
 */
export function engineTargetProblem(rawTarget: string, enginePath: string): Problem | undefined {
  if (typeof rawTarget !== "string" || !rawTarget.startsWith("/") || rawTarget.startsWith("//"))
    return problem("target-not-path");
  const q = rawTarget.indexOf("?");
  const path = q === -1 ? rawTarget : rawTarget.slice(0, q);
  if (/[\\]|%2e|%2f|%5c|%00/i.test(path)) return problem("target-encoded");
  const segments = path.split("/").slice(1);
  if (segments.some((s) => s === "." || s === "..")) return problem("target-dot-segments");
  if (segments.slice(0, -1).some((s) => s === "")) return problem("target-empty-segments");
  const base = enginePath.replace(/\/$/, "");
  if (path !== base && !path.startsWith(`${base}/`)) return problem("target-outside", { enginePath });
  // JSONP polling answers with a script that any page may load and run: the inspector never uses it.
  if (q !== -1 && new URLSearchParams(rawTarget.slice(q + 1)).has("j")) return problem("target-jsonp");
  return undefined;
}

/** The checks of one proxy run. */
export interface Guard {
  readonly cookie: string;
  /** Why the request's Host or Origin is not this proxy's, or undefined. */
  siteProblem(req: IncomingMessage): Problem | undefined;
  /**
   * Why an HTTP request to the Engine.IO path may not be the page's own, or undefined. Host, Origin and the
   * SameSite cookie tell sites apart, not origins: a page on another port of this host is the same site, so its
   * script, image, form and no-cors requests carry the cookie and (being GETs or navigations) no Origin. The page's
   * own requests either carry its Origin (POST, CORS) or say `Sec-Fetch-Site: same-origin`, which no other page can
   * make a browser send (loopback origins are trustworthy, so browsers send Fetch Metadata there).
   */
  ownPageProblem(req: IncomingMessage): Problem | undefined;
  /** Whether the request carries this run's token, in the cookie or (on the page's first load) in the query. */
  hasToken(req: IncomingMessage, queryToken?: string | null): boolean;
  engineTargetProblem(rawTarget: string): Problem | undefined;
  /** The Set-Cookie value that hands the page its token: HttpOnly, and never sent with another site's requests. */
  setCookie(): string;
}

export function createGuard({
  host,
  port,
  token,
  enginePath,
}: {
  host: string;
  port: number;
  token: string;
  enginePath: string;
}): Guard {
  const hosts = allowedHosts(host, port);
  const origins = new Set([...hosts].map((h) => `http://${h}`));
  const cookie = tokenCookieName(port);
  return {
    cookie,
    siteProblem(req) {
      const h = req.headers.host;
      if (!h || !hosts.has(h.toLowerCase())) return problem("host-not-proxy", { host: h ?? "", expected: [...hosts] });
      const origin = req.headers.origin;
      if (origin !== undefined && !origins.has(origin.toLowerCase())) return problem("origin-refused", { origin });
      return undefined;
    },
    ownPageProblem(req) {
      if (req.headers.origin !== undefined) return undefined; // checked by siteProblem: it is this proxy's
      const site = req.headers["sec-fetch-site"];
      if (site === "same-origin") return undefined;
      if (site === undefined) return problem("no-origin-no-fetch-site");
      return problem("cross-site-no-origin", { site: String(site) });
    },
    hasToken(req, queryToken) {
      return sameSecret(readCookie(req.headers.cookie, cookie), token) || sameSecret(queryToken ?? undefined, token);
    },
    engineTargetProblem: (rawTarget) => engineTargetProblem(rawTarget, enginePath),
    setCookie: () => `${cookie}=${token}; Path=/; HttpOnly; SameSite=Strict`,
  };
}
