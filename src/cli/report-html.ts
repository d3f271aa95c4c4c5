import { figuresTables, type FiguresTable } from "../core/charts/figures-table.js";
import { bytesText, counted, countText, durationText, msText, shortText } from "../core/charts/format.js";
import { PERCENTILE_ERROR } from "../core/charts/latency-histogram.js";
import { extent, linearScale, niceTicks, timeTicks, type Scale } from "../core/charts/scales.js";
import type {
  AckLatencyRow,
  ConnectionFigures,
  PingSeries,
  RateChart,
  SessionFigures,
} from "../core/charts/session-figures.js";
import type { SeriesPoint } from "../core/charts/point-series.js";
import type { ServerNodeFigures } from "../core/charts/server-figures.js";
import { clockTime } from "../core/shared/dates.js";

/**
 * The figures as one HTML file that stands alone: inline CSS, charts as inline SVG drawn here, no script and no
 * address of anything to fetch, so that it opens offline, in a mail, in a CI artifact. Its Content-Security-Policy
 * forbids scripts and loads anyway. Every text that came from the session is HTML-escaped and cut short.
 */

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

/** Okabe–Ito's colours (told apart by colour-blind readers), then grey for "(others)". */
const PALETTE = ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#000000"];
const OTHERS_COLOR = "#999999";
const STATE_COLORS = { connected: "#009e73", reconnecting: "#e69f00", disconnected: "#d55e00" } as const;

const W = 880;
const M = { left: 64, right: 16, top: 12, bottom: 28 };

const n1 = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : "0");
const hhmmss = (t: number) => clockTime(t).slice(0, 8);

/** A figure: the SVG (described for screen readers by its title; the tables below hold the numbers) and a legend. */
function figure(title: string, svg: string, legend: Array<{ label: string; color: string; dashed?: boolean }> = []) {
  const items = legend
    .map(
      (l) =>
        `<li><span class="swatch${l.dashed ? " dashed" : ""}" style="background:${l.color}"></span>${escapeHtml(shortText(l.label, 60))}</li>`,
    )
    .join("");
  return `<figure><figcaption>${escapeHtml(title)}</figcaption>${svg}${items ? `<ul class="legend">${items}</ul>` : ""}</figure>`;
}

function svgOpen(height: number, label: string): string {
  return `<svg viewBox="0 0 ${W} ${height}" width="${W}" height="${height}" role="img" aria-label="${escapeHtml(label)}">`;
}

/** A tick's label anchored so that it stays inside the chart at either end. */
function anchor(px: number, width = W): string {
  return px > width - M.right - 30 ? "end" : px < M.left + 30 ? "start" : "middle";
}

/** Time ticks along the bottom of a chart. */
function timeAxis(x: Scale, height: number): string {
  return timeTicks(x.domain[0], x.domain[1], 7)
    .map((t) => {
      const px = x(t);
      return (
        `<line class="axis" x1="${n1(px)}" x2="${n1(px)}" y1="${height - M.bottom}" y2="${height - M.bottom + 4}"/>` +
        `<text class="tick" x="${n1(px)}" y="${height - M.bottom + 16}" text-anchor="${anchor(px)}">${hhmmss(t)}</text>`
      );
    })
    .join("");
}

/** Axes: y ticks with grid lines, and time ticks along the bottom. */
function axes(x: Scale, y: Scale, yTicks: number[], yText: (v: number) => string, height: number): string {
  const parts: string[] = [];
  for (const v of yTicks) {
    const py = n1(y(v));
    parts.push(
      `<line class="grid" x1="${M.left}" x2="${W - M.right}" y1="${py}" y2="${py}"/>`,
      `<text class="tick" x="${M.left - 6}" y="${py}" text-anchor="end" dominant-baseline="middle">${escapeHtml(yText(v))}</text>`,
    );
  }
  parts.push(timeAxis(x, height));
  parts.push(
    `<line class="axis" x1="${M.left}" x2="${W - M.right}" y1="${height - M.bottom}" y2="${height - M.bottom}"/>`,
  );
  return parts.join("");
}

/** Events per second over time, a line per series. */
function rateFigure(chart: RateChart, title: string): string {
  const height = 240;
  if (chart.buckets === 0 || chart.series.length === 0) return figure(title, '<p class="none">No events.</p>');
  const end = chart.start + chart.buckets * chart.bucketMs;
  const x = linearScale([chart.start, end], [M.left, W - M.right]);
  const max = Math.max(extent(chart.series.flatMap((s) => s.values))?.[1] ?? 0, 1);
  const ticks = niceTicks(0, max, 4);
  const y = linearScale([0, ticks.at(-1) as number], [height - M.bottom, M.top]);
  const color = (i: number, others?: true) => (others ? OTHERS_COLOR : (PALETTE[i % PALETTE.length] as string));
  const lines = chart.series.map((s, i) => {
    const points = s.values.map((v, b) => `${n1(x(chart.start + (b + 0.5) * chart.bucketMs))},${n1(y(v))}`).join(" ");
    return `<polyline fill="none" stroke="${color(i, s.others)}" stroke-width="1.5" points="${points}"><title>${escapeHtml(shortText(s.label, 60))}: ${counted(s.total, "event")}</title></polyline>`;
  });
  const svg = `${svgOpen(height, title)}${axes(x, y, ticks, (v) => `${countText(v)}/s`, height)}${lines.join("")}</svg>`;
  const note =
    chart.bucketMs > 1000
      ? `<p class="note">Each point is ${durationText(chart.bucketMs)} (the session is long: buckets widened to stay bounded).</p>`
      : "";
  return (
    figure(
      title,
      svg,
      chart.series.map((s, i) => ({ label: `${s.label} (${countText(s.total)})`, color: color(i, s.others) })),
    ) + note
  );
}

/** How close (in px) two percentile marks may be before they share a label. */
const MARK_GAP = 28;

/** One event's ack latency: its histogram on a log scale, with p50, p95 and p99 marked. */
function latencyFigure(row: AckLatencyRow): string {
  const title = `${shortText(row.event, 60)} (${row.dir === "out" ? "asked by the client" : "asked by the server"}): ${counted(row.count, "ack")}, p50 ${msText(row.p50)}, p95 ${msText(row.p95)}, p99 ${msText(row.p99)}`;
  if (row.bins.length === 0)
    return figure(title, `<p class="none">No ack came (${countText(row.timeouts)} timed out).</p>`);
  const width = 420;
  const height = 150;
  const bins = row.bins;
  const lo = Math.log2(Math.max((bins[0] as { from: number }).from, 0.005));
  const lastBin = bins.at(-1) as { from: number; to: number };
  const hi = Math.log2(Number.isFinite(lastBin.to) ? lastBin.to : lastBin.from * 2);
  const x = linearScale([lo, hi], [M.left, width - M.right]);
  const most = Math.max(...bins.map((b) => b.count));
  const y = linearScale([0, most], [height - M.bottom, M.top]);
  const bars = bins.map((b) => {
    const x0 = x(Math.log2(Math.max(b.from, 0.005)));
    const x1 = x(Math.log2(Number.isFinite(b.to) ? b.to : b.from * 2));
    return `<rect class="bar" x="${n1(x0)}" y="${n1(y(b.count))}" width="${n1(Math.max(1, x1 - x0 - 1))}" height="${n1(height - M.bottom - y(b.count))}"><title>${msText(b.from)} – ${msText(b.to)}: ${countText(b.count)}</title></rect>`;
  });
  // Percentiles a few pixels apart share one line and one label ("p95 p99"), so that no label is drawn over another.
  const marks: Array<{ px: number; labels: string[] }> = [];
  for (const [label, v] of [
    ["p50", row.p50],
    ["p95", row.p95],
    ["p99", row.p99],
  ] as const) {
    const px = Number(n1(x(Math.log2(Math.max(v, 0.005)))));
    const near = marks.find((m) => Math.abs(m.px - px) < MARK_GAP);
    if (near) near.labels.push(label);
    else marks.push({ px, labels: [label] });
  }
  const markSvg = marks.map(({ px, labels }, i) => {
    const end = anchor(px, width) === "end";
    return `<line class="mark" x1="${px}" x2="${px}" y1="${M.top}" y2="${height - M.bottom}"/><text class="tick halo" x="${px}" y="${M.top + 10 + i * 12}" dx="${end ? -3 : 3}" text-anchor="${end ? "end" : "start"}">${labels.join(" ")}</text>`;
  });
  const ticks = [bins[0] as { from: number }, bins[Math.floor(bins.length / 2)] as { from: number }, lastBin].map(
    (b) => {
      const px = n1(x(Math.log2(Math.max(b.from, 0.005))));
      return `<text class="tick" x="${px}" y="${height - M.bottom + 16}" text-anchor="${anchor(Number(px), width)}">${msText(b.from)}</text>`;
    },
  );
  const svg =
    `<svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(`Ack latency histogram of ${title}`)}">` +
    `<text class="tick" x="${M.left - 6}" y="${M.top + 4}" text-anchor="end">${countText(most)}</text>` +
    `<line class="axis" x1="${M.left}" x2="${width - M.right}" y1="${height - M.bottom}" y2="${height - M.bottom}"/>` +
    bars.join("") +
    markSvg.join("") +
    ticks.join("") +
    "</svg>";
  return figure(title, svg);
}

/** The ping over time for one kind of measure: per client, the mean as a line and the min–max spread as a band. */
function pingFigure(series: PingSeries[], kind: PingSeries["kind"], span: { from: number; to: number }): string {
  const mine = series.filter((s) => s.kind === kind);
  if (mine.length === 0) return "";
  const title =
    kind === "rtt"
      ? "Ping round trip (the client's ping to the server's pong; Engine.IO 3), ms"
      : "Interval between the server's pings (Engine.IO 4: its spread around the announced interval is the link's jitter), ms";
  const height = 220;
  const x = linearScale([span.from, Math.max(span.to, span.from + 1000)], [M.left, W - M.right]);
  // The axis spans the values, not from 0: a 25,000 ms interval that varies by 40 ms must show its variation.
  // Up to 65 clients of 1,000 points: a loop over them, not an argument list.
  const [lo, hi] = extent(
    mine.flatMap((s) => [
      ...s.points.flatMap((p) => [p.min, p.max]),
      ...(s.expected === undefined ? [] : [s.expected]),
    ]),
  ) ?? [0, 0];
  const ticks = niceTicks(lo, hi, 4);
  const y = linearScale([ticks[0] as number, ticks.at(-1) as number], [height - M.bottom, M.top]);
  const legend: Array<{ label: string; color: string; dashed?: boolean }> = [];
  const parts = mine.map((s, i) => {
    const color = PALETTE[i % PALETTE.length] as string;
    legend.push({ label: `${s.client} (${counted(s.count, "sample")})`, color });
    const top = s.points.map((p) => `${n1(x((p.from + p.to) / 2))},${n1(y(p.max))}`);
    const bottom = s.points.map((p) => `${n1(x((p.from + p.to) / 2))},${n1(y(p.min))}`).reverse();
    const mean = s.points.map((p) => `${n1(x((p.from + p.to) / 2))},${n1(y(p.mean))}`).join(" ");
    const expected =
      s.expected === undefined
        ? ""
        : `<line stroke="${color}" stroke-dasharray="4 3" x1="${M.left}" x2="${W - M.right}" y1="${n1(y(s.expected))}" y2="${n1(y(s.expected))}"><title>announced interval ${msText(s.expected)}</title></line>`;
    if (s.expected !== undefined)
      legend.push({ label: `${s.client}: announced ${msText(s.expected)}`, color, dashed: true });
    return (
      `<polygon fill="${color}" fill-opacity="0.15" points="${[...top, ...bottom].join(" ")}"/>` +
      `<polyline fill="none" stroke="${color}" stroke-width="1.5" points="${mean}"/>` +
      (s.points.length === 1
        ? `<circle fill="${color}" r="3" cx="${mean.split(",")[0]}" cy="${mean.split(",")[1]}"/>`
        : "") +
      expected
    );
  });
  const svg = `${svgOpen(height, title)}${axes(x, y, ticks, (v) => msText(v), height)}${parts.join("")}</svg>`;
  return figure(title, svg, legend);
}

/** Each client's connection as a row of bands, with its drops and recoveries marked. */
function bandsFigure(connections: ConnectionFigures[], span: { from: number; to: number }): string {
  const title = "Connection state per client";
  if (connections.length === 0) return figure(title, '<p class="none">No connection records.</p>');
  const row = 30;
  const left = 140;
  const height = M.top + connections.length * row + M.bottom;
  const x = linearScale([span.from, Math.max(span.to, span.from + 1000)], [left, W - M.right]);
  const parts: string[] = [];
  connections.forEach((c, i) => {
    const top = M.top + i * row;
    parts.push(
      `<text class="label" x="${left - 8}" y="${top + row / 2}" text-anchor="end" dominant-baseline="middle">${escapeHtml(shortText(c.client, 20))}</text>`,
    );
    for (const b of c.bands) {
      const x0 = x(b.from);
      const x1 = x(b.to ?? b.from);
      const attempts = b.attempts ? `, ${b.attempts} attempt${b.attempts === 1 ? "" : "s"}` : "";
      parts.push(
        `<rect x="${n1(x0)}" y="${top + 6}" width="${n1(Math.max(1, x1 - x0))}" height="${row - 12}" fill="${STATE_COLORS[b.state]}"><title>${b.state}${attempts}: ${hhmmss(b.from)} – ${hhmmss(b.to ?? b.from)} (${durationText((b.to ?? b.from) - b.from)})</title></rect>`,
      );
    }
    for (const m of c.markers) {
      const px = x(m.t);
      const triangle = `d="M${n1(px - 5)},${top} L${n1(px + 5)},${top} L${n1(px)},${top + 8} Z"`;
      const shape =
        m.kind === "drop" || m.kind === "closed"
          ? `<path ${triangle} class="${m.kind}">`
          : m.kind === "recovery"
            ? `<circle cx="${n1(px)}" cy="${top + 4}" r="4" class="recovery">`
            : `<rect x="${n1(px - 4)}" y="${top}" width="8" height="8" class="failed">`;
      const close =
        m.kind === "drop" || m.kind === "closed" ? "</path>" : m.kind === "recovery" ? "</circle>" : "</rect>";
      parts.push(`${shape}<title>${hhmmss(m.t)} ${escapeHtml(shortText(m.label, 120))}</title>${close}`);
    }
  });
  const svg = `${svgOpen(height, title)}${parts.join("")}${timeAxis(x, height)}</svg>`;
  return figure(title, svg, [
    { label: "connected", color: STATE_COLORS.connected },
    { label: "reconnecting", color: STATE_COLORS.reconnecting },
    { label: "disconnected", color: STATE_COLORS.disconnected },
    { label: "▼ drop  ▽ closed by you  ● recovery  ■ gave up", color: "transparent" },
  ]);
}

/** Nodes drawn apart in a server figure: the table lists them all. */
const NODES_DRAWN = 8;

/** One of the server's figures over time, a line per node (its points' means). */
function serverFigure(
  nodes: ServerNodeFigures[],
  title: string,
  pointsOf: (n: ServerNodeFigures) => SeriesPoint[],
  yText: (v: number) => string,
): string {
  const height = 200;
  const drawn = nodes.slice(0, NODES_DRAWN).map((n) => ({ node: n.node, points: pointsOf(n) }));
  const times = drawn.flatMap((d) => d.points.flatMap((p) => [p.from, p.to]));
  const span = extent(times);
  if (!span) return figure(title, '<p class="none">No figures.</p>');
  const x = linearScale([span[0], Math.max(span[1], span[0] + 1000)], [M.left, W - M.right]);
  const ticks = niceTicks(0, Math.max(extent(drawn.flatMap((d) => d.points.map((p) => p.mean)))?.[1] ?? 0, 1), 4);
  const y = linearScale([0, ticks.at(-1) as number], [height - M.bottom, M.top]);
  const color = (i: number) => PALETTE[i % PALETTE.length] as string;
  const lines = drawn.map((d, i) => {
    const points = d.points.map((p) => `${n1(x((p.from + p.to) / 2))},${n1(y(p.mean))}`).join(" ");
    return `<polyline fill="none" stroke="${color(i)}" stroke-width="1.5" points="${points}"><title>${escapeHtml(shortText(d.node, 60))}</title></polyline>`;
  });
  const svg = `${svgOpen(height, title)}${axes(x, y, ticks, yText, height)}${lines.join("")}</svg>`;
  return figure(
    title,
    svg,
    drawn.map((d, i) => ({ label: d.node, color: color(i) })),
  );
}

/** The server's nodes, from a server view's stats: their connections and their traffic. */
function serverSection(nodes: ServerNodeFigures[]): string[] {
  if (nodes.length === 0) return [];
  return [
    "<h2>Server</h2>",
    "<p class=\"note\">Each node's own counts (its admin UI's stats, every 2 s), per second on the server's clock.</p>",
    serverFigure(nodes, "Connected clients per node", (n) => n.clients, countText),
    serverFigure(
      nodes,
      "Packets in per second per node",
      (n) => n.perSecond.packetsIn,
      (v) => `${countText(v)}/s`,
    ),
    serverFigure(
      nodes,
      "Packets out per second per node",
      (n) => n.perSecond.packetsOut,
      (v) => `${countText(v)}/s`,
    ),
    serverFigure(
      nodes,
      "Bytes out per second per node",
      (n) => n.perSecond.bytesOut,
      (v) => `${bytesText(v)}/s`,
    ),
  ];
}

function tableHtml(t: FiguresTable): string {
  const head = t.columns.map((c, i) => `<th scope="col"${t.numeric[i] ? ' class="num"' : ""}>${escapeHtml(c)}</th>`);
  const rows = t.rows.map(
    (r) =>
      `<tr>${r.map((cell, i) => `<td${t.numeric[i] ? ' class="num"' : ""}>${escapeHtml(cell)}</td>`).join("")}</tr>`,
  );
  return (
    `<table><caption>${escapeHtml(t.title)}</caption><thead><tr>${head.join("")}</tr></thead>` +
    `<tbody>${rows.join("") || `<tr><td colspan="${t.columns.length}">(none)</td></tr>`}</tbody></table>` +
    (t.note ? `<p class="note">${escapeHtml(t.note)}</p>` : "")
  );
}

const CSS = `
body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:${W + 40}px;padding:0 20px;color:#1b1b1b;background:#fff}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:32px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
.sub{color:#555;margin:0 0 16px}figure{margin:12px 0 20px}figcaption{font-weight:600;margin-bottom:4px}
svg{display:block;max-width:100%;height:auto;background:#fcfcfc;border:1px solid #eee}
.halo{paint-order:stroke;stroke:#fcfcfc;stroke-width:3px}.grid{stroke:#e6e6e6}.axis{stroke:#888}.tick{font-size:11px;fill:#555}.label{font-size:12px;fill:#222}
.bar{fill:#0072b2}.mark{stroke:#d55e00;stroke-dasharray:3 2}.drop{fill:#b00020}.closed{fill:none;stroke:#555}.recovery{fill:#006b4f}.failed{fill:#222}
.legend{list-style:none;padding:0;margin:6px 0 0;display:flex;flex-wrap:wrap;gap:4px 16px;font-size:12px}
.swatch{display:inline-block;width:14px;height:4px;margin-right:6px;vertical-align:middle}
.swatch.dashed{height:2px;border-top:2px dashed #fff}
.latency{display:grid;grid-template-columns:repeat(auto-fill,minmax(420px,1fr));gap:0 16px}
table{border-collapse:collapse;margin:12px 0 4px;font-size:13px}caption{text-align:left;font-weight:600;padding:4px 0}
th,td{border-bottom:1px solid #e4e4e4;padding:3px 10px;text-align:left}.num{text-align:right;font-variant-numeric:tabular-nums}
.note,.none{color:#555;font-size:12px;margin:2px 0}
`;

/** The HTML report of one session's figures. `title`: what the session is called (its file name). */
export function reportHtml(figures: SessionFigures, title: string, generatedAt = new Date()): string {
  const s = figures.summary();
  const span = figures.span ?? { from: 0, to: 0 };
  const latency = figures.ackLatency();
  const ping = figures.pingSeries();
  const shownLatency = latency.slice(0, 12);
  const body = [
    `<h1>Session report: ${escapeHtml(shortText(title, 120))}</h1>`,
    `<p class="sub">${counted(s.records, "record")}` +
      (s.from === undefined
        ? ""
        : `, ${hhmmss(s.from)} – ${hhmmss(s.to as number)} (${durationText((s.to as number) - s.from)})`) +
      `, ${counted(s.clients, "client")}, ${counted(s.eventsIn, "event")} received, ${countText(s.eventsOut)} sent. ` +
      `Made by socketio-inspector report, ${escapeHtml(generatedAt.toISOString())}.</p>`,
    "<h2>Events per second</h2>",
    rateFigure(figures.rateChart({ by: "namespace" }), "By namespace (in and out)"),
    rateFigure(figures.rateChart({ by: "event" }), "By event name: the top 8, then the others"),
    ...(s.clients > 1 ? [rateFigure(figures.rateChart({ by: "client" }), "By client")] : []),
    "<h2>Ack latency</h2>",
    `<p class="note">Per event, log scale. Percentiles from a histogram, within ${(PERCENTILE_ERROR * 100).toFixed(1)} % of the exact values; min and max exact.</p>`,
    latency.length === 0
      ? '<p class="none">No acks.</p>'
      : `<div class="latency">${shownLatency.map(latencyFigure).join("")}</div>` +
        (latency.length > shownLatency.length
          ? `<p class="note">The ${shownLatency.length} events with the most acks; all ${countText(latency.length)} are in the table below.</p>`
          : ""),
    "<h2>Ping</h2>",
    ping.length === 0
      ? '<p class="none">No ping records.</p>'
      : pingFigure(ping, "rtt", span) + pingFigure(ping, "interval", span),
    "<h2>Connection</h2>",
    bandsFigure(figures.connections(), span),
    ...serverSection(figures.serverNodes()),
    "<h2>Tables</h2>",
    ...figuresTables(figures).map(tableHtml),
  ];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Session report: ${escapeHtml(shortText(title, 120))}</title>
<style>${CSS}</style>
</head>
<body>
${body.join("\n")}
</body>
</html>
`;
}
