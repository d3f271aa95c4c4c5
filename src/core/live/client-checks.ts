// What a live client checks before it starts, wherever it runs: LiveClient on this thread, and the page's
// RemoteClient before it hands the client to the worker (so that a bad option is refused at once, the same way).
import { Manager, type ManagerOptions } from "../../client/index.js";
import { parseUrl } from "../../client/url.js";
import { headersFrom, parseAuth, type ConnectionConfig, type NamespaceConfig } from "../connection/config.js";
import type { Relay } from "../connection/relay.js";
import { fail } from "../shared/errors.js";

/**
 * Checks a client's settings; returns the headers the client itself sends (none with Route relay: the local server
 * adds them).
 * @throws InspectorError (TypeError from the client) naming what is wrong: the URL, the transports, parser and version, the
 *   route, a header the browser would drop.
 */
export function checkClientConfig(
  config: ConnectionConfig,
  where: { relay?: Relay; outsideBrowser?: boolean },
): Record<string, string> | undefined {
  parseUrl(config.url); // a clear error for a bad URL before anything is made
  if (config.transports.length === 0) fail("no-transport");
  if (config.serverVersion === "v2" && config.parser === "msgpack") fail("msgpack-with-v2");
  if (config.route === "relay" && !where.relay) fail("relay-needs-local-server");
  // Refuses, by name, a header the browser would drop (the relay sends any header, Cookie included).
  const headers = headersFrom(config.extraHeaders, { browser: !where.outsideBrowser && config.route !== "relay" });
  return config.route === "relay" ? undefined : headers;
}

/** The Manager's options that come from the form (the path, the headers and the protocol's code aside). */
export function managerSettings(config: ConnectionConfig, path: string): Partial<ManagerOptions> {
  return {
    path,
    transports: config.transports,
    query: Object.fromEntries(config.query.filter((q) => q.key).map((q) => [q.key, q.value])),
    reconnection: config.reconnection,
    reconnectionAttempts: config.reconnectionAttempts,
    reconnectionDelay: config.reconnectionDelay,
    reconnectionDelayMax: config.reconnectionDelayMax,
    randomizationFactor: config.randomizationFactor,
    timeout: config.timeout,
    autoConnect: false,
    withCredentials: config.route === "relay" ? false : config.withCredentials,
  };
}

/** @throws TypeError from the client naming an option it refuses; makes nothing that connects. */
export function checkManagerSettings(config: ConnectionConfig): void {
  new Manager(config.url, managerSettings(config, config.path || "/socket.io"));
}

/**
 * A namespace's auth and query, refused by name when they cannot travel in the protocol spoken ("auto": not known
 * yet, so a query waits to see).
 * @throws InspectorError when its auth is not a JSON object, or is given for a v2 server, or a query for a v3/v4 one.
 */
export function namespaceCredentials(
  ns: NamespaceConfig,
  protocol: "v4" | "v2" | "auto",
): { auth: Record<string, unknown> | undefined; nsQuery: string } {
  const auth = parseAuth(ns);
  const nsQuery = ns.query?.trim() ?? "";
  if (protocol === "v2" && auth) fail("auth-not-sent-v2", { nsp: ns.nsp });
  if (protocol === "v4" && nsQuery) fail("query-not-sent-v4", { nsp: ns.nsp });
  return { auth, nsQuery };
}
