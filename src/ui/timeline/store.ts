import { defineStore } from "pinia";
import { computed, reactive, ref, shallowRef, watch } from "vue";
import type { TimelineRecord } from "../feed/records.js";
import type { Category, RowDirection } from "./describe.js";
import { Timeline, type Entry } from "./timeline.js";

export const DEFAULT_MAX_ROWS = 100_000;

const nextFrame: (fn: () => void) => void =
  typeof requestAnimationFrame === "function" ? (fn) => requestAnimationFrame(() => fn()) : (fn) => setTimeout(fn, 16);

/**
 * The timeline's state: filters, pause, follow and selection are reactive; the rows are in a
 * {@link Timeline} read through `version`, which changes at most once per animation frame.
 */
export const useTimelineStore = defineStore("timeline", () => {
  /** The rows, outside reactivity (a Vue proxy over 100,000 records would cost more than the rows), one per store. */
  let model = new Timeline(DEFAULT_MAX_ROWS);
  const version = shallowRef(0);
  const filter = reactive({
    namespaces: [] as string[],
    categories: [] as Category[],
    directions: [] as RowDirection[],
    text: "",
  });
  const paused = ref(false);
  const follow = ref(true);
  const maxRows = ref(DEFAULT_MAX_ROWS);
  const selectedSeq = ref<number | null>(null);
  /** Records received while paused, shown on resume. */
  const held = ref(0);
  /** Where the rows come from: the live connection, or a recorded session opened from a file. */
  const source = ref<{ kind: "live" } | { kind: "file"; name: string; count: number }>({ kind: "live" });
  /** Time of the first record since the last clear, for relative times. */
  const origin = ref<number | null>(null);
  const rowCount = computed(() => (version.value, model.length));
  const totalCount = computed(() => (version.value, model.size));

  let queue: TimelineRecord[] = [];
  let scheduled = false;
  /** Frames to skip before the next flush: under a flood, the view refreshes less often rather than falling behind. */
  let skipFrames = 0;
  /** Records since the last frame, for those who follow the session itself (status, doctor): Pause does not hold them. */
  let fresh: TimelineRecord[] = [];
  const recordListeners: Array<(records: readonly TimelineRecord[]) => void> = [];

  /** Takes a record from the session; rows are added in one batch per frame. */
  function ingest(record: TimelineRecord): void {
    // A recorded session on screen is not mixed with live records.
    if (source.value.kind === "file") return;
    queue.push(record);
    fresh.push(record);
    // While paused nothing is shown, but nothing is lost either, within the timeline's bound.
    if (queue.length > maxRows.value * 2) queue = queue.slice(-maxRows.value);
    if (!scheduled) {
      scheduled = true;
      nextFrame(onFrame);
    }
  }

  function onFrame(): void {
    if (skipFrames > 0) {
      skipFrames--;
      nextFrame(onFrame);
      return;
    }
    flush();
  }

  function flush(): void {
    scheduled = false;
    if (fresh.length) {
      const batch = fresh;
      fresh = [];
      for (const fn of recordListeners) fn(batch);
    }
    if (paused.value) {
      held.value = queue.length;
      return;
    }
    if (queue.length === 0) return;
    const batch = queue;
    queue = [];
    // Under a flood the view refreshes less often rather than falling behind: every other frame above ~100
    // records a frame (6,000/s), every third above ~250 (15,000/s); the delay stays well under 100 ms.
    skipFrames = batch.length > 250 ? 2 : batch.length > 100 ? 1 : 0;
    origin.value ??= batch[0]?.t ?? null;
    model.push(batch);
    version.value = model.version;
  }

  /** Called once a frame with the records that came in, paused or not. */
  function onRecords(fn: (records: readonly TimelineRecord[]) => void): void {
    recordListeners.push(fn);
  }

  function setPaused(value: boolean): void {
    paused.value = value;
    if (!value) {
      held.value = 0;
      flush();
    }
  }

  /** Leaves a recorded session: back to an empty live timeline. */
  function goLive(): void {
    if (source.value.kind === "live") return;
    source.value = { kind: "live" };
    clear();
  }

  function clear(): void {
    model.clear();
    queue = [];
    fresh = [];
    held.value = 0;
    origin.value = null;
    selectedSeq.value = null;
    version.value = model.version;
  }

  function setMaxRows(n: number): void {
    if (!Number.isInteger(n) || n < 100 || n > 5_000_000)
      throw new Error("Max rows must be a whole number from 100 to 5,000,000");
    maxRows.value = n;
    model.setCapacity(n);
    version.value = model.version;
  }

  /** Replaces every row with a recorded session: the same filters and row view apply, offline. */
  function load(records: readonly TimelineRecord[], name: string): void {
    clear();
    source.value = { kind: "file", name, count: records.length };
    model = new Timeline(Math.max(maxRows.value, records.length));
    model.setFilter({ ...filter });
    origin.value = records[0]?.t ?? null;
    model.push(records);
    version.value = model.version;
  }

  watch(
    () => ({
      ...filter,
      namespaces: [...filter.namespaces],
      categories: [...filter.categories],
      directions: [...filter.directions],
    }),
    (f) => {
      model.setFilter(f);
      version.value = model.version;
    },
    { deep: true },
  );

  const rowAt = (index: number): Entry | undefined => model.at(index);
  const replyTo = (entry: Entry): Entry | undefined => model.replyTo(entry);
  const selected = computed(() => {
    void version.value;
    if (selectedSeq.value === null) return undefined;
    for (let i = model.length - 1; i >= 0; i--) {
      const e = model.at(i);
      if (e?.record.seq === selectedSeq.value) return e;
    }
    return undefined;
  });
  const records = () => model.records();

  return {
    source,
    goLive,
    version,
    filter,
    paused,
    follow,
    maxRows,
    selectedSeq,
    held,
    origin,
    rowCount,
    totalCount,
    selected,
    ingest,
    flush,
    onRecords,
    setPaused,
    clear,
    setMaxRows,
    load,
    rowAt,
    replyTo,
    records,
  };
});
