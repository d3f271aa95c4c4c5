import { onScopeDispose, shallowRef, watch, type Ref } from "vue";
import { useLayoutStore } from "../shell/store";

/**
 * The theme's colours as a canvas takes them. The theme's variables are `light-dark(…)` pairs (theme.css), which a
 * canvas does not understand: each is resolved by the browser on a probe element's `color`, read back as rgb(…).
 * Read again when the theme changes (the toggle, or the system's scheme under "system").
 */
export interface ChartColors {
  text: string;
  muted: string;
  grid: string;
  axis: string;
  /** One per series shown apart (TOP_SERIES), then the colour of "(others)". */
  series: string[];
  others: string;
}

const SERIES_VARS = [
  "--chart-1",
  "--chart-2",
  "--chart-3",
  "--chart-4",
  "--chart-5",
  "--chart-6",
  "--chart-7",
  "--chart-8",
];

export function readChartColors(host: HTMLElement): ChartColors {
  const probe = document.createElement("span");
  probe.hidden = true;
  host.appendChild(probe);
  const resolve = (variable: string) => {
    probe.style.color = `var(${variable})`;
    return getComputedStyle(probe).color;
  };
  try {
    return {
      text: resolve("--text"),
      muted: resolve("--muted"),
      grid: resolve("--row-line"),
      axis: resolve("--control-border"),
      series: SERIES_VARS.map(resolve),
      others: resolve("--chart-others"),
    };
  } finally {
    probe.remove();
  }
}

/** The colours, read once the host is in the page and again whenever the theme changes. */
export function useChartColors(host: Ref<HTMLElement | null>): Ref<ChartColors | undefined> {
  const colors = shallowRef<ChartColors | undefined>();
  const read = () => {
    if (host.value) colors.value = readChartColors(host.value);
  };
  const layout = useLayoutStore();
  // After the layout store has put the theme on <html> (its watcher runs before the page is drawn).
  watch([host, () => layout.theme], read, { flush: "post", immediate: true });
  const scheme = window.matchMedia("(prefers-color-scheme: dark)");
  scheme.addEventListener("change", read);
  onScopeDispose(() => scheme.removeEventListener("change", read));
  return colors;
}
