/**
 * The event names the composer suggests: names seen in the timeline, most recent kept. A server decides what
 * it sends, so the list is bounded in count and in name length, and costs O(1) per name seen; the sorted list
 * is made only when a new name came in.
 */
export class EventNameSuggestions {
  static readonly MAX_NAMES = 500;
  /** Longer names are not suggested: a suggestion is something to type, not a payload. */
  static readonly MAX_LENGTH = 100;
  /** Names in the order they were last seen (a Map keeps insertion order), oldest first. */
  private readonly names = new Map<string, true>();
  private sorted: string[] = [];
  private stale = false;

  /** Notes a name; returns whether the list of suggestions changed. */
  add(name: string): boolean {
    if (!name || name.length > EventNameSuggestions.MAX_LENGTH) return false;
    if (this.names.has(name)) {
      // Seen again: it becomes the most recent, so the oldest is evicted first. The sorted list is unchanged.
      this.names.delete(name);
      this.names.set(name, true);
      return false;
    }
    this.names.set(name, true);
    if (this.names.size > EventNameSuggestions.MAX_NAMES) this.names.delete(this.names.keys().next().value as string);
    this.stale = true;
    return true;
  }

  /** The suggestions, sorted. */
  list(): string[] {
    if (this.stale) {
      this.sorted = [...this.names.keys()].sort();
      this.stale = false;
    }
    return this.sorted;
  }

  clear(): void {
    this.names.clear();
    this.sorted = [];
    this.stale = false;
  }

  get size(): number {
    return this.names.size;
  }
}
