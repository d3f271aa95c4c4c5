import { clockTime } from "../shared/dates.js";
import { bytesText, counted, countText, durationText, msText, percentText, rateText, shortText } from "./format.js";
import type { ServerNodeFigures } from "./server-figures.js";
import {
  OTHERS_LABEL,
  type ConnectionFigures,
  type CountRow,
  type RateBreakdown,
  type RateChart,
  type SessionFigures,
} from "./session-figures.js";
import { PERCENTILE_ERROR } from "./latency-histogram.js";

/**
 * The figures as plain tables of text: what a screen reader reads instead of a chart, what Copy puts on the
 * clipboard, and what the command line prints. Every cell is text (untrusted names cut to a bounded length); the one
 * who shows it escapes it.
 */
export interface FiguresTable {
  id:
    | "summary"
    | "events"
    | "namespaces"
    | "clients"
    | "latency"
    | "ping"
    | "connection"
    | "markers"
    | "server"
    | `rates-${RateBreakdown}`
    | "bands";
  title: string;
  columns: string[];
  /** Per column: a number (aligned right). */
  numeric: boolean[];
  rows: string[][];
  /** What the table leaves out or how exact it is, in words. */
  note?: string;
}

export interface TableOptions {
  /** Rows of the count tables shown apart before "(others)". Default 8. */
  top?: number;
  /** Drops and recoveries listed, the latest. Default 50. */
  markers?: number;
}

const NAME_MAX = 60;

function countTable(
  id: "events" | "namespaces" | "clients",
  title: string,
  first: string,
  rows: CountRow[],
  all: number,
): FiguresTable {
  return {
    id,
    title,
    columns: [first, "in", "out", "total", "share"],
    numeric: [false, true, true, true, true],
    rows: rows.map((r) => [
      shortText(r.name, NAME_MAX),
      countText(r.in),
      countText(r.out),
      countText(r.in + r.out),
      percentText(r.in + r.out, all),
    ]),
  };
}

/** The share of the session's span each state of a client's connection took. */
function stateShares(c: ConnectionFigures): Record<"connected" | "reconnecting" | "disconnected", number> {
  const shares = { connected: 0, reconnecting: 0, disconnected: 0 };
  for (const b of c.bands) shares[b.state] += (b.to ?? b.from) - b.from;
  return shares;
}

/** The highest rate of a bucket (a second, or wider in a long session). */
function peak(figures: SessionFigures): number {
  let max = 0;
  for (const v of figures.rateChart({ by: "namespace", top: 0 }).total) if (v > max) max = v;
  return max;
}

export function figuresTables(figures: SessionFigures, { top = 8, markers = 50 }: TableOptions = {}): FiguresTable[] {
  const s = figures.summary();
  const all = s.eventsIn + s.eventsOut;
  const span = s.from === undefined ? "–" : `${clockTime(s.from)} – ${clockTime(s.to as number)}`;
  const tables: FiguresTable[] = [
    {
      id: "summary",
      title: "Session",
      columns: ["figure", "value"],
      numeric: [false, true],
      rows: [
        ["records", countText(s.records)],
        ["time", span],
        ["duration", s.from === undefined ? "–" : durationText((s.to as number) - s.from)],
        ["clients", countText(s.clients)],
        ["events received", countText(s.eventsIn)],
        ["events sent", countText(s.eventsOut)],
        [
          "events per second: mean",
          s.from === undefined ? "–" : rateText((all / Math.max(1000, (s.to as number) - s.from)) * 1000),
        ],
        ["events per second: peak", rateText(peak(figures))],
        ["acks paired", countText(s.acks)],
        ["acks timed out or discarded", countText(s.ackTimeouts)],
        ...(s.unpairedAcks ? [["acks without their emit", countText(s.unpairedAcks)]] : []),
        ["event names", `${countText(s.names)}${s.namesOverCap ? ` (more counted as ${OTHERS_LABEL})` : ""}`],
        ["rate resolution", durationText(s.bucketMs)],
      ],
    },
    countTable("events", "Events by name", "event", figures.eventCounts(top), all),
    countTable("namespaces", "Events by namespace", "namespace", figures.namespaceCounts(top), all),
    countTable("clients", "Events by client", "client", figures.clientCounts(top), all),
  ];

  const latency = figures.ackLatency();
  tables.push({
    id: "latency",
    title: "Ack latency per event",
    columns: ["event", "asked by", "acks", "timeouts", "p50", "p95", "p99", "min", "max"],
    numeric: [false, false, true, true, true, true, true, true, true],
    rows: latency.map((r) => [
      shortText(r.event, NAME_MAX),
      r.dir === "out" ? "client" : "server",
      countText(r.count),
      countText(r.timeouts),
      msText(r.p50),
      msText(r.p95),
      msText(r.p99),
      msText(r.min),
      msText(r.max),
    ]),
    note: `Percentiles from a log-scale histogram: within ${(PERCENTILE_ERROR * 100).toFixed(1)} % of the exact value; min and max are exact.`,
  });

  tables.push({
    id: "ping",
    title: "Ping",
    columns: ["client", "measure", "samples", "min", "mean", "max", "expected"],
    numeric: [false, false, true, true, true, true, true],
    rows: figures.pingSeries().map((p) => {
      let sum = 0;
      let min = Number.POSITIVE_INFINITY;
      let max = Number.NEGATIVE_INFINITY;
      for (const point of p.points) {
        sum += point.mean * point.count;
        min = Math.min(min, point.min);
        max = Math.max(max, point.max);
      }
      return [
        shortText(p.client, NAME_MAX),
        p.kind === "rtt" ? "round trip (ping → pong)" : "interval between the server's pings",
        countText(p.count),
        msText(min),
        msText(sum / p.count),
        msText(max),
        p.expected === undefined ? "–" : msText(p.expected),
      ];
    }),
  });

  const connections = figures.connections();
  tables.push({
    id: "connection",
    title: "Connection",
    columns: ["client", "connected", "reconnecting", "disconnected", "drops", "recoveries", "most attempts"],
    numeric: [false, true, true, true, true, true, true],
    rows: connections.map((c) => {
      const shares = stateShares(c);
      const whole = shares.connected + shares.reconnecting + shares.disconnected;
      const attempts = Math.max(0, ...c.bands.map((b) => b.attempts ?? 0));
      return [
        shortText(c.client, NAME_MAX),
        percentText(shares.connected, whole),
        percentText(shares.reconnecting, whole),
        percentText(shares.disconnected, whole),
        countText(c.drops),
        countText(c.recoveries),
        countText(attempts),
      ];
    }),
  });

  const marks = connections
    .flatMap((c) => c.markers.map((m) => ({ ...m, client: c.client })))
    .sort((a, b) => a.t - b.t);
  const shown = marks.slice(-markers);
  tables.push({
    id: "markers",
    title: "Drops and recoveries",
    columns: ["time", "client", "what", "detail"],
    numeric: [false, false, false, false],
    rows: shown.map((m) => [clockTime(m.t), shortText(m.client, NAME_MAX), m.kind, shortText(m.label, 120)]),
    ...(marks.length > shown.length ? { note: `The latest ${shown.length} of ${countText(marks.length)}.` } : {}),
  });
  const nodes = figures.serverNodes();
  if (nodes.length) tables.push(serverTable(nodes));
  return tables;
}

/**
 * The server's nodes, from their admin UI stats (a server view's `stats` records): connections now and at most, and
 * what each node's Engine.IO layer counted, in all and in its busiest second.
 */
export function serverTable(nodes: readonly ServerNodeFigures[]): FiguresTable {
  return {
    id: "server",
    title: "Server nodes",
    columns: [
      "node",
      "clients now",
      "clients at most",
      "connections",
      "disconnections",
      "packets in",
      "packets out",
      "bytes in",
      "bytes out",
      "peak packets in /s",
      "peak packets out /s",
      "peak bytes out /s",
    ],
    numeric: [false, true, true, true, true, true, true, true, true, true, true, true],
    rows: nodes.map((n) => [
      shortText(n.node, NAME_MAX),
      countText(n.lastClients),
      countText(n.peakClients),
      countText(n.totals.connections),
      countText(n.totals.disconnections),
      countText(n.totals.packetsIn),
      countText(n.totals.packetsOut),
      bytesText(n.totals.bytesIn),
      bytesText(n.totals.bytesOut),
      rateText(n.peaks.packetsIn),
      rateText(n.peaks.packetsOut),
      `${bytesText(n.peaks.bytesOut)}/s`,
    ]),
    note:
      "Each node's own counts (its admin UI's server_stats, every 2 s): Engine.IO connections, and the packets and " +
      "bytes its Engine.IO layer read and wrote, per second on the server's clock.",
  };
}

/** Tables as tab-separated text (title, header, rows; a blank line between tables): what Copy puts on the clipboard. */
export function tablesAsText(tables: readonly FiguresTable[]): string {
  const clean = (cell: string) => cell.replace(/\t/g, " ");
  return tables
    .map((t) => [t.title, t.columns.map(clean).join("\t"), ...t.rows.map((r) => r.map(clean).join("\t"))].join("\n"))
    .join("\n\n");
}

const BREAKDOWN_WORD: Record<RateBreakdown, string> = { namespace: "namespace", event: "event", client: "client" };

/**
 * A rate chart as a table: per series, its events, its mean rate over the session's span and its busiest bucket. The
 * chart is the caller's (a page draws it too), so that the buckets are walked once for both.
 */
export function rateTable(
  chart: RateChart,
  by: RateBreakdown,
  span: { from: number; to: number } | undefined,
): FiguresTable {
  // Over the time the session spans (a second at least): a session of 5 s with 5 ticks reads 1/s.
  const seconds = span ? Math.max(1000, span.to - span.from) / 1000 : 1;
  const peakOf = (values: readonly number[]) => values.reduce((max, v) => (v > max ? v : max), 0);
  const notes = [
    ...(chart.bucketMs > 1000 ? [`Peaks per bucket of ${durationText(chart.bucketMs)}.`] : []),
    ...(chart.unitemised
      ? [`${counted(chart.unitemised, "event")} of busy buckets ${chart.unitemised === 1 ? "is" : "are"} not itemised.`]
      : []),
  ];
  return {
    id: `rates-${by}`,
    title: `Events per second by ${BREAKDOWN_WORD[by]}`,
    columns: [BREAKDOWN_WORD[by], "events", "mean /s", "peak /s"],
    numeric: [false, true, true, true],
    rows: chart.series.map((s) => [
      shortText(s.label, NAME_MAX),
      countText(s.total),
      rateText(s.total / seconds),
      rateText(peakOf(s.values)),
    ]),
    ...(notes.length ? { note: notes.join(" ") } : {}),
  };
}

/** Each client's connection bands, in time order, the latest `max` of them: what a chart of bands draws, as text. */
export function bandsTable(connections: readonly ConnectionFigures[], max = 50): FiguresTable {
  const bands = connections
    .flatMap((c) => c.bands.map((b) => ({ ...b, client: c.client })))
    .sort((a, b) => a.from - b.from);
  const shown = bands.slice(-max);
  return {
    id: "bands",
    title: "Connection bands",
    columns: ["client", "state", "from", "to", "duration", "attempts"],
    numeric: [false, false, false, false, true, true],
    rows: shown.map((b) => [
      shortText(b.client, NAME_MAX),
      b.state,
      clockTime(b.from),
      clockTime(b.to ?? b.from),
      durationText((b.to ?? b.from) - b.from),
      b.attempts === undefined ? "–" : countText(b.attempts),
    ]),
    ...(bands.length > shown.length ? { note: `The latest ${shown.length} of ${countText(bands.length)}.` } : {}),
  };
}
