// A search kept up to date as its items change, over more items than one task should walk: a new query walks them
// a slice at a time (`step`), while each item that changes meanwhile is judged at once (`touch`). Its matches stay
// in an order (the items' own, or another: by id, by node...), so that a list shows a slice of them by index.
import { SlicedSort } from "./sliced-sort.js";
import { insertSorted, removeSorted } from "./sorted.js";

/** How many items are judged between two looks at the clock. */
const CLOCK_EVERY = 64;

export class LiveSearch<T> {
  private matches: T[] = [];
  private pending: readonly T[] = [];
  private cursor = 0;
  private total = 0;
  private test: ((item: T) => boolean) | undefined;
  private order: (a: T, b: T) => number;
  /**
   * In another order than the items': the walk collects its matches unsorted, then sorts them a slice at a time;
   * what changes meanwhile is judged again once they are sorted.
   */
  private sorting: SlicedSort<T> | undefined;
  private collected: T[] = [];
  private readonly touched = new Set<T>();
  private ownOrder = true;

  /** `order`: the items' own order (what `start` is given them in, unless told otherwise). */
  constructor(private readonly itemsOrder: (a: T, b: T) => number) {
    this.order = itemsOrder;
  }

  /** Whether a query is set (without one, the caller lists every item itself). */
  get active(): boolean {
    return this.test !== undefined;
  }

  /** Whether every item has been judged, and the matches are in their order. */
  get done(): boolean {
    return this.cursor >= this.total && this.sorting === undefined;
  }

  /** How far the walk is: items judged, of how many. */
  progress(): { judged: number; of: number } {
    return { judged: this.cursor, of: this.total };
  }

  /** Matches so far: in another order than the items', none until they are sorted. */
  get length(): number {
    return this.matches.length;
  }

  at(index: number): T | undefined {
    return this.matches[index];
  }

  /**
   * A new query: `items` (in the items' own order, a copy the caller no longer changes) are judged by `test` as
   * `step` walks them, and listed in `order` (by default the items' own). The test must also say no to an item that
   * has gone; `order` must not change while an item is listed (it compares what never changes: an id, a name).
   */
  start(items: readonly T[], test: (item: T) => boolean, order?: (a: T, b: T) => number): void {
    this.test = test;
    this.order = order ?? this.itemsOrder;
    this.ownOrder = order === undefined || order === this.itemsOrder;
    this.pending = items;
    this.total = items.length;
    this.cursor = 0;
    this.matches = [];
    this.collected = [];
    this.sorting = undefined;
    this.touched.clear();
  }

  /** No query: nothing is kept. */
  stop(): void {
    this.test = undefined;
    this.pending = [];
    this.total = 0;
    this.cursor = 0;
    this.matches = [];
    this.collected = [];
    this.sorting = undefined;
    this.touched.clear();
  }

  /** Walks (and sorts) on until done or `due()` says the slice is over; whether it is done. */
  step(due: () => boolean): boolean {
    const test = this.test;
    if (!test) return true;
    while (this.cursor < this.total) {
      const item = this.pending[this.cursor++] as T;
      if (test(item)) {
        if (this.ownOrder) insertSorted(this.matches, item, this.order);
        else this.collected.push(item);
      }
      if (this.cursor % CLOCK_EVERY === 0 && due()) return false;
    }
    // Walked: the copy goes (a fleet's list is 100,000 references).
    this.pending = [];
    if (this.collected.length) {
      this.sorting = new SlicedSort(this.collected, this.order);
      this.collected = [];
    }
    if (this.sorting) {
      if (!this.sorting.step(due)) return false;
      this.matches = this.sorting.result;
      this.sorting = undefined;
    }
    if (this.touched.size) {
      const touched = [...this.touched];
      this.touched.clear();
      for (const item of touched) this.touch(item);
    }
    return true;
  }

  /**
   * An item came, changed or went: judged now. One the walk has yet to reach is judged again then, and found in
   * place (the matches hold each item once). In another order, while the walk or the sort is under way, it is
   * judged once they are done.
   */
  touch(item: T): void {
    const test = this.test;
    if (!test) return;
    if (!this.ownOrder && (this.cursor < this.total || this.sorting)) {
      this.touched.add(item);
      return;
    }
    if (test(item)) insertSorted(this.matches, item, this.order);
    else removeSorted(this.matches, item, this.order);
  }
}
