import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "@playwright/test";
import ServerV2 from "socket.io-v2";
import { eventRow, expect, fastReconnection, openInspector, rows, test, clickRow } from "./support/fixtures";

/** A real Socket.IO v2 server (socket.io 2.x) with two namespaces: acks, a server ack request, and a guarded room. */
async function v2Server() {
  const http = createServer((_req, res) => res.writeHead(404).end("Not Found"));
  const io = ServerV2(http, { pingInterval: 400, pingTimeout: 2000 });
  let handlerRuns = 0;
  io.on(
    "connection",
    (socket: {
      id: string;
      on: (ev: string, fn: (...a: never[]) => void) => void;
      emit: (...a: unknown[]) => void;
    }) => {
      handlerRuns++;
      socket.on("echo", (...args: unknown[]) => (args.pop() as (...r: unknown[]) => void)(...args));
      socket.on("ask-me", () =>
        socket.emit("question", "Do you copy?", (answer: unknown) => socket.emit("answer-received", answer)),
      );
    },
  );
  const chat = io.of("/chat");
  chat.use((socket: { handshake: { query: Record<string, string> } }, next: (err?: Error) => void) =>
    socket.handshake.query.token === "letmein" ? next() : next(new Error("no token")),
  );
  chat.on("connection", (socket: { emit: (...a: unknown[]) => void }) => socket.emit("welcome", { room: "chat" }));
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", () => r()));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    /** Engine.IO sessions open on the server now, and how often its connection handler ran. */
    sessions: () => (io as unknown as { engine: { clientsCount: number } }).engine.clientsCount,
    handlerRuns: () => handlerRuns,
    close: () => (io.close(), http.closeAllConnections()),
  };
}

const kind = (page: Page, label: string) => rows(page).filter({ has: page.locator(`.c-kind:text-is("${label}")`) });

test("Server version auto against a real socket.io 2 server: two namespaces, an ack, a server ack request, Drop transport, session export", async ({
  page,
  inspector,
}, testInfo) => {
  const server = await v2Server();
  try {
    await openInspector(page, inspector, server.url);
    await expect(page.getByLabel("Server version")).toHaveValue("auto");
    await fastReconnection(page);
    await page.getByLabel("Namespace", { exact: true }).fill("/chat");
    await page.getByRole("button", { name: "Add namespace" }).click();
    await page.getByLabel("Query of /chat").fill("token=letmein");
    await page.getByLabel("Query of /chat").blur();
    await page.getByRole("button", { name: "Connect", exact: true }).click();

    // Asked first (one handshake, closed at once): Engine.IO 3. The timeline says so, and the session speaks v2.
    await expect(
      kind(page, "protocol").filter({ hasText: "Socket.IO v2 (Engine.IO 3): its handshake is framed in Engine.IO 3" }),
    ).toHaveCount(1);
    await expect(page.getByRole("status", { name: "Connection status" })).toContainText("Socket.IO v2");
    // One Connect, one session on the server: the question's session closed at once, no v4 attempt left behind.
    await expect.poll(() => server.sessions()).toBe(1);
    expect(server.handlerRuns()).toBe(2);
    await expect(page.getByRole("listitem", { name: "Namespace /", exact: true })).toContainText("connected");
    await expect(page.getByRole("listitem", { name: "Namespace /chat" })).toContainText("connected");
    await expect(eventRow(page, "welcome", "in")).toHaveCount(1);
    await expect(kind(page, "handshake").last()).toContainText("Engine.IO 3");
    await expect(kind(page, "ping").filter({ hasText: "from the client" }).first()).toBeVisible();

    // An emit with an ack: the reply is paired with its latency.
    await page.getByLabel("Event name").fill("echo");
    await page.getByRole("button", { name: "Emit", exact: true }).click();
    await expect(eventRow(page, "echo", "out").locator(".c-reply")).toHaveText(/^ack \d/);

    // The server asks for an ack: answered from the row.
    await page.getByLabel("Event name").fill("ask-me");
    await page.getByLabel("Expect ack").uncheck();
    await page.getByRole("button", { name: "Emit", exact: true }).click();
    await clickRow(eventRow(page, "question", "in"));
    await page.getByLabel("Ack arguments (JSON array)").fill('["loud and clear"]');
    await page.getByRole("button", { name: "Send ack" }).click();
    await expect(eventRow(page, "answer-received", "in")).toContainText("loud and clear");

    // Drop transport: it reconnects, both namespaces come back. (The answered row is still selected, so the view
    // holds it: the newer rows are below, a click away.)
    await page.getByRole("button", { name: "Drop transport" }).click();
    await expect(page.getByRole("listitem", { name: "Namespace /chat" })).toContainText("connected");
    await page.getByRole("button", { name: /newer rows? ↓/ }).click();
    await expect(kind(page, "reconnect")).toHaveCount(1, { timeout: 15_000 });
    await expect(page.getByRole("listitem", { name: "Namespace /chat" })).toContainText("connected");
    // (Filtered: with pings every 400 ms, the first welcome has scrolled out of the rendered rows.)
    await page.getByLabel("Filter", { exact: true }).fill("welcome");
    await expect(eventRow(page, "welcome", "in")).toHaveCount(2);
    await page.getByLabel("Filter", { exact: true }).fill("");

    // The session exports with everything above, the protocol note included.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Export session" }).click(),
    ]);
    const file = testInfo.outputPath("v2.ndjson");
    await download.saveAs(file);
    const records = readFileSync(file, "utf8")
      .trim()
      .split("\n")
      .slice(1)
      .map((line) => JSON.parse(line));
    expect(records.some((r) => r.kind === "note" && r.topic === "protocol")).toBe(true);
    expect(records.some((r) => r.kind === "handshake" && r.eio === 3)).toBe(true);
    expect(
      records.some(
        (r) =>
          r.kind === "packet" && r.event === "answer-received" && JSON.stringify(r.args).includes("loud and clear"),
      ),
    ).toBe(true);
  } finally {
    server.close();
  }
});

test("Server version v2: auth on a namespace is not sent, and says so; the other namespaces connect", async ({
  page,
  inspector,
}) => {
  const server = await v2Server();
  try {
    await openInspector(page, inspector, server.url);
    await page.getByLabel("Server version").selectOption("v2");
    await page.getByLabel("Namespace", { exact: true }).fill("/chat");
    await page.getByLabel("Namespace auth (JSON)").fill('{"token": "letmein"}');
    await page.getByRole("button", { name: "Add namespace" }).click();
    await page.getByRole("button", { name: "Connect", exact: true }).click();
    await expect(kind(page, "not sent")).toContainText("Auth of /chat is not sent: Socket.IO v2 servers have no auth");
    await expect(page.getByRole("form", { name: "Connection" }).getByRole("alert")).toContainText(
      "Auth of /chat is not sent",
    );
    await expect(page.getByRole("listitem", { name: "Namespace /", exact: true })).toContainText("connected");
    await expect(page.getByRole("listitem", { name: "Namespace /chat" })).toContainText("disconnected");
  } finally {
    server.close();
  }
});

test("v2: refused for want of a token, the token typed in the namespace's Query goes with its next connect", async ({
  page,
  inspector,
}) => {
  const server = await v2Server();
  try {
    await openInspector(page, inspector, server.url);
    await page.getByLabel("Server version").selectOption("v2");
    await page.getByLabel("Namespace", { exact: true }).fill("/chat");
    await page.getByRole("button", { name: "Add namespace" }).click();
    await page.getByRole("button", { name: "Connect", exact: true }).click();
    const chat = page.getByRole("listitem", { name: "Namespace /chat" });
    await expect(kind(page, "connect_error").filter({ hasText: "no token" })).toHaveCount(1);
    // As the doctor's fix says: the credentials in the namespace's Query, then its connect.
    await page.getByLabel("Query of /chat").fill("token=letmein");
    await page.getByLabel("Query of /chat").blur();
    await chat.getByRole("button", { name: "Connect namespace /chat", exact: true }).click();
    await expect(chat).toContainText("connected");
    await expect(eventRow(page, "welcome", "in")).toHaveCount(1);
  } finally {
    server.close();
  }
});
