// Words for what is not any one feature's: a failure the inspector did not make itself.
import type { Words } from "./say.js";

export const GENERAL_WORDS = {
  /**
   * Something the inspector did not make threw (the Socket.IO library with the official client's own words, the
   * browser, Node, a server): its own message, shown as it is. Logic never reads it; it reads a library error's
   * type, name or Node code instead.
   */
  thrown: (p: { message: string }) => p.message,
} satisfies Record<string, Words>;
