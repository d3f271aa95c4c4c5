// The page's side of the local server's relay (src/server/relay.ts): whether the page came from a local server that
// relays, registering a connection's target with it, and reading why it could not reach that target.
// Framework-free; `fetch` is passed in so that tests and the command line can give their own.
import type { Cause } from "../shared/errors.js";

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
  /** Registers a target. @throws Error with the local server's reason (a URL it cannot relay, a bad header). */
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
        throw new Error(
          `The inspector's server at ${origin} does not answer (${err instanceof Error ? err.message : String(err)}): is socketio-inspector still running?`,
          { cause: err },
        );
      }
      const text = await answer.text();
      if (answer.status !== 201)
        throw new Error(`The inspector's server refused the route: ${text.trim().replace(/^inspector: /, "")}`);
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
        const body = (await answer.json()) as { lastFailure?: { reason?: unknown; at?: unknown } };
        const failure = body.lastFailure;
        if (typeof failure?.reason !== "string" || typeof failure.at !== "number") return undefined;
        return { problem: { code: "thrown", params: { message: failure.reason.slice(0, 500) } }, at: failure.at };
      } catch {
        return undefined;
      }
    },
  };
}
