// The server view's settings on their own: what a form, a preset and the page's first screen need of the view,
// without the view itself (its code loads when it first connects).

/** What the view connects with, besides the server's address (taken from a client's form). */
export interface ServerViewSettings {
  /** The admin namespace, `/admin` by default. */
  namespace: string;
  /** Basic auth of `instrument(io, { auth: { type: "basic", ... } })`; empty: none. */
  username: string;
  password: string;
}

export const DEFAULT_SERVER_VIEW: ServerViewSettings = { namespace: "/admin", username: "", password: "" };

/** A node whose stats are older than this is said to be silent (the admin UI's own threshold: it sends every 2 s). */
export const NODE_SILENT_MS = 10_000;
