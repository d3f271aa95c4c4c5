// What of a target's answer reaches the page. The relay and the same-origin proxy answer on the inspector's own
// origin (http://127.0.0.1:<port>), so any header a target sends would act there: Set-Cookie would plant cookies that
// every local app on 127.0.0.1 then receives (or overwrite the inspector's token), Clear-Site-Data would empty the
// page's saved presets, Refresh, Link, Location or a Content-Security-Policy would steer the page. So the headers that
// pass are listed (an allow-list, not a list of the dangerous ones): what an Engine.IO client reads, and how its body
// is coded. Node frames the rest itself (Connection, Transfer-Encoding). Cookies a route's target sets are kept for
// the route before this (relay.ts, keepCookies), never given to the page.
import type { IncomingHttpHeaders } from "node:http";

/** A polling answer (or an answer to a WebSocket upgrade that did not upgrade): its body and how to read it. */
export const ANSWER_HEADERS: ReadonlySet<string> = new Set([
  "content-type",
  "content-length",
  // A server's httpCompression gzips polling answers the browser accepts gzip for: the page needs to know.
  "content-encoding",
  "cache-control",
  "date",
]);

/** The WebSocket upgrade's 101: the handshake's own headers, nothing else. */
export const UPGRADE_HEADERS: ReadonlySet<string> = new Set([
  "upgrade",
  "connection",
  "sec-websocket-accept",
  "sec-websocket-protocol",
  // permessage-deflate, if the browser offered it and the target took it: the frames that follow are compressed.
  "sec-websocket-extensions",
]);

/**
 * Leaves in a target's answer only the headers `allowed` lists, in place: httpxy writes what is left. Node gives a
 * response's headers lower-cased, as the lists are.
 */
export function keepAllowedHeaders(headers: IncomingHttpHeaders, allowed: ReadonlySet<string>): void {
  for (const name of Object.keys(headers)) if (!allowed.has(name)) delete headers[name];
}

/** The relay's own headers on a relayed polling answer: the body is data, never a document to sniff or run. */
export const RELAYED_ANSWER_OWN_HEADERS: Readonly<Record<string, string>> = {
  "x-content-type-options": "nosniff",
};
