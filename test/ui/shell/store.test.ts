/**
 * The shell's layout (src/ui/shell/store.ts): pane widths and whether they are open, kept across visits in
 * localStorage (a Map-backed Storage here: Node 20 has none), the theme's cycle, and the width classes. The theme on
 * the document is the page's (e2e/layout.spec.ts checks its colours in Chromium); the window's resize listener is not
 * reached here (Node has no window): `width` is set as that listener sets it.
 */
import { createPinia, setActivePinia } from "pinia";
import { beforeEach, describe, expect, test } from "vitest";
import { nextTick } from "vue";
import { DETAIL_WIDTH, SIDE_WIDTH, useLayoutStore } from "../../../src/ui/shell/store.js";
import { freshLocalStorage, type MemoryStorage } from "../../helpers/memory-storage.js";

const KEY = "socketio-inspector:layout";
let storage: MemoryStorage;

beforeEach(() => {
  storage = freshLocalStorage();
  setActivePinia(createPinia());
});

const saved = () => JSON.parse(storage.getItem(KEY) ?? "null") as Record<string, unknown> | null;

describe("a first visit", () => {
  test("both panes open at their initial widths, the system's theme, the timeline on a phone", () => {
    const layout = useLayoutStore();
    expect([layout.sideWidth, layout.detailWidth, layout.sideOpen, layout.detailOpen]).toEqual([
      SIDE_WIDTH.initial,
      DETAIL_WIDTH.initial,
      true,
      true,
    ]);
    expect([layout.theme, layout.phoneView, layout.chartsOpen]).toEqual(["system", "timeline", false]);
  });
});

describe("kept across visits", () => {
  test("a change is saved, and the next visit starts from it", async () => {
    const layout = useLayoutStore();
    layout.resize("side", 333);
    layout.detailOpen = false;
    layout.cycleTheme();
    await nextTick();
    expect(saved()).toEqual({
      sideWidth: 333,
      detailWidth: DETAIL_WIDTH.initial,
      sideOpen: true,
      detailOpen: false,
      theme: "light",
    });
    setActivePinia(createPinia());
    const next = useLayoutStore();
    expect([next.sideWidth, next.detailOpen, next.theme]).toEqual([333, false, "light"]);
  });

  test("saved widths out of range come back within it; anything but a number is the initial width", () => {
    storage.setItem(KEY, JSON.stringify({ sideWidth: 99_999, detailWidth: "wide" }));
    const layout = useLayoutStore();
    expect([layout.sideWidth, layout.detailWidth]).toEqual([SIDE_WIDTH.max, DETAIL_WIDTH.initial]);
  });

  test("a saved theme that is not one of the three is the system's", () => {
    storage.setItem(KEY, JSON.stringify({ theme: "<script>" }));
    expect(useLayoutStore().theme).toBe("system");
  });

  test("a damaged entry is a first visit", () => {
    storage.setItem(KEY, "{not json");
    const layout = useLayoutStore();
    expect([layout.sideWidth, layout.theme]).toEqual([SIDE_WIDTH.initial, "system"]);
  });

  test("a storage that refuses writes leaves the layout working for this visit", async () => {
    storage.full = true;
    const layout = useLayoutStore();
    layout.resize("detail", 500);
    await nextTick();
    expect([layout.detailWidth, storage.getItem(KEY)]).toEqual([500, null]);
  });
});

describe("resizing", () => {
  test("a pane's width is rounded, and held between its bounds", () => {
    const layout = useLayoutStore();
    layout.resize("side", 250.6);
    expect(layout.sideWidth).toBe(251);
    layout.resize("side", 10);
    expect(layout.sideWidth).toBe(SIDE_WIDTH.min);
    layout.resize("detail", 5000);
    expect(layout.detailWidth).toBe(DETAIL_WIDTH.max);
  });

  test("a width that is not a number changes it to the initial one", () => {
    const layout = useLayoutStore();
    layout.resize("side", 400);
    layout.resize("side", Number.NaN);
    expect(layout.sideWidth).toBe(SIDE_WIDTH.initial);
  });
});

test("the theme toggle goes system, light, dark, and back to system", () => {
  const layout = useLayoutStore();
  const seen = [layout.theme];
  for (let i = 0; i < 3; i++) {
    layout.cycleTheme();
    seen.push(layout.theme);
  }
  expect(seen).toEqual(["system", "light", "dark", "system"]);
});

test("the width class: phone below 768 px, tablet below 1200, desktop from there", () => {
  const layout = useLayoutStore();
  const modes = [767, 768, 1199, 1200].map((width) => {
    layout.width = width;
    return layout.mode;
  });
  expect(modes).toEqual(["phone", "tablet", "tablet", "desktop"]);
});
