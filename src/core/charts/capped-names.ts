/**
 * Names (event names, namespaces, clients) turned into small numbers, up to a cap: past it, every new name shares the
 * id of "others". A session may carry an id in its event names (`order:91823`), so that a million records can hold a
 * million names; the figures keep the first `cap` names apart and count the rest together, never a map without end.
 */
export class CappedNames {
  /** The id every name past the cap shares. */
  static readonly OTHERS = 0;
  /** `names[id]`: the name of each id (index 0 is the others' label). */
  private readonly names: string[];
  private readonly ids = new Map<string, number>();
  /** How many times a name past the cap was asked for (each is counted under others). */
  overflowed = 0;

  constructor(
    readonly cap: number,
    othersLabel = "(others)",
  ) {
    this.names = [othersLabel];
  }

  /** The id of a name: its own while there is room, else {@link CappedNames.OTHERS}. */
  idOf(name: string): number {
    const id = this.ids.get(name);
    if (id !== undefined) return id;
    if (this.ids.size >= this.cap) {
      this.overflowed++;
      return CappedNames.OTHERS;
    }
    const added = this.names.length;
    this.names.push(name);
    this.ids.set(name, added);
    return added;
  }

  /** The id of a name already met, without adding it (undefined when it has none of its own). */
  find(name: string): number | undefined {
    return this.ids.get(name);
  }

  nameOf(id: number): string {
    return this.names[id] ?? (this.names[0] as string);
  }

  /** How many names have an id of their own. */
  get size(): number {
    return this.ids.size;
  }

  /** The largest id there can be (for packing ids into one number). */
  get maxId(): number {
    return this.cap;
  }
}
