import { describe, expect, test } from "vitest";
import type { ClientRecord } from "../../../src/client/observe/records.js";
import { segments, textMatcher } from "../../../src/ui/timeline/search.js";
import { EMPTY_FILTER, Timeline } from "../../../src/ui/timeline/timeline.js";
import { withCode } from "../../helpers/codes.js";

let seq = 0;
const event = (ev: string, args: unknown[]): ClientRecord =>
  ({
    kind: "packet",
    dir: "in",
    nsp: "/",
    type: "EVENT",
    event: ev,
    args,
    attachments: 0,
    seq: ++seq,
    t: seq,
  }) as ClientRecord;

describe("text search", () => {
  test("plain text is matched literally, case-insensitive unless asked", () => {
    const m = textMatcher({ text: "a.b", caseSensitive: false, regex: false });
    expect(m.ok && m.re?.test("xA.By")).toBe(true);
    expect(m.ok && m.re?.test("axb")).toBe(false);
    const cs = textMatcher({ text: "Abc", caseSensitive: true, regex: false });
    expect(cs.ok && cs.re?.test("abc")).toBe(false);
  });

  test("a regular expression is used as one; an invalid one says why", () => {
    const m = textMatcher({ text: "user-\\d+$", caseSensitive: false, regex: true });
    expect(m.ok && m.re?.test("hello user-42")).toBe(true);
    const bad = textMatcher({ text: "(unclosed", caseSensitive: false, regex: true });
    expect(bad.ok).toBe(false);
    // The engine's own reason, without its lead.
    expect(!bad.ok && bad.problem).toEqual(
      withCode("search-regex-invalid", { detail: expect.stringMatching(/unclosed|Unterminated group/) }),
    );
    expect(!bad.ok && (bad.problem.params as { detail: string }).detail).not.toMatch(/^Invalid regular expression/);
  });

  test("an invalid expression filters nothing out", () => {
    const t = new Timeline(10);
    t.push([event("a", []), event("b", [])]);
    t.setFilter({ ...EMPTY_FILTER, text: "[", regex: true });
    expect(t.length).toBe(2);
  });

  test("a word at the end of a long payload is found, though the row shows a cut preview", () => {
    const t = new Timeline(10);
    const long = `${"x".repeat(2048)} needle`;
    t.push([event("big", [{ body: long }]), event("small", ["hay"])]);
    t.setFilter({ ...EMPTY_FILTER, text: "needle" });
    expect(t.length).toBe(1);
    expect((t.at(0)?.record as { event: string }).event).toBe("big");
    t.setFilter({ ...EMPTY_FILTER, text: "NEEDLE", caseSensitive: true });
    expect(t.length).toBe(0);
  });

  test("case-sensitive and regular-expression queries are confirmed on the row's own text", () => {
    const t = new Timeline(10);
    t.push([event("UserJoined", ["Alice"]), event("userjoined", ["bob"])]);
    t.setFilter({ ...EMPTY_FILTER, text: "UserJoined", caseSensitive: true });
    expect(t.length).toBe(1);
    expect((t.at(0)?.record as { event: string }).event).toBe("UserJoined");
    t.setFilter({ ...EMPTY_FILTER, text: "[A-Z]lice", regex: true, caseSensitive: true });
    expect(t.length).toBe(1);
    t.setFilter({ ...EMPTY_FILTER, text: "[A-Z]ob", regex: true, caseSensitive: true });
    expect(t.length).toBe(0);
    t.setFilter({ ...EMPTY_FILTER, text: "[A-Z]ob", regex: true });
    expect(t.length).toBe(1);
  });

  test("segments mark every match and loop on no empty match", () => {
    const m = textMatcher({ text: "o", caseSensitive: false, regex: false });
    expect(segments("foo bar", m.ok ? m.re : undefined)).toEqual([
      { text: "f", mark: false },
      { text: "o", mark: true },
      { text: "o", mark: true },
      { text: " bar", mark: false },
    ]);
    const empty = textMatcher({ text: "z*", caseSensitive: false, regex: true });
    expect(segments("abc", empty.ok ? empty.re : undefined)).toEqual([{ text: "abc", mark: false }]);
  });
});
