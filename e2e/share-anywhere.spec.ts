// Issue 34: a share link made in one inspector opens in another, whatever its port and token. Three runs of the real
// local server (`serve`, and `open <link>`), each with its own port and token, and a real socket.io server.
import { startCli } from "./support/cli";
import { connect, expect, test } from "./support/fixtures";

test("a link made in one run opens in another on another port: the 403 page keeps it, Open link and `open <link>` open it", async ({
  page,
  browser,
  demo,
}) => {
  test.setTimeout(90_000);
  const maker = await startCli(["serve", "--port", "0"]);
  const other = await startCli(["serve", "--port", "0"]);
  const runs = [maker, other];
  const stranger = await browser.newContext();
  try {
    expect(new URL(other.url).port).not.toBe(new URL(maker.url).port);
    expect(new URL(other.url).searchParams.get("token")).not.toBe(new URL(maker.url).searchParams.get("token"));

    // The maker's inspector: a server reached through its local server (Route: relay).
    await page.goto(maker.url);
    await page.getByLabel("Server URL").fill(demo.url);
    await page.getByLabel("Route").selectOption("relay");
    await page.getByRole("button", { name: "Create link" }).click();
    const link = await page.getByLabel("Share link").inputValue();
    expect(new URL(link).port).toBe(new URL(maker.url).port);
    expect(link).not.toContain("token=");
    const fragment = new URL(link).hash;

    // Opened as it is, without the maker's token: the 403 page says how, and keeps the link (its script reads the
    // fragment, which never reached the server). Its CSP refuses nothing it needs (the console says any refusal).
    const refusals: string[] = [];
    const landing = await stranger.newPage();
    landing.on("console", (m) => /Content Security Policy/i.test(m.text()) && refusals.push(m.text()));
    const answer = await landing.goto(link);
    expect(answer?.status()).toBe(403);
    await expect(landing.getByRole("heading", { name: "You opened a share link" })).toBeVisible();
    await expect(landing.getByLabel("The link")).toHaveValue(link);
    await expect(landing.locator("#open-command")).toHaveText(`npx socketio-inspector open '${fragment}'`);
    expect(refusals).toEqual([]);

    // Another run (its own port and token): pasted in Open link. The banner says which route each client takes.
    const pasted = await stranger.newPage();
    await pasted.goto(other.url);
    await pasted.getByLabel("Link to open").fill(link);
    await pasted.getByRole("button", { name: "Open link" }).click();
    const dialog = pasted.getByRole("dialog", { name: "Preset from a link" });
    await expect(dialog).toContainText(demo.url);
    await expect(dialog).toContainText("through the inspector's server");
    expect(demo.io.engine.clientsCount).toBe(0);
    await dialog.getByRole("button", { name: "Use this preset" }).click();
    await expect(pasted.getByLabel("Server URL")).toHaveValue(demo.url);
    await expect(pasted.getByLabel("Route")).toHaveValue("relay");
    await connect(pasted);
    await expect(pasted.getByRole("status", { name: "Connection status" })).toContainText("open");

    // `socketio-inspector open <link>`: a third run, started on the link's preset.
    const opened = await startCli(["open", link, "--port", "0", "--no-open"]);
    runs.push(opened);
    expect(opened.output).toContain("The link holds the preset “Shared connection”");
    expect(opened.output).toContain(`client 1 to ${demo.url} (through the inspector's server)`);
    expect(opened.url.endsWith(fragment)).toBe(true);
    expect(new URL(opened.url).port).not.toBe(new URL(maker.url).port);
    const third = await stranger.newPage();
    await third.goto(opened.url);
    const banner = third.getByRole("dialog", { name: "Preset from a link" });
    await expect(banner).toContainText(demo.url);
    await banner.getByRole("button", { name: "Use this preset" }).click();
    await expect(third.getByLabel("Server URL")).toHaveValue(demo.url);
  } finally {
    await stranger.close();
    await Promise.all(runs.map((r) => r.stop()));
  }
});

test("open refuses a link with no preset before anything starts", async () => {
  await expect(startCli(["open", "http://127.0.0.1:5173/?token=abc", "--port", "0", "--no-open"])).rejects.toThrow(
    "Open link: this is not a share link: it has no #preset= part",
  );
});
