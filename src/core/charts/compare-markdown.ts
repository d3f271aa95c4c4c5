import { clockTime } from "../shared/dates.js";
import type { EventRef, SessionComparison } from "./compare.js";
import { countText, msText, shortText } from "./format.js";
import { PERCENTILE_ERROR } from "./latency-histogram.js";

/**
 * A comparison as Markdown, for a pull request or an issue. Whatever came from the sessions (event names,
 * namespaces, clients, file names, payload previews) is cut short and has its Markdown and HTML characters
 * escaped, so that it reads as the text it is and cannot become a link, an image, markup or a table cell break.
 */
export function markdownText(text: string, max = 80): string {
  return shortText(text, max).replace(/[\\`*_{}[\]<>()#+!|~&]/g, (c) => `\\${c}`);
}

const eventText = (e: EventRef) => `${e.dir} ${markdownText(e.nsp, 40)} ${markdownText(e.event, 60)}`;
const where = (side: "a" | "b", e: EventRef) =>
  `${side} #${e.index} (${markdownText(e.client, 40)}, ${clockTime(e.t)})`;

function more(total: number, listed: number): string[] {
  return total > listed ? [`- … and ${countText(total - listed)} more`] : [];
}

export function compareToMarkdown(c: SessionComparison): string {
  const { alignment: al } = c;
  const lines: string[] = [
    "# Session comparison",
    "",
    "| | a | b |",
    "|---|---|---|",
    `| session | ${markdownText(c.a.name)} | ${markdownText(c.b.name)} |`,
    `| records | ${countText(c.a.records)} | ${countText(c.b.records)} |`,
    `| events | ${countText(c.a.events)} | ${countText(c.b.events)} |`,
    `| events aligned | ${countText(c.a.compared)} | ${countText(c.b.compared)} |`,
    "",
    "## Event counts",
    "",
    "| event | a in | a out | b in | b out | difference |",
    "|---|---:|---:|---:|---:|---:|",
  ];
  for (const r of c.counts) {
    const diff = r.b.in + r.b.out - (r.a.in + r.a.out);
    lines.push(
      `| ${markdownText(r.event)} | ${countText(r.a.in)} | ${countText(r.a.out)} | ${countText(r.b.in)} | ` +
        `${countText(r.b.out)} | ${diff === 0 ? "=" : `${diff > 0 ? "+" : "−"}${countText(Math.abs(diff))}`} |`,
    );
  }
  if (c.countsLeftOut.names)
    lines.push(
      "",
      `${countText(c.countsLeftOut.names)} more event names not listed` +
        (c.countsLeftOut.differing
          ? ` (${countText(c.countsLeftOut.differing)} of them differ).`
          : ", with equal counts."),
    );

  lines.push("", "## Sequence", "");
  if (al.aligned)
    lines.push(
      `Aligned ${al.byClient ? "client by client" : "as one sequence"} on direction, namespace and event name: ` +
        `${countText(al.matched)} matched, ${countText(al.totals.missing)} missing from b, ` +
        `${countText(al.totals.extra)} extra in b, ${countText(al.totals.reordered)} reordered, ` +
        `${countText(al.totals.changed)} with different payloads.`,
    );
  else lines.push("Not aligned.");
  for (const note of al.notes) lines.push("", `> ${markdownText(note, 300)}`);

  if (al.totals.missing) {
    lines.push("", "### Missing from b (in a only)", "");
    for (const e of al.missing) lines.push(`- ${eventText(e)}: ${where("a", e)}`);
    lines.push(...more(al.totals.missing, al.missing.length));
  }
  if (al.totals.extra) {
    lines.push("", "### Extra in b (not in a)", "");
    for (const e of al.extra) lines.push(`- ${eventText(e)}: ${where("b", e)}`);
    lines.push(...more(al.totals.extra, al.extra.length));
  }
  if (al.totals.reordered) {
    lines.push("", "### Reordered", "");
    for (const r of al.reordered) lines.push(`- ${eventText(r.a)}: ${where("a", r.a)} → ${where("b", r.b)}`);
    lines.push(...more(al.totals.reordered, al.reordered.length));
  }
  if (al.totals.changed) {
    lines.push("", "### Payload differences", "");
    for (const ch of al.changed) {
      lines.push(`- ${eventText(ch.a)}: ${where("a", ch.a)} ↔ ${where("b", ch.b)}`);
      for (const p of ch.changes)
        lines.push(`  - ${markdownText(p.path, 120)}: ${markdownText(p.a, 70)} → ${markdownText(p.b, 70)}`);
      if (ch.more) lines.push("  - … and more");
    }
    lines.push(...more(al.totals.changed, al.changed.length));
  }

  lines.push("", "## Ack latency", "");
  if (c.latency.length === 0) lines.push("No acks in either session.");
  else {
    lines.push(
      "| event | asked by | a acks | a p50 | a p95 | a p99 | b acks | b p50 | b p95 | b p99 |",
      "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    );
    for (const r of c.latency) {
      const side = (s: typeof r.a) =>
        s ? `${countText(s.count)} | ${msText(s.p50)} | ${msText(s.p95)} | ${msText(s.p99)}` : "– | – | – | –";
      lines.push(
        `| ${markdownText(r.event)} | ${r.dir === "out" ? "client" : "server"} | ${side(r.a)} | ${side(r.b)} |`,
      );
    }
    lines.push(
      "",
      `Percentiles from log-scale histograms, within ${(PERCENTILE_ERROR * 100).toFixed(1)} % of the exact values.`,
    );
  }
  return `${lines.join("\n")}\n`;
}
