import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { onScopeDispose, watch, type Ref } from "vue";
import { ticksEvery } from "../../core/charts/scales";
import { clockTime } from "../../core/shared/dates";
import type { ChartColors } from "./theme-colors";

/**
 * A uPlot chart in a host element, kept in step with a spec: the same series (the same `key`) take the new data in
 * place; other series, or other colours, make the chart anew. It follows the host's width, and holds new data back
 * while the pointer is down on it, so that a redraw never interrupts a drag across it.
 */
export interface PlotSpec {
  options: Omit<uPlot.Options, "width" | "height">;
  data: uPlot.AlignedData;
  /** What the series are (labels, colours): a new key makes a new chart, the same key only new data. */
  key: string;
}

export function useUplot(host: Ref<HTMLElement | null>, spec: Ref<PlotSpec | undefined>, height: number) {
  let plot: uPlot | undefined;
  let key = "";
  /** Pointer down on the chart: new specs wait for it to come up. */
  let holding = false;
  let waiting: PlotSpec | undefined;

  const destroy = () => {
    plot?.destroy();
    plot = undefined;
    key = "";
  };
  const width = () => Math.max(120, host.value?.clientWidth ?? 0);
  const apply = (el: HTMLElement | null, s: PlotSpec | undefined) => {
    if (!el || !s) return destroy();
    if (plot && holding) {
      waiting = s;
      return;
    }
    if (plot && s.key === key) return plot.setData(s.data);
    destroy();
    plot = new uPlot({ ...s.options, width: width(), height }, s.data, el);
    key = s.key;
  };
  watch([host, spec], ([el, s]) => apply(el, s), { flush: "post", immediate: true });

  const resize = new ResizeObserver(() => plot?.setSize({ width: width(), height }));
  const press = () => (holding = true);
  // After uPlot's own mouseup (which ends a drag and reports the selection): pointerup comes before it.
  const release = () =>
    holding &&
    setTimeout(() => {
      holding = false;
      if (waiting) apply(host.value, waiting);
      waiting = undefined;
    });
  watch(
    host,
    (el, old) => {
      if (old) resize.unobserve(old);
      old?.removeEventListener("pointerdown", press);
      if (el) resize.observe(el);
      el?.addEventListener("pointerdown", press);
    },
    { immediate: true },
  );
  window.addEventListener("pointerup", release);
  window.addEventListener("pointercancel", release);

  onScopeDispose(() => {
    resize.disconnect();
    window.removeEventListener("pointerup", release);
    window.removeEventListener("pointercancel", release);
    destroy();
  });
}

/** Times on an axis as the timeline shows them (24-hour, local): seconds in a short span, minutes in a long one. */
export function timeAxisValues(_u: uPlot, splits: number[], _axis: number, _space: number, incr: number): string[] {
  return splits.map((t) => clockTime(t).slice(0, incr >= 60_000 ? 5 : 8));
}

/**
 * uPlot's ticks of a time axis, made by index and bounded (see ticksEvery): uPlot's own loop adds the step to a
 * running time, which never ends where a date is out of range (NaN) or a second is below the gap between two doubles
 * (a file's time of 1e19 ms). Counted from local midnight, as uPlot does, so that hours fall on the hour.
 */
export function timeAxisSplits(_u: uPlot, _axis: number, min: number, max: number, incr: number): number[] {
  const offset = new Date(min).getTimezoneOffset();
  return ticksEvery(min, max, incr, Number.isFinite(offset) ? offset * 60_000 : 0);
}

/** uPlot's ticks of a value axis, the multiples of its step in range, bounded as the time axis's are. */
export function valueAxisSplits(_u: uPlot, _axis: number, min: number, max: number, incr: number): number[] {
  return ticksEvery(min, max, incr);
}

/** The axes of a chart over time, in the theme's colours: time below, `value` of each tick at the left. */
export function timeAxes(colors: ChartColors, value: (v: number) => string): uPlot.Axis[] {
  const common = {
    stroke: colors.text,
    font: FONT,
    grid: { stroke: colors.grid, width: 1 },
    ticks: { stroke: colors.axis, width: 1, size: 4 },
  };
  return [
    { ...common, values: timeAxisValues, splits: timeAxisSplits, incrs: TIME_STEPS, space: 90, size: 30 },
    {
      ...common,
      values: (_u, splits) => splits.map(value),
      splits: valueAxisSplits,
      // As wide as its longest label ("1,100 ms"), so that none is cut at the left.
      size: (_u, values) => 14 + Math.max(3, ...(values ?? []).map((v) => v.length)) * 6.5,
      space: 28,
    },
  ];
}

const FONT = "11px system-ui, sans-serif";
/** Time ticks at whole seconds and up: the charts count in buckets of a second or wider, never finer. */
const TIME_STEPS = [
  1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000,
  21_600_000, 43_200_000, 86_400_000,
];
