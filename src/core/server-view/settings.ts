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
