// The shape every family of the error table shares. Types only: the families import nothing else of the table's.

/**
 * A problem as data: its code and the values its words need. What crosses a boundary (a worker's message, the local
 * server's JSON, a file) is one of these, never words.
 */
export interface Cause {
  readonly code: string;
  readonly params?: unknown;
}

/** Words for a cause nested in another problem's params (the table's own `words`, handed to each entry). */
export type Say = (cause: Cause) => string;

/** One entry: the words of a code from its params (plain data: strings, numbers, lists, nested causes). */
// `never` accepts every entry's own params type; the table's type keeps each entry's exact one.
export type Words = (params: never, say: Say) => string;
