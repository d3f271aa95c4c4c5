import { defineAsyncComponent, type Component } from "vue";

/**
 * Parts of the page the first screen does not need (the side bar's panels, the row detail) are their own chunks:
 * the page starts on less JavaScript, and each part is fetched when the browser is idle after the first paint, so
 * that it is there before anyone opens it (no visible wait). A part asked for before then is fetched at once.
 */
const loaders: Array<() => Promise<unknown>> = [];

/** A component loaded from its own chunk, and fetched ahead when the page is idle. */
export function lazyPart(load: () => Promise<{ default: Component }>): Component {
  loaders.push(load);
  return defineAsyncComponent({ loader: load, delay: 0 });
}

/** A module loaded when first used (a store, a file reader), fetched ahead when the page is idle. */
export function lazyModule<T>(load: () => Promise<T>): () => Promise<T> {
  loaders.push(load);
  return load;
}

/** Fetches every lazy part once the page is idle (after the first screen is drawn). */
export function prefetchWhenIdle(): void {
  const all = () => loaders.forEach((load) => void load().catch(() => undefined));
  if ("requestIdleCallback" in window) requestIdleCallback(all, { timeout: 2000 });
  else setTimeout(all, 200);
}
