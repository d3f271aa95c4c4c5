import { onScopeDispose } from "vue";

/**
 * Keeps a subscription for as long as the store (or component) that made it: its undo runs when that scope ends
 * (a store's $dispose, a test's fresh Pinia, a component unmounted), so that nothing keeps listening to a feed that
 * outlives it.
 */
export function whileAlive(undo: () => unknown): void {
  onScopeDispose(() => {
    undo();
  });
}
