// A session handed from the browser extension's panel to an inspector page it opened: the panel opens the page,
// the page says it is ready (to its opener, carrying nothing), the panel posts the session file's text to that
// page's origin only, and the page answers whether it opened it. The page reads the text as it reads any session
// file (checked line by line, bounded), so a hand-off is no more trusted than a file the user picks.
import { fail } from "../shared/errors.js";
import { problem, type Cause, type Problem } from "../shared/errors.js";

export const HAND_OFF_READY = "socketio-inspector:ready";
export const HAND_OFF_SESSION = "socketio-inspector:session";
export const HAND_OFF_RESULT = "socketio-inspector:opened";

/** A handed-over session's name as the page shows it, at most this long. */
const MAX_NAME = 200;

export interface HandOffSession {
  type: typeof HAND_OFF_SESSION;
  /** What the page calls it (the recorded tab's address, say). */
  name: string;
  /** The session file's NDJSON text. */
  text: string;
}

export interface HandOffResult {
  type: typeof HAND_OFF_RESULT;
  /** Rows opened, when it opened. */
  rows?: number;
  /** Why not, when it did not: the page's problem (its code and params: the panel says the table's words). */
  problem?: Cause;
}

/** The session of a hand-off message, or why the message is not one. */
export function readHandOff(data: unknown): { name: string; text: string } | { problem: Problem } {
  const m = data as Partial<HandOffSession> | null;
  if (m?.type !== HAND_OFF_SESSION) return { problem: problem("hand-off-not-message") };
  if (typeof m.text !== "string") return { problem: problem("hand-off-without-text") };
  const name = typeof m.name === "string" && m.name.trim() ? m.name : "handed-over session";
  return { name: name.length > MAX_NAME ? `${name.slice(0, MAX_NAME)}…` : name, text: m.text };
}

/**
 * Whether a message's origin may hand a session over: a browser extension's page (its origin cannot be taken by a
 * web page), not another site that opened the inspector.
 */
export const isExtensionOrigin = (origin: string): boolean => /^chrome-extension:\/\/[a-p]{32}$/.test(origin);

/**
 * The address of an inspector page as typed: http or https, with a host.
 * @throws InspectorError naming what is wrong (address-no-scheme, address-invalid, address-scheme)
 */
export function inspectorAddress(typed: string): URL {
  const text = typed.trim();
  const shown = text.slice(0, 100);
  // "127.0.0.1:5173" does not parse and "localhost:5173" parses as a scheme: both lack only the scheme.
  const schemeMissing = () => !text.includes("://") && URL.canParse(`http://${text}`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return fail(schemeMissing() ? "address-no-scheme" : "address-invalid", { shown });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    if (schemeMissing()) fail("address-no-scheme", { shown });
    fail("address-scheme", { protocol: url.protocol });
  }
  return url;
}

/** The address to remember: without this run's token (a secret of the local server's, never kept here). */
export function addressToKeep(url: URL): string {
  const kept = new URL(url.href);
  kept.searchParams.delete("token");
  kept.hash = "";
  return kept.href;
}
