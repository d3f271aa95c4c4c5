import type { Locator } from "@playwright/test";

/** The rows of a table whose cells include one reading exactly `text` (the row's name, as its first cell). */
export function rowWith(table: Locator, text: string): Locator {
  return table.getByRole("row").filter({ has: table.page().getByRole("cell", { name: text, exact: true }) });
}

/**
 * The cell of a table's row under the column headed `header`, found by the header's text: a column added or moved
 * changes nothing for the test, and a column renamed fails with the names the table has.
 */
export async function cellUnder(table: Locator, row: Locator, header: string): Promise<Locator> {
  const headers = (await table.getByRole("columnheader").allTextContents()).map((h) => h.trim());
  const index = headers.indexOf(header);
  if (index === -1) throw new Error(`no column "${header}" in the table: its columns are ${headers.join(", ")}`);
  return row.getByRole("cell").nth(index);
}
