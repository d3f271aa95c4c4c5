// The clients' worker (`?worker=1`): the same inspector with its live clients run by a Web Worker of the page, in
// real Chromium against the demo server. The rest of the suite runs the default (the same host on the page's thread).
import { clickRow, connect, eventRow, expect, openInspector, test } from "./support/fixtures";

const detail = (page: import("@playwright/test").Page) => page.getByRole("complementary", { name: "Row detail" });

test("in the worker: an emit's ack comes back paired, binary shows its bytes, a server's ask is answered from its row", async ({
  page,
  inspector,
  demo,
}) => {
  await openInspector(page, `${inspector}?worker=1`, demo.url);
  await connect(page);
  await page.getByLabel("Event name").fill("add");
  await page.getByLabel("Argument 1 type").selectOption("number");
  await page.getByLabel("Argument 1", { exact: true }).fill("2");
  await page.getByRole("button", { name: "Add argument" }).click();
  await page.getByLabel("Argument 2 type").selectOption("number");
  await page.getByLabel("Argument 2", { exact: true }).fill("40");
  await page.getByRole("button", { name: "Emit", exact: true }).click();
  await expect(eventRow(page, "add", "out").locator(".c-reply")).toHaveText(/^ack /);

  await page.getByLabel("Event name").fill("binary");
  await page.getByRole("button", { name: "Remove argument 2" }).click();
  await page.getByLabel("Argument 1", { exact: true }).fill("4");
  await page.getByRole("button", { name: "Emit", exact: true }).click();
  await expect(eventRow(page, "binary", "out").locator(".c-reply")).toHaveText(/^ack /);
  await clickRow(eventRow(page, "binary", "out"));
  await expect(detail(page)).toContainText("bytes: binary 4 B");

  await page.getByLabel("Event name").fill("ask-me");
  await page.getByRole("button", { name: "Emit", exact: true }).click();
  await clickRow(eventRow(page, "question", "in").first());
  await page.getByRole("button", { name: "Send ack" }).click();
  await expect(detail(page)).toContainText("Ack sent.");
  await expect(eventRow(page, "answer-received", "in")).toHaveCount(1);
});

test("in the worker: a bad option and an emit over the server's limit are refused at once, in the page's words", async ({
  page,
  inspector,
  demo,
}) => {
  test.setTimeout(90_000); // 21 MB typed into the composer takes most of 30 s on a slow shared machine
  await openInspector(page, `${inspector}?worker=1`, demo.url);
  await page.getByText("Options").click();
  await page.getByLabel("Randomization factor").fill("2");
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await expect(page.getByRole("form", { name: "Connection" }).getByRole("alert")).toHaveText(
    'Option "randomizationFactor" must be a number from 0 to 1, got 2',
  );
  await page.getByLabel("Randomization factor").fill("0.5");
  await connect(page);
  await page.getByLabel("Event name").fill("echo");
  await page.getByLabel("Argument 1 type").selectOption("text");
  await page.getByLabel("Argument 1", { exact: true }).evaluate((el: HTMLInputElement) => {
    el.value = "x".repeat(21_000_000);
    el.dispatchEvent(new Event("input"));
  });
  await page.getByRole("button", { name: "Emit", exact: true }).click();
  await expect(page.getByRole("form", { name: "Emit composer" }).getByRole("alert")).toContainText(
    "the server accepts at most 19.1 MB per packet (maxPayload). Nothing was sent.",
  );
  await expect(eventRow(page, "echo", "out")).toHaveCount(0);
});
