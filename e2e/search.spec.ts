// Search that finds: the whole payload, case and regular-expression options, matches marked in the row and detail.
import { connect, eventRow, expect, openInspector, rows, test } from "./support/fixtures";

test("a word at the end of a 2 KB payload is found; a regular expression matches; matches are marked", async ({
  page,
  inspector,
  demo,
}) => {
  await openInspector(page, inspector, demo.url);
  await connect(page);
  // 2 KB of filler, then the word: the row's one-line preview ends long before it.
  await page.getByLabel("Event name").fill("echo");
  await page.getByLabel("Argument 1", { exact: true }).fill(`${"lorem ipsum ".repeat(175)}needle-42`);
  await page.getByRole("button", { name: "Emit", exact: true }).click();
  await page.getByLabel("Event name").fill("other");
  await page.getByLabel("Argument 1", { exact: true }).fill("haystack only");
  await page.getByRole("button", { name: "Emit", exact: true }).click();
  await expect(eventRow(page, "other", "out")).toHaveCount(1);
  await expect(eventRow(page, "echo", "out").locator(".c-text")).not.toContainText("needle");

  const filter = page.getByLabel("Filter", { exact: true });
  await filter.fill("needle-42");
  // The emit and its ack (the echo sends it back): both carry the word; nothing else does.
  await expect(rows(page)).toHaveCount(2);
  await expect(eventRow(page, "echo", "out")).toHaveCount(1);

  // Case: off by default, on when asked.
  await filter.fill("NEEDLE-42");
  await expect(rows(page)).toHaveCount(2);
  await page.getByLabel("match case").check();
  await expect(rows(page)).toHaveCount(0);
  await page.getByLabel("match case").uncheck();

  // A regular expression, and a broken one that says why and hides nothing.
  await page.getByLabel("regular expression").check();
  await filter.fill("needle-\\d{2}\\b|hay(stack)? only");
  await expect(eventRow(page, "echo", "out")).toHaveCount(1);
  await expect(eventRow(page, "other", "out")).toHaveCount(1);
  await filter.fill("needle-(");
  await expect(page.getByRole("toolbar", { name: "Timeline controls" }).getByRole("alert")).toContainText(
    "Not a regular expression",
  );
  await expect(filter).toHaveAttribute("aria-invalid", "true");
  await expect(eventRow(page, "other", "out")).toHaveCount(1);

  // Marked in the row and in the detail.
  await filter.fill("hay");
  const other = eventRow(page, "other", "out");
  await expect(other.locator("mark")).toHaveText(["hay"]);
  await other.click();
  await expect(
    page.getByRole("complementary", { name: "Row detail" }).getByRole("region", { name: "Arguments" }).locator("mark"),
  ).toHaveText(["hay"]);
});
