import { defineStore } from "pinia";
import { computed, ref, watch } from "vue";

/** Below this width the detail pane opens over the timeline; below `PHONE`, the app is one column. */
export const DESKTOP = 1200;
export const PHONE = 768;
export const SIDE_WIDTH = { min: 220, max: 560, initial: 300 } as const;
export const DETAIL_WIDTH = { min: 260, max: 900, initial: 380 } as const;

export type Theme = "system" | "light" | "dark";
/** What a phone shows: one of the three parts at a time. */
export type PhoneView = "connection" | "timeline" | "composer";

const KEY = "socketio-inspector:layout";

interface Saved {
  sideWidth: number;
  detailWidth: number;
  sideOpen: boolean;
  detailOpen: boolean;
  theme: Theme;
}

function load(): Partial<Saved> {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(KEY) ?? "{}");
    return value && typeof value === "object" ? (value as Partial<Saved>) : {};
  } catch {
    // No storage (or a damaged entry): the defaults.
    return {};
  }
}

const clamp = (v: unknown, { min, max, initial }: { min: number; max: number; initial: number }) =>
  typeof v === "number" && Number.isFinite(v) ? Math.min(max, Math.max(min, Math.round(v))) : initial;

/**
 * The shell: pane sizes and whether they are open (kept across visits), the theme, and on narrow screens which part
 * shows. The width class follows the window (matchMedia), so that CSS and the few behaviours that differ agree.
 */
export const useLayoutStore = defineStore("layout", () => {
  const saved = load();
  const sideWidth = ref(clamp(saved.sideWidth, SIDE_WIDTH));
  const detailWidth = ref(clamp(saved.detailWidth, DETAIL_WIDTH));
  const sideOpen = ref(saved.sideOpen !== false);
  const detailOpen = ref(saved.detailOpen !== false);
  const theme = ref<Theme>(saved.theme === "light" || saved.theme === "dark" ? saved.theme : "system");
  const phoneView = ref<PhoneView>("timeline");
  /** The Charts view over the timeline: not kept across visits (its code loads when it opens). */
  const chartsOpen = ref(false);
  /** The Server view over the timeline (a fleet's nodes, sockets and rooms), as Charts is: not kept across visits. */
  const serverOpen = ref(false);
  const width = ref(typeof window === "undefined" ? 1440 : window.innerWidth);
  const mode = computed(() => (width.value < PHONE ? "phone" : width.value < DESKTOP ? "tablet" : "desktop"));

  if (typeof window !== "undefined") {
    window.addEventListener("resize", () => (width.value = window.innerWidth), { passive: true });
  }

  watch(
    [sideWidth, detailWidth, sideOpen, detailOpen, theme],
    () => {
      try {
        const value: Saved = {
          sideWidth: sideWidth.value,
          detailWidth: detailWidth.value,
          sideOpen: sideOpen.value,
          detailOpen: detailOpen.value,
          theme: theme.value,
        };
        localStorage.setItem(KEY, JSON.stringify(value));
      } catch {
        // A layout that cannot be kept is only a layout: it still works for this visit.
      }
    },
    { flush: "post" },
  );

  // The theme is a property of the whole document, so that every colour variable follows it.
  watch(
    theme,
    (t) => {
      if (typeof document === "undefined") return;
      if (t === "system") delete document.documentElement.dataset.theme;
      else document.documentElement.dataset.theme = t;
    },
    { immediate: true },
  );

  function resize(pane: "side" | "detail", to: number): void {
    if (pane === "side") sideWidth.value = clamp(to, SIDE_WIDTH);
    else detailWidth.value = clamp(to, DETAIL_WIDTH);
  }

  /** Light → dark → system, in that order, from the toggle. */
  function cycleTheme(): void {
    theme.value = theme.value === "system" ? "light" : theme.value === "light" ? "dark" : "system";
  }

  return {
    sideWidth,
    detailWidth,
    sideOpen,
    detailOpen,
    theme,
    phoneView,
    chartsOpen,
    serverOpen,
    width,
    mode,
    resize,
    cycleTheme,
  };
});
