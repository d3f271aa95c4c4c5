// The page's side of the local server's relay (src/server/relay.ts): whether the page came from a local server that
// relays, registering a connection's target with it, and reading why it could not reach that target.
// Framework-free; `fetch` is passed in so that tests and the command line can give their own.
import { InspectorError, problem, problemOf, type Cause } from "../shared/errors.js";

/** A target as the relay reaches it: the local server's own address and the route's Engine.IO path. */
export interface RelayRoute {
  id: string;
  /** The local server's origin: the client connects there. */
  url: string;
  /** The client's `path`: the route under /_relay/. */
  path: string;
  /** The server and Engine.IO path the relay forwards to, as the local server read them. */
  target: string;
}

export interface Relay {
  /** The local server's origin. */
  readonly origin: string;
  /**
   * Registers a target. @throws InspectorError `relay-route-refused` with the local server's problem (a URL it cannot
   * relay, a bad header), or `relay-not-answering`.
   */
  register(target: { url: string; path: string; headers: Record<string, string> }): Promise<RelayRoute>;
  /** Why the relay last failed to reach a route's target, and when (ms); undefined when it never failed. */
  lastFailure(id: string): Promise<{ problem: Cause; at: number } | undefined>;
}

type Fetch = typeof fetch;

/**
 * The relay of the local server at `origin`, when the page was served by one (it answers GET /_relay/ with
 * `{"relay":1}`); undefined otherwise (the Vite dev server, a static host, a file).
 */
export async function findRelay(origin: string, fetchImpl: Fetch = fetch): Promise<Relay | undefined> {
  try {
    const answer = await fetchImpl(`${origin}/_relay/`, { credentials: "same-origin", cache: "no-store" });
    if (!answer.ok || !(answer.headers.get("content-type") ?? "").startsWith("application/json")) return undefined;
    const body = (await answer.json()) as { relay?: unknown };
    return body.relay === 1 ? pageRelay(origin, fetchImpl) : undefined;
  } catch {
    return undefined;
  }
}

/** The relay of a local server known to have one. */
export function pageRelay(origin: string, fetchImpl: Fetch = fetch): Relay {
  return {
    origin,
    async register(target) {
      let answer: Response;
      try {
        answer = await fetchImpl(`${origin}/_relay/routes`, {
          method: "POST",
          credentials: "same-origin",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(target),
        });
      } catch (err) {
        throw new InspectorError(problem("relay-not-answering", { origin, cause: problemOf(err) }), { cause: err });
      }
      const text = await answer.text();
      if (answer.status !== 201) throw new InspectorError(problem("relay-route-refused", { cause: refusalOf(text) }));
      const route = JSON.parse(text) as { id: string; path: string; target: string };
      return { id: route.id, url: origin, path: route.path, target: route.target };
    },
    async lastFailure(id) {
      try {
        const answer = await fetchImpl(`${origin}/_relay/routes/${encodeURIComponent(id)}`, {
          credentials: "same-origin",
          cache: "no-store",
        });
        if (!answer.ok) return undefined;
        const body = (await answer.json()) as { lastFailure?: { problem?: unknown; at?: unknown } };
        const failure = body.lastFailure;
        const cause = causeOf(failure?.problem);
        if (!cause || typeof failure?.at !== "number") return undefined;
        return { problem: cause, at: failure.at };
      } catch {
        return undefined;
      }
    },
  };
}

/** The most of a problem's params the page takes from the local server (as JSON): a route's failure is short. */
const MAX_CAUSE_CHARS = 2000;

/**
 * A problem as the local server sent it (`{code, params}`): kept when it has that shape and a reasonable size, since
 * the page says its words (the table names a code it does not know by the code).
 */
function causeOf(value: unknown): Cause | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const { code, params } = value as { code?: unknown; params?: unknown };
  if (typeof code !== "string" || code.length > 100) return undefined;
  if (params !== undefined && (typeof params !== "object" || params === null)) return undefined;
  if ((JSON.stringify(params) ?? "").length > MAX_CAUSE_CHARS) return undefined;
  return params === undefined ? { code } : { code, params };
}

/**
 * Why the local server refused a route: the problem it answers a route with (JSON), else its text as it is (a refusal
 * of the request itself, `inspector: ...`), without the prefix that says whose words they are.
 */
function refusalOf(text: string): Cause {
  try {
    const cause = causeOf(JSON.parse(text));
    if (cause) return cause;
  } catch {
    // not JSON: the text
  }
  return problem("thrown", {
    message: text
      .trim()
      .replace(/^inspector: /, "")
      .slice(0, 500),
  });
}
