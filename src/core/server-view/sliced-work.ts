// Work done in the order it came, a long job a slice at a time: the server's `all_sockets` of a big server is read
// over several tasks, and what the server said after it waits its turn (an event about a socket the list has not
// reached yet would otherwise be lost, or undone by the list's older word). Nothing waiting, a job runs at once.
import { SLICE_MS } from "../shared/slices.js";

/** A job: does what it can until `due()` says the slice is over; true once it is finished. */
export type Job = (due: () => boolean) => boolean;

/**
 * Jobs waiting past this are done at once, however long that takes: a server that sends faster than the page reads
 * fills the page's memory otherwise.
 */
export const MAX_WAITING = 100_000;

export class SlicedWork {
  private jobs: Array<Job | undefined> = [];
  private head = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private draining = false;

  constructor(private readonly sliceMs = SLICE_MS) {}

  /** Whether a job waits or is under way. */
  get busy(): boolean {
    return this.head < this.jobs.length;
  }

  run(job: Job): void {
    this.jobs.push(job);
    if (this.draining) return;
    if (this.jobs.length - this.head > MAX_WAITING) this.drain(Number.POSITIVE_INFINITY);
    else if (!this.timer) this.drain(this.sliceMs);
  }

  /** Drops every job (the view is closed). */
  clear(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.jobs = [];
    this.head = 0;
  }

  private drain(sliceMs: number): void {
    const start = performance.now();
    const due = () => performance.now() - start > sliceMs;
    this.draining = true;
    try {
      while (this.head < this.jobs.length) {
        const job = this.jobs[this.head] as Job;
        let finished = true;
        try {
          finished = job(due);
        } finally {
          // A job that threw is dropped (its error goes on up): the next ones still run.
          if (finished) this.jobs[this.head++] = undefined;
        }
        if (!finished || due()) break;
      }
    } finally {
      this.draining = false;
      this.compact();
      if (this.busy)
        this.timer ??= setTimeout(() => {
          this.timer = undefined;
          this.drain(this.sliceMs);
        }, 0);
    }
  }

  /** Lets go of the jobs done. */
  private compact(): void {
    if (this.head >= this.jobs.length) {
      this.jobs = [];
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.jobs.length) {
      this.jobs = this.jobs.slice(this.head);
      this.head = 0;
    }
  }
}
