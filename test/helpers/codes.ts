// Tests assert what went wrong by its code (and the params that matter), not by its words: the words are the table's,
// tested once per family in test/core/shared/error-words.test.ts.
import { expect } from "vitest";
import type { ErrorCode } from "../../src/core/shared/errors.js";

/** Matches an error (or a problem) of this code, with at least these params. */
export function withCode(code: ErrorCode, params?: Record<string, unknown>): unknown {
  return expect.objectContaining(params ? { code, params: expect.objectContaining(params) } : { code });
}
