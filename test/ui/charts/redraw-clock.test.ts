import { expect, test } from "vitest";
import { redrawClock } from "../../../src/ui/charts/redraw-clock.js";

/** A clock and timers under the test's hand. */
function fakeTime() {
  let now = 0;
  const timers = new Map<number, { at: number; run: () => void }>();
  let ids = 0;
  return {
    clock: () => now,
    setTimer: (run: () => void, ms: number) => {
      timers.set(++ids, { at: now + ms, run });
      return ids;
    },
    clearTimer: (id: unknown) => void timers.delete(id as number),
    /** Moves the clock on, running the timers due on the way. */
    advance(ms: number) {
      const end = now + ms;
      for (;;) {
        const next = [...timers.entries()].sort((x, y) => x[1].at - y[1].at)[0];
        if (!next || next[1].at > end) break;
        timers.delete(next[0]);
        now = next[1].at;
        next[1].run();
      }
      now = end;
    },
    spend(ms: number) {
      now += ms;
    },
  };
}

test("a flood of requests (a batch per frame) draws at most once a second", () => {
  const time = fakeTime();
  let draws = 0;
  const clock = redrawClock(() => draws++, { minMs: 1000, ...time });
  // Ten seconds of frames at 60 a second, each asking for a redraw.
  for (let frame = 0; frame < 600; frame++) {
    clock.request();
    time.advance(1000 / 60);
  }
  expect(draws).toBeGreaterThanOrEqual(9);
  expect(draws).toBeLessThanOrEqual(11);
  // Nothing asked: nothing drawn.
  time.advance(5000);
  expect(draws).toBeLessThanOrEqual(11);
});

test("a slow draw spaces the next ones out: drawing takes at most a tenth of the time", () => {
  const time = fakeTime();
  const at: number[] = [];
  const clock = redrawClock(
    () => {
      at.push(time.clock());
      time.spend(400); // a draw of 400 ms (a huge session): the next one 4 s later
    },
    { minMs: 1000, share: 0.1, ...time },
  );
  for (let i = 0; i < 200; i++) {
    clock.request();
    time.advance(50);
  }
  expect(at.length).toBeGreaterThanOrEqual(2);
  for (let i = 1; i < at.length; i++) expect((at[i] as number) - (at[i - 1] as number)).toBeGreaterThanOrEqual(4000);
});

test("now() draws at once (the user changed what is shown); stop() ends every draw", () => {
  const time = fakeTime();
  let draws = 0;
  const clock = redrawClock(() => draws++, { minMs: 1000, ...time });
  clock.request();
  time.advance(0);
  clock.request(); // within the second: waits
  clock.now();
  expect(draws).toBe(2);
  time.advance(2000);
  expect(draws).toBe(2); // the waiting request was answered by now()
  clock.request();
  clock.stop();
  time.advance(2000);
  clock.now();
  expect(draws).toBe(2);
});
