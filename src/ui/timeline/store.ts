import { defineStore } from "pinia";
import { computed, reactive, ref, shallowRef, watch } from "vue";
import { BoundedList } from "../../core/shared/bounded-list.js";
import { MB, recordBytes } from "../../core/shared/size.js";
import { sliceClock } from "../../core/shared/slices.js";
import type { TimeRange } from "../../core/charts/time-range.js";
import type { TimelineRecord } from "../../core/feed/records.js";
import { useFeedStore } from "../feed/store.js";
import { nspOf, type Category, type RowDirection } from "./describe.js";
import { textMatcher } from "./search.js";
import { DEFAULT_BYTE_BUDGET, EMPTY_FILTER, Timeline, type Entry } from "./timeline.js";
import { whileAlive } from "../shared/scope.js";
import { useToastsStore } from "../shell/toasts.js";
import { fail } from "../../core/shared/errors.js";

export const DEFAULT_MAX_ROWS = 100_000;
/**
 * Namespaces the filter offers from the rows at most: a server names the namespace of each packet it sends, and one
 * that names a new one each time must not grow the list without bound (the forms' own namespaces are always offered).
 */
export const MAX_SEEN_NAMESPACES = 200;
/** Records of a file made into rows between two looks at the clock. */
const FILE_CHUNK = 1000;

/** What the timeline shows: the live clients, or a recorded session opened from a file (its own view). */
export type TimelineView =
  | { kind: "live" }
  /** `trimmed`: the oldest records of the file that the byte budget left out. */
  | { kind: "file"; name: string; count: number; trimmed: number };

/**
 * The timeline's state: filters, pause, follow and selection are reactive; the rows are in a {@link Timeline} read
 * through `version`, which changes at most once per animation frame. The live view takes the live feed's batches;
 * a session file opens in a view of its own, while the live one goes on recording underneath.
 */
export const useTimelineStore = defineStore("timeline", () => {
  const feed = useFeedStore();
  const toasts = useToastsStore();
  /** The rows, outside reactivity (a Vue proxy over 100,000 records would cost more than the rows), one per store. */
  const live = new Timeline(DEFAULT_MAX_ROWS, DEFAULT_BYTE_BUDGET);
  let model = live;
  const version = shallowRef(0);
  const filter = reactive({
    namespaces: [] as string[],
    categories: [] as Category[],
    directions: [] as RowDirection[],
    clients: [] as string[],
    text: "",
    caseSensitive: false,
    regex: false,
    /** A time range picked on a chart: rows outside it are hidden (the toolbar shows it, removable). */
    range: null as TimeRange | null,
  });
  /** The text filter's matcher: for the rows' marks, and the error of an invalid expression. */
  const matcher = computed(() => textMatcher(filter));
  const filterError = computed(() => (matcher.value.ok ? undefined : matcher.value.problem));
  const mark = computed(() => (matcher.value.ok ? matcher.value.re : undefined));
  const paused = ref(false);
  const follow = ref(true);
  const maxRows = ref(DEFAULT_MAX_ROWS);
  /** The bytes of records the live rows keep (a paused view's held records too): see Timeline. */
  const byteBudget = ref(DEFAULT_BYTE_BUDGET);
  /** Rows let go to stay within the byte budget since the last clear: the toolbar says so. */
  const trimmed = ref(0);
  /** The oldest rows let go to keep within Max rows since the last clear: the toolbar says so too. */
  const trimmedForRows = ref(0);
  const selectedSeq = ref<number | null>(null);
  /** How many records wait: those that came while paused, or while a view rests on the oldest rows (see restOn). */
  const heldCount = ref(0);
  const source = ref<TimelineView>({ kind: "live" });
  /** Time of the first record since the last clear, for relative times (of the live view, or the file's). */
  const liveOrigin = ref<number | null>(null);
  const fileOrigin = ref<number | null>(null);
  const origin = computed(() => (source.value.kind === "live" ? liveOrigin.value : fileOrigin.value));
  const rowCount = computed(() => (version.value, model.length));
  const totalCount = computed(() => (version.value, model.size));
  /** The clients the current view has rows of, in the order first seen: the client column shows when there are two. */
  const clientNames = shallowRef<string[]>([]);
  const liveClients = new Set<string>();
  /** The namespaces the current view has rows of (a captured page's, a file's), in the order first seen. */
  const namespaceNames = shallowRef<string[]>([]);
  const liveNamespaces = new Set<string>();

  /**
   * Records that wait: those that came while paused, and those that would let go a row a view rests on (see
   * `restOn`). Kept within the rows' own bounds (those let go are in the note).
   */
  const held = new BoundedList<TimelineRecord>(DEFAULT_MAX_ROWS, DEFAULT_BYTE_BUDGET, recordBytes);
  /**
   * The oldest row a view that does not follow shows (or the selected row, if older): at Max rows, records wait rather
   * than let it go, so that the rows on screen stay there. Undefined while the view follows the newest row.
   */
  let restingOn: Entry | undefined;
  /** How many records can come in now: all of them, unless a view rests on rows the row bound would let go. */
  const room = () => (restingOn && model === live ? live.room(restingOn) : Number.POSITIVE_INFINITY);

  // The feed hands out one batch per frame: its records go into the rows and the view shows them in that same frame
  // (the one batching step from socket to screen), unless paused or a view rests on the oldest rows (they wait).
  whileAlive(
    feed.subscribe((batch) => {
      if (!paused.value && held.items.length === 0 && batch.length <= room()) {
        take(batch);
        show();
        return;
      }
      for (const r of batch) held.push(r);
      heldCount.value = held.items.length;
      trimmed.value = live.trimmedForMemory + held.dropped;
      release();
    }),
  );

  /** Takes in the records that wait, as far as the view leaves room (all of them when it follows), unless paused. */
  function release(): void {
    if (paused.value || held.items.length === 0) return;
    const count = Math.min(held.items.length, room());
    if (count > 0) take(held.take(count));
    heldCount.value = held.items.length;
    show();
  }

  /**
   * The view says which row it rests on (undefined: it follows the newest); rows that waited for it come in as far
   * as it now leaves room.
   */
  function restOn(entry: Entry | undefined): void {
    restingOn = entry;
    release();
  }

  /** Puts live records into the live rows (and learns their clients). */
  function take(batch: readonly TimelineRecord[]): void {
    if (batch.length === 0) return;
    liveOrigin.value ??= batch[0]?.t ?? null;
    let newClient = false;
    let newNamespace = false;
    for (const r of batch) {
      if (r.client !== undefined && !liveClients.has(r.client)) {
        liveClients.add(r.client);
        newClient = true;
      }
      const nsp = nspOf(r);
      if (nsp !== undefined && !liveNamespaces.has(nsp) && liveNamespaces.size < MAX_SEEN_NAMESPACES) {
        liveNamespaces.add(nsp);
        newNamespace = true;
      }
    }
    live.push(batch);
    trimmed.value = live.trimmedForMemory + held.dropped;
    trimmedForRows.value = live.trimmedForRows;
    if (newClient && source.value.kind === "live") clientNames.value = [...liveClients];
    if (newNamespace && source.value.kind === "live") namespaceNames.value = [...liveNamespaces];
  }

  /** Shows the live rows as they are now. */
  function show(): void {
    if (model === live) version.value = live.version;
  }

  /** Hands out the feed's records now and shows them (tests, and a view that must be current at once). */
  function flush(): void {
    feed.flush();
    if (!paused.value) show();
  }

  function setPaused(value: boolean): void {
    paused.value = value;
    if (!value) {
      release();
      flush();
    }
  }

  /** Back to the live view: its rows are all there, recorded while a file was on screen. */
  function goLive(): void {
    if (source.value.kind === "live") return;
    source.value = { kind: "live" };
    model = live;
    model.setFilter(currentFilter());
    clientNames.value = [...liveClients];
    namespaceNames.value = [...liveNamespaces];
    selectedSeq.value = null;
    version.value = model.version;
  }

  /** Empties the rows of the current view (the live rows when live). */
  function clear(): void {
    model.clear();
    selectedSeq.value = null;
    if (model === live) {
      held.takeAll();
      held.dropped = 0;
      trimmed.value = 0;
      trimmedForRows.value = 0;
      heldCount.value = 0;
      liveOrigin.value = null;
      liveClients.clear();
      clientNames.value = [];
      liveNamespaces.clear();
      namespaceNames.value = [];
      feed.announce({ kind: "cleared" });
    }
    version.value = model.version;
  }

  /** Sets the memory budget of the rows, in MB (what the records hold). @throws Error saying the allowed range */
  function setMemoryBudget(mb: number): void {
    if (!Number.isInteger(mb) || mb < 16 || mb > 4096) fail("max-mb-range", { min: 16, max: 4096 });
    byteBudget.value = mb * MB;
    held.maxBytes = byteBudget.value;
    live.setByteBudget(byteBudget.value);
    trimmed.value = live.trimmedForMemory + held.dropped;
    version.value = model.version;
  }

  function setMaxRows(n: number): void {
    if (!Number.isInteger(n) || n < 100 || n > 5_000_000) fail("max-rows-range", { min: 100, max: 5_000_000 });
    maxRows.value = n;
    held.maxCount = n;
    live.setCapacity(n);
    trimmedForRows.value = live.trimmedForRows;
    restingOn = undefined; // the rows were made anew: the view says again where it rests
    pinned = undefined; // the rows were made anew: the selected one is found again
    version.value = model.version;
  }

  /**
   * Opens a recorded session in a view of its own: the same filters and row view, offline; live goes on. Its rows
   * are made in slices, so that a large file does not hold the page's thread; the view switches once they are all in.
   */
  async function openFile(
    name: string,
    records: readonly TimelineRecord[],
    onProgress?: (share: number) => void,
  ): Promise<void> {
    const rows = new Timeline(Math.max(maxRows.value, records.length), byteBudget.value);
    const filterAtStart = JSON.stringify(currentFilter());
    rows.setFilter(currentFilter());
    const clock = sliceClock();
    for (let at = 0; at < records.length; at += FILE_CHUNK) {
      rows.push(records.slice(at, at + FILE_CHUNK));
      if (clock.due()) {
        onProgress?.(at / records.length);
        await clock.next();
      }
    }
    onProgress?.(1); // the caller may stop here (another file was chosen meanwhile): nothing changes then
    // The filter may have changed while the rows were made.
    if (JSON.stringify(currentFilter()) !== filterAtStart) rows.setFilter(currentFilter());
    model = rows;
    source.value = { kind: "file", name, count: records.length, trimmed: rows.trimmedForMemory };
    fileOrigin.value = records[0]?.t ?? null;
    clientNames.value = [...new Set(records.map((r) => r.client).filter((c): c is string => c !== undefined))];
    const namespaces = new Set<string>();
    for (const r of records) {
      const nsp = nspOf(r);
      if (nsp !== undefined && namespaces.size < MAX_SEEN_NAMESPACES) namespaces.add(nsp);
    }
    namespaceNames.value = [...namespaces];
    selectedSeq.value = null;
    version.value = model.version;
  }

  const currentFilter = () => ({
    ...filter,
    namespaces: [...filter.namespaces],
    categories: [...filter.categories],
    directions: [...filter.directions],
    clients: [...filter.clients],
    // A plain copy: the rows' filter reads it once per row, a reactive proxy would cost on every read.
    range: filter.range && { from: filter.range.from, to: filter.range.to },
  });

  watch(
    currentFilter,
    (f) => {
      model.setFilter(f);
      version.value = model.version;
    },
    { deep: true },
  );

  /**
   * A row to bring into view and select (a jump link: a scenario's step, the other end of a message): the list scrolls
   * to it. A filter that hides it is lifted, and the toast says so with an undo; a fold that hides it is opened.
   */
  const revealSeq = ref<number | null>(null);
  function reveal(seq: number): void {
    if (model !== live) goLive();
    const entry = model.find(seq);
    if (entry && !model.passes(entry)) {
      const before = currentFilter();
      Object.assign(filter, { ...EMPTY_FILTER, namespaces: [], categories: [], directions: [], clients: [] });
      toasts.show("The filter hid that row: it was cleared to show it", {
        undo: () => Object.assign(filter, before),
      });
      model.setFilter(currentFilter());
    }
    if (entry && !model.isShown(entry)) model.unfold(entry);
    version.value = model.version;
    selectedSeq.value = seq;
    revealSeq.value = seq;
  }

  const rowAt = (index: number): Entry | undefined => model.at(index);
  /** Shown rows let go at the head since the list was last made anew (see Timeline.shownEvicted). */
  const shownEvicted = () => model.shownEvicted;
  /** Shows or hides the records of a reconnection attempt. */
  function setExpanded(entry: Entry, expanded: boolean): void {
    model.setExpanded(entry, expanded);
    version.value = model.version;
  }
  const replyTo = (entry: Entry): Entry | undefined => model.replyTo(entry);
  /** Whether a row is still in the rows on screen (not let go, nor cleared). */
  const isKept = (entry: Entry): boolean => model.holds(entry);
  /**
   * The selected row, found once when selected: a row that then leaves the timeline (the byte budget, Max rows)
   * keeps its detail on screen, marked as gone, until the user selects another or closes it.
   */
  let pinned: Entry | undefined;
  const findRow = (seq: number): Entry | undefined => {
    for (let i = model.length - 1; i >= 0; i--) {
      const e = model.at(i);
      if (e?.record.seq === seq) return e;
    }
    return undefined;
  };
  watch(selectedSeq, (seq) => (pinned = seq === null ? undefined : findRow(seq)));
  const selected = computed(() => {
    void version.value;
    const seq = selectedSeq.value;
    if (seq === null) return undefined;
    // A row selected before it came (a reveal) is looked for as rows come, until found.
    if (pinned?.record.seq !== seq) pinned = findRow(seq);
    return pinned;
  });
  /** The selected row has left the timeline: its detail is still shown, and says so. */
  const selectedGone = computed(() => (void version.value, !!selected.value && !model.holds(selected.value)));
  const records = () => model.records();
  /** The live rows' records, whichever view is on screen (a file compared with the live session). */
  const liveRecords = () => live.records();

  return {
    source,
    goLive,
    version,
    filter,
    paused,
    follow,
    maxRows,
    selectedSeq,
    held: heldCount,
    origin,
    rowCount,
    totalCount,
    selected,
    selectedGone,
    byteBudget,
    trimmed,
    trimmedForRows,
    setMemoryBudget,
    clientNames,
    namespaceNames,
    filterError,
    mark,
    flush,
    setPaused,
    clear,
    setMaxRows,
    openFile,
    rowAt,
    shownEvicted,
    restOn,
    reveal,
    revealSeq,
    setExpanded,
    replyTo,
    isKept,
    records,
    liveRecords,
  };
});
