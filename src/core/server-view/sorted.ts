// Lists kept sorted by an order of their own: found by bisection, changed by one splice.

/** Where `item` is in `list` (sorted by `order`), or where it would go. */
export function placeOf<T>(list: readonly T[], item: T, order: (a: T, b: T) => number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (order(list[mid] as T, item) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Puts `item` into the sorted `list` unless it is there; whether it was put. */
export function insertSorted<T>(list: T[], item: T, order: (a: T, b: T) => number): boolean {
  const at = placeOf(list, item, order);
  if (at < list.length && list[at] === item) return false;
  list.splice(at, 0, item);
  return true;
}

/** Takes `item` out of the sorted `list`; whether it was there. */
export function removeSorted<T>(list: T[], item: T, order: (a: T, b: T) => number): boolean {
  const at = placeOf(list, item, order);
  if (at >= list.length || list[at] !== item) return false;
  list.splice(at, 1);
  return true;
}
