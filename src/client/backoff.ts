/**
 * Exponential backoff with jitter, as the official client computes it:
 * `min * 2^attempt`, moved by up to `jitter * delay` in a direction taken from the same random draw,
 * then capped at `max`.
 */
export class Backoff {
  /** Attempts made since the last reset. */
  attempts = 0;

  constructor(
    public min = 1000,
    public max = 5000,
    public jitter = 0.5,
    private readonly random: () => number = Math.random,
  ) {}

  /** The delay before the next attempt, in ms; counts one attempt. */
  duration(): number {
    let ms = this.min * Math.pow(2, this.attempts++);
    if (this.jitter) {
      const rand = this.random();
      const deviation = Math.floor(rand * this.jitter * ms);
      // An even tenth-digit of the draw subtracts, an odd one adds: one draw for both size and sign.
      ms = (Math.floor(rand * 10) & 1) === 0 ? ms - deviation : ms + deviation;
    }
    return Math.min(ms, this.max) | 0;
  }

  reset(): void {
    this.attempts = 0;
  }
}
