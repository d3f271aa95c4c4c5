import { readSavedEmit, type SavedEmit } from "../../core/presets/format.js";
import { problem, problemOf, type Problem } from "../../core/shared/errors.js";

/** Where the history of sent emits is kept: the user's own browser, like the presets. */
export const HISTORY_KEY = "socketio-inspector:history";
/** The newest emits kept; older ones drop off. */
export const HISTORY_SIZE = 50;
/** An emit larger than this (as JSON) is kept for the page's life but not written to storage. */
const MAX_STORED_CHARS = 64_000;

/** The list with `sent` first: an emit equal to one already there moves to the top instead of repeating. */
export function withSent(history: readonly SavedEmit[], sent: SavedEmit): SavedEmit[] {
  const key = JSON.stringify(sent);
  return [sent, ...history.filter((e) => JSON.stringify(e) !== key)].slice(0, HISTORY_SIZE);
}

/** Reads the stored history; a damaged entry is left out (the history is a convenience, not a record). */
export function loadHistory(storage: Pick<Storage, "getItem"> = localStorage): SavedEmit[] {
  try {
    const raw = JSON.parse(storage.getItem(HISTORY_KEY) ?? "[]") as unknown;
    if (!Array.isArray(raw)) return [];
    const out: SavedEmit[] = [];
    for (const [i, entry] of raw.slice(0, HISTORY_SIZE).entries()) {
      try {
        out.push(readSavedEmit(entry, `History entry ${i + 1}`));
      } catch {
        // Left out: an entry an older or damaged write left behind.
      }
    }
    return out;
  } catch {
    return [];
  }
}

/**
 * Writes the history, leaving out emits too large to be worth the storage.
 * @returns why it could not be written, or undefined when it was.
 */
export function saveHistory(
  history: readonly SavedEmit[],
  storage: Pick<Storage, "setItem"> = localStorage,
): Problem | undefined {
  try {
    const kept = history.filter((e) => JSON.stringify(e).length <= MAX_STORED_CHARS);
    storage.setItem(HISTORY_KEY, JSON.stringify(kept));
    return undefined;
  } catch (err) {
    return problem("history-not-saved", { cause: problemOf(err) });
  }
}
