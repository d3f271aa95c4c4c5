/**
 * The Web Storage API over a Map, for the page's stores run in Node (which has no localStorage before version 22):
 * what the presets and the history keep goes here, and a test can read it back or make it refuse a write.
 */
export class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  /** When set, every write throws as a full storage does (a DOMException named QuotaExceededError). */
  full = false;

  get length(): number {
    return this.items.size;
  }
  clear(): void {
    this.items.clear();
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
  setItem(key: string, value: string): void {
    if (this.full) throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    this.items.set(key, String(value));
  }
}

/** Puts a fresh MemoryStorage in place of the global localStorage; returns it. */
export function freshLocalStorage(): MemoryStorage {
  const storage = new MemoryStorage();
  Object.defineProperty(globalThis, "localStorage", { value: storage, configurable: true, writable: true });
  return storage;
}
