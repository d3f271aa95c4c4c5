import { describe, expect, test } from "vitest";
import type { ClientRecord } from "../src/client/observe/records.js";
import { parseHex, toHex } from "../src/core/shared/binary.js";
import { EventNameSuggestions } from "../src/core/composer/event-names.js";
import { findJsonProblem } from "../src/core/composer/json-error.js";
import { preview, previewArgs } from "../src/core/shared/preview.js";
import { EMPTY_FILTER, Timeline } from "../src/ui/timeline/timeline.js";
import { parseArgs } from "../src/core/composer/typed-args.js";

describe("composer arguments", () => {
  test("each type parses to the value sent", () => {
    const r = parseArgs([
      { type: "json", value: '{"a":[1,2]}' },
      { type: "text", value: "hi" },
      { type: "number", value: "4.5" },
      { type: "boolean", value: "false" },
      { type: "null", value: "" },
      { type: "binary", value: "de ad:BE-ef" },
    ]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.values.slice(0, 5)).toEqual([{ a: [1, 2] }, "hi", 4.5, false, null]);
    expect([...new Uint8Array(r.values[5] as ArrayBuffer)]).toEqual([0xde, 0xad, 0xbe, 0xef]);
  });

  test("invalid JSON names the argument, the line and column, and the reason", () => {
    expect(
      parseArgs([
        { type: "text", value: "ok" },
        { type: "json", value: '{"a": }' },
      ]),
    ).toEqual({
      ok: false,
      index: 1,
      error: 'Argument 2: invalid JSON at line 1, column 7: unexpected "}"',
    });
    expect(parseArgs([{ type: "json", value: "[1,\n  2,\n  {x: 1}]" }])).toMatchObject({
      error: 'Argument 1: invalid JSON at line 3, column 4: expected a property name in double quotes, unexpected "x"',
    });
    expect(parseArgs([{ type: "json", value: "" }])).toMatchObject({
      error: "Argument 1: invalid JSON at line 1, column 1: unexpected end of input",
    });
    expect(parseArgs([{ type: "json", value: "[1] 2" }])).toMatchObject({
      error: 'Argument 1: invalid JSON at line 1, column 5: unexpected "2" after the value',
    });
  });

  test("other bad values say what is wrong", () => {
    expect(parseArgs([{ type: "number", value: "12px" }])).toMatchObject({
      error: 'Argument 1: not a finite number: "12px"',
    });
    expect(parseArgs([{ type: "boolean", value: "yes" }])).toMatchObject({
      error: 'Argument 1: a boolean is true or false, not "yes"',
    });
    expect(parseArgs([{ type: "binary", value: "abc" }])).toMatchObject({
      error: "Argument 1: odd number of hex digits (3): each byte takes two",
    });
    expect(parseArgs([{ type: "binary", value: "zz" }])).toMatchObject({
      error: 'Argument 1: not hex: "z" at digit 1',
    });
  });

  test("the JSON scanner agrees with JSON.parse on what is valid", () => {
    for (const ok of ['{"a":1}', "[]", '"x\\u00e9"', "-0.5e3", " null ", '{"a":{"b":[true,false]}}']) {
      expect(findJsonProblem(ok)).toBeUndefined();
      expect(() => JSON.parse(ok)).not.toThrow();
    }
    for (const bad of ["{a:1}", "[1,]", "01", '"\\x"', "tru", '{"a" 1}', "[", '"abc']) {
      expect(findJsonProblem(bad)).toBeDefined();
      expect(() => JSON.parse(bad)).toThrow();
    }
  });
});

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

describe("Timeline", () => {
  let seq = 0;
  const event = (nsp: string, ev: string, extra: object = {}): ClientRecord =>
    ({
      kind: "packet",
      dir: "in",
      nsp,
      type: "EVENT",
      event: ev,
      args: [ev],
      attachments: 0,
      seq: ++seq,
      t: seq,
      ...extra,
    }) as ClientRecord;

  test("keeps at most `capacity` rows, newest last", () => {
    const t = new Timeline(3);
    t.push([event("/", "a"), event("/", "b"), event("/", "c"), event("/", "d")]);
    expect(t.size).toBe(3);
    expect([0, 1, 2].map((i) => (t.at(i)?.record as { event: string }).event)).toEqual(["b", "c", "d"]);
  });

  test("filters by namespace, category, direction and text; the filter applies to new rows too", () => {
    const t = new Timeline(100);
    t.push([event("/", "chat"), event("/admin", "stats"), { kind: "ping", seq: ++seq, t: seq } as ClientRecord]);
    t.setFilter({ ...EMPTY_FILTER, namespaces: ["/admin"] });
    expect(t.length).toBe(2); // the ping belongs to no namespace and stays
    t.setFilter({ ...EMPTY_FILTER, text: "CHAT" });
    expect(t.length).toBe(1);
    t.push([event("/", "chat again")]);
    expect(t.length).toBe(2);
    t.setFilter({ ...EMPTY_FILTER, categories: ["engine"] });
    expect(t.at(0)?.record.kind).toBe("ping");
    t.setFilter({ ...EMPTY_FILTER, directions: ["out"] });
    expect(t.length).toBe(0);
  });

  test("eviction keeps the filtered list consistent", () => {
    const t = new Timeline(10);
    t.setFilter({ ...EMPTY_FILTER, text: "keep" });
    const pushed: ClientRecord[] = [];
    for (let i = 0; i < 50; i++) {
      const r = event("/", i % 2 ? "keep" : "drop");
      pushed.push(r);
      t.push([r]);
    }
    const expected = pushed.slice(-10).filter((r) => (r as { event: string }).event === "keep");
    expect(t.length).toBe(5);
    expect([0, 1, 2, 3, 4].map((i) => t.at(i)?.record)).toEqual(expected);
    expect(t.at(5)).toBeUndefined();
  });

  test("an ack is found from its emit", () => {
    const t = new Timeline(10);
    const emit = {
      kind: "packet",
      dir: "out",
      nsp: "/",
      type: "EVENT",
      event: "e",
      args: [],
      ackId: 0,
      attachments: 0,
      seq: 1000,
      t: 0,
      pair: 1000,
    } as ClientRecord;
    const ack = {
      kind: "packet",
      dir: "in",
      nsp: "/",
      type: "ACK",
      args: ["ok"],
      ackId: 0,
      attachments: 0,
      seq: 1001,
      t: 5,
      pair: 1000,
      latency: 5,
    } as ClientRecord;
    t.push([emit, ack]);
    expect(t.replyTo(t.at(0)!)?.record).toBe(ack);
    expect(t.replyTo(t.at(1)!)).toBeUndefined();
  });
});

describe("event name suggestions", () => {
  test("bounded in count (most recent kept) and in name length; a name seen again is kept longer; clear empties", () => {
    const s = new EventNameSuggestions();
    expect(s.add("x".repeat(101))).toBe(false);
    for (let i = 0; i < 50_000; i++) s.add(`name-${i}`);
    expect(s.size).toBe(EventNameSuggestions.MAX_NAMES);
    expect(s.list()).toContain("name-49999");
    expect(s.list()).not.toContain("name-49499");
    // Seen again: not evicted by the next new names.
    expect(s.add("name-49500")).toBe(false);
    s.add("new-1");
    expect(s.list()).toContain("name-49500");
    expect(s.list()).not.toContain("name-49501");
    expect(s.list()).toEqual([...s.list()].sort());
    s.clear();
    expect(s.list()).toEqual([]);
  });
});

describe("JSON arguments", () => {
  test("a value nested deeper than the encoder can take is refused by name, not thrown later", () => {
    const deep = "[".repeat(5000) + "]".repeat(5000);
    expect(parseArgs([{ type: "json", value: deep }])).toEqual({
      ok: false,
      index: 0,
      error: "Argument 1: nested more than 1000 levels deep, which the encoder cannot take",
    });
    expect(parseArgs([{ type: "json", value: "[".repeat(1000) + "]".repeat(1000) }]).ok).toBe(true);
  });
});
