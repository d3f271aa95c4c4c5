// Scenarios in the page: built from the timeline with "Expect this", run in the page against a real server, passing;
// then the server's reply changes and the same scenario fails with the diff and the rows around it.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";
import { connect, eventRow, expect, openInspector, rows, test, clickRow, withDemo } from "./support/fixtures";

test("build a scenario with Expect this, run it, see it pass; change the server's reply, see the diff", async ({
  page,
  inspector,
  demo,
}) => {
  let version = "v1";
  const http = createServer();
  const io = new Server(http, { cors: { origin: "*" } });
  io.on("connection", (socket) => {
    socket.emit("hello", { motd: "welcome aboard" });
    socket.on("version", (ack: (v: unknown) => void) => ack({ version, build: 7 }));
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  try {
    // Told of the demo, whose preset is the one the scenario is kept in at the end; the form points at this server.
    await page.goto(withDemo(inspector, demo.url));
    await page.getByLabel("Server URL").fill(url);
    await connect(page);

    // An emit with an ack, sent from the composer.
    await page.getByLabel("Event name").fill("version");
    await page.getByRole("button", { name: "Remove argument 1" }).click();
    await page.getByRole("button", { name: "Emit", exact: true }).click();

    // Its ack, then the server's hello: each becomes a step with "Expect this".
    const detail = page.getByRole("complementary", { name: "Row detail" });
    const notice = page.getByRole("status", { name: "Scenario notice" });
    await clickRow(
      rows(page)
        .filter({ has: page.locator('.c-kind:text-is("ack")') })
        .first(),
    );
    await detail.getByRole("button", { name: "Expect this" }).click();
    await expect(notice).toHaveText("Added: client 1 emits “version” and checks its ack");
    await clickRow(eventRow(page, "hello", "in"));
    await detail.getByRole("button", { name: "Expect this" }).click();
    await expect(notice).toContainText("Added: client 1 expects “hello”");

    const panel = page.getByRole("region", { name: "Scenario" });
    const steps = panel
      .getByRole("list", { name: "Steps" })
      .getByRole("listitem")
      .filter({ has: page.locator(".step-head") });
    await expect(steps).toHaveText([
      /1\. connect client 1/,
      /2\. client 1 emits “version” on \/ and expects an ack/,
      /3\. client 1 expects “hello” on \/ within 2000 ms/,
    ]);

    // The hello step can be read and loosened: its JSON is the exact message.
    await panel.getByRole("button", { name: "Edit step 3" }).click();
    const editor = panel.getByLabel("Step 3 (JSON)");
    await expect(editor).toContainText('"motd": "welcome aboard"');
    await panel.getByRole("button", { name: "Cancel" }).click();

    await panel.getByRole("button", { name: "Run scenario" }).click();
    const result = panel.getByRole("status", { name: "Scenario result" });
    await expect(result).toHaveText("3 passed, 0 failed, 0 not run");
    await expect(steps.nth(1).getByRole("img", { name: "passed" })).toBeVisible();

    // The server changes its reply: the same scenario fails at the ack, with what was expected and what came.
    version = "v2";
    await panel.getByRole("button", { name: "Run scenario" }).click();
    await expect(result).toHaveText("1 passed, 1 failed, 1 not run");
    const why = panel.getByRole("group", { name: "Why step 2 failed" });
    await expect(why).toContainText("The ack for “version” did not match");
    const diff = why.getByRole("definition");
    await expect(diff).toHaveText(['− expected "v1"', '+ got "v2"']);
    await expect(why.getByRole("term")).toHaveText("at [0].version");
    // The rows around it, in the timeline; one click selects it there.
    const aroundList = why.getByRole("list", { name: "Rows around it" });
    // The row the failure is about, in bold among its neighbours: the ack that came.
    await expect(aroundList.locator("li[data-self]")).toContainText("client 1 ack #");
    await expect(aroundList.locator("li[data-self]")).toContainText('version: "v2"');
    const around = aroundList.getByRole("button");
    await around.last().click();
    await expect(rows(page).and(page.locator('[aria-selected="true"]'))).toHaveCount(1);

    // Loosened by an edit, it passes again against the new server.
    await panel.getByRole("button", { name: "Edit step 2" }).click();
    const step2 = panel.getByLabel("Step 2 (JSON)");
    await step2.fill(
      JSON.stringify({
        kind: "emit",
        client: "client 1",
        nsp: "/",
        event: "version",
        args: [],
        ack: { timeout: 2000, match: [{ version: { $regex: "^v\\d+$" }, build: { $type: "number" } }] },
      }),
    );
    await panel.getByRole("button", { name: "Apply" }).click();
    await panel.getByRole("button", { name: "Run scenario" }).click();
    await expect(result).toHaveText("3 passed, 0 failed, 0 not run");

    // A broken edit is refused by field, and the step stays as it was.
    await panel.getByRole("button", { name: "Edit step 3" }).click();
    await panel
      .getByLabel("Step 3 (JSON)")
      .fill('{"kind": "expect", "client": "client 1", "nsp": "/", "event": "hello"}');
    await panel.getByRole("button", { name: "Apply" }).click();
    await expect(panel.getByRole("alert")).toHaveText("Step 3: within must be a number");
    await expect(steps.nth(2)).toContainText("within 2000 ms");

    // Kept in the chosen preset.
    await page.getByLabel("Preset", { exact: true }).selectOption("Demo server");
    await panel.getByLabel("Scenario name").fill("Version check");
    await panel.getByRole("button", { name: "Save in preset" }).click();
    await expect(notice).toHaveText("Saved the scenario “Version check” in “Demo server”");
    const stored = await page.evaluate(() => localStorage.getItem("socketio-inspector:presets") ?? "");
    expect(stored).toContain("Version check");
  } finally {
    io.close();
    http.closeAllConnections();
    http.close();
  }
});

test("the demo preset's example scenario runs in the page: two clients appear, every step passes", async ({
  page,
  inspector,
  demo,
}) => {
  await page.goto(withDemo(inspector, demo.url));
  await page.getByLabel("Preset", { exact: true }).selectOption("Demo server");
  await page.getByRole("button", { name: "Load", exact: true }).click();
  await expect(page.getByLabel("Server URL")).toHaveValue(demo.url); // the preset of the demo the page was told of
  const panel = page.getByRole("region", { name: "Scenario" });
  await panel.getByText("Scenario", { exact: true }).click();
  await panel.getByRole("button", { name: "Load scenario" }).click();
  await expect(panel.getByLabel("Scenario name")).toHaveValue("Rooms, acks and recovery");

  // One more step, from the composer (client 1 sends an echo at the end). The preset put its first saved emit in the
  // composer: a JSON argument.
  await page.getByLabel("Event name").fill("echo");
  await page.getByLabel("Argument 1", { exact: true }).fill('{"last": "words"}');
  await page.getByRole("button", { name: "Add to scenario" }).click();
  await expect(page.getByRole("status", { name: "Scenario notice" })).toHaveText("Added: client 1 emits “echo”");
  // client 1 had no step yet: its connect step came first.
  await expect(panel.getByRole("listitem", { name: /^Step 13: connect client 1$/ })).toBeVisible();

  await panel.getByRole("button", { name: "Run scenario" }).click();
  await expect(panel.getByRole("status", { name: "Scenario result" })).toHaveText("14 passed, 0 failed, 0 not run", {
    timeout: 20_000,
  });
  // The scenario's clients are the inspector's own: tabs for them, and their rows in the timeline.
  await expect(page.getByRole("tab", { name: /^alice/ })).toBeVisible();
  await expect(page.getByRole("tab", { name: /^bob/ })).toBeVisible();
  await page.getByLabel("Filter", { exact: true }).fill("room-message");
  await expect(eventRow(page, "room-message", "in").locator(".c-client")).toHaveText("bob");
});

test("a $regex that backtracks for ever runs off the page's thread: the page answers while it runs, and the step fails saying the pattern took too long", async ({
  page,
  inspector,
}) => {
  const http = createServer();
  const io = new Server(http, { cors: { origin: "*" } });
  io.on("connection", (socket) => socket.emit("name", `${"a".repeat(30)}!`));
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  try {
    await openInspector(page, inspector, `http://127.0.0.1:${(http.address() as AddressInfo).port}`);
    await connect(page);
    await clickRow(eventRow(page, "name", "in"));
    await page.getByRole("complementary", { name: "Row detail" }).getByRole("button", { name: "Expect this" }).click();
    const panel = page.getByRole("region", { name: "Scenario" });
    await panel.getByRole("button", { name: "Edit step 2" }).click();
    await panel
      .getByLabel("Step 2 (JSON)")
      .fill(
        '{"kind": "expect", "client": "client 1", "nsp": "/", "event": "name", "args": [{"$regex": "^(a+)+$"}], "within": 4000}',
      );
    await panel.getByRole("button", { name: "Apply" }).click();
    await panel.getByRole("button", { name: "Run scenario" }).click();
    const step2 = panel.getByRole("listitem", { name: /^Step 2:/ });
    await expect(step2.getByRole("img", { name: "running" })).toBeVisible();
    // The pattern runs on a worker: the page's own thread answers, and the step is still running.
    expect(await page.evaluate(() => document.title)).toBe("Socket.IO Inspector");
    await expect(step2.getByRole("img", { name: "running" })).toBeVisible();
    await expect(panel.getByRole("status", { name: "Scenario result" })).toHaveText("1 passed, 1 failed, 0 not run");
    await expect(panel.getByRole("group", { name: "Why step 2 failed" })).toContainText(
      /the pattern \/\^\(a\+\)\+\$\/ took longer than \d+ ms on a 31-character string and was stopped/,
    );
  } finally {
    io.close();
    http.closeAllConnections();
    http.close();
  }
});
