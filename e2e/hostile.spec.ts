import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";
import { prng, randomFrame } from "../test/helpers/fuzz-frames";
import { connect, eventRow, expect, fastReconnection, openInspector, rows, test } from "./support/fixtures";

/** A server that sends what a hostile or broken server would: markup, script, prototype keys, huge and malformed data. */
async function hostileServer() {
  const fuzz = { armed: false, connections: 0 };
  const http = createServer();
  const io = new Server(http, { cors: { origin: true }, maxHttpBufferSize: 5e7 });
  io.of("/refuse").use((_s, next) =>
    next(
      Object.assign(new Error('<img src=x onerror="window.__pwned=2">'), {
        data: { html: "<script>window.__pwned=3</script>" },
      }),
    ),
  );
  io.on("connection", (socket) => {
    socket.on("send-hostile", () => {
      // JSON.parse makes "__proto__" an own key, as it would arrive from any server.
      const payload = JSON.parse(
        '{"__proto__": {"polluted": "yes"}, "<script>window.__pwned=4</script>": "<b>bold</b>", "constructor": {"prototype": {"polluted": "yes"}}}',
      );
      socket.emit('<img src=x onerror="window.__pwned=1">', payload, "<iframe src=javascript:window.__pwned=5>");
    });
    socket.on("send-huge", () => socket.emit("huge", "x".repeat(10_000_000)));
    socket.on("send-garbage", () => socket.conn.send("9<definitely not a socket.io packet>"));
    // Fuzzing: while armed, each new connection gets a batch of seeded random frames, then is closed.
    if (fuzz.armed) {
      const rand = prng(++fuzz.connections * 104729);
      for (let i = 0; i < 20; i++) socket.conn.send(randomFrame(rand) as never);
      setTimeout(() => socket.conn.close(), 20);
    }
  });
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", () => r()));
  return {
    fuzz,
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((r) => {
        io.close(() => r());
        http.closeAllConnections();
      }),
  };
}

async function emitFromComposer(page: import("@playwright/test").Page, event: string) {
  await page.getByLabel("Event name").fill(event);
  await page.getByRole("button", { name: "Remove argument 1" }).click();
  await page.getByLabel("Expect ack").uncheck();
  await page.getByRole("button", { name: "Emit", exact: true }).click();
}

const noHarm = (page: import("@playwright/test").Page) =>
  page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: number }).__pwned ?? null,
    polluted: ({} as Record<string, unknown>).polluted ?? null,
  }));

test.describe("hostile and broken servers", () => {
  test("markup and script in event names, payloads and errors are shown as text and never run; __proto__ keys change nothing", async ({
    page,
    inspector,
  }) => {
    const server = await hostileServer();
    try {
      await openInspector(page, inspector, server.url);
      await page.getByLabel("Namespace", { exact: true }).fill("/refuse");
      await page.getByRole("button", { name: "Add namespace" }).click();
      await connect(page);
      await emitFromComposer(page, "send-hostile");
      const row = eventRow(page, '<img src=x onerror="window.__pwned=1">', "in");
      await expect(row).toHaveCount(1);
      await expect(row).toContainText("<iframe src=javascript:window.__pwned=5>");
      await row.click();
      const detail = page.getByRole("complementary", { name: "Row detail" });
      await expect(detail).toContainText("__proto__");
      await expect(detail).toContainText('"<b>bold</b>"');
      const refusal = rows(page).filter({ has: page.locator('.c-kind:text-is("connect_error")') });
      await expect(refusal).toContainText('<img src=x onerror="window.__pwned=2">');
      await expect(refusal).toContainText("<script>window.__pwned=3</script>");
      // Nothing ran, nothing was polluted, and no element was made from the data.
      expect(await noHarm(page)).toEqual({ pwned: null, polluted: null });
      expect(await page.locator("main img, main iframe, main script, main b").count()).toBe(0);
    } finally {
      await server.close();
    }
  });

  test("a 10 MB payload shows a truncated preview and the page stays responsive", async ({ page, inspector }) => {
    const server = await hostileServer();
    try {
      await openInspector(page, inspector, server.url);
      await connect(page);
      await emitFromComposer(page, "send-huge");
      const row = eventRow(page, "huge", "in");
      await expect(row).toHaveCount(1, { timeout: 20_000 });
      const text = await row.locator(".c-text").textContent();
      expect(text!.length).toBeLessThan(300);
      expect(text!.endsWith("…")).toBe(true);
      await row.click();
      await expect(page.getByRole("complementary", { name: "Row detail" })).toContainText("(10000000 characters)");
      // Still responsive: typing filters at once.
      await page.getByLabel("Filter", { exact: true }).fill("huge");
      await expect(rows(page)).toHaveCount(2); // the emit that asked for it, and the event
      await expect(eventRow(page, "huge", "in")).toHaveCount(1);
    } finally {
      await server.close();
    }
  });

  test("a malformed Socket.IO packet closes the connection with 'parse error', shown in the timeline; the page keeps working", async ({
    page,
    inspector,
  }) => {
    const server = await hostileServer();
    try {
      await openInspector(page, inspector, server.url);
      await connect(page);
      await emitFromComposer(page, "send-garbage");
      await expect(
        rows(page)
          .filter({ has: page.locator('.c-kind:text-is("close")') })
          .filter({ hasText: "parse error" }),
      ).toHaveCount(1);
      await expect(
        rows(page)
          .filter({ has: page.locator('.c-kind:text-is("disconnect")') })
          .filter({ hasText: "parse error" })
          .first(),
      ).toBeVisible();
      // It reconnects by itself, and the composer still works.
      await expect(rows(page).filter({ has: page.locator('.c-kind:text-is("reconnect")') })).toHaveCount(1, {
        timeout: 15_000,
      });
      await page.getByLabel("Event name").fill("still-alive");
      await page.getByRole("button", { name: "Emit", exact: true }).click();
      await expect(eventRow(page, "still-alive", "out")).toHaveCount(1);
    } finally {
      await server.close();
    }
  });

  test("fuzz: random and mutated frames over 30 connections; no uncaught error, the page stays usable", async ({
    page,
    inspector,
  }) => {
    const server = await hostileServer();
    try {
      await openInspector(page, inspector, server.url);
      await fastReconnection(page);
      server.fuzz.armed = true;
      await page.getByRole("button", { name: "Connect", exact: true }).click();
      // Inactive after a fuzzed DISCONNECT or CONNECT_ERROR: connect the namespace again, as a user would.
      const reconnectNamespace = page.getByRole("button", { name: "Connect namespace /", exact: true });
      await expect
        .poll(
          async () => {
            if (await reconnectNamespace.isEnabled()) await reconnectNamespace.click().catch(() => undefined);
            return server.fuzz.connections;
          },
          { timeout: 60_000, intervals: [200] },
        )
        .toBeGreaterThanOrEqual(30);
      server.fuzz.armed = false;
      await expect(rows(page).filter({ hasText: "parse error" }).first()).toBeAttached();
      // Usable: it connects cleanly again and emits; the filter still works (the fixture checks page errors).
      await page.getByRole("button", { name: "Disconnect", exact: true }).click();
      await page.getByRole("button", { name: "Connect", exact: true }).click();
      await expect(page.getByRole("listitem", { name: "Namespace /", exact: true })).toContainText("connected");
      await page.getByLabel("Event name").fill("after-fuzz");
      await page.getByRole("button", { name: "Emit", exact: true }).click();
      await page.getByLabel("Filter", { exact: true }).fill("after-fuzz");
      await expect(eventRow(page, "after-fuzz", "out")).toHaveCount(1);
    } finally {
      await server.close();
    }
  });

  test("the page forbids eval and inline script (Content-Security-Policy)", async ({ page, inspector }) => {
    await page.goto(inspector);
    const result = await page.evaluate(async () => {
      // Code handed to the page as a string, the way injected data would try to run: a string timer
      // (which is eval) and an inline script element. (Playwright's own evaluate is exempt from CSP.)
      const w = window as unknown as { __timer?: number; __inline?: number };
      (setTimeout as unknown as (code: string, ms: number) => void)("window.__timer = 1", 0);
      const s = document.createElement("script");
      s.textContent = "window.__inline = 1";
      document.body.appendChild(s);
      await new Promise((r) => setTimeout(r, 100));
      return { evalResult: w.__timer === 1 ? "ran" : "blocked", inline: w.__inline ?? null };
    });
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
    // Scripts only from the page's own files: no 'unsafe-inline', no 'unsafe-eval'.
    expect(
      csp
        ?.split(";")
        .map((d) => d.trim())
        .find((d) => d.startsWith("script-src")),
    ).toBe("script-src 'self'");
    expect(result).toEqual({ evalResult: "blocked", inline: null });
  });
});
