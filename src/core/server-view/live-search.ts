// A search kept up to date as its items change, over more items than one task should walk: a new query walks them
// a slice at a time (`step`), while each item that changes meanwhile is judged at once (`touch`). Its matches stay
// in the items' own order, so that a list shows a slice of them by index.
import { insertSorted, removeSorted } from "./sorted.js";

/** How many items are judged between two looks at the clock. */
const CLOCK_EVERY = 64;

export class LiveSearch<T> {
  private matches: T[] = [];
  private pending: readonly T[] = [];
  private cursor = 0;
  private total = 0;
  private test: ((item: T) => boolean) | undefined;

  constructor(private readonly order: (a: T, b: T) => number) {}

  /** Whether a query is set (without one, the caller lists every item itself). */
  get active(): boolean {
    return this.test !== undefined;
  }

  /** Whether every item has been judged. */
  get done(): boolean {
    return this.cursor >= this.total;
  }

  /** How far the walk is: items judged, of how many. */
  progress(): { judged: number; of: number } {
    return { judged: this.cursor, of: this.total };
  }

  get length(): number {
    return this.matches.length;
  }

  at(index: number): T | undefined {
    return this.matches[index];
  }

  /**
   * A new query: `items` (in order, a copy the caller no longer changes) are judged by `test` as `step` walks them.
   * The test must also say no to an item that has gone.
   */
  start(items: readonly T[], test: (item: T) => boolean): void {
    this.test = test;
    this.pending = items;
    this.total = items.length;
    this.cursor = 0;
    this.matches = [];
  }

  /** No query: nothing is kept. */
  stop(): void {
    this.test = undefined;
    this.pending = [];
    this.total = 0;
    this.cursor = 0;
    this.matches = [];
  }

  /** Walks on until every item is judged or `due()` says the slice is over; whether the walk is done. */
  step(due: () => boolean): boolean {
    const test = this.test;
    if (!test) return true;
    while (this.cursor < this.total) {
      const item = this.pending[this.cursor++] as T;
      if (test(item)) insertSorted(this.matches, item, this.order);
      if (this.cursor % CLOCK_EVERY === 0 && due()) break;
    }
    // Walked: the copy goes (a fleet's list is 100,000 references).
    if (this.done) this.pending = [];
    return this.done;
  }

  /**
   * An item came, changed or went: judged now. One the walk has yet to reach is judged again then, and found in
   * place (the matches hold each item once).
   */
  touch(item: T): void {
    const test = this.test;
    if (!test) return;
    if (test(item)) insertSorted(this.matches, item, this.order);
    else removeSorted(this.matches, item, this.order);
  }
}
