import { expect, test } from "vitest";
import type { ClientRecord } from "../../../src/client/observe/records.js";
import { EMPTY_FILTER, Timeline } from "../../../src/ui/timeline/timeline.js";

let seq = 0;
const tick = (t: number, event = "tick"): ClientRecord =>
  ({
    kind: "packet",
    dir: "in",
    nsp: "/",
    type: "EVENT",
    event,
    args: [],
    attachments: 0,
    seq: ++seq,
    t,
  }) as ClientRecord;
const events = (t: Timeline) =>
  Array.from({ length: t.length }, (_, i) => (t.at(i)?.record as { event: string }).event);

test("a time range shows only the rows in it, both ends included, and new rows outside it stay hidden", () => {
  const t = new Timeline(100);
  t.push([tick(1000, "a"), tick(2000, "b"), tick(2500, "c"), tick(3000, "d"), tick(4000, "e")]);
  t.setFilter({ ...EMPTY_FILTER, range: { from: 2000, to: 3000 } });
  expect(events(t)).toEqual(["b", "c", "d"]);
  t.push([tick(2999, "late but inside"), tick(5000, "f")]);
  expect(events(t)).toEqual(["b", "c", "d", "late but inside"]);
  // Removing the range brings every row back.
  t.setFilter(EMPTY_FILTER);
  expect(events(t)).toEqual(["a", "b", "c", "d", "e", "late but inside", "f"]);
});

test("the range combines with the other filters: a row shows when it passes all of them", () => {
  const t = new Timeline(100);
  t.push([tick(1000, "alpha"), tick(2000, "alpha"), tick(2000, "beta"), tick(3000, "beta")]);
  t.setFilter({ ...EMPTY_FILTER, text: "beta", range: { from: 1500, to: 2500 } });
  expect(events(t)).toEqual(["beta"]);
  expect(t.at(0)?.record.t).toBe(2000);
});
