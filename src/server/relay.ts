// The relay: the local server reaches, for its own page, any Socket.IO server the user typed, polling and WebSocket,
// with the form's headers and cookies on every request (the WebSocket upgrade included) and from the server's own
// origin, so that CORS and the browser's header rules no longer apply. The page registers a target first
// (POST /_relay/routes); requests then go to /_relay/<id>/ and are forwarded to that target's Engine.IO path only.
// Who may register and use routes is decided by the local server's guard; what a route may hold is decided here.
import { randomBytes } from "node:crypto";
import { headerProblem } from "../core/connection/config.js";
import type { Unreachable } from "../core/shared/error-words/server.js";
import { InspectorError, problem, type ArgsOf, type ErrorCode, type Problem } from "../core/shared/errors.js";
import { isTlsFailure } from "../core/shared/peer-words.js";
import { engineTargetProblem } from "./guard.js";

/** What the page asks to reach: its form's URL, Engine.IO path and headers. */
export interface RouteRequest {
  url: string;
  path: string;
  headers: Record<string, string>;
}

export interface Route {
  id: string;
  /** The target's origin, http: or https: (ws: and wss: URLs are read as the same servers). */
  origin: string;
  /** The target's Engine.IO path, with its trailing slash. */
  enginePath: string;
  headers: Record<string, string>;
  /** Cookies the target set (a load balancer's sticky session): kept here, sent back, never given to the page. */
  jar: Map<string, string>;
  /** Why the target could not be reached the last time it failed, for the page's timeline and doctor. */
  lastFailure?: { problem: Problem; at: number };
}

/** Where the relay's own requests go; everything under it is the relay's. */
export const RELAY_PREFIX = "/_relay/";

/** Bounds: a page registers one route per connection; identical requests share one. */
export const MAX_ROUTES = 200;
const MAX_HEADERS = 50;
const MAX_HEADER_VALUE = 8_192;
export const MAX_ROUTE_BODY = 64 * 1024;
/** A route's jar: so many cookies of so many bytes (name and value) at most, what browsers keep of one. */
const MAX_JAR = 50;
const MAX_COOKIE = 4_096;

/** Headers that frame or route the request itself: the relay writes them, a route may not. */
const RESERVED = new Set([
  "host",
  "connection",
  "upgrade",
  "content-length",
  "transfer-encoding",
  "te",
  "trailer",
  "keep-alive",
  "expect",
]);

/** A route the relay will not have: its code names the field (server family of the error table). */
export class RouteError extends InspectorError {
  override name = "RouteError";
}
function refuse<C extends ErrorCode>(code: C, ...params: ArgsOf<C>): never {
  throw new RouteError(problem(code, ...params));
}

/** Reads and checks a route request. @throws RouteError naming the field that is wrong. */
export function readRouteRequest(body: unknown): RouteRequest {
  if (typeof body !== "object" || body === null || Array.isArray(body)) refuse("route-body-not-object");
  const { url, path, headers } = body as Record<string, unknown>;
  if (typeof url !== "string") refuse("route-field-not-string", { field: "url" });
  if (typeof path !== "string") refuse("route-field-not-string", { field: "path" });
  if (typeof headers !== "object" || headers === null || Array.isArray(headers)) refuse("route-headers-not-object");
  const entries = Object.entries(headers as Record<string, unknown>);
  if (entries.length > MAX_HEADERS) refuse("route-too-many-headers", { max: MAX_HEADERS, count: entries.length });
  const checked: Record<string, string> = {};
  for (const [name, value] of entries) {
    if (typeof value !== "string") return refuse("route-header-not-string", { name });
    const wrong = headerProblem(name, value);
    if (wrong) throw new RouteError(wrong);
    const lower = name.toLowerCase();
    if (RESERVED.has(lower) || lower.startsWith("sec-websocket-") || lower.startsWith("proxy-"))
      refuse("route-header-reserved", { name });
    if (value.length > MAX_HEADER_VALUE)
      refuse("route-header-too-long", { name, length: value.length, max: MAX_HEADER_VALUE });
    checked[name] = value;
  }
  return { url, path, headers: checked };
}

/** The target's origin, from any URL the form takes. @throws RouteError when it is not an http(s) or ws(s) URL. */
export function targetOrigin(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return refuse("route-url-invalid", { url: url.slice(0, 200) });
  }
  const scheme = { "http:": "http:", "ws:": "http:", "https:": "https:", "wss:": "https:" }[parsed.protocol];
  if (!scheme) refuse("route-scheme-refused", { protocol: parsed.protocol });
  if (parsed.username || parsed.password) refuse("route-url-credentials");
  return `${scheme}//${parsed.host}`;
}

/** The Engine.IO path as the target gets it, with its trailing slash. @throws RouteError for an unclean path. */
export function targetEnginePath(path: string): string {
  const trimmed = `/${path.trim().replace(/^\/+|\/+$/g, "")}`;
  const clean = trimmed === "/" ? "/" : `${trimmed}/`;
  // The same rules as the requests the proxy forwards: no dot segments, encoded characters or backslashes.
  const cause = engineTargetProblem(clean, clean);
  if (cause) refuse("route-path-invalid", { path: path.slice(0, 200), cause });
  return clean;
}

/** The routes this run of the local server knows; bounded, the oldest forgotten first, with every index of it. */
export class RouteTable {
  /** Each route with its request's key: a route let go takes its key out of the index too. */
  private readonly routes = new Map<string, { route: Route; key: string }>();
  private readonly byRequest = new Map<string, string>();

  /** Registers a route (or finds the same one again). @throws RouteError for a request that cannot be relayed. */
  register(request: RouteRequest): Route {
    const origin = targetOrigin(request.url);
    const enginePath = targetEnginePath(request.path);
    const key = JSON.stringify([origin, enginePath, Object.entries(request.headers).sort()]);
    const known = this.byRequest.get(key);
    const existing = known === undefined ? undefined : this.routes.get(known);
    if (existing) return existing.route;
    if (this.routes.size >= MAX_ROUTES) {
      const [oldest] = this.routes.values();
      if (oldest) {
        this.routes.delete(oldest.route.id);
        this.byRequest.delete(oldest.key);
      }
    }
    const route: Route = {
      id: randomBytes(9).toString("base64url"),
      origin,
      enginePath,
      headers: request.headers,
      jar: new Map(),
    };
    this.routes.set(route.id, { route, key });
    this.byRequest.set(key, route.id);
    return route;
  }

  get(id: string): Route | undefined {
    return this.routes.get(id)?.route;
  }

  /** How many routes are kept, and how many requests the index knows (never more than the routes). */
  get sizes(): { routes: number; indexed: number } {
    return { routes: this.routes.size, indexed: this.byRequest.size };
  }
}

/** A relayed request's parts: the route's id and what follows the route's prefix. */
export interface RelayTarget {
  id: string;
  /** What the target gets: its Engine.IO path with the request's query. */
  forward: (route: Route) => string;
}

/**
 * Reads a raw request target under /_relay/<id>/. Only the Engine.IO request itself is relayed: `/_relay/<id>/`
 * with its query (the client adds nothing after the path's slash), judged raw, as it is forwarded.
 * @returns the route's id and the forwarded target, or a reason to refuse.
 */
export function readRelayTarget(raw: string): RelayTarget | { problem: Problem } {
  const q = raw.indexOf("?");
  const path = q === -1 ? raw : raw.slice(0, q);
  const query = q === -1 ? "" : raw.slice(q + 1);
  const match = /^\/_relay\/([A-Za-z0-9_-]{1,32})\/?$/.exec(path);
  if (!match) return { problem: problem("relay-only-engine") };
  if (new URLSearchParams(query).has("j")) return { problem: problem("target-jsonp") };
  return {
    id: match[1] as string,
    forward: (route) => `${route.enginePath}${query ? `?${query}` : ""}`,
  };
}

/** Why a target could not be reached, from Node's error code (its message kept for what the code does not say). */
export function unreachableProblem(origin: string, err: NodeJS.ErrnoException): Problem {
  const code = err.code ?? "";
  const why: Unreachable =
    code === "ENOTFOUND" || code === "EAI_AGAIN"
      ? "name-not-found"
      : code === "ECONNREFUSED"
        ? "refused"
        : code === "ETIMEDOUT" || code === "ECONNABORTED"
          ? "timed-out"
          : code === "ECONNRESET"
            ? "reset"
            : code === "EHOSTUNREACH" || code === "ENETUNREACH"
              ? "host-unreachable"
              : isTlsFailure(err)
                ? "tls"
                : "other";
  return problem("target-unreachable", { origin, why, code, message: err.message });
}

/** Keeps the cookies a target's response set, by name (a Max-Age=0 or past Expires deletes one). */
export function keepCookies(jar: Map<string, string>, setCookie: readonly string[] | undefined): void {
  for (const line of setCookie ?? []) {
    const [pair = "", ...attributes] = line.split(";");
    const at = pair.indexOf("=");
    if (at < 1) continue;
    const name = pair.slice(0, at).trim();
    const expired = attributes.some((a) => {
      const [key = "", value = ""] = a.split("=").map((s) => s.trim());
      if (key.toLowerCase() === "max-age") return Number(value) <= 0;
      if (key.toLowerCase() === "expires") return Date.parse(value) < Date.now();
      return false;
    });
    const value = pair.slice(at + 1).trim();
    const fits = name.length + value.length <= MAX_COOKIE; // as browsers do: a larger one is not kept
    if (expired) jar.delete(name);
    else if (fits && (jar.size < MAX_JAR || jar.has(name))) jar.set(name, value);
  }
}

/** The Cookie header a route sends: the form's own Cookie header, then what the target set. */
export function routeCookie(route: Route): string | undefined {
  const own = Object.entries(route.headers).find(([name]) => name.toLowerCase() === "cookie")?.[1];
  const kept = [...route.jar].map(([name, value]) => `${name}=${value}`);
  const all = [own, ...kept].filter(Boolean);
  return all.length ? all.join("; ") : undefined;
}
