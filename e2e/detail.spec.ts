// The detail pane's tools: copy the arguments as JSON or as code, and the history of sent emits.
import { connect, eventRow, expect, openInspector, test, clickRow } from "./support/fixtures";

test("copy as JSON and as code, from an event row", async ({ page, context, inspector, demo }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await openInspector(page, inspector, demo.url);
  await connect(page);
  await page.getByLabel("Event name").fill("add");
  await page.getByLabel("Argument 1 type").selectOption("number");
  await page.getByLabel("Argument 1", { exact: true }).fill("2");
  await page.getByRole("button", { name: "Add argument" }).click();
  await page.getByLabel("Argument 2 type").selectOption("json");
  await page.getByLabel("Argument 2", { exact: true }).fill('{"n": 40}');
  await page.getByRole("button", { name: "Emit", exact: true }).click();

  await clickRow(eventRow(page, "add", "out"));
  const detail = page.getByRole("complementary", { name: "Row detail" });
  await detail.getByRole("button", { name: "Copy as JSON" }).click();
  await expect(detail.getByRole("status")).toHaveText("Arguments copied as JSON");
  expect(JSON.parse(await page.evaluate(() => navigator.clipboard.readText()))).toEqual([2, { n: 40 }]);
  await detail.getByRole("button", { name: "Copy as code" }).click();
  await expect(detail.getByRole("status")).toHaveText("Copied as code");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
    'const reply = await socket.emitWithAck("add", 2, {"n":40});',
  );
});

test("the history of sent emits refills the composer, and is there after a reload", async ({
  page,
  inspector,
  demo,
}) => {
  await openInspector(page, inspector, demo.url);
  await connect(page);
  for (const word of ["first", "second"]) {
    await page.getByLabel("Event name").fill("echo");
    await page.getByLabel("Argument 1", { exact: true }).fill(word);
    await page.getByRole("button", { name: "Emit", exact: true }).click();
    await expect(eventRow(page, "echo", "out")).toHaveCount(word === "first" ? 1 : 2);
  }
  // A refused emit (bad JSON) is not history.
  await page.getByLabel("Argument 1 type").selectOption("json");
  await page.getByLabel("Argument 1", { exact: true }).fill("{oops");
  await page.getByRole("button", { name: "Emit", exact: true }).click();
  await expect(page.getByRole("form", { name: "Emit composer" }).getByRole("alert")).toBeVisible();

  await page.getByText("History (2)").click();
  const sent = page.getByRole("list", { name: "Sent emits" }).getByRole("button");
  await expect(sent).toHaveText(['echo("second")', 'echo("first")']);
  await sent.nth(1).click();
  await expect(page.getByLabel("Argument 1 type")).toHaveValue("text");
  await expect(page.getByLabel("Argument 1", { exact: true })).toHaveValue("first");

  await page.reload();
  await page.getByText("History (2)").click();
  await expect(page.getByRole("list", { name: "Sent emits" }).getByRole("button")).toHaveText([
    'echo("second")',
    'echo("first")',
  ]);
  await page.getByRole("button", { name: "Clear history" }).click();
  await expect(page.getByText("History (0)")).toBeVisible();
});
