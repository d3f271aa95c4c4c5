import { isBinary } from "../../core/shared/binary.js";
import { dateText } from "../../core/shared/dates.js";

/** How much of a long string a tree leaf shows. */
export const LEAF_CHARS = 10_000;

/** A leaf of a JSON tree as text: what the tree shows, and what a search marks in it. */
export function leafText(v: unknown): string {
  if (typeof v === "string")
    return (
      JSON.stringify(v.length > LEAF_CHARS ? v.slice(0, LEAF_CHARS) : v) +
      (v.length > LEAF_CHARS ? ` … (${v.length} characters)` : "")
    );
  if (typeof v === "function") return "ƒ";
  if (v instanceof Date) return `Date ${dateText(v)}`;
  return String(v);
}

/** How many nodes a search walks in one value: a huge payload is searched that far, no further. */
const MAX_NODES = 100_000;

/**
 * The objects and lists of a value that hold a match of `re` somewhere below them (in a key or a leaf): the tree
 * opens these, so that the detail of a row found by a search shows where it matched.
 */
export function containersWithMatch(root: unknown, re: RegExp | undefined): WeakSet<object> {
  const holders = new WeakSet<object>();
  if (!re || root === null || typeof root !== "object") return holders;
  // Each entry: a value, and the containers above it.
  const stack: Array<[unknown, object[]]> = [[root, []]];
  let visited = 0;
  const test = (text: string) => {
    re.lastIndex = 0;
    return re.test(text);
  };
  while (stack.length && visited++ < MAX_NODES) {
    const [v, above] = stack.pop() as [unknown, object[]];
    if (v !== null && typeof v === "object" && !isBinary(v) && !(v instanceof Date)) {
      const path = [...above, v];
      for (const key of Object.keys(v)) {
        if (!Array.isArray(v) && test(key)) for (const c of path) holders.add(c);
        stack.push([(v as Record<string, unknown>)[key], path]);
      }
    } else if (!isBinary(v) && test(leafText(v))) for (const c of above) holders.add(c);
  }
  return holders;
}
