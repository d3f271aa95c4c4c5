import { accessSync, constants, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { compareSessions } from "../core/charts/compare.js";
import { compareToMarkdown } from "../core/charts/compare-markdown.js";
import { figuresTables } from "../core/charts/figures-table.js";
import { SessionDigest } from "../core/charts/session-digest.js";
import { SessionFigures } from "../core/charts/session-figures.js";
import { usage, type ReportOptions } from "./args.js";
import { reportHtml } from "./report-html.js";
import { streamRecordFile } from "./report-read.js";
import { tableLines } from "./report-text.js";
import type { Output } from "./terminal.js";

/** Checks that an output file can be written, before reading a session that may take a while. */
function checkWritable(option: string, file: string | undefined): void {
  if (file === undefined) return;
  try {
    accessSync(dirname(resolve(file)), constants.W_OK);
  } catch {
    usage("cannot-write", { option, file });
  }
}

/**
 * `report <session>`: the session's figures on the terminal (and --html, as one HTML file with charts);
 * `report <a> --compare <b>`: the two compared (and --markdown). Sessions are streamed: only figures are kept.
 * @returns 0; a missing or malformed file, or a bad option, throws a UsageError (exit 2)
 */
export async function reportCommand(options: ReportOptions, o: Output): Promise<number> {
  checkWritable("--html", options.html);
  checkWritable("--markdown", options.markdown);
  if (options.compare !== undefined) return compareCommand(options.file, options.compare, options.markdown, o);

  const figures = new SessionFigures();
  await streamRecordFile(options.file, (r) => figures.add(r), o);
  o.out(`${options.file}`);
  for (const table of figuresTables(figures)) {
    o.out("");
    for (const line of tableLines(table)) o.out(line);
  }
  if (options.html) {
    writeFileSync(options.html, reportHtml(figures, options.file));
    o.out("");
    o.out(`report: ${options.html} (one file with its charts: open it in a browser, offline)`);
  }
  return 0;
}

async function compareCommand(fileA: string, fileB: string, markdown: string | undefined, o: Output): Promise<number> {
  const a = new SessionDigest(fileA);
  await streamRecordFile(fileA, (r) => a.add(r), o);
  const b = new SessionDigest(fileB);
  await streamRecordFile(fileB, (r) => b.add(r), o);
  const text = compareToMarkdown(compareSessions(a, b));
  for (const line of text.trimEnd().split("\n")) o.out(line);
  if (markdown) {
    writeFileSync(markdown, text);
    o.out("");
    o.out(`comparison: ${markdown}`);
  }
  return 0;
}
