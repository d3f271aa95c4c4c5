// The report command, run in-process as main.ts runs it (parseArgs, then the command with an Output): a UsageError
// is what main turns into exit code 2 with its message.
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  statSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { rmSync } from "node:fs";
import { parseArgs, UsageError, type ReportOptions } from "../../src/cli/args.js";
import { reportCommand } from "../../src/cli/report-command.js";
import { reportHtml } from "../../src/cli/report-html.js";
import { SessionFigures } from "../../src/core/charts/session-figures.js";
import type { Output } from "../../src/cli/terminal.js";
import { encodeSession, sessionLines, toTaggedJson } from "../../src/core/files/session-file.js";
import type { TimelineRecord } from "../../src/core/feed/records.js";
import { recorder } from "../core/charts/make-records.js";
import { oneSocketHar } from "../helpers/har-text.js";
import { withCode } from "../helpers/codes.js";

const dir = mkdtempSync(join(tmpdir(), "report-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const T0 = Date.UTC(2026, 10, 25, 10, 0, 0);

function capture(): Output & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (l) => lines.push(l), err: (l) => errors.push(l) };
}

async function report(...argv: string[]) {
  const o = capture();
  const code = await reportCommand(parseArgs(["report", ...argv]) as ReportOptions, o);
  return { code, text: o.lines.join("\n"), errors: o.errors };
}

function write(name: string, records: TimelineRecord[]): string {
  const file = join(dir, name);
  writeFileSync(file, encodeSession(records));
  return file;
}

/** A small session: a connect, two ticks a second, an emit with its reply, a drop and a reconnection. */
function smallSession(reply: unknown = { ok: true }): TimelineRecord[] {
  const a = recorder("alice");
  const login = a.emit(T0 + 100, "login", [{ user: "ann" }], { ackId: 1 });
  return [
    a.record({
      kind: "handshake",
      t: T0,
      sid: "s",
      pingInterval: 25000,
      pingTimeout: 20000,
      upgrades: [],
      transport: "websocket",
    }),
    a.record({ kind: "open", t: T0 }),
    a.record({ kind: "connect", t: T0 + 5, nsp: "/", id: "x", active: true }),
    login,
    a.ack(T0 + 142, login, 42, [reply]),
    a.receive(T0 + 200, "tick", [1]),
    a.receive(T0 + 700, "tick", [2]),
    a.receive(T0 + 1200, "<b>bold</b>", [3], { nsp: "/chat" }),
    a.record({ kind: "ping", t: T0 + 1500, from: "server", sinceLast: 25010 }),
    a.record({ kind: "close", t: T0 + 2000, reason: "transport close" }),
    a.record({ kind: "disconnect", t: T0 + 2000, nsp: "/", reason: "transport close", active: true }),
    a.record({ kind: "reconnect_attempt", t: T0 + 3000, attempt: 1 }),
    a.record({ kind: "reconnect", t: T0 + 3100, attempt: 1 }),
    a.record({ kind: "connect", t: T0 + 3110, nsp: "/", id: "y", active: true }),
  ];
}

describe("report <HAR>", () => {
  test("a HAR is opened as the page opens it: its connection's events and its ack's latency", async () => {
    const file = join(dir, "app.har");
    writeFileSync(
      file,
      oneSocketHar(T0, [
        ["send", T0 + 3, '420["add",1,2]'],
        ["receive", T0 + 45, "430[3]"],
        ["receive", T0 + 50, '42["tick",1]'],
      ]),
    );
    const { code, text } = await report(file);
    expect(code).toBe(0);
    expect(text).toMatch(/add/);
    expect(text).toMatch(/tick/);
    expect(text).toMatch(/42 ms/);
  });
});

describe("report <session>", () => {
  test("prints the figures: counts by event, namespace and client, ack latency, ping, connection", async () => {
    const file = write("small.ndjson", smallSession());
    const { code, text } = await report(file);
    expect(code).toBe(0);
    expect(text).toMatch(/events received +3/);
    expect(text).toMatch(/events sent +1/);
    expect(text).toMatch(/tick +2 +0 +2 +50 %/);
    expect(text).toMatch(/\/chat +1 +0 +1 +25 %/);
    expect(text).toMatch(/login +client +1 +0 +42 ms +42 ms +42 ms +42 ms +42 ms/);
    expect(text).toMatch(/alice +interval between the server's pings +1 +25,010 ms +25,010 ms +25,010 ms +25,000 ms/);
    expect(text).toMatch(/alice +\d+ % +\d+ % +0 % +2 +1 +1/);
    expect(text).toContain("connection closed: transport close");
  });

  test("--html writes one file that stands alone: SVG charts, no script, no http(s) address, names escaped", async () => {
    const file = write("html.ndjson", smallSession());
    const out = join(dir, "report.html");
    const { code, text } = await report(file, "--html", out);
    expect(code).toBe(0);
    expect(text).toContain(`report: ${out}`);
    const html = readFileSync(out, "utf8");
    expect(html).toContain("<svg");
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).toContain("&lt;b&gt;bold&lt;/b&gt;");
    expect(html).not.toContain("<b>bold</b>");
    expect(html).toContain("<caption>Ack latency per event</caption>");
  });

  test("a session with the server view's stats: a Server nodes table on the terminal, the server's charts in --html", async () => {
    const second = (t: number, packetsIn: number, bytesOut: number) => ({
      t,
      connections: 1,
      disconnections: 0,
      packetsIn,
      packetsOut: packetsIn * 2,
      bytesIn: packetsIn * 30,
      bytesOut,
    });
    const stats = (i: number, node: string, clients: number) =>
      ({
        kind: "server",
        seq: -(i + 1),
        t: T0 + 2000 * (i + 1),
        client: "server",
        what: "stats",
        nsp: "/admin",
        node,
        clients,
        seconds: [second(T0 + 2000 * i, 10 + i, 1_500_000), second(T0 + 2000 * i + 1000, 20, 500)],
      }) as TimelineRecord;
    const file = write("fleet.ndjson", [
      ...smallSession(),
      stats(0, "node-<A>", 120),
      stats(1, "node-B", 80),
      stats(2, "node-<A>", 125),
    ]);
    const out = join(dir, "fleet.html");
    const { code, text } = await report(file, "--html", out);
    expect(code).toBe(0);
    expect(text).toContain("Server nodes");
    // node, clients now and at most, connections, disconnections, packets in and out, bytes in and out, peaks.
    expect(text).toMatch(/node-<A> +125 +125 +4 +0 +62 +124 +1\.9 kB +3\.0 MB +20\/s +40\/s +1\.5 MB\/s/);
    expect(text).toMatch(/node-B +80 +80 +2 +0 +31 +62 /);
    const html = readFileSync(out, "utf8");
    expect(html).toContain("<h2>Server</h2>");
    expect(html).toContain('aria-label="Connected clients per node"');
    expect(html).toContain("node-&lt;A&gt;");
    expect(html).not.toContain("node-<A>");
  });

  test("a file that is not there, or not a session, or cut: a UsageError naming the file and the line (exit 2)", async () => {
    await expect(report(join(dir, "none.ndjson"))).rejects.toThrow(UsageError);
    await expect(report(join(dir, "none.ndjson"))).rejects.toThrow(
      withCode("file-missing", { file: join(dir, "none.ndjson") }),
    );
    const notSession = join(dir, "presets.json");
    writeFileSync(notSession, '{"presets":[]}\n');
    await expect(report(notSession)).rejects.toThrow(withCode("session-no-format", { name: notSession }));
    const cut = join(dir, "cut.ndjson");
    writeFileSync(cut, encodeSession(smallSession()).slice(0, -40));
    await expect(report(cut)).rejects.toThrow(withCode("session-line-not-json", { name: cut, line: 15 }));
    const empty = join(dir, "empty.ndjson");
    writeFileSync(empty, "");
    await expect(report(empty)).rejects.toThrow(withCode("session-empty", { name: empty }));
  });

  test("bad options are usage errors", () => {
    expect(() => parseArgs(["report"])).toThrow(withCode("report-takes-one-file"));
    expect(() => parseArgs(["report", "a", "--markdown", "x.md"])).toThrow(withCode("report-markdown-needs-compare"));
    expect(() => parseArgs(["report", "a", "--compare", "b", "--html", "x"])).toThrow(
      withCode("report-html-not-with-compare"),
    );
    expect(() => parseArgs(["report", "a", "--top", "3"])).toThrow(
      withCode("option-unknown", { command: "report", option: "--top" }),
    );
    expect(parseArgs(["report", "a", "--compare", "b", "--markdown", "c.md"])).toEqual({
      command: "report",
      file: "a",
      compare: "b",
      markdown: "c.md",
    });
  });
});

/** Two events and two pongs at the times and round trips given: the shape of issue 31's report. */
function extremeSession(times: [number, number], rtts: [number, number]): TimelineRecord[] {
  const a = recorder("alice");
  return [
    a.receive(times[0], "tick", [1]),
    a.receive(times[1], "tick", [2]),
    a.record({ kind: "pong", t: times[0], rtt: rtts[0] }),
    a.record({ kind: "pong", t: times[1], rtt: rtts[1] }),
  ];
}

/** What a finished report must not hold: a coordinate that is not a number. */
const expectDrawable = (html: string) => expect(html).not.toMatch(/="[^"]*(NaN|Infinity)/);

describe("report --html with extreme times (issue 31)", () => {
  test("times of 1e19 and round trips of 1e20: refused naming the line (exit 2), nothing written", async () => {
    const file = write("far.ndjson", extremeSession([1e19, 1e19 + 2048], [1e20, 1e20 + 16384]));
    const out = join(dir, "far.html");
    await expect(report(file, "--html", out)).rejects.toThrow(
      withCode("session-line-invalid", {
        name: file,
        line: 2,
        cause: withCode("record-field-wrong", { field: "t", wanted: { type: "time" } }),
      }),
    );
    expect(existsSync(out)).toBe(false);
  });

  test("the largest times and durations the file check takes are charted: a bounded page, every point drawable", async () => {
    // Equal round trips of 8.64e15 ms made the y axis step by 0.2 where numbers are 1 apart; an ack latency of the
    // smallest double made the log axis start at 10^-324, which is 0.
    const records = extremeSession([8.64e15 - 1500, 8.64e15], [8.64e15, 8.64e15]);
    const a = recorder("bob");
    const emit = a.emit(-8.64e15, "tiny", [], { ackId: 1 });
    records.push(emit, { ...a.ack(-8.64e15 + 1, emit, 0), latency: 5e-324 } as TimelineRecord);
    const file = write("edge.ndjson", records);
    const out = join(dir, "edge.html");
    const { code } = await report(file, "--html", out);
    expect(code).toBe(0);
    expect(statSync(out).size).toBeLessThan(200_000);
    const html = readFileSync(out, "utf8");
    expect(html).toContain("Ping round trip");
    expect(html).toContain("tiny (asked by the client): 1 ack,");
    // One ack: its p50, p95 and p99 are one value, marked once with one label (three labels were drawn over each other).
    expect(html).toContain(">p50 p95 p99</text>");
    expectDrawable(html);
  });

  test("records no file check bounds (a HAR's times): 1e19 and 1e19 + 2048, round trips 1e20 and 1e20 + 16384", () => {
    const figures = new SessionFigures();
    figures.addAll(extremeSession([1e19, 1e19 + 2048], [1e20, 1e20 + 16384]));
    const html = reportHtml(figures, "far.har");
    expect(html.length).toBeLessThan(200_000);
    expect(html).toContain("Ping round trip");
    expectDrawable(html);
  });

  test("65 clients' pings (130,000 values on one axis) are drawn, where an argument list overflowed the stack", async () => {
    const records: TimelineRecord[] = [];
    for (let c = 0; c < 70; c++) {
      const r = recorder(`c${c}`);
      for (let i = 0; i < 1000; i++)
        records.push(r.record({ kind: "pong", t: T0 + i * 100, rtt: 10 + ((i + c) % 40) }));
    }
    const file = write("many-pings.ndjson", records);
    const out = join(dir, "many-pings.html");
    const { code } = await report(file, "--html", out);
    expect(code).toBe(0);
    expect(readFileSync(out, "utf8")).toContain("Ping round trip");
  });
});

describe("report <a> --compare <b>", () => {
  test("prints the comparison (a changed reply by its path) and writes it as Markdown", async () => {
    const a = write("a.ndjson", smallSession({ ok: true }));
    const b = write("b.ndjson", smallSession({ ok: false }));
    const md = join(dir, "compare.md");
    const { code, text } = await report(a, "--compare", b, "--markdown", md);
    expect(code).toBe(0);
    expect(text).toContain("4 matched, 0 missing from b, 0 extra in b, 0 reordered, 1 with different payloads.");
    expect(text).toContain("  - `reply[0].ok`: `true` → `false`");
    expect(readFileSync(md, "utf8")).toContain("# Session comparison");
    expect(readFileSync(md, "utf8")).toContain(
      "| `login` | client | 1 | 42 ms | 42 ms | 42 ms | 1 | 42 ms | 42 ms | 42 ms |",
    );
  });
});

test("a 200,000-record session is streamed through report: every record read, the counts right", async () => {
  const file = join(dir, "big.ndjson");
  const fd = openSync(file, "w");
  const a = recorder("load");
  const [header] = sessionLines([]);
  writeSync(fd, `${header}\n`);
  let chunk: string[] = [];
  let records = 0;
  let ticks = 0;
  let saves = 0;
  for (let i = 0; records < 200_000; i++) {
    const t = T0 + i * 2;
    const batch: TimelineRecord[] = [a.receive(t, i % 3 ? "tick" : "quote", [i], { nsp: i % 2 ? "/a" : "/b" })];
    if (i % 3) ticks++;
    if (i % 4 === 0 && records + 3 <= 200_000) {
      const emit = a.emit(t + 1, "save", [{ i }], { ackId: i });
      batch.push(emit, a.ack(t + 1 + (i % 50), emit, i % 50));
      saves++;
    }
    for (const r of batch) chunk.push(toTaggedJson(r));
    records += batch.length;
    if (chunk.length > 5000) {
      writeSync(fd, `${chunk.join("\n")}\n`);
      chunk = [];
    }
  }
  writeSync(fd, `${chunk.join("\n")}\n`);
  closeSync(fd);
  const received = records - saves * 2;

  const { code, text } = await report(file, "--html", join(dir, "big.html"));
  expect(code).toBe(0);
  expect(text).toMatch(new RegExp(`records +${(200_000).toLocaleString("en-US")}\\n`));
  expect(text).toMatch(new RegExp(`events received +${received.toLocaleString("en-US")}\\n`));
  expect(text).toMatch(new RegExp(`events sent +${saves.toLocaleString("en-US")}\\n`));
  expect(text).toMatch(new RegExp(`acks paired +${saves.toLocaleString("en-US")}\\n`));
  expect(text).toMatch(new RegExp(`tick +${ticks.toLocaleString("en-US")} +0 `));
  expect(text).toMatch(new RegExp(`save +client +${saves.toLocaleString("en-US")} +0 `));
}, 120_000);
