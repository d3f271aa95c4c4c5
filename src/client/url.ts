import { parse } from "engine.io-client";

/** What the lookup needs to know about a server URL. */
export interface ParsedUrl {
  /** `http`, `https`, `ws` or `wss`. */
  protocol: string;
  /** Host name, without brackets for IPv6. */
  host: string;
  /** Port, filled in from the scheme (80/443) when the URL has none. */
  port: string;
  /** The path of the URL, which names the namespace (`/` by default). */
  path: string;
  /** The raw query string without `?`, empty when there is none. */
  query: string;
  /** The query as key/value pairs. */
  queryKey: Record<string, string>;
  /** The URL as given (after filling in a missing scheme), handed to the engine. */
  source: string;
  /** The Manager cache key: scheme, host, port and engine path. Namespace and query are not part of it. */
  id: string;
}

interface PageLocation {
  protocol: string;
  host: string;
}

/**
 * Parses a server URL the way the official client does: a missing URL means the page's origin,
 * `/path` is relative to the page's host, `//host` takes the page's scheme, and a URL without a scheme
 * takes the page's (or `https:` outside a browser). The parts come from engine.io-client's own parser,
 * so that the namespace and the engine agree on what the URL says.
 *
 * @param enginePath the `path` option, part of the cache key; `/socket.io` when missing or empty, as the Manager has it.
 * @throws TypeError naming the URL when it is not a valid http(s)/ws(s) URL.
 */
export function parseUrl(
  uri: string | undefined,
  enginePath?: string,
  loc: PageLocation | undefined = typeof location !== "undefined" ? location : undefined,
): ParsedUrl {
  let text = uri ?? (loc && `${loc.protocol}//${loc.host}`);
  if (typeof text !== "string") throw new TypeError(`Invalid server URL ${String(uri)}: no URL and no page location`);
  if (text.startsWith("//")) text = `${loc ? loc.protocol : "https:"}${text}`;
  else if (text.startsWith("/") && loc) text = loc.host + text;
  if (!/^(https?|wss?):\/\//.test(text)) {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text))
      throw new TypeError(`Invalid server URL "${text}": the scheme must be http, https, ws or wss`);
    text = `${loc ? loc.protocol : "https:"}//${text}`;
  }
  // engine.io-client's parser accepts anything; the platform's URL parser tells what is not a URL. Browsers
  // differ on hosts (Chromium percent-encodes a space where Node refuses it), so white space and encoded
  // characters in the host are refused here alike.
  try {
    const host = new URL(text).hostname;
    if (!host || host.includes("%") || /\s/.test(text)) throw 0;
  } catch {
    throw new TypeError(`Invalid server URL "${uri}"`);
  }

  const obj = parse(text) as Omit<ParsedUrl, "id" | "port"> & { port: string };
  const port = obj.port || (/^(http|ws)$/.test(obj.protocol) ? "80" : "443");
  const host = obj.host.includes(":") ? `[${obj.host}]` : obj.host;
  return { ...obj, port, path: obj.path || "/", id: `${obj.protocol}://${host}:${port}${enginePath || "/socket.io"}` };
}
