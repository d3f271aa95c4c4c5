import { expect, test } from "vitest";
import { compareSessions } from "../../../src/core/charts/compare.js";
import { compareToMarkdown, markdownCell, markdownCode } from "../../../src/core/charts/compare-markdown.js";
import { SessionDigest } from "../../../src/core/charts/session-digest.js";
import type { TimelineRecord } from "../../../src/core/feed/records.js";
import { recorder } from "./make-records.js";

const T0 = Date.UTC(2026, 10, 25, 10, 0, 0);

function digest(name: string, records: TimelineRecord[], sequence = {}): SessionDigest {
  const d = new SessionDigest(name, { sequence });
  d.addAll(records);
  return d;
}

/** One client's session: a login with its reply, then the events given, each received. */
function session(name: string, reply: unknown, events: string[]): SessionDigest {
  const r = recorder("alice");
  const login = r.emit(T0, "login", [{ user: { name: "ann" } }], { ackId: 1 });
  return digest(name, [
    login,
    r.ack(T0 + 5, login, 5, [reply]),
    ...events.map((e, i) => r.receive(T0 + 10 + i, e, [i])),
  ]);
}

test("a changed reply names the event and the path of the change", () => {
  const a = session("a.ndjson", { ok: true, user: { name: "ann", role: "admin" } }, ["tick"]);
  const b = session("b.ndjson", { ok: true, user: { name: "anne", role: "admin" } }, ["tick"]);
  const c = compareSessions(a, b);
  expect(c.alignment).toMatchObject({
    aligned: true,
    matched: 2,
    totals: { missing: 0, extra: 0, reordered: 0, changed: 1 },
  });
  expect(c.alignment.changed).toEqual([
    {
      a: { index: 1, client: "alice", dir: "out", nsp: "/", event: "login", t: T0 },
      b: { index: 1, client: "alice", dir: "out", nsp: "/", event: "login", t: T0 },
      changes: [{ path: "reply[0].user.name", a: '"ann"', b: '"anne"' }],
      more: false,
    },
  ]);
  expect(compareToMarkdown(c)).toContain("- out `/` `login`: `a #1` (`alice`, ");
  expect(compareToMarkdown(c)).toContain('  - `reply[0].user.name`: `"ann"` → `"anne"`');
});

test("a missing event and an extra one are named with their place in each session", () => {
  const a = session("a", { ok: true }, ["tick", "news", "tick"]);
  const b = session("b", { ok: true }, ["tick", "tick", "alert"]);
  const c = compareSessions(a, b);
  expect(c.alignment.missing.map((e) => [e.event, e.index])).toEqual([["news", 3]]);
  expect(c.alignment.extra.map((e) => [e.event, e.index])).toEqual([["alert", 4]]);
  expect(c.alignment.totals).toMatchObject({ missing: 1, extra: 1, reordered: 0 });
  const md = compareToMarkdown(c);
  expect(md).toContain("### Missing from b (in a only)\n\n- in `/` `news`: `a #3`");
  expect(md).toContain("### Extra in b (not in a)\n\n- in `/` `alert`: `b #4`");
});

test("events in another order are reported as reordered, not as missing and extra", () => {
  const a = session("a", { ok: true }, ["joined", "history", "tick"]);
  const b = session("b", { ok: true }, ["history", "joined", "tick"]);
  const c = compareSessions(a, b);
  expect(c.alignment.totals).toMatchObject({ missing: 0, extra: 0, reordered: 1 });
  const [moved] = c.alignment.reordered;
  expect([moved?.a.event, moved?.a.index, moved?.b.index]).toEqual(["joined", 2, 3]);
});

test("event counts per name, the differing ones first", () => {
  const a = session("a", { ok: true }, ["tick", "tick", "news"]);
  const b = session("b", { ok: true }, ["tick", "news"]);
  expect(compareSessions(a, b).counts).toEqual([
    { event: "tick", a: { in: 2, out: 0 }, b: { in: 1, out: 0 } },
    { event: "login", a: { in: 0, out: 1 }, b: { in: 0, out: 1 } },
    { event: "news", a: { in: 1, out: 0 }, b: { in: 1, out: 0 } },
  ]);
});

test("payload differences of matched events: changed, added and removed keys, list lengths", () => {
  const r1 = recorder();
  const r2 = recorder();
  const a = digest("a", [r1.receive(T0, "state", [{ n: 1, gone: "x", list: [1, 2] }])]);
  const b = digest("b", [r2.receive(T0, "state", [{ n: 2, list: [1, 2, 3], added: true }])]);
  expect(compareSessions(a, b).alignment.changed[0]?.changes).toEqual([
    { path: "args[0].n", a: "1", b: "2" },
    { path: "args[0].gone", a: '"x"', b: "(absent)" },
    { path: "args[0].list[2]", a: "(absent)", b: "3" },
    { path: "args[0].added", a: "(absent)", b: "true" },
  ]);
});

test("sessions longer than the events kept: the first N are compared, and the comparison says so", () => {
  const r1 = recorder();
  const r2 = recorder();
  const many = (r: typeof r1) => Array.from({ length: 30 }, (_, i) => r.receive(T0 + i, "tick", [i]));
  const c = compareSessions(digest("a", many(r1), { maxEvents: 10 }), digest("b", many(r2), { maxEvents: 10 }));
  expect(c.a).toMatchObject({ events: 30, compared: 10 });
  expect(c.alignment.notes).toContain("a has 30 events, too long to align whole: compared the first 10.");
  expect(c.alignment.matched).toBe(10);
});

test("sequences that differ in more places than maxEdits are not aligned; the comparison says why", () => {
  const r1 = recorder();
  const r2 = recorder();
  const a = digest(
    "a",
    Array.from({ length: 20 }, (_, i) => r1.receive(T0 + i, `a${i}`)),
  );
  const b = digest(
    "b",
    Array.from({ length: 20 }, (_, i) => r2.receive(T0 + i, `b${i}`)),
  );
  const c = compareSessions(a, b, { maxEdits: 10 });
  expect(c.alignment.aligned).toBe(false);
  expect(c.alignment.notes[0]).toBe(
    "The event sequences differ in more than 10 places: too different to align; compare the counts.",
  );
  expect(compareToMarkdown(c)).toContain("Not aligned.");
});

test("with the same clients in both, each client's events are aligned on their own", () => {
  const a1 = recorder("alice");
  const b1 = recorder("bob");
  const a2 = recorder("alice");
  const b2 = recorder("bob");
  // The two clients' events interleave differently: no difference within either client.
  const a = digest("a", [a1.receive(T0, "x"), b1.receive(T0 + 1, "y"), a1.receive(T0 + 2, "z")]);
  const b = digest("b", [b2.receive(T0, "y"), a2.receive(T0 + 1, "x"), a2.receive(T0 + 2, "z")]);
  const c = compareSessions(a, b);
  expect(c.alignment).toMatchObject({ byClient: true, matched: 3, totals: { missing: 0, extra: 0, reordered: 0 } });
});

test("ack latency side by side, per event", () => {
  const a = session("a", { ok: true }, []);
  const b = session("b", { ok: true }, []);
  expect(compareSessions(a, b).latency).toMatchObject([
    { event: "login", dir: "out", a: { count: 1, p50: 5 }, b: { count: 1, p50: 5 } },
  ]);
});

test("Markdown: what a session holds goes in a code span, cut short, on one line, its backticks and pipes kept", () => {
  expect(markdownCode("[click](http://x) <img> *bold*")).toBe("`[click](http://x) <img> *bold*`");
  expect(markdownCode("a\nb")).toBe("`a b`");
  expect(markdownCode("x".repeat(200), 10)).toBe(`\`${"x".repeat(9)}…\``);
  // A fence longer than the text's own backticks, and a space inside when the text starts or ends with one.
  expect(markdownCode("a ``b`` c")).toBe("```a ``b`` c```");
  expect(markdownCode("`x`")).toBe("`` `x` ``");
  expect(markdownCode(" padded ")).toBe("`  padded  `");
  expect(markdownCode("")).toBe("");
  // In a table cell, a pipe is escaped: a GitHub-flavoured table takes the backslash off before it reads the cell.
  expect(markdownCell("a|b")).toBe("`a\\|b`");
  const r1 = recorder();
  const r2 = recorder();
  const c = compareSessions(digest("a|b", [r1.receive(T0, "<script>")]), digest("b", [r2.receive(T0, "ok")]));
  const md = compareToMarkdown(c);
  expect(md).toContain("| session | `a\\|b` | `b` |");
  expect(md).toContain("| `<script>` | 1 | 0 | 0 | 0 | −1 |");
});
