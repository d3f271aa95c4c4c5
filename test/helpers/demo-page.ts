import { vi } from "vitest";

/**
 * The page's address for the stores run in Node: `?demo=<url>` tells them of a demo server (src/ui/connection/demo.ts),
 * as the e2e fixtures and `npm run dev` do; undone by vi.unstubAllGlobals().
 */
export function pageAt(search: string): void {
  vi.stubGlobal("location", new URL(`http://inspector.test/${search}`));
}

/** A page told of the demo server at `url` (its preset and namespaces shown). */
export const toldOfDemo = (url = "http://127.0.0.1:3001") => pageAt(`?demo=${encodeURIComponent(url)}`);
