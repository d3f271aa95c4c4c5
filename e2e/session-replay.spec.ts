import { readFileSync, writeFileSync } from "node:fs";
import { connect, eventRow, expect, openInspector, rows, test } from "./support/fixtures";

test("export the recorded timeline, then open it offline with the same filters and row view", async ({
  page,
  inspector,
  demo,
}, testInfo) => {
  await openInspector(page, inspector, demo.url, { asDemo: true });
  await connect(page);
  await page.getByLabel("Event name").fill("binary");
  await page.getByLabel("Argument 1 type").selectOption("number");
  await page.getByLabel("Argument 1", { exact: true }).fill("20");
  await page.getByRole("button", { name: "Emit", exact: true }).click();
  await expect(eventRow(page, "binary", "out").locator(".c-reply")).toHaveText(/^ack /);
  await page.getByRole("button", { name: "Disconnect", exact: true }).click();
  await expect(page.getByRole("status", { name: "Connection status" })).toContainText("closed");

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Export session" }).click(),
  ]);
  const file = testInfo.outputPath("session.ndjson");
  await download.saveAs(file);
  const lines = readFileSync(file, "utf8").trim().split("\n");
  const header = JSON.parse(lines[0]!);
  expect(header).toMatchObject({ format: "socketio-inspector-session", version: 2, clients: ["client 1"] });
  expect(lines.length - 1).toBe(header.count);

  // A fresh page, offline (the demo server is not needed any more).
  await page.reload();
  await page.getByLabel("Open session file").setInputFiles(file);
  await expect(page.getByRole("status", { name: "Recorded session" })).toContainText(
    `session.ndjson (${header.count} rows), offline`,
  );
  await expect(page.getByRole("status", { name: "Connection status" })).toContainText("idle");
  // The same row view: the emit shows its ack and latency; the ack's binary shows as hex.
  await expect(eventRow(page, "binary", "out").locator(".c-reply")).toHaveText(/^ack \d/);
  await page.getByLabel("Filter", { exact: true }).fill("binary 20 B");
  const ack = rows(page).filter({ has: page.locator('.c-kind:text-is("ack")') });
  await expect(ack).toHaveCount(1);
  await ack.click();
  const detail = page.getByRole("complementary", { name: "Row detail" });
  await detail.getByRole("button", { name: /bytes: binary 20 B/ }).click();
  await expect(detail.getByLabel("Binary, 20 bytes")).toContainText(
    "00000000  00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f",
  );
  // The same filters: by kind.
  await page.getByLabel("Filter", { exact: true }).fill("");
  await page.getByRole("checkbox", { name: "engine" }).check();
  await expect(rows(page).filter({ has: page.locator('.c-kind:text-is("handshake")') })).toHaveCount(1);

  // A broken file says so and leaves the rows on screen.
  const shown = await page.getByText(/\d+ shown/).textContent();
  const broken = testInfo.outputPath("broken.ndjson");
  writeFileSync(broken, lines.slice(0, 3).join("\n") + '\n{"kind": "packet", "seq": \n');
  await page.getByLabel("Open session file").setInputFiles(broken);
  await expect(page.getByRole("toolbar", { name: "Timeline controls" }).getByRole("alert")).toHaveText(
    "broken.ndjson, line 4: not valid JSON (the file may be cut or edited)",
  );
  await expect(page.getByText(/\d+ shown/)).toHaveText(shown!);
});
