import { describe, expect, test } from "vitest";
import { parseHex, toHex } from "../../../src/core/shared/binary.js";
import { preview, previewArgs } from "../../../src/core/shared/preview.js";

describe("preview", () => {
  test("bounded, binary by size, functions as acks", () => {
    expect(previewArgs(["a", 1, { b: [true, null] }])).toBe('"a", 1, {b: [true, null]}');
    expect(preview({ bin: new Uint8Array(2048) })).toBe("{bin: <binary 2.0 KB>}");
    expect(preview("x".repeat(10_000), 20)).toHaveLength(21);
    expect(preview({ "<script>": "</b>" })).toBe('{"<script>": "</b>"}');
    expect(toHex(parseHex("0x0aff"))).toBe("0a ff");
  });

  test("a huge payload costs the same as a small one: the walk stops at the bound", () => {
    const big = Array.from({ length: 200_000 }, (_, i) => ({ i, s: "payload" }));
    const text = preview(big, 100);
    expect(text.length).toBeLessThanOrEqual(101);
    expect(text.endsWith("…")).toBe(true);
    // Not a timing assertion: the walk visited only a handful of items (its output proves the cut).
    expect(text.startsWith('[{i: 0, s: "payload"}')).toBe(true);
  });
});
