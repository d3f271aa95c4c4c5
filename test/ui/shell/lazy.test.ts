/**
 * Lazy parts of the page (src/ui/shell/lazy.ts): a component or module loaded from its own chunk when first needed,
 * and fetched ahead once the page is idle. A part is rendered here by Vue's server renderer (which waits for an async
 * component as a page does); the browser's idle callback is Chromium's, in e2e/layout.spec.ts. Node has no
 * requestIdleCallback: prefetching here takes the way of browsers without one (Safari).
 */
import { afterEach, describe, expect, test, vi } from "vitest";
import { createSSRApp, h } from "vue";
import { renderToString } from "vue/server-renderer";
import { lazyModule, lazyPart, prefetchWhenIdle } from "../../../src/ui/shell/lazy.js";

afterEach(() => {
  vi.unstubAllGlobals();
});

/** A loader that counts its calls and says when it was first called. */
function counted<T>(load: () => Promise<T>) {
  let calls = 0;
  let called!: () => void;
  const firstCall = new Promise<void>((resolve) => (called = resolve));
  const counting = () => {
    calls++;
    called();
    return load();
  };
  return { load: counting, firstCall, calls: () => calls };
}

const fixture = () => import("./lazy-part.fixture.js");

describe("lazyPart", () => {
  test("renders as the component its module gives", async () => {
    const Part = lazyPart(() => import("./lazy-part.fixture.js"));
    const html = await renderToString(createSSRApp({ render: () => h("main", [h(Part)]) }));
    expect(html).toBe("<main><p>the part</p></main>");
  });

  test("loads nothing until the part is first shown", async () => {
    const loader = counted(fixture);
    const Part = lazyPart(loader.load);
    expect(loader.calls()).toBe(0);
    expect(await renderToString(createSSRApp({ render: () => h(Part) }))).toBe("<p>the part</p>");
    expect(loader.calls()).toBe(1);
  });
});

test("lazyModule hands back its loader: the module loads when first used", async () => {
  const loader = counted(() => Promise.resolve({ answer: 42 }));
  const load = lazyModule(loader.load);
  expect(loader.calls()).toBe(0);
  expect(await load()).toEqual({ answer: 42 });
});

describe("prefetchWhenIdle", () => {
  test("fetches every lazy part and module ahead, without their being used", async () => {
    vi.stubGlobal("window", globalThis); // a page's global object, without requestIdleCallback
    const part = counted(fixture);
    const module = counted(() => Promise.resolve({}));
    lazyPart(part.load);
    lazyModule(module.load);
    prefetchWhenIdle();
    await Promise.all([part.firstCall, module.firstCall]);
    expect([part.calls(), module.calls()]).toEqual([1, 1]);
  });

  test("a part whose chunk fails to load stops none of the others, and its failure is handled", async () => {
    vi.stubGlobal("window", globalThis);
    lazyModule(() => Promise.reject(new Error("chunk gone")));
    const after = counted(() => Promise.resolve({}));
    lazyModule(after.load);
    prefetchWhenIdle();
    // An unhandled rejection would fail this run (Vitest reports it as an error of the test file).
    await after.firstCall;
    expect(after.calls()).toBe(1);
  });
});
