// The page at 390 px after use (issue 34): the composer uses the height it has and its History is in reach, the header
// is short, and axe finds nothing on any of the three views (Connection had no main landmark).
import type { Page } from "@playwright/test";
import { axeViolations } from "./support/axe";
import { clickRow, connect, eventRow, expect, test } from "./support/fixtures";

test.use({ viewport: { width: 390, height: 844 } });

const view = (page: Page, name: "Connection" | "Timeline" | "Composer") =>
  page.getByRole("navigation", { name: "Views" }).getByRole("button", { name, exact: true }).click();

/** Connected to the demo, three emits sent from the composer (their rows and acks in the timeline). */
async function used(page: Page, inspector: string, demoUrl: string): Promise<void> {
  await page.goto(inspector);
  await view(page, "Connection");
  await page.getByLabel("Server URL").fill(demoUrl);
  await connect(page);
  await view(page, "Composer");
  for (const event of ["echo", "add", "ask-me"]) {
    await page.getByLabel("Event name").fill(event);
    await page.getByRole("button", { name: "Emit", exact: true }).click();
  }
  await view(page, "Timeline");
  await expect(eventRow(page, "question", "in")).toHaveCount(1);
}

test("the composer takes the height below the views, and opened History shows every emit sent", async ({
  page,
  inspector,
  demo,
}) => {
  await used(page, inspector, demo.url);
  await view(page, "Composer");
  const composer = page.getByRole("form", { name: "Emit composer" });
  await composer.getByText(/^History \(3\)/).click();
  const sent = composer.getByRole("list", { name: "Sent emits" }).getByRole("button");
  await expect(sent).toHaveCount(3);
  for (const entry of await sent.all()) await expect(entry).toBeInViewport({ ratio: 1 });
  await expect(composer.getByRole("button", { name: "Clear history" })).toBeInViewport({ ratio: 1 });
  const box = (await composer.boundingBox())!;
  expect(box.y + box.height, "the composer's bottom").toBeGreaterThanOrEqual(844 - 2);
});

test("the header, connected and upgraded, takes at most an eighth of the screen", async ({ page, inspector, demo }) => {
  await used(page, inspector, demo.url);
  const status = page.getByRole("status", { name: "Connection status" });
  await expect(status).toContainText("upgraded to websocket");
  await expect(status).toContainText("maxPayload");
  const header = (await page.getByRole("banner").boundingBox())!;
  expect(header.height).toBeLessThanOrEqual(844 / 8);
});

for (const theme of ["light", "dark"] as const) {
  test(`${theme}: after use, axe finds nothing on the Connection, Timeline (a row open) and Composer (History open) views`, async ({
    page,
    inspector,
    demo,
  }) => {
    await page.emulateMedia({ colorScheme: theme });
    await used(page, inspector, demo.url);
    await clickRow(eventRow(page, "question", "in"));
    await expect(page.getByRole("complementary", { name: "Row detail" })).toContainText("The server asked for an ack");
    expect(await axeViolations(page), "Timeline, a row open").toEqual([]);
    await page.keyboard.press("Escape");
    await view(page, "Composer");
    await page
      .getByRole("form", { name: "Emit composer" })
      .getByText(/^History \(/)
      .click();
    expect(await axeViolations(page), "Composer, History open").toEqual([]);
    await view(page, "Connection");
    await expect(page.getByLabel("Server URL")).toBeVisible();
    expect(await axeViolations(page), "Connection").toEqual([]);
    await expect(page.getByRole("main")).toHaveAccessibleName("Connection"); // the view shown is the main landmark
  });
}
