// A sort of more items than one task should sort (a fleet's 100,000 sockets by id: 35 to 70 ms in one go here), done
// a slice at a time: runs sorted by the engine, then merged pairwise, each merge resumable wherever a slice ends.

/** Items sorted by the engine at once (about a millisecond's work). */
const RUN = 1024;
/** Items merged between two looks at the clock. */
const CLOCK_EVERY = 256;

export class SlicedSort<T> {
  private src: T[];
  private dst: T[];
  /** Phase one: where the next run starts; then the width of the runs being merged. */
  private runFrom = 0;
  private width = RUN;
  /** The merge under way: the pair starting at `pair`, its two cursors and where the next item goes. */
  private pair = 0;
  private left = 0;
  private right = 0;
  private out = 0;
  private merging = false;

  constructor(
    items: T[],
    private readonly order: (a: T, b: T) => number,
  ) {
    this.src = items;
    this.dst = new Array<T>(items.length);
  }

  get done(): boolean {
    return this.runFrom >= this.src.length && this.width >= this.src.length;
  }

  /** The items in order, once `done`. */
  get result(): T[] {
    return this.src;
  }

  /** Sorts on until done or `due()` says the slice is over; whether it is done. */
  step(due: () => boolean): boolean {
    const n = this.src.length;
    while (this.runFrom < n) {
      const end = Math.min(n, this.runFrom + RUN);
      const run = this.src.slice(this.runFrom, end).sort(this.order);
      for (let i = 0; i < run.length; i++) this.src[this.runFrom + i] = run[i] as T;
      this.runFrom = end;
      if (due()) return this.done;
    }
    let since = 0;
    while (this.width < n) {
      if (!this.merging) {
        this.left = this.pair;
        this.right = Math.min(n, this.pair + this.width);
        this.out = this.pair;
        this.merging = true;
      }
      const leftEnd = Math.min(n, this.pair + this.width);
      const rightEnd = Math.min(n, this.pair + 2 * this.width);
      while (this.out < rightEnd) {
        const takeLeft =
          this.right >= rightEnd ||
          (this.left < leftEnd && this.order(this.src[this.left] as T, this.src[this.right] as T) <= 0);
        this.dst[this.out++] = (takeLeft ? this.src[this.left++] : this.src[this.right++]) as T;
        if (++since % CLOCK_EVERY === 0 && due()) return false;
      }
      this.merging = false;
      this.pair += 2 * this.width;
      if (this.pair >= n) {
        [this.src, this.dst] = [this.dst, this.src];
        this.width *= 2;
        this.pair = 0;
      }
    }
    return true;
  }
}
