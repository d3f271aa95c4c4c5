import { Manager } from "../../client/manager.js";
import { parseJson } from "../composer/typed-args.js";
import { fail, InspectorError, problem, type Problem } from "../shared/errors.js";

/** A query parameter of the connection; `secret` values are left out of shared links. */
export interface QueryParam {
  key: string;
  value: string;
  secret?: boolean;
}

/** A header sent with polling requests (a browser cannot put headers on a WebSocket); `secret` values stay out of links. */
export interface HeaderParam {
  name: string;
  value: string;
  secret?: boolean;
}

/** Request headers a page may not set: the browser drops them silently, so the form refuses them by name. */
const FORBIDDEN_HEADERS = new Set([
  "accept-charset",
  "accept-encoding",
  "access-control-request-headers",
  "access-control-request-method",
  "connection",
  "content-length",
  "cookie",
  "cookie2",
  "date",
  "dnt",
  "expect",
  "host",
  "keep-alive",
  "origin",
  "referer",
  "set-cookie",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "via",
]);

/** Characters no header may hold: line breaks would start another header (or end them), other controls are refused by HTTP. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this finds
const HEADER_VALUE_BAD = /[\u0000-\u0008\u000a-\u001f\u007f]/;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Why a header's name or value cannot be sent (with where the bad character is), or undefined. */
export function headerProblem(name: string, value: string): Problem | undefined {
  if (!HEADER_NAME.test(name)) return problem("header-name-invalid", { name });
  const bad = HEADER_VALUE_BAD.exec(value);
  if (!bad) return undefined;
  const character = bad[0] === "\r" ? "cr" : bad[0] === "\n" ? "lf" : "control";
  return problem("header-value-invalid", { name, character, at: bad.index });
}

/**
 * The extra headers as the client takes them.
 * @throws InspectorError naming a header that is not valid or that a page cannot set.
 */
export function headersFrom(
  list: readonly HeaderParam[],
  { browser = true }: { browser?: boolean } = {},
): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const { name, value } of list) {
    const n = name.trim();
    if (!n) continue;
    const nameProblem = headerProblem(n, "");
    if (nameProblem) throw new InspectorError(nameProblem);
    const lower = n.toLowerCase();
    // Outside a browser (the command line) any header goes, Cookie and Authorization on the WebSocket included.
    if (browser && (FORBIDDEN_HEADERS.has(lower) || lower.startsWith("proxy-") || lower.startsWith("sec-"))) {
      if (lower === "cookie") fail("header-cookie-forbidden");
      fail("header-forbidden", { name: n });
    }
    const valueProblem = headerProblem(n, value);
    if (valueProblem) throw new InspectorError(valueProblem);
    out[n] = value;
  }
  return Object.keys(out).length ? out : undefined;
}

/** A namespace to open, with its auth payload as JSON text (empty: no auth). */
export interface NamespaceConfig {
  nsp: string;
  auth: string;
  /**
   * The namespace's query, as `key=value&...`: how Socket.IO v2 servers take credentials (they have no auth).
   * Absent or empty: none. v3/v4 servers never receive it.
   */
  query?: string;
}

/** Which protocol to speak: `auto` reads the server's first answer; `v4` is Socket.IO v3/v4; `v2` is Socket.IO v2. */
export type ServerVersion = "auto" | "v4" | "v2";
export const SERVER_VERSIONS: readonly ServerVersion[] = ["auto", "v4", "v2"];

/**
 * How a connection reaches its server: `direct` from the page (CORS and the browser's header rules apply), or
 * `relay`: through the inspector's local server (`npx socketio-inspector`), which adds the headers to every request,
 * the WebSocket upgrade included, and reaches the server from its own origin.
 */
export type Route = "direct" | "relay";
export const ROUTES: readonly Route[] = ["direct", "relay"];

/** Everything the connection form holds: plain data, so that it can be saved, shared and restored. */
export interface ConnectionConfig {
  url: string;
  path: string;
  transports: Array<"polling" | "websocket">;
  /** The packet parser: socket.io-parser (JSON) or socket.io-msgpack-parser; it must match the server's. */
  parser: "default" | "msgpack";
  serverVersion: ServerVersion;
  query: QueryParam[];
  /** Sent on polling requests only. */
  extraHeaders: HeaderParam[];
  /** Send the browser's cookies with cross-origin requests (the server's CORS must allow credentials). */
  withCredentials: boolean;
  /** Absent: direct (presets and links made before the local server existed). */
  route?: Route;
  reconnection: boolean;
  reconnectionAttempts: number;
  reconnectionDelay: number;
  reconnectionDelayMax: number;
  randomizationFactor: number;
  timeout: number;
  /** 0 or empty means none. */
  ackTimeout: number | null;
  retries: number | null;
  namespaces: NamespaceConfig[];
}

/** A client of the inspector: its own name and its own connection (its own Manager). */
export interface ClientConfig {
  name: string;
  config: ConnectionConfig;
}

/**
 * The Manager's defaults, read off a Manager of the library (which writes them once, in its constructor): the form
 * starts as a client with no options would.
 */
const MANAGER_DEFAULTS = (() => {
  const m = new Manager({ autoConnect: false });
  const timeout = m.timeout();
  return {
    reconnection: m.reconnection(),
    reconnectionAttempts: m.reconnectionAttempts(),
    reconnectionDelay: m.reconnectionDelay(),
    reconnectionDelayMax: m.reconnectionDelayMax(),
    randomizationFactor: m.randomizationFactor(),
    timeout: timeout === false ? 0 : timeout,
  };
})();

export function defaultConfig(url: string): ConnectionConfig {
  return {
    url,
    path: "/socket.io",
    transports: ["polling", "websocket"],
    parser: "default",
    serverVersion: "auto",
    query: [],
    extraHeaders: [],
    withCredentials: false,
    ...MANAGER_DEFAULTS,
    ackTimeout: null,
    retries: null,
    namespaces: [
      { nsp: "/", auth: "" },
      { nsp: "/metrics", auth: "" },
    ],
  };
}

/** A namespace name as the server knows it: with a leading slash. */
export function normalizeNamespace(nsp: string): string {
  const trimmed = nsp.trim();
  return trimmed.startsWith("/") ? trimmed : `/${trimmed}`;
}

/**
 * The auth payload of a namespace, from its JSON text.
 * @throws InspectorError naming the namespace and what is wrong (auth-invalid, auth-not-object).
 */
export function parseAuth(ns: NamespaceConfig): Record<string, unknown> | undefined {
  if (ns.auth.trim() === "") return undefined;
  const parsed = parseJson(ns.auth);
  if (!parsed.ok) fail("auth-invalid", { nsp: ns.nsp, cause: parsed.problem });
  const value = parsed.value;
  if (typeof value !== "object" || value === null || Array.isArray(value)) fail("auth-not-object", { nsp: ns.nsp });
  return value as Record<string, unknown>;
}

/**
 * A plain, detached copy of a config (from reactive state too: JSON goes through Vue's proxies, where
 * structuredClone refuses them). JSON has no Infinity, so the attempts limit travels as null.
 */
export function cloneConfig(config: ConnectionConfig): ConnectionConfig {
  const limit = Number.isFinite(config.reconnectionAttempts) ? config.reconnectionAttempts : null;
  const copy = JSON.parse(JSON.stringify({ ...config, reconnectionAttempts: limit })) as ConnectionConfig & {
    reconnectionAttempts: number | null;
  };
  return { ...copy, reconnectionAttempts: copy.reconnectionAttempts ?? Infinity };
}
