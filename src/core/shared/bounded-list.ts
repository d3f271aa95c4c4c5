/**
 * A list kept within a count and a byte budget: past either, the oldest items go (a tenth of the slack at a time,
 * so that a flood does not move the whole list on every push), and the count of those let go is kept to be told.
 * The newest item always stays, however large. Each item's size is measured once, on the way in, and kept beside it.
 */
export class BoundedList<T> {
  items: T[] = [];
  /** The size of each item, in the same order. */
  private sizes: number[] = [];
  /** What the kept items cost, in bytes. */
  bytes = 0;
  /** How many of the oldest items were let go. */
  dropped = 0;

  /** The bounds may change; the next push keeps to the new ones. */
  constructor(
    public maxCount: number,
    public maxBytes: number,
    private readonly sizeOf: (item: T) => number,
  ) {}

  push(item: T): void {
    const size = this.sizeOf(item);
    this.items.push(item);
    this.sizes.push(size);
    this.bytes += size;
    if (this.items.length > this.maxCount * 1.1 || this.bytes > this.maxBytes) this.trim();
  }

  /** Lets the oldest go: down to the count, and to nine tenths of the byte budget. */
  private trim(): void {
    let drop = Math.max(0, this.items.length - this.maxCount);
    let bytes = this.bytes;
    for (let i = 0; i < drop; i++) bytes -= this.sizes[i] as number;
    while (bytes > this.maxBytes * 0.9 && drop < this.items.length - 1) bytes -= this.sizes[drop++] as number;
    this.items.splice(0, drop);
    this.sizes.splice(0, drop);
    this.bytes = bytes;
    this.dropped += drop;
  }

  /** Takes every item out (the list is empty after; `dropped` stays). */
  takeAll(): T[] {
    const all = this.items;
    this.items = [];
    this.sizes = [];
    this.bytes = 0;
    return all;
  }

  /** Takes the `count` oldest items out. */
  take(count: number): T[] {
    if (count >= this.items.length) return this.takeAll();
    const out = this.items.splice(0, count);
    for (const size of this.sizes.splice(0, count)) this.bytes -= size;
    return out;
  }
}
