// Words the page says of what is typed into it and of its own parts (a panel's code that could not be fetched).
import type { Cause, Say, Words } from "./say.js";

export const PAGE_WORDS = {
  "event-name-missing": () => "Give the event a name",
  "room-name-missing": () => "Name the room to join",
  /** Arguments typed as one JSON text: not JSON (`cause`), or not a list. */
  "args-invalid": (p: { cause: Cause }, say: Say) => `Arguments: ${say(p.cause)}`,
  "args-not-list": () => 'Arguments: must be a JSON array, for example ["hello"]',
  "server-view-load-failed": (p: { cause: Cause }, say: Say) => `The server view could not be loaded: ${say(p.cause)}`,
  "server-view-loading": () => "The server view is still loading",
} satisfies Record<string, Words>;
