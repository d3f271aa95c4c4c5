import { isReply, type TimelineRecord } from "../../core/feed/records.js";
import { inRange, type TimeRange } from "../../core/charts/time-range.js";
import { preview } from "../../core/shared/preview.js";
import { MB, recordBytes } from "../../core/shared/size.js";
import { describe, nspOf, type Category, type RowDirection, type RowView } from "./describe.js";
import { textMatcher } from "./search.js";

/** One row of the timeline: the record and, once asked for, how it reads. */
export interface Entry {
  readonly record: TimelineRecord;
  /** Cached on first use (rendering or text filtering), so each record is described at most once. */
  view?: RowView;
  /** The searchable text (kind, event, namespace, the one-line detail), lower-cased, made on arrival. */
  haystack?: string;
  /** A reconnection attempt: how many records it holds folded under it. */
  folded?: number;
  /** A reconnection attempt whose records are shown. */
  expanded?: boolean;
  /** The attempt a record belongs to (its failure, the next backoff): folded under it. */
  parent?: Entry;
  /** What keeping it costs, in bytes (see shared/size.ts). */
  bytes: number;
  /** Its position among every entry the timeline was given (see Timeline). */
  abs?: number;
}

export interface TimelineFilter {
  /** Namespaces to show; empty shows all. Rows that belong to no namespace (engine, Manager) always show. */
  namespaces: string[];
  categories: Category[];
  directions: RowDirection[];
  /** Clients to show; empty shows all. */
  clients: string[];
  text: string;
  caseSensitive: boolean;
  /** The text is a regular expression. */
  regex: boolean;
  /** Only rows whose time is in the range (picked on a chart); null shows all. */
  range: TimeRange | null;
}

export const EMPTY_FILTER: TimelineFilter = {
  namespaces: [],
  categories: [],
  directions: [],
  clients: [],
  text: "",
  caseSensitive: false,
  regex: false,
  range: null,
};

/**
 * What a failed reconnection attempt adds, folded under the attempt's row: a server restart would otherwise bury
 * the timeline under five or six rows per attempt. An attempt ends with the next attempt, a success or giving up.
 */
const FOLDED_IN_ATTEMPT = new Set<TimelineRecord["kind"]>([
  "error",
  "close",
  "connect_error",
  "reconnect_error",
  "reconnect_scheduled",
]);
const ENDS_ATTEMPT = new Set<TimelineRecord["kind"]>(["reconnect", "reconnect_failed", "handshake", "open"]);

/** The bytes of records a timeline keeps by default: far below what makes a tab run out of memory. */
export const DEFAULT_BYTE_BUDGET = 256 * MB;

/** How far the whole payload of a row is searched when its one-line preview was cut. */
const FULL_TEXT_CHARS = 1_000_000;

export function viewOf(entry: Entry): RowView {
  return (entry.view ??= describe(entry.record));
}

/** The text a text filter searches: kind, event, namespace and the one-line detail (the preview of the payload). */
function searchText(entry: Entry): string {
  // From a throw-away view: keeping the view of every row would cost more memory than the text.
  const v = entry.view ?? describe(entry.record);
  return `${v.label} ${v.event} ${nspOf(entry.record) ?? ""} ${v.text}`;
}

/**
 * The search text, lower-cased, kept per row. Lower-casing also makes it one flat string: the joined text is a rope
 * of its pieces in V8, about 65 bytes more per row and slower to search (bench/README.md, retention).
 */
function haystackOf(entry: Entry): string {
  return (entry.haystack ??= searchText(entry).toLowerCase());
}

/**
 * The whole payload as text, for a row whose preview was cut (a long payload): searched only when the preview did
 * not match, and not kept (it may be large).
 */
function fullTextOf(entry: Entry): string | undefined {
  if (!entry.haystack?.endsWith("…")) return undefined;
  const r = entry.record;
  const payload = "args" in r ? r.args : "data" in r ? r.data : "error" in r ? r.error : undefined;
  const event = "event" in r ? (r.event ?? "") : "";
  return `${event} ${preview(payload, FULL_TEXT_CHARS)}`;
}

const isStats = (r: TimelineRecord) => r.kind === "server" && r.what === "stats";

/** Whether a row passes the filter; `re` is the filter's text matcher, compiled once for all rows. */
export function matches(entry: Entry, f: TimelineFilter, re = textMatcher(f)): boolean {
  if (f.range && !inRange(entry.record, f.range)) return false;
  if (f.clients.length && !f.clients.includes(entry.record.client ?? "")) return false;
  const ns = nspOf(entry.record);
  if (f.namespaces.length && ns !== undefined && !f.namespaces.includes(ns)) return false;
  // A server node's figures (every 2 s) show only when their kind is asked for (see CATEGORIES).
  if (isStats(entry.record) && !f.categories.includes("stats")) return false;
  if (f.categories.length || f.directions.length) {
    const v = viewOf(entry);
    if (f.categories.length && !f.categories.includes(v.category)) return false;
    if (f.directions.length && !f.directions.includes(v.dir)) return false;
  }
  if (!re.ok) return true; // an invalid expression filters nothing (the toolbar says why)
  if (!re.re) return true;
  // Candidates by the case-less query on the kept text; a case-sensitive query confirms on the row's own text.
  if ((re.loose ?? re.re).test(haystackOf(entry)) && (re.re === re.loose || re.re.test(searchText(entry)))) return true;
  const full = fullTextOf(entry);
  return full !== undefined && re.re.test(full);
}

/**
 * The recorded rows: a ring of at most `capacity` entries, and the positions of those that pass the filter.
 * Framework-free and held outside reactivity; the UI re-reads it when `version` changes.
 * Positions are absolute (the n-th record ever kept), so the filtered list survives eviction at the head.
 */
export class Timeline {
  private ring: Array<Entry | undefined>;
  /** Absolute position of the oldest kept entry, and of the next one to be written. */
  private start = 0;
  private end = 0;
  /** Absolute positions of matching entries; those before `filteredHead` were evicted. */
  private filtered: number[] = [];
  private filteredHead = 0;
  private filter: TimelineFilter = EMPTY_FILTER;
  private matcher = textMatcher(EMPTY_FILTER);
  /** Replies to emits: the ack (or time-out) entry of each pair id, for showing next to the emit. */
  private readonly replies = new Map<number, Entry>();
  /** The reconnection attempt under way, per client: what follows it is folded under it. */
  private readonly attempts = new Map<string, Entry>();
  /** Increments on every change. */
  version = 0;
  /** What the kept entries cost, in bytes. */
  private kept = 0;
  /** Entries let go because the byte budget was reached (rather than the row bound), since the last clear. */
  trimmedForMemory = 0;
  /** Entries let go because the row bound (Max rows) was reached, since the last clear. */
  trimmedForRows = 0;
  /**
   * Shown rows let go at the head (by either bound) since the list was last made anew (a filter, a clear): a view
   * that is not following moves up by as many rows, so that the rows under the pointer stay where they are.
   */
  shownEvicted = 0;

  /**
   * @param capacity how many rows are kept (the oldest go first)
   * @param byteBudget how many bytes of records are kept: a server sending large events reaches this long before the
   *   row bound, and the oldest rows go first (counted in `trimmedForMemory`, so the page can say so)
   */
  constructor(
    private capacity = 100_000,
    private byteBudget = DEFAULT_BYTE_BUDGET,
  ) {
    this.ring = new Array(capacity);
  }

  /** What the kept rows cost, in bytes. */
  get bytes(): number {
    return this.kept;
  }

  get size(): number {
    return this.end - this.start;
  }

  /** Number of rows passing the filter. */
  get length(): number {
    return this.filtered.length - this.filteredHead;
  }

  /** The entry at a position in the filtered list. */
  at(index: number): Entry | undefined {
    const abs = this.filtered[this.filteredHead + index];
    return abs === undefined ? undefined : this.ring[abs % this.capacity];
  }

  /** Whether an entry is still kept (not let go by the row bound or the byte budget, nor cleared). */
  holds(entry: Entry): boolean {
    return entry.abs !== undefined && entry.abs >= this.start && this.ring[entry.abs % this.capacity] === entry;
  }

  /** A kept entry by its record's number, shown or not (a scan from the newest: for a jump, not per frame). */
  find(seq: number): Entry | undefined {
    for (let abs = this.end - 1; abs >= this.start; abs--) {
      const entry = this.ring[abs % this.capacity];
      if (entry?.record.seq === seq) return entry;
    }
    return undefined;
  }

  /** Whether an entry is in the list now (kept, passing the filter, not folded away). */
  isShown(entry: Entry): boolean {
    return this.holds(entry) && this.shows(entry);
  }

  /** Whether an entry passes the filter (folding aside). */
  passes(entry: Entry): boolean {
    return matches(entry, this.filter, this.matcher);
  }

  /** Shows what is folded around an entry (the reconnection attempt it is under). */
  unfold(entry: Entry): void {
    if (entry.parent && !entry.parent.expanded) this.setExpanded(entry.parent, true);
  }

  /** The reply (ack, time-out or drop) paired with an emit that asked for one, if it came. */
  replyTo(entry: Entry): Entry | undefined {
    const r = entry.record;
    if (isReply(r) || !("pair" in r) || r.pair === undefined) return undefined;
    return this.replies.get(r.pair);
  }

  /** Rows let go at the head by either bound since the last clear: what the toolbar says went. */
  get letGo(): number {
    return this.trimmedForRows + this.trimmedForMemory;
  }

  /**
   * How many more records the row bound lets in before this entry goes (Infinity for one already gone): a view held on
   * a row asks, so that what it shows is not let go under it.
   */
  room(entry: Entry): number {
    if (!this.holds(entry)) return Number.POSITIVE_INFINITY;
    return this.capacity - this.size + ((entry.abs as number) - this.start);
  }

  push(records: readonly TimelineRecord[]): void {
    for (const record of records) {
      if (this.size === this.capacity) {
        this.evictOldest();
        this.trimmedForRows++;
      }
      const entry: Entry = { record, bytes: recordBytes(record) };
      this.kept += entry.bytes;
      // The newest row always stays, however large: the budget trims what came before it.
      while (this.kept > this.byteBudget && this.size > 0) {
        this.evictOldest();
        this.trimmedForMemory++;
      }
      // The search text is made on arrival (about a microsecond a row), so that a text filter over a
      // million rows is a scan of ready strings rather than a million descriptions at the moment of typing.
      haystackOf(entry);
      this.group(entry);
      const abs = this.end++;
      entry.abs = abs;
      this.ring[abs % this.capacity] = entry;
      if (this.shows(entry)) this.filtered.push(abs);
      if (isReply(record) && record.pair !== undefined) this.replies.set(record.pair, entry);
    }
    this.compact();
    this.version++;
  }

  setFilter(filter: TimelineFilter): void {
    this.filter = filter;
    this.matcher = textMatcher(filter);
    this.refilter();
  }

  /** Shows or hides the records folded under a reconnection attempt. */
  setExpanded(entry: Entry, expanded: boolean): void {
    if (entry.folded === undefined || !!entry.expanded === expanded) return;
    entry.expanded = expanded;
    this.refilter();
  }

  private refilter(): void {
    const out: number[] = [];
    for (let abs = this.start; abs < this.end; abs++) {
      if (this.shows(this.ring[abs % this.capacity] as Entry)) out.push(abs);
    }
    this.filtered = out;
    this.filteredHead = 0;
    this.shownEvicted = 0;
    this.version++;
  }

  /**
   * Whether a row is in the list: it passes the filter, and is not folded under an attempt that is itself shown
   * and closed (a filter that hides the attempt's row shows what was folded under it, so nothing is unreachable).
   */
  private shows(entry: Entry): boolean {
    if (!matches(entry, this.filter, this.matcher)) return false;
    const parent = entry.parent;
    return !parent || !!parent.expanded || !matches(parent, this.filter, this.matcher);
  }

  /** Puts a record under the reconnection attempt of its client, or opens or ends one. */
  private group(entry: Entry): void {
    const r = entry.record;
    const client = r.client ?? "";
    if (r.kind === "reconnect_attempt") {
      entry.folded = 0;
      this.attempts.set(client, entry);
    } else if (ENDS_ATTEMPT.has(r.kind)) this.attempts.delete(client);
    else if (FOLDED_IN_ATTEMPT.has(r.kind)) {
      const attempt = this.attempts.get(client);
      if (!attempt) return;
      entry.parent = attempt;
      attempt.folded = (attempt.folded ?? 0) + 1;
    }
  }

  /** Changes the byte budget; the oldest rows go now if the kept ones cost more. */
  setByteBudget(bytes: number): void {
    this.byteBudget = bytes;
    while (this.kept > this.byteBudget && this.size > 1) {
      this.evictOldest();
      this.trimmedForMemory++;
    }
    this.compact();
    this.version++;
  }

  /** Changes the bound; keeps the newest entries (those it lets go are counted with the row bound's). */
  setCapacity(capacity: number): void {
    const kept: TimelineRecord[] = [];
    for (let abs = Math.max(this.start, this.end - capacity); abs < this.end; abs++)
      kept.push((this.ring[abs % this.capacity] as Entry).record);
    const { trimmedForMemory, trimmedForRows } = this;
    const dropped = this.size - kept.length;
    this.capacity = capacity;
    this.clear();
    this.trimmedForMemory = trimmedForMemory;
    this.trimmedForRows = trimmedForRows + dropped;
    this.push(kept);
  }

  clear(): void {
    this.ring = new Array(this.capacity);
    this.start = this.end = 0;
    this.kept = 0;
    this.trimmedForMemory = 0;
    this.trimmedForRows = 0;
    this.filtered = [];
    this.filteredHead = 0;
    this.shownEvicted = 0;
    this.replies.clear();
    this.attempts.clear();
    this.version++;
  }

  /** Every kept record, oldest first (for export). */
  records(): TimelineRecord[] {
    const out: TimelineRecord[] = [];
    for (let abs = this.start; abs < this.end; abs++) out.push((this.ring[abs % this.capacity] as Entry).record);
    return out;
  }

  private evictOldest(): void {
    const slot = this.start % this.capacity;
    const old = this.ring[slot];
    if (old && isReply(old.record) && old.record.pair !== undefined) this.replies.delete(old.record.pair);
    // An attempt that leaves the ring does not hide its records any more (from the next filter change; until then
    // they are the next rows to leave anyway).
    if (old?.folded !== undefined) old.expanded = true;
    if (old) this.kept -= old.bytes;
    this.ring[slot] = undefined;
    if (this.filtered[this.filteredHead] === this.start) {
      this.filteredHead++;
      this.shownEvicted++;
    }
    this.start++;
  }

  /** Drops evicted positions from the filtered list now and then, so it does not grow without bound. */
  private compact(): void {
    if (this.filteredHead > 4096 && this.filteredHead > this.filtered.length / 2) {
      this.filtered = this.filtered.slice(this.filteredHead);
      this.filteredHead = 0;
    }
  }
}
