// Record numbers, apart from the observer: what only numbers records needs nothing else of it.

/** Numbers for records. Shared by the observers of several Managers, it gives their records one order. */
export interface Sequence {
  next(): number;
}

/** A sequence from 1 (or after `last`). */
export function sequence(last = 0): Sequence {
  return { next: () => ++last };
}
