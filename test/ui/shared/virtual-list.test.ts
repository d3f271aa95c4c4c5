import { describe, expect, test } from "vitest";
import { ref } from "vue";
import { useVirtualRows, visibleSlice } from "../../../src/ui/shared/virtual-list.js";

describe("a virtual list's slice", () => {
  test("the rows in view and a few either side, whatever the list holds", () => {
    expect(visibleSlice(0, 360, 44, 100_000, 6)).toEqual({ first: 0, last: 15 });
    expect(visibleSlice(44 * 50_000, 360, 44, 100_000, 6)).toEqual({ first: 49_994, last: 50_015 });
    expect(visibleSlice(44 * 99_990, 360, 44, 100_000, 6)).toEqual({ first: 99_984, last: 100_000 });
  });

  test("a list shorter than where it was scrolled to draws its end, and an empty one draws nothing", () => {
    expect(visibleSlice(44 * 1000, 360, 44, 10, 6)).toEqual({ first: 0, last: 10 });
    expect(visibleSlice(44 * 1000, 360, 44, 100, 6)).toEqual({ first: 85, last: 100 });
    expect(visibleSlice(0, 0, 44, 0, 6)).toEqual({ first: 0, last: 0 });
  });

  test("the viewport is as tall as its rows up to its bound, and follows the count", () => {
    const count = ref(3);
    const rows = useVirtualRows(count, 44, 360);
    expect([rows.height.value, rows.total.value, rows.indices.value]).toEqual([132, 132, [0, 1, 2]]);
    count.value = 1_000_000;
    expect([rows.height.value, rows.total.value, rows.indices.value.length]).toEqual([360, 44_000_000, 15]);
  });
});
