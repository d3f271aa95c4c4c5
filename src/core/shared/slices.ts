/** Hands the event loop back between slices of long work: a frame can be drawn and input handled in between. */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** How long one slice of work may hold the page's thread, in ms: well within a frame. */
export const SLICE_MS = 8;

/**
 * A clock for sliced work: `due()` says when the current slice has run its time (checked every so often by the
 * caller), and `next()` yields and starts a new slice.
 */
export function sliceClock(sliceMs = SLICE_MS): { due(): boolean; next(): Promise<void> } {
  let start = performance.now();
  return {
    due: () => performance.now() - start > sliceMs,
    next: async () => {
      await yieldToEventLoop();
      start = performance.now();
    },
  };
}
