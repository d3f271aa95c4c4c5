/**
 * Samples over time (a ping's round trip, the gap between pings) kept within `maxPoints`: each point is the minimum,
 * maximum and mean of the samples it stands for. When the points fill up, neighbours merge in pairs and each new point
 * takes twice as many samples as before, so a session of any length costs the same and a chart still shows the
 * spread (min to max) of every stretch.
 */
export interface SeriesPoint {
  /** The time of its first and last sample. */
  from: number;
  to: number;
  min: number;
  max: number;
  mean: number;
  count: number;
}

interface Point {
  from: number;
  to: number;
  min: number;
  max: number;
  sum: number;
  count: number;
}

export class PointSeries {
  private points: Point[] = [];
  /** How many samples one point takes before a new one starts. */
  private perPoint = 1;
  count = 0;

  constructor(readonly maxPoints = 1000) {}

  add(t: number, value: number): void {
    if (!Number.isFinite(value) || !Number.isFinite(t)) return;
    this.count++;
    const last = this.points[this.points.length - 1];
    if (last && last.count < this.perPoint) {
      last.to = Math.max(last.to, t);
      last.min = Math.min(last.min, value);
      last.max = Math.max(last.max, value);
      last.sum += value;
      last.count++;
      return;
    }
    if (this.points.length >= this.maxPoints) this.halve();
    this.points.push({ from: t, to: t, min: value, max: value, sum: value, count: 1 });
  }

  private halve(): void {
    const merged: Point[] = [];
    for (let i = 0; i < this.points.length; i += 2) {
      const a = this.points[i] as Point;
      const b = this.points[i + 1];
      merged.push(
        b
          ? {
              from: a.from,
              to: b.to,
              min: Math.min(a.min, b.min),
              max: Math.max(a.max, b.max),
              sum: a.sum + b.sum,
              count: a.count + b.count,
            }
          : a,
      );
    }
    this.points = merged;
    this.perPoint *= 2;
  }

  list(): SeriesPoint[] {
    return this.points.map((p) => ({
      from: p.from,
      to: p.to,
      min: p.min,
      max: p.max,
      mean: p.sum / p.count,
      count: p.count,
    }));
  }
}
