// Words of the local server (src/server): a route the page asks for and cannot have, why a target could not be
// reached (from Node's error codes), and the refusals its guard gives requests that are not its page's own.
import type { Cause, Say, Words } from "./say.js";

/** What Node's error code says of a target it could not reach (target-unreachable). */
export type Unreachable = "name-not-found" | "refused" | "timed-out" | "reset" | "host-unreachable" | "tls" | "other";
const UNREACHABLE: Record<Exclude<Unreachable, "tls" | "other">, string> = {
  "name-not-found": "name not found",
  refused: "connection refused: nothing listens there",
  "timed-out": "timed out",
  reset: "the connection was reset",
  "host-unreachable": "host unreachable",
};
/** Node's own words and code, as "message (CODE)". */
const node = (message: string, code: string) => (code ? `${message} (${code})` : message);

export const SERVER_WORDS = {
  // A route the page registers (POST /_relay/routes), refused by field.
  "route-body-not-object": () => 'the body must be a JSON object: {"url", "path", "headers"}',
  "route-field-not-string": (p: { field: "url" | "path" }) => `"${p.field}" must be a string`,
  "route-headers-not-object": () => '"headers" must be an object of strings',
  "route-too-many-headers": (p: { max: number; count: number }) => `at most ${p.max} headers, got ${p.count}`,
  "route-header-not-string": (p: { name: string }) => `header "${p.name}": the value must be a string`,
  "route-header-reserved": (p: { name: string }) => `header "${p.name}" is the relay's to write, not a route's`,
  "route-header-too-long": (p: { name: string; length: number; max: number }) =>
    `header "${p.name}" is ${p.length} characters; at most ${p.max}`,
  "route-url-invalid": (p: { url: string }) => `"${p.url}" is not a URL: give one such as http://localhost:3000`,
  "route-scheme-refused": (p: { protocol: string }) =>
    `${p.protocol} URLs cannot be relayed: http, https, ws or wss only`,
  "route-url-credentials": () => "the URL holds a user name or password: give credentials as a header instead",
  "route-path-invalid": (p: { path: string; cause: Cause }, say: Say) => `the path "${p.path}": ${say(p.cause)}`,
  "body-too-large": (p: { limit: number }) => `the body is over ${p.limit} bytes`,
  "body-not-json": () => "the body is not JSON",
  /** The page's side: the local server refused the route (`cause`: its problem, or its words when it gave none). */
  "relay-route-refused": (p: { cause: Cause }, say: Say) => `The inspector's server refused the route: ${say(p.cause)}`,
  "relay-not-answering": (p: { origin: string; cause: Cause }, say: Say) =>
    `The inspector's server at ${p.origin} does not answer (${say(p.cause)}): is socketio-inspector still running?`,

  // Why a target could not be reached (a route's last failure, the proxy's 502).
  "target-unreachable": (p: { origin: string; why: Unreachable; code: string; message: string }) =>
    `${p.origin} could not be reached: ${
      p.why === "tls"
        ? `TLS error: ${node(p.message, p.code)}`
        : p.why === "other"
          ? node(p.message, p.code)
          : `${UNREACHABLE[p.why]} (${p.code})`
    }`,
  "target-answered": (p: { status: number; text: string }) => `the server answered ${p.status} ${p.text}`.trim(),
  "target-redirect": (p: { status: number; location: string }) =>
    `the server answered ${p.status}, a redirect to ${JSON.stringify(p.location)}: the relay does not follow redirects; give the address it redirects to`,
  "target-upgrade-answered": (p: { status: number }) => `the server answered the WebSocket upgrade with ${p.status}`,

  // A request target the local server does not forward (its Engine.IO path only, judged raw).
  "target-not-path": () => "the request target must be a path (absolute and scheme-relative forms are refused)",
  "target-encoded": () => "the path holds backslashes or encoded dots, slashes or NUL",
  "target-dot-segments": () => "the path holds dot segments",
  "target-empty-segments": () => "the path holds empty segments",
  "target-outside": (p: { enginePath: string }) => `only ${p.enginePath} is forwarded`,
  "target-jsonp": () => "JSONP polling (j=) is refused",
  "relay-only-engine": () => "only /_relay/<route>/ (an Engine.IO request) is relayed",
  "relay-no-route": (p: { id: string; first: boolean }) =>
    p.first ? `no route ${p.id}: the page registers its target first` : `no route ${p.id}`,
  "relay-unknown-route": () => "no such route",
  "proxy-relay-only": () => "nothing is proxied here but /_relay/",

  // The guard: requests that are not the page's own.
  "host-not-proxy": (p: { host: string; expected: string[] }) =>
    `Host ${JSON.stringify(p.host)} is not this proxy (expected ${p.expected.join(" or ")})`,
  "origin-refused": (p: { origin: string }) =>
    `requests from ${p.origin} are refused: the proxy serves its own page only`,
  "no-origin-no-fetch-site": () =>
    "a request with neither Origin nor Sec-Fetch-Site is refused: the proxy answers its own page only",
  "cross-site-no-origin": (p: { site: string }) =>
    `a ${p.site} request without Origin (a script, image, form or link of another page) is refused`,
  "token-missing": () => "this run's token is missing: open the address that socketio-inspector printed",
  "token-missing-upgrade": () => "this run's token is missing",
  "websocket-no-origin": () => "a WebSocket without Origin is refused",
  "route-by-page-only": () => "a route is registered by the page only",
  "route-json-only": () => "a route is registered with a JSON body",
  "nothing-watched": () => "nothing is watched: socketio-inspector watch <app-url> does",
  "page-only": () => "only the page is served here",
  "path-not-encoded": () => "the path is not valid percent-encoding",
  "not-found": () => "not found",
  "page-not-built": () => "The inspector is not built: run `npm run build` first",
  "package-not-found": (p: { from: string }) => `socketio-inspector's package.json is not above ${p.from}`,
  "header-option-invalid": (p: { cause: Cause }, say: Say) => `--header ${say(p.cause)}`,
} satisfies Record<string, Words>;
