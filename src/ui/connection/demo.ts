// Which server the page starts with. The installed tool ships no demo server: it opens on Socket.IO's own default
// address, with "/" alone and no demo preset, so that the first Connect goes where an app's server usually is. A demo
// server is shown only when the page is told of one: `npm run dev` builds it in (VITE_DEMO_URL), and a page opened
// with `?demo=<url>` (the tests' fixtures, or a user who runs demo/server.mjs) names one at run time.

import { problem, type Problem } from "../../core/shared/errors.js";

/** Socket.IO's default address: a server started with `new Server(3000)` or the guides' examples. */
export const DEFAULT_URL = "http://localhost:3000";

/** The demo's namespaces, as demo/server.mjs serves them ("/admin", guarded by auth, is in its preset). */
export const DEMO_NAMESPACES = ["/", "/metrics"] as const;

/** What the page was told of a demo: its URL, or why the `?demo=` it was given is not one. */
export type DemoTold = { url: string } | { problem: Problem } | undefined;

/**
 * The demo server the page was told of. `?demo=` must be an http(s) URL (it only fills the form, as `?url=` does):
 * anything else is refused, said, and ignored.
 */
export function demoTold(search = typeof location === "undefined" ? "" : location.search): DemoTold {
  const asked = new URLSearchParams(search).get("demo");
  if (asked === null) return import.meta.env.VITE_DEMO_URL ? { url: import.meta.env.VITE_DEMO_URL } : undefined;
  try {
    const url = new URL(asked);
    if (url.protocol === "http:" || url.protocol === "https:") return { url: asked };
  } catch {
    // said below
  }
  return { problem: problem("demo-url-invalid", { asked: asked.slice(0, 100) }) };
}

/** The demo server's URL, if the page was told of one. */
export function demoUrl(): string | undefined {
  const told = demoTold();
  return told && "url" in told ? told.url : undefined;
}

/** The server the form starts with: the demo when there is one, else Socket.IO's default. */
export const startUrl = (): string => demoUrl() ?? DEFAULT_URL;
