// Words of the browser extension (src/extension) and of a session handed from its panel to an inspector's page: why a
// recording stopped, what its panel could not do, and a hand-off that did not go through.
import type { Cause, Say, Words } from "./say.js";

export const EXTENSION_WORDS = {
  "not-extension-page": () => "This page is not running as the browser extension (no chrome.runtime)",

  // A recording: why it stopped, and the rows it adds about itself.
  /** `reason`: chrome.debugger.onDetach's reason, as the browser names it. */
  "debugger-detached": (p: { reason: string }) =>
    p.reason === "target_closed"
      ? "the tab closed"
      : p.reason === "canceled_by_user"
        ? "the browser's “started debugging this browser” bar was cancelled (Cancel detaches every debugger)"
        : `the browser's debugger let go of the tab (${p.reason})`,
  /** `message`: the browser's own reason. */
  "debugger-not-attached": (p: { message: string }) => `the debugger could not attach to the tab: ${p.message}`,
  "worker-gone": () => "the extension's background worker went away (the extension was reloaded or updated)",
  "stopped-by-you": () => "you stopped it",
  "not-recording": () => "not recording",
  "too-many-reads": () => "too many reads waiting",
  "recording-started": (p: { url: string }) => `recording started: ${p.url}`,
  "recording-stopped": (p: { cause: Cause }, say: Say) => `recording stopped: ${say(p.cause)}`,
  /** `why`: the browser's reason the message could not be sent. */
  "event-dropped": (p: { method: string; why: string }) =>
    `a ${p.method} event was too big to reach the panel and is left out (${p.why})`,

  // A session handed from the panel to an inspector's page.
  "popup-blocked": () => "The browser did not open the inspector's page (a pop-up blocker?)",
  "hand-off-no-answer": (p: { origin: string; seconds: number }) =>
    `The inspector at ${p.origin} took the session but did not say it opened it within ${p.seconds} s`,
  "hand-off-not-ready": (p: { origin: string; seconds: number }) =>
    `The inspector at ${p.origin} did not say it was ready within ${p.seconds} s: is it running there (opened once with the address it printed, token included), and is it this version's inspector?`,
  /** `cause`: the inspector's reason, when it gave one. */
  "hand-off-refused": (p: { cause?: Cause }, say: Say) =>
    `The inspector did not open it: ${p.cause ? say(p.cause) : "no reason given"}`,
  "hand-off-not-opened": (p: { cause: Cause }, say: Say) =>
    `The session handed over from the browser extension was not opened: ${say(p.cause)}`,
  "hand-off-not-session": (p: { name: string }) => `${p.name} is not a session file`,
  "hand-off-not-message": () => "not a hand-off message",
  "hand-off-without-text": () => "a hand-off without the session's text",
} satisfies Record<string, Words>;
