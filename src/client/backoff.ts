/**
 * Exponential backoff with jitter, as the official client computes it:
 * `min * 2^attempt`, moved by up to `jitter * delay` in a direction taken from the same random draw,
 * then capped at `max`. The settings are passed at each call, so that changing them on the Manager
 * takes effect at the next attempt.
 */
export class Backoff {
  /** Attempts made since the last reset. */
  attempts = 0;

  constructor(private readonly random: () => number = Math.random) {}

  /** The delay before the next attempt, in ms; counts one attempt. */
  duration(min: number, max: number, jitter: number): number {
    let ms = min * 2 ** this.attempts++;
    if (jitter) {
      const rand = this.random();
      const deviation = Math.floor(rand * jitter * ms);
      // An even tenth-digit of the draw subtracts, an odd one adds: one draw for both size and sign.
      ms = Math.floor(rand * 10) & 1 ? ms + deviation : ms - deviation;
    }
    return Math.min(ms, max) | 0;
  }
}
