import { readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "@playwright/test";
import { Server } from "socket.io";
import { encodePresetFragment } from "../src/core/presets/link";
import type { Preset } from "../src/core/presets/format";
import { connect, eventRow, expect, openInspector, rows, test, withDemo } from "./support/fixtures";

const expectPresets = (page: Page, names: string[]) =>
  expect(page.getByLabel("Preset", { exact: true }).locator("option:not([disabled])")).toHaveText(names);

/** A preset as an export file holds it. */
function preset(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    version: 2,
    name,
    connection: {
      url: "http://127.0.0.1:3001",
      path: "/socket.io",
      transports: ["polling", "websocket"],
      parser: "default",
      query: [],
      reconnection: true,
      reconnectionAttempts: null,
      reconnectionDelay: 1000,
      reconnectionDelayMax: 5000,
      randomizationFactor: 0.5,
      timeout: 20000,
      ackTimeout: null,
      retries: null,
      namespaces: [{ nsp: "/", auth: "" }],
    },
    emits: [],
    ...extra,
  };
}

/** JSON text of {"a":{"a":...1}} nested `depth` levels, written as text (no recursion). */
const deepJson = (depth: number) => '{"a":'.repeat(depth) + "1" + "}".repeat(depth);

test.describe("saving never fails silently", () => {
  test("a preset with an unknown field nested 5,000 deep is refused by name; later saves still persist across a reload", async ({
    page,
    inspector,
    demo,
  }) => {
    await page.goto(withDemo(inspector, demo.url));
    await expectPresets(page, ["Demo server"]);
    const text = JSON.stringify(preset("Deep")).replace(/}$/, `,"extra":${deepJson(5000)}}`);
    await page.getByText("Import and export").click();
    await page.getByLabel("Paste presets (JSON)").fill(text);
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await expect(page.getByRole("alert", { name: "Import error" })).toHaveText(
      "Pasted text: unknown field extra is nested more than 20 levels deep: this inspector keeps unknown fields only up to that depth",
    );
    await page.getByLabel("Preset name").fill("Saved after");
    await page.getByRole("button", { name: "Save as new" }).click();
    await expect(page.getByRole("status", { name: "Preset notice" })).toHaveText("Saved “Saved after”");
    await page.reload();
    await expectPresets(page, ["Demo server", "Saved after"]);
  });

  test("a full localStorage: the import says nothing was imported and why; nothing saved before is lost", async ({
    page,
    inspector,
    demo,
  }, testInfo) => {
    await page.goto(withDemo(inspector, demo.url));
    await page.getByLabel("Preset name").fill("Keep me");
    await page.getByRole("button", { name: "Save as new" }).click();
    await expectPresets(page, ["Demo server", "Keep me"]);
    // Fill the page's storage with other data until the browser refuses more, then free a little room.
    await page.evaluate(() => {
      const chunk = "x".repeat(256 * 1024);
      let i = 0;
      try {
        for (;;) localStorage.setItem(`filler-${i++}`, chunk);
      } catch {
        localStorage.removeItem(`filler-${i - 2}`);
      }
    });
    const file = testInfo.outputPath("many.json");
    const many = Array.from({ length: 1000 }, (_, i) =>
      preset(`Imported ${i}`, {
        emits: [
          {
            nsp: "/",
            event: "hello",
            args: [{ type: "text", value: "y".repeat(400) }],
            expectAck: true,
            ackTimeout: 5000,
          },
        ],
      }),
    );
    writeFileSync(file, JSON.stringify({ format: "socketio-inspector-presets", version: 2, presets: many }));
    await page.getByText("Import and export").click();
    await page.getByLabel("Import file").setInputFiles(file);
    await expect(page.getByRole("alert", { name: "Import error" })).toContainText(
      "Nothing imported. Not saved: the browser's storage for this page is full",
    );
    await expect(page.getByRole("alert", { name: "Import error" })).toContainText(
      "Delete presets you no longer need, or keep them in a file with Export all",
    );
    await expectPresets(page, ["Demo server", "Keep me"]);
    await page.reload();
    await expectPresets(page, ["Demo server", "Keep me"]);
  });

  test("links: a deeply nested unknown field and a scheme-relative server URL are refused with a message", async ({
    page,
    inspector,
  }) => {
    const deep = JSON.parse(JSON.stringify(preset("Deep link")));
    deep.extra = JSON.parse(deepJson(3000));
    await page.goto(inspector + (await encodePresetFragment(deep as Preset)));
    await expect(page.getByRole("alert").filter({ hasText: "Link:" })).toContainText(
      "Link: unknown field extra is nested more than 20 levels deep",
    );
    await expect(page.getByRole("dialog", { name: "Preset from a link" })).toHaveCount(0);

    const relative = preset("Relative");
    (relative.connection as { url: string }).url = "//evil.example:3000";
    await page.goto(inspector + (await encodePresetFragment(relative as unknown as Preset)));
    await page.reload();
    await expect(page.getByRole("alert").filter({ hasText: "Link:" })).toContainText(
      "Link: connection.url must not be scheme-relative (//host)",
    );
    await expect(page.getByRole("dialog", { name: "Preset from a link" })).toHaveCount(0);
  });
});

/** A server that grows what the inspector keeps: many event names, huge names, deep payloads, odd refusals. */
async function growingServer() {
  const http = createServer();
  const io = new Server(http, { cors: { origin: true } });
  io.of("/odd-refusal").use((_socket, next) => {
    const err = new Error("placeholder");
    // A message that is an object whose toString cannot be called: new Error(message) throws on it.
    (err as unknown as { message: unknown }).message = { toString: 1, reason: "banned" };
    next(err);
  });
  io.on("connection", (socket) => {
    socket.on("many-names", (count: number) => {
      for (let i = 0; i < count; i++) socket.emit(`name-${i}`, i);
      socket.emit("names-done");
    });
    socket.on("huge-names", () => {
      for (let i = 0; i < 20; i++) socket.emit(`${i}-${"n".repeat(1_000_000)}`, i);
      socket.emit("names-done");
    });
    // Written as a raw packet: JSON.stringify on the server would overflow at this depth, a parser does not.
    socket.on("deep", () => socket.conn.send(`2["deep",${"[".repeat(100_000)}"bottom"${"]".repeat(100_000)}]`));
  });
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", () => r()));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((r) => {
        io.close(() => r());
        http.closeAllConnections();
      }),
  };
}

async function emitNamed(page: Page, event: string, arg?: string) {
  await page.getByLabel("Event name").fill(event);
  if (arg === undefined) await page.getByRole("button", { name: "Remove argument 1" }).click();
  else {
    await page.getByLabel("Argument 1 type").selectOption("number");
    await page.getByLabel("Argument 1", { exact: true }).fill(arg);
  }
  await page.getByLabel("Expect ack").uncheck();
  await page.getByRole("button", { name: "Emit", exact: true }).click();
}

const suggestions = (page: Page) => page.locator("#seen-events option");

test.describe("state a server can grow is bounded", () => {
  test("50,000 event names and twenty 1 MB names: the suggestions stay within their bound, the composer answers, Clear empties them", async ({
    page,
    inspector,
  }) => {
    test.setTimeout(90_000);
    const server = await growingServer();
    try {
      await openInspector(page, inspector, server.url);
      await connect(page);
      await emitNamed(page, "many-names", "50000");
      await expect(eventRow(page, "names-done", "in")).toHaveCount(1, { timeout: 60_000 });
      const kept = async () => Number(/(\d+) kept/.exec((await page.getByText(/\d+ kept/).textContent()) ?? "")?.[1]);
      const before = await kept();
      await emitNamed(page, "huge-names");
      // The newest row is the second "names-done" (the first has left the rendered rows: only those in view are).
      await expect(rows(page).last()).toContainText("names-done", { timeout: 30_000 });
      expect(await kept()).toBe(before + 1 + 20 + 1); // the emit, the twenty huge names, names-done
      const names = await suggestions(page).evaluateAll((options) =>
        options.map((o) => (o as HTMLOptionElement).value),
      );
      expect(names.length).toBeLessThanOrEqual(500);
      expect(Math.max(...names.map((n) => n.length))).toBeLessThanOrEqual(100);
      // The most recent names are the ones kept.
      expect(names).toContain("name-49999");
      expect(names).not.toContain("name-0");
      // The composer still takes input and sends.
      await page.getByLabel("Event name").fill("still-here");
      await expect(page.getByLabel("Event name")).toHaveValue("still-here");
      await page.getByRole("button", { name: "Clear" }).click();
      await expect(suggestions(page)).toHaveCount(0);
    } finally {
      await server.close();
    }
  });

  test("a refusal whose message is an object becomes a connect_error row with a readable message", async ({
    page,
    inspector,
  }) => {
    const server = await growingServer();
    try {
      await openInspector(page, inspector, server.url);
      await page.getByLabel("Namespace", { exact: true }).fill("/odd-refusal");
      await page.getByRole("button", { name: "Add namespace" }).click();
      await connect(page);
      const refusal = rows(page).filter({ has: page.locator('.c-kind:text-is("connect_error")') });
      await expect(refusal).toContainText('{"toString":1,"reason":"banned"}');
    } finally {
      await server.close();
    }
  });

  test("a payload nested 100,000 levels deep: the row shows, Export session writes it, Open session reads it back", async ({
    page,
    inspector,
  }, testInfo) => {
    const server = await growingServer();
    try {
      await openInspector(page, inspector, server.url);
      await connect(page);
      await emitNamed(page, "deep");
      await expect(eventRow(page, "deep", "in")).toHaveCount(1);
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("button", { name: "Export session" }).click(),
      ]);
      const file = testInfo.outputPath("deep.ndjson");
      await download.saveAs(file);
      expect(readFileSync(file, "utf8")).toContain('"bottom"');
      await page.getByLabel("Open session file").setInputFiles(file);
      await expect(page.getByRole("status", { name: "Recorded session" })).toContainText("deep.ndjson");
      await expect(eventRow(page, "deep", "in")).toHaveCount(1);
    } finally {
      await server.close();
    }
  });
});

test("a session file of 100,000 records with 100,000 forged client names opens while the page keeps drawing; the client filter stays a search", async ({
  page,
  inspector,
}, testInfo) => {
  const header = JSON.stringify({ format: "socketio-inspector-session", version: 2, count: 100_000, clients: [] });
  const lines = [header];
  for (let i = 0; i < 100_000; i++)
    lines.push(
      JSON.stringify({
        seq: i + 1,
        t: 1_700_000_000_000 + i,
        kind: "packet",
        dir: "in",
        nsp: "/",
        type: "EVENT",
        event: "tick",
        args: [i],
        attachments: 0,
        client: `forged-${i}`,
      }),
    );
  const file = testInfo.outputPath("forged.ndjson");
  writeFileSync(file, lines.join("\n") + "\n");
  await page.goto(inspector);
  // Frames drawn while the file opens: one long task would draw none until it ends.
  await page.evaluate(() => {
    const w = window as unknown as { frames_: number };
    w.frames_ = 0;
    const tick = () => {
      w.frames_++;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const framesBefore = await page.evaluate(() => (window as unknown as { frames_: number }).frames_);
  await page.getByLabel("Open session file").setInputFiles(file);
  await expect(page.getByRole("status", { name: "Recorded session" })).toContainText("forged.ndjson (100000 rows)");
  const framesAfter = await page.evaluate(() => (window as unknown as { frames_: number }).frames_);
  expect(framesAfter - framesBefore).toBeGreaterThan(2);

  // 100,000 clients: a search with a bounded list of suggestions, not 100,001 options.
  const clientFilter = page.getByLabel("Client filter");
  await expect(clientFilter).toHaveAttribute("type", "search");
  await clientFilter.fill("forged-9999");
  expect(await page.locator("#client-filter-names option").count()).toBeLessThanOrEqual(100);
  await expect(page.getByText(/^\d+ shown/)).toHaveText(/^1 shown/);
  await expect(rows(page).filter({ hasText: "forged-9999" })).toHaveCount(1);
  await clientFilter.fill("forged-");
  await expect(page.getByText(/^\d+ shown/)).toHaveText(/^100000 shown/);
});

test("a session file with forged field types is refused with the line and the field", async ({
  page,
  inspector,
}, testInfo) => {
  const header = JSON.stringify({ format: "socketio-inspector-session", version: 2, count: 2, clients: [] });
  const ok = {
    seq: 1,
    t: 1,
    kind: "packet",
    dir: "in",
    nsp: "/",
    type: "EVENT",
    event: "fine",
    args: [],
    attachments: 0,
  };
  const file = testInfo.outputPath("forged-types.ndjson");
  writeFileSync(file, [header, JSON.stringify(ok), JSON.stringify({ ...ok, seq: 2, event: { name: "x" } })].join("\n"));
  await page.goto(inspector);
  await page.getByLabel("Open session file").setInputFiles(file);
  await expect(page.getByRole("toolbar", { name: "Timeline controls" }).getByRole("alert")).toHaveText(
    "forged-types.ndjson, line 3: event must be a string (got an object)",
  );
});
