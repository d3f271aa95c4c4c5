// HAR files made from real Chromium sessions (Playwright's recordHar keeps polling content and WebSocket messages as
// Chromium's own export does): an app page using the official client its server serves (socket.io-client 4 against
// socket.io 4, socket.io-client 2 against socket.io 2), polling then WebSocket, two namespaces, an ack and binary.
// Opening each shows the events, namespaces and ack pairs the server logged.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "@playwright/test";
import { appServer } from "./support/app-server";
import { writeBigHar } from "../test/helpers/big-har";
import { decodeHar } from "../src/core/capture/har";
import { decodeSession } from "../src/core/files/session-file";
import { spawn, spawnSync } from "node:child_process";
import type { TimelineRecord } from "../src/core/feed/records";
import { eventRow, expect, rows, test } from "./support/fixtures";

/** Runs the app in a context that records a HAR with content; returns the HAR's path once written. */
async function recordApp(browser: Browser, url: string): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), "har-")), "app.har");
  const context = await browser.newContext({ recordHar: { path, content: "embed" } });
  const page = await context.newPage();
  await page.goto(url);
  await expect(page).toHaveTitle("done", { timeout: 15_000 });
  await context.close(); // writes the HAR
  return path;
}

/** The command line, run without blocking this process (the app server it talks to lives here). */
function runAsync(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["bin/socketio-inspector.mjs", ...args], {
      env: { ...process.env, NO_COLOR: "1" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

const events = (records: TimelineRecord[]) =>
  records.flatMap((r) =>
    r.kind === "packet" && (r.type === "EVENT" || r.type === "BINARY_EVENT")
      ? [{ nsp: r.nsp, dir: r.dir, event: r.event ?? "" }]
      : [],
  );

for (const version of [4, 2] as const) {
  test(`socket.io-client ${version} against socket.io ${version}: the HAR shows what the server logged (acks paired, binary, both transports), and made into a scenario it passes, then fails on a changed reply`, async ({
    browser,
    page,
    inspector,
  }) => {
    const server = await appServer(version);
    try {
      const har = await recordApp(browser, server.url);
      const capture = decodeHar(readFileSync(har, "utf8"), "app.har");
      expect(capture.problems).toEqual([]);
      expect(capture.connections).toEqual([
        { name: `${new URL(server.url).host}/socket.io #1`, url: server.url, path: "/socket.io" },
      ]);
      const records = capture.records;
      const handshake = records.find((r) => r.kind === "handshake");
      expect(handshake).toMatchObject({ eio: version === 4 ? 4 : 3, transport: "polling" });
      expect(records.some((r) => r.kind === "upgrade")).toBe(true);
      // Every event the server logged, with its namespace and direction, and nothing it did not.
      expect(events(records).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual(
        [...server.log].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
      );
      const hello = records.find((r) => r.kind === "packet" && r.event === "hello");
      const ack = records.find((r) => r.kind === "packet" && r.type === "ACK");
      expect(ack).toMatchObject({ dir: "in", nsp: "/", args: [{ ok: true }], pair: hello?.seq });
      const bin = records.find((r) => r.kind === "packet" && r.event === "bin");
      expect(bin).toMatchObject({ type: "BINARY_EVENT", attachments: 1 });
      expect(records.filter((r) => r.kind === "note")).toEqual([]); // every frame decoded

      // The command line converts it: a line per connection, and a session file the inspector opens.
      const out = join(tmpdir(), `har-${version}-${Date.now()}.ndjson`);
      const ran = spawnSync(process.execPath, ["bin/socketio-inspector.mjs", "har", har, "--ndjson", out], {
        encoding: "utf8",
        env: { ...process.env, NO_COLOR: "1" },
      });
      expect(ran.status, ran.stderr).toBe(0);
      expect(ran.stdout).toContain(
        `${new URL(server.url).host}/socket.io #1: ${server.log.length} events, 1 acks paired on /, /chat`,
      );
      expect(decodeSession(readFileSync(out, "utf8"))).toHaveLength(records.length);

      // From capture to check: the app's session as a scenario, run by the command line against the server.
      const made = join(tmpdir(), `har-${version}-${Date.now()}.json`);
      const cli = (...args: string[]) =>
        spawnSync(process.execPath, ["bin/socketio-inspector.mjs", ...args], {
          encoding: "utf8",
          env: { ...process.env, NO_COLOR: "1" },
        });
      expect(cli("har", har, "--scenario", made).status).toBe(0);
      const passed = await runAsync(["run", made]);
      expect(passed.stdout, passed.stderr).toMatch(/\d+ passed, 0 failed/);
      expect(passed.stdout).toContain("app emits “hello” on / and expects an ack");
      server.answer({ ok: false });
      const failed = await runAsync(["run", made]);
      expect(failed.status).toBe(1);
      expect(failed.stdout).toContain("The ack for “hello” did not match");
      expect(failed.stdout).toMatch(/at \[0\]\.ok:\s+- expected true\s+\+ got\s+false/);

      // Opened in the inspector: its own view, the rows and the ack's reply.
      await page.goto(inspector);
      await page.getByLabel("Open session file").setInputFiles(har);
      await expect(page.getByRole("status", { name: "Recorded session" })).toContainText("app.har");
      await expect(eventRow(page, "hello", "out").locator(".c-reply")).toHaveText(/^ack /);
      await expect(rows(page).filter({ hasText: "say" }).locator(".c-nsp")).toHaveText("/chat");
      await page.getByRole("button", { name: "Make a scenario" }).click();
      const steps = page.getByRole("region", { name: "Scenario" }).getByRole("list", { name: "Steps" });
      await expect(steps).toContainText("app emits “hello” on / and expects an ack");
      await expect(page.getByRole("status", { name: "Capture notice" })).toContainText("Scenario “From app.har”");
    } finally {
      server.close();
    }
  });
}

for (const version of [4, 2] as const) {
  test(`socket.io ${version}: a HAR of an app whose server sends per-connection values (socket ids, the engine id, times, a UUID) made into a scenario passes on replay against the same server, the notes saying what was loosened`, async ({
    browser,
  }) => {
    const server = await appServer(version, { perConnection: true });
    try {
      const har = await recordApp(browser, server.url);
      const made = join(tmpdir(), `har-loose-${version}-${Date.now()}.json`);
      const converted = spawnSync(process.execPath, ["bin/socketio-inspector.mjs", "har", har, "--scenario", made], {
        encoding: "utf8",
        env: { ...process.env, NO_COLOR: "1" },
      });
      expect(converted.status, converted.stderr).toBe(0);
      // Why each value is matched by its shape: the socket id in welcome, and the app's own id sent back.
      expect(converted.stderr).toMatch(
        /note: “welcome” on \/, at \[0\]\.id, was a socket id of the connection .*\(.+\), which a replay gets anew: matched by its shape and captured as app-socket-id/,
      );
      expect(converted.stderr).toContain("note: “welcome” on /, at [0].at, was a time");
      expect(converted.stderr).toContain("note: “welcome” on /, at [0].session, was a UUID");
      expect(converted.stderr).toContain(
        'note: “hello” on /, at [0].me, is app-socket-id, captured from the server earlier: sent as this run\'s value ({"$var"})',
      );
      // Replayed twice against the same server: new ids and times each time, and it passes.
      for (let run = 0; run < 2; run++) {
        const passed = await runAsync(["run", made]);
        expect(passed.stdout, passed.stderr).toMatch(/\d+ passed, 0 failed/);
        expect(passed.status).toBe(0);
      }
      // Still a check: a changed reply fails it.
      server.answer({ ok: false });
      const failed = await runAsync(["run", made]);
      expect(failed.status).toBe(1);
      expect(failed.stdout).toContain("The ack for “hello” did not match");
    } finally {
      server.close();
    }
  });
}

test("a HAR without its WebSocket messages or content says how to export one", async () => {
  const har = {
    log: {
      entries: [
        {
          startedDateTime: new Date().toISOString(),
          request: { method: "GET", url: "ws://127.0.0.1:1/socket.io/?EIO=4&transport=websocket" },
          response: { status: 101, content: { size: 0 } },
        },
      ],
    },
  };
  expect(() => decodeHar(JSON.stringify(har), "bare.har")).toThrow(
    "bare.har holds no Engine.IO traffic: 127.0.0.1:1: a WebSocket without its messages: export from Chromium's Network panel with “Save all as HAR with content”",
  );
  expect(() => decodeHar('{"log": {}}', "empty.har")).toThrow("empty.har is not a HAR file: it has no log.entries");
});

test("a big HAR opens as a stream: the page tells how far it has read, then shows the rows", async ({
  page,
  inspector,
}) => {
  const file = join(mkdtempSync(join(tmpdir(), "har-")), "big.har");
  writeBigHar(file, 60, 20_000);
  await page.goto(inspector);
  // Every percentage the page shows while it opens (Vue writes each one into the status as it changes).
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { seenProgress: string[] }).seenProgress = seen;
    new MutationObserver(() => {
      const status = document.querySelector('[aria-label="Opening session"]');
      const text = status?.textContent?.trim();
      if (text && seen.at(-1) !== text) seen.push(text);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await page.getByLabel("Open session file").setInputFiles(file);
  await expect(page.getByRole("status", { name: "Recorded session" })).toContainText("big.har (40003 rows", {
    timeout: 60_000,
  });
  const seen = await page.evaluate(() => (window as unknown as { seenProgress: string[] }).seenProgress);
  const percents = seen.map((s) => Number(/(\d+)%$/.exec(s)?.[1]));
  expect(percents.length).toBeGreaterThan(5);
  expect(percents).toEqual([...percents].sort((a, b) => a - b));
  expect(seen[0]).toMatch(/^Opening big\.har… \d+%$/);
  await expect(eventRow(page, "tick", "out").first()).toBeVisible();
});

test("a HAR with one binary message that is not base64: the page shows the rest, and a row naming the bad one", async ({
  page,
  inspector,
}) => {
  const t = 1764669600;
  const message = (type: string, time: number, data: string, opcode = 1) => ({ type, time, opcode, data });
  const har = {
    log: {
      entries: [
        {
          startedDateTime: "2026-12-02T10:00:00.000Z",
          time: 5,
          request: { method: "GET", url: "ws://localhost:3000/socket.io/?EIO=4&transport=websocket" },
          response: { status: 101, content: { size: 0 } },
          _webSocketMessages: [
            message("receive", t, '0{"sid":"s","upgrades":[],"pingInterval":25000,"pingTimeout":20000}'),
            message("send", t + 0.1, "40"),
            message("receive", t + 0.2, '40{"sid":"x"}'),
            message("receive", t + 0.3, '42["before"]'),
            message("receive", t + 0.4, "not base64!", 2),
            message("receive", t + 0.5, '42["after"]'),
          ],
        },
      ],
    },
  };
  const file = join(mkdtempSync(join(tmpdir(), "har-")), "one-bad.har");
  writeFileSync(file, JSON.stringify(har));
  await page.goto(inspector);
  await page.getByLabel("Open session file").setInputFiles(file);
  await expect(page.getByRole("status", { name: "Recorded session" })).toContainText("one-bad.har");
  await expect(eventRow(page, "before", "in")).toHaveCount(1);
  await expect(eventRow(page, "after", "in")).toHaveCount(1);
  await expect(rows(page).filter({ hasText: "entry 1, WebSocket message 5" })).toContainText(
    'binary data ("opcode": 2) that is not base64',
  );
  await expect(page.getByRole("alert")).toHaveCount(0);
});
