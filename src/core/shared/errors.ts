/**
 * Errors as the inspector reports them. Logic reads codes (an error's `code`, a record's `error.code`), never words;
 * the words are for people, and this is how anything thrown becomes words.
 */

/** The message of anything thrown: an Error's, or the thing itself as text (a server or a library may throw anything). */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof err === "string") return err;
  try {
    return JSON.stringify(err) ?? String(err);
  } catch {
    return String(err);
  }
}

/**
 * Runs an action, and gives what it threw as words ("" when it succeeded): the one way the stores turn an action's
 * failure into the message shown where it was asked for.
 */
export function capture(action: () => void): string {
  try {
    action();
    return "";
  } catch (err) {
    return errorMessage(err);
  }
}

/** Machine-readable codes of what the library and the core report; each error carries one as `code`. */
export const ERROR_CODES = {
  /** A regular expression of a scenario outlasted its step's time limit. */
  regexTimeout: "regex_timeout",
} as const;
