// Both ends of a message in the page: the Server view joined to streams already running, each server row paired with
// our client's row of the same payload, and a jump link that reveals its row under a filter that hid it.
import type { Locator, Page } from "@playwright/test";
import { ADMIN, adminServer } from "./support/admin-server";
import { clickRow, connect, expect, openInspector, rows, test } from "./support/fixtures";

const panel = (page: Page) => page.getByRole("region", { name: "Server" });
const detail = (page: Page) => page.getByRole("complementary", { name: "Row detail" });

/** The admin-ui server with a 1 Hz `tick` and a 200/s `stream` to every socket, running from the start. */
async function streamingServer() {
  const server = await adminServer(4);
  let tick = 0;
  let n = 0;
  const ticks = setInterval(() => server.io.emit("tick", { n: ++tick }), 1000);
  const stream = setInterval(() => server.io.emit("stream", { n: ++n }), 5);
  return {
    ...server,
    close: () => {
      clearInterval(ticks);
      clearInterval(stream);
      server.close();
    },
  };
}

async function connectView(page: Page) {
  await panel(page).getByLabel("Admin username").fill(ADMIN.username);
  await panel(page).getByLabel("Admin password").fill(ADMIN.password);
  await panel(page).getByRole("button", { name: "Connect server view" }).click();
  await expect(panel(page).getByRole("status", { name: "Server view status" })).toContainText("Connected");
}

/** The server's rows of what it sent to our client, of one event. */
const serverSent = (page: Page, event: string) =>
  rows(page)
    .filter({ has: page.locator(".c-event").getByText(event, { exact: true }) })
    .filter({ hasText: "(client 1)" })
    .filter({ hasText: " · to " });

const payloadOf = async (row: Locator) => /\{n: (\d+)\}/.exec((await row.textContent()) ?? "")?.[1];

/** Only the server's rows of `event` in view (the list draws only what is in view: a stream fills it fast). */
async function showServerRows(page: Page, event: string) {
  await page.getByRole("group", { name: "Kinds" }).getByLabel("server").check();
  await page.getByLabel("Filter", { exact: true }).fill(event);
}

test("the Server view joined to a stream already running pairs each server row with the client row of its payload", async ({
  page,
  inspector,
}) => {
  test.setTimeout(90_000);
  const server = await streamingServer();
  try {
    await openInspector(page, inspector, server.url);
    await connect(page);
    // The streams run before the view comes: the client has had a few ticks.
    await page.getByLabel("Filter", { exact: true }).fill("tick");
    await expect(rows(page).filter({ hasText: "{n: 2}" })).not.toHaveCount(0);
    await connectView(page);
    await showServerRows(page, "stream");
    await expect.poll(() => serverSent(page, "stream").count()).toBeGreaterThan(10);
    await page.getByRole("button", { name: "Pause" }).click();
    const selected = rows(page).and(page.locator('[aria-selected="true"]'));
    for (let i = 0; i < 10; i++) {
      await showServerRows(page, "stream");
      await clickRow(serverSent(page, "stream").nth(i));
      // The server's row as selected (the list draws rows as they scroll: read what was chosen, not what was aimed at).
      await expect(selected).toContainText(" · to ");
      const n = await payloadOf(selected);
      expect(n).toMatch(/^\d+$/);
      await detail(page)
        .getByRole("region", { name: "Other end" })
        .getByRole("button", { name: "Show client 1's row" })
        .click();
      await expect(selected).toHaveAttribute("data-dir", "in");
      expect(await payloadOf(selected)).toBe(n);
    }
  } finally {
    server.close();
  }
});

test("a jump link under a filter that hides its row: the filter is lifted and said, the row shown", async ({
  page,
  inspector,
}) => {
  const server = await streamingServer();
  try {
    await openInspector(page, inspector, server.url);
    await connect(page);
    await connectView(page);
    await showServerRows(page, "tick");
    await expect(serverSent(page, "tick")).not.toHaveCount(0);
    await page.getByRole("button", { name: "Pause" }).click();
    const row = serverSent(page, "tick").last();
    const n = await payloadOf(row);
    expect(n).toMatch(/^\d+$/);
    await clickRow(row);
    await detail(page)
      .getByRole("region", { name: "Other end" })
      .getByRole("button", { name: "Show client 1's row" })
      .click();
    await expect(page.getByText("The filter hid that row: it was cleared to show it")).toBeVisible();
    await expect(page.getByRole("group", { name: "Kinds" }).getByLabel("server")).not.toBeChecked();
    await expect(page.getByLabel("Filter", { exact: true })).toHaveValue("");
    const shown = rows(page).and(page.locator('[aria-selected="true"]'));
    await expect(shown).toHaveAttribute("data-dir", "in");
    expect(await payloadOf(shown)).toBe(n);
    await expect(detail(page)).toContainText(`n: ${n}`);
  } finally {
    server.close();
  }
});
