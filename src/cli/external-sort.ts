// Lines sorted by three numbers, with at most a budget of them held: past it, the lines held are sorted and written to
// a run file, and reading merges the runs. So a file's millions of frames are put in order with a few MB of memory.
import { closeSync, openSync, rmSync } from "node:fs";
import { LineWriter, readLines } from "./line-files.js";

/** A line and the numbers it is sorted by. */
export interface Keyed {
  a: number;
  b: number;
  c: number;
  line: string;
}

const before = (x: Keyed, y: Keyed) => x.a - y.a || x.b - y.b || x.c - y.c;

export class ExternalSort {
  private held: Keyed[] = [];
  private heldChars = 0;
  private readonly runs: string[] = [];

  /**
   * `path`: where the runs go (path.0, path.1, ...). At most `maxItems` lines or `maxChars` characters are held;
   * a line longer than that is held alone.
   */
  constructor(
    private readonly path: string,
    private readonly maxItems = 100_000,
    private readonly maxChars = 4 * 1024 * 1024,
  ) {}

  /** Adds a line (no line break in it) with its numbers (finite or infinite, not NaN). */
  add(a: number, b: number, c: number, line: string): void {
    this.held.push({ a, b, c, line });
    this.heldChars += line.length;
    if (this.held.length >= this.maxItems || this.heldChars >= this.maxChars) this.spill();
  }

  private spill(): void {
    const file = `${this.path}.${this.runs.length}`;
    const writer = new LineWriter(file);
    for (const k of this.held.sort(before)) writer.write(`${k.a}\t${k.b}\t${k.c}\t${k.line}`);
    writer.close();
    this.runs.push(file);
    this.held = [];
    this.heldChars = 0;
  }

  /** Every line added, in order of its numbers (ties: in the order added). Read once. */
  *sorted(): Generator<Keyed> {
    const held = this.held.sort(before);
    this.held = [];
    const fds = this.runs.map((file) => openSync(file, "r"));
    try {
      const sources: Array<Iterator<Keyed>> = [...fds.map((fd) => runReader(fd)), held[Symbol.iterator]()];
      yield* merge(sources);
    } finally {
      for (const fd of fds) closeSync(fd);
    }
  }

  /** Deletes the run files. */
  remove(): void {
    for (const file of this.runs) rmSync(file, { force: true });
  }
}

function* runReader(fd: number): Generator<Keyed> {
  for (const line of readLines(fd)) {
    const t1 = line.indexOf("\t");
    const t2 = line.indexOf("\t", t1 + 1);
    const t3 = line.indexOf("\t", t2 + 1);
    yield {
      a: Number(line.slice(0, t1)),
      b: Number(line.slice(t1 + 1, t2)),
      c: Number(line.slice(t2 + 1, t3)),
      line: line.slice(t3 + 1),
    };
  }
}

/** Merges sorted sources: a heap of their heads, ties to the earlier source (earlier runs hold earlier lines). */
function* merge(sources: Array<Iterator<Keyed>>): Generator<Keyed> {
  const heap: Array<{ head: Keyed; source: number }> = [];
  const less = (i: number, j: number) => {
    const x = heap[i] as { head: Keyed; source: number };
    const y = heap[j] as { head: Keyed; source: number };
    return (before(x.head, y.head) || x.source - y.source) < 0;
  };
  const swap = (i: number, j: number) => {
    const t = heap[i] as { head: Keyed; source: number };
    heap[i] = heap[j] as { head: Keyed; source: number };
    heap[j] = t;
  };
  const down = (start: number) => {
    let i = start;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && less(l, m)) m = l;
      if (r < heap.length && less(r, m)) m = r;
      if (m === i) return;
      swap(i, m);
      i = m;
    }
  };
  for (const [source, it] of sources.entries()) {
    const first = it.next();
    if (!first.done) heap.push({ head: first.value, source });
  }
  for (let i = Math.floor(heap.length / 2) - 1; i >= 0; i--) down(i);
  while (heap.length) {
    const top = heap[0] as { head: Keyed; source: number };
    yield top.head;
    const next = (sources[top.source] as Iterator<Keyed>).next();
    if (next.done) {
      const last = heap.pop() as { head: Keyed; source: number };
      if (heap.length) {
        heap[0] = last;
        down(0);
      }
    } else {
      top.head = next.value;
      down(0);
    }
  }
}
