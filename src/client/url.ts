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
  /** scheme://host:port, the origin the engine connects to. */
  href: string;
}

interface PageLocation {
  protocol: string;
  host: string;
  port: string;
}

function pageLocation(): PageLocation | undefined {
  return typeof location !== "undefined" ? location : undefined;
}

/**
 * Parses a server URL the way the official client does: a missing URL means the page's origin,
 * `/path` is relative to the page's host, `//host` takes the page's scheme, and a URL without a scheme
 * takes the page's (or `https:` outside a browser).
 *
 * @throws TypeError naming the URL when it cannot be parsed.
 */
export function parseUrl(uri: string | undefined, enginePath = "/socket.io", loc = pageLocation()): ParsedUrl {
  let text = uri;
  if (text == null) {
    if (!loc) throw new TypeError("No server URL given, and there is no page location to default to");
    text = `${loc.protocol}//${loc.host}`;
  }
  if (typeof text !== "string") {
    throw new TypeError(`The server URL must be a string, got ${typeof text}`);
  }
  if (text.startsWith("//")) {
    text = (loc ? loc.protocol : "https:") + text;
  } else if (text.startsWith("/")) {
    if (!loc) throw new TypeError(`The relative server URL "${text}" needs a page location`);
    text = loc.host + text;
  }
  if (!/^(https?|wss?):\/\//i.test(text)) {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
      throw new TypeError(`Invalid server URL "${text}": the scheme must be http, https, ws or wss`);
    }
    text = `${loc ? loc.protocol : "https:"}//${text}`;
  }

  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new TypeError(`Invalid server URL "${uri}"`);
  }
  if (!url.hostname) throw new TypeError(`Invalid server URL "${uri}": it has no host`);

  const protocol = url.protocol.slice(0, -1).toLowerCase();
  const port = url.port || (protocol === "http" || protocol === "ws" ? "80" : "443");
  // URL keeps the brackets of an IPv6 literal; the official client stores the bare address.
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  const hostInKey = host.includes(":") ? `[${host}]` : host;
  const queryKey: Record<string, string> = {};
  url.searchParams.forEach((value, key) => {
    queryKey[key] = value;
  });

  return {
    protocol,
    host,
    port,
    path: url.pathname || "/",
    query: url.search.slice(1),
    queryKey,
    source: text,
    id: `${protocol}://${hostInKey}:${port}${enginePath}`,
    href: `${protocol}://${hostInKey}${loc && loc.port === port ? "" : `:${port}`}`,
  };
}
