import { SessionFigures, type FigureLimits } from "../../core/charts/session-figures.js";
import type { TimelineRecord } from "../../core/feed/records.js";
import { sliceClock } from "../../core/shared/slices.js";

/** Records read between two looks at the clock: a look costs more than a record. */
const CHUNK = 2000;

/**
 * The figures of what the timeline holds, made from the records it already has: built from its rows once (in slices:
 * a million records take about a second, and the page must keep drawing meanwhile), then given the live feed's
 * batches as they come. It keeps no records: the batches that come while it builds are held by reference until the
 * build ends, then added in order, so that an ack is never read before its emit.
 */
export class FiguresFeed {
  /** The figures as last built and fed: complete, never half built (a build swaps them in when done). */
  figures: SessionFigures;
  /** Each build's number: a newer build, or a reset, stops an older one at its next slice. */
  private builds = 0;
  /** Batches that came during a build; undefined when none is under way. */
  private waiting: Array<readonly TimelineRecord[]> | undefined;

  constructor(private readonly limits: Partial<FigureLimits> = {}) {
    this.figures = new SessionFigures(limits);
  }

  /** Whether a build is under way. */
  get building(): boolean {
    return this.waiting !== undefined;
  }

  /**
   * Starts again from `records` (the timeline's, oldest first). Resolves true once the new figures are in, false
   * when a later build or a reset took over first.
   */
  async rebuild(records: readonly TimelineRecord[], onProgress?: (share: number) => void): Promise<boolean> {
    const build = ++this.builds;
    const figures = new SessionFigures(this.limits);
    this.waiting = [];
    const clock = sliceClock();
    for (let at = 0; at < records.length; at += CHUNK) {
      const end = Math.min(records.length, at + CHUNK);
      for (let i = at; i < end; i++) figures.add(records[i] as TimelineRecord);
      if (clock.due()) {
        onProgress?.(end / records.length);
        await clock.next();
        if (build !== this.builds) return false;
      }
    }
    for (const batch of this.waiting) figures.addAll(batch);
    this.waiting = undefined;
    this.figures = figures;
    return true;
  }

  /** A batch of live records: into the figures, or held until the build under way ends. */
  add(batch: readonly TimelineRecord[]): void {
    if (batch.length === 0) return;
    if (this.waiting) this.waiting.push(batch);
    else this.figures.addAll(batch);
  }

  /** Empty figures (the timeline was cleared); a build under way stops. */
  reset(): void {
    this.builds++;
    this.waiting = undefined;
    this.figures = new SessionFigures(this.limits);
  }
}
