import type { FiguresTable } from "../core/charts/figures-table.js";

/**
 * A table of the figures as terminal lines: a title, a header, then columns padded to their widest cell (numbers
 * to the right). Cells are already cut short by the figures; the Output escapes what a terminal must not see.
 */
export function tableLines(table: FiguresTable): string[] {
  const widths = table.columns.map((c, i) => Math.max(c.length, ...table.rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (table.numeric[i] ? cell.padStart(widths[i] as number) : cell.padEnd(widths[i] as number)))
      .join("  ")
      .trimEnd();
  const lines = [table.title];
  if (table.rows.length === 0) lines.push("  (none)");
  else lines.push(`  ${line(table.columns)}`, ...table.rows.map((r) => `  ${line(r)}`));
  if (table.note) lines.push(`  ${table.note}`);
  return lines;
}
