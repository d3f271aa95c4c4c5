// `socketio-inspector serve`: the built inspector served as it is (no rebuild when the build is current), and with
// --target the same-origin proxy in front of a server.
import { connect, expect, test } from "./support/fixtures";
import { startCli } from "./support/cli";

test("serve: the current build as it is; the page works", async ({ page }) => {
  const { output, url, stop } = await startCli(["serve", "--port", "0"]);
  try {
    expect(output).toContain("The inspector's build is current: serving it as it is.");
    await page.goto(url);
    await expect(page.getByRole("heading", { name: "Socket.IO Inspector" })).toBeVisible();
  } finally {
    await stop();
  }
});

test("serve --target: the proxy in front of the demo server; the page connects through it", async ({ page, demo }) => {
  const { url, stop } = await startCli(["serve", "--port", "0", "--target", demo.url]);
  try {
    expect(url).toMatch(/\?token=/);
    await page.goto(url);
    await expect(page.getByLabel("Server URL")).toHaveValue(new URL(url).origin);
    await connect(page);
  } finally {
    await stop();
  }
});
