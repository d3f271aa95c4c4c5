import { clockTime } from "../shared/dates.js";
import type { EventRef, SessionComparison } from "./compare.js";
import { counted, countText, msText, shortText } from "./format.js";
import { PERCENTILE_ERROR } from "./latency-histogram.js";

/**
 * A comparison as Markdown, for a pull request or an issue. Whatever came from the sessions (event names,
 * namespaces, clients, file names, payload previews) is cut short and put in a code span, so that it reads as the
 * text it is and cannot become a link, a mention, an image, markup or a table cell break.
 *
 * Why code spans, and not escapes: GitHub turns `https://…`, `www.…`, `mailto:…`, `name@host.tld`, `@name` and `#12`
 * into links (and a mention notifies that user) after it has read the Markdown, on the text itself, so a backslash
 * or an entity (`&#64;`) is gone by then. Invisible breakers (a word joiner in `@\u2060name`) fool GitHub's patterns
 * but not markdown-it's linkify (VS Code's preview), which still links `bob@\u2060host.com`, and they travel with
 * any text copied out of the page. A code span's content is literal in CommonMark and every GitHub-flavoured
 * renderer: no autolink, no mention, no reference, no entity, no markup (see test/core/charts/compare-markdown.test.ts,
 * rendered by marked, markdown-it, micromark and remark with remark-github).
 */
function codeSpan(text: string): string {
  if (text === "") return "";
  // A fence longer than the longest run of backticks inside.
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  // A space inside each end when the text starts or ends with a backtick or a space: CommonMark takes one space off
  // each end of a code span (when both have one), so the text keeps its own. Not for text of spaces only (kept whole).
  const pad = /^[` ]|[` ]$/.test(text) && text.trim() !== "" ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** Session text in running Markdown (a list item, a quote): cut short, on one line, in a code span. */
export function markdownCode(text: string, max = 80): string {
  return codeSpan(shortText(text, max));
}

/**
 * Session text in a table cell: as {@link markdownCode}, with `|` escaped. A GitHub-flavoured table splits its row
 * at every `|` not escaped, code spans included, and takes the backslash off again before it reads the cell.
 */
export function markdownCell(text: string, max = 80): string {
  return codeSpan(shortText(text, max).replace(/\|/g, "\\|"));
}

const eventText = (e: EventRef) => `${e.dir} ${markdownCode(e.nsp, 40)} ${markdownCode(e.event, 60)}`;
// The place in a code span as well: GitHub would link a bare "#3" to the repository's issue 3.
const where = (side: "a" | "b", e: EventRef) =>
  `${codeSpan(`${side} #${e.index}`)} (${markdownCode(e.client, 40)}, ${clockTime(e.t)})`;

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
    `| session | ${markdownCell(c.a.name)} | ${markdownCell(c.b.name)} |`,
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
      `| ${markdownCell(r.event)} | ${countText(r.a.in)} | ${countText(r.a.out)} | ${countText(r.b.in)} | ` +
        `${countText(r.b.out)} | ${diff === 0 ? "=" : `${diff > 0 ? "+" : "−"}${countText(Math.abs(diff))}`} |`,
    );
  }
  if (c.countsLeftOut.names)
    lines.push(
      "",
      `${counted(c.countsLeftOut.names, "more event name")} not listed` +
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
  // A note is our words around a file or client name: the whole of it in a code span.
  for (const note of al.notes) lines.push("", `> ${markdownCode(note, 300)}`);

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
        lines.push(`  - ${markdownCode(p.path, 120)}: ${markdownCode(p.a, 70)} → ${markdownCode(p.b, 70)}`);
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
        `| ${markdownCell(r.event)} | ${r.dir === "out" ? "client" : "server"} | ${side(r.a)} | ${side(r.b)} |`,
      );
    }
    lines.push(
      "",
      `Percentiles from log-scale histograms, within ${(PERCENTILE_ERROR * 100).toFixed(1)} % of the exact values.`,
    );
  }
  return `${lines.join("\n")}\n`;
}
