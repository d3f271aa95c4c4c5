// The server's own view (Socket.IO Admin UI protocol) beside the inspector's clients, against real instrumented
// socket.io servers: one timeline for both ends, the Server panel, and the operations the server offers.
import type { Page } from "@playwright/test";
import { clickRow, eventRow, expect, openInspector, rows, test, emitAs } from "./support/fixtures";
import { ADMIN, adminServer } from "./support/admin-server";
import { encodePresetFragment } from "../src/core/presets/link";
import { shippedPresets } from "../src/core/presets/shipped";

const panel = (page: Page) => page.getByRole("region", { name: "Server" });
const detail = (page: Page) => page.getByRole("complementary", { name: "Row detail" });

/** Two clients, alice and bob, connected to `url`. */
async function aliceAndBob(page: Page, inspector: string, url: string) {
  await openInspector(page, inspector, url);
  await page.getByLabel("Client name").fill("alice");
  await page.getByLabel("Client name").press("Enter");
  await page.getByRole("button", { name: "Add client" }).click();
  await page.getByLabel("Client name").fill("bob");
  await page.getByLabel("Client name").press("Enter");
  await page.getByRole("button", { name: "Connect all" }).click();
  for (const name of ["alice", "bob"])
    await expect(page.getByRole("tab", { name: new RegExp(`^${name} `) })).toContainText("open");
}

async function connectView(page: Page, password = ADMIN.password) {
  await panel(page).getByLabel("Admin username").fill(ADMIN.username);
  await panel(page).getByLabel("Admin password").fill(password);
  await panel(page).getByRole("button", { name: "Connect server view" }).click();
}

test("socket.io 4: both ends of the wire in one timeline, the Server panel names our sockets, and its operations reach the clients", async ({
  page,
  inspector,
}) => {
  test.setTimeout(60_000);
  const server = await adminServer(4);
  server.io.on("connection", (socket) => socket.on("echo", (x: unknown) => socket.emit("echoed", x)));
  try {
    await aliceAndBob(page, inspector, server.url);
    await connectView(page);
    await expect(panel(page).getByRole("status", { name: "Server view status" })).toHaveText(
      "Connected · development mode: every socket, room and event",
    );
    await emitAs(page, "alice", "join", "lobby");
    await emitAs(page, "bob", "join", "lobby");
    // Both sockets, under their clients' names, in the room.
    await expect(panel(page).getByRole("listitem", { name: /\(alice\)$/ })).toContainText("lobby");
    await expect(panel(page).getByRole("listitem", { name: /\(bob\)$/ })).toContainText("lobby");
    await expect(panel(page).getByRole("listitem", { name: "Room lobby" })).toContainText(/alice, bob|bob, alice/);
    await expect(rows(page).filter({ hasText: "(bob) joined room lobby on /" })).toHaveCount(1);

    // Our emit, and the server's half of its round trip.
    await emitAs(page, "alice", "add", "2", "40");
    const received = rows(page).filter({ has: page.locator(".c-event").getByText("add", { exact: true }) });
    await expect(received.filter({ hasText: "from" }).filter({ hasText: "(alice)" })).toHaveCount(1);
    await clickRow(eventRow(page, "add", "out"));
    await expect(detail(page).getByRole("region", { name: "Other end" })).toContainText(
      /Received by the server at \d\d:\d\d:\d\d\.\d{3} \(the server's clock\), -?\d+ ms after it was sent/,
    );

    // The server's emit to alice's socket, linked to alice's row of it, and back.
    await emitAs(page, "alice", "echo", "hi");
    const sent = rows(page)
      .filter({ has: page.locator(".c-event").getByText("echoed", { exact: true }) })
      .filter({ hasText: "to " });
    await expect(sent).toHaveCount(1);
    await clickRow(sent);
    await detail(page).getByRole("button", { name: "Show alice's row" }).click();
    await expect(detail(page)).toContainText("Sent by the server at");
    await expect(detail(page).getByRole("heading", { level: 2 })).toContainText("echoed");
    await detail(page).getByRole("button", { name: "Show the server's row" }).click();
    await expect(detail(page)).toContainText("Received by alice at");

    // Join from the panel, then an emit from the server to that room: bob's client gets it.
    await panel(page).getByLabel("Room for bob to join").fill("vip");
    await panel(page).getByRole("button", { name: "Make bob join the room" }).click();
    await expect(panel(page).getByRole("listitem", { name: "Room vip" })).toContainText("bob");
    await panel(page).getByLabel("Server emit room").fill("vip");
    await panel(page).getByLabel("Server emit event").fill("hello-vip");
    await panel(page).getByLabel("Server emit arguments (JSON array)").fill('["just for vip"]');
    await panel(page).getByRole("button", { name: "Emit from server" }).click();
    await expect(eventRow(page, "hello-vip", "in").locator(".c-client")).toHaveText("bob");
    await expect(
      rows(page).filter({ hasText: "you asked the server to emit “hello-vip” to room vip of /" }),
    ).toHaveCount(1);

    // Leave from the panel: the room goes from the server's list.
    await panel(page).getByRole("button", { name: "Make bob leave vip" }).click();
    await expect(panel(page).getByRole("listitem", { name: "Room vip" })).toHaveCount(0);
    await expect(rows(page).filter({ hasText: "(bob) left room vip on /" })).toHaveCount(1);

    // Disconnect from the panel: alice's client is told by the server.
    await panel(page).getByRole("button", { name: "Disconnect alice" }).click();
    // The timeline stopped following when a row was clicked: back to the newest rows.
    await page.getByRole("button", { name: /newer rows? ↓/ }).click();
    const alicesRows = rows(page).filter({ has: page.locator(".c-client").getByText("alice", { exact: true }) });
    await expect(alicesRows.filter({ hasText: "DISCONNECT" }).and(page.locator('[data-dir="in"]'))).toHaveCount(1);
    await expect(rows(page).filter({ hasText: "(alice) left /: server namespace disconnect" })).toHaveCount(1);
  } finally {
    server.close();
  }
});

test("a wrong admin password: said plainly in the panel, and the clients go on", async ({ page, inspector }) => {
  const server = await adminServer(4);
  try {
    await aliceAndBob(page, inspector, server.url);
    await connectView(page, "wrong");
    await expect(panel(page).getByRole("status", { name: "Server view status" })).toHaveText("Refused");
    await expect(panel(page)).toContainText("/admin refused the credentials: check Admin username and Admin password");
    await expect(rows(page).filter({ hasText: "server view: /admin refused the credentials" })).toHaveCount(1);
    await expect(
      page
        .getByRole("region", { name: "Connection doctor" })
        .getByRole("article", { name: /^Server view: \/admin refused the credentials/ }),
    ).toContainText("the clients' own connections are not affected");
    await emitAs(page, "alice", "add", "1", "2");
    await expect(eventRow(page, "add", "out").locator(".c-reply")).toHaveText(/^ack /);
  } finally {
    server.close();
  }
});

test("socket.io 3.1: the panel lists the sockets in their rooms; room-wide operations are not offered", async ({
  page,
  inspector,
}) => {
  const server = await adminServer(3);
  try {
    await aliceAndBob(page, inspector, server.url);
    await connectView(page);
    await emitAs(page, "alice", "join", "lobby");
    await expect(panel(page).getByRole("listitem", { name: "Room lobby" })).toContainText("alice");
    await expect(panel(page)).toContainText(
      "Room-wide operations (everyone in a room leaves it, or is disconnected) are not offered",
    );
    await expect(panel(page).getByRole("button", { name: "everyone leaves" })).toHaveCount(0);
    await expect(panel(page).getByRole("button", { name: "Disconnect bob" })).toBeVisible();
  } finally {
    server.close();
  }
});

test("the demo preset shows both ends: its admin UI namespace comes with it, and connects as it is", async ({
  page,
  inspector,
  demo,
}) => {
  await page.goto(`${inspector}${await encodePresetFragment(shippedPresets(demo.url)[0]!)}`);
  await page
    .getByRole("dialog", { name: "Preset from a link" })
    .getByRole("button", { name: "Use this preset" })
    .click();
  await expect(panel(page).getByLabel("Admin namespace")).toHaveValue("/admin-ui");
  await panel(page).getByRole("button", { name: "Connect server view" }).click();
  await expect(panel(page).getByRole("status", { name: "Server view status" })).toHaveText(
    "Connected · development mode: every socket, room and event",
  );
  await page.getByRole("form", { name: "Connection" }).getByRole("button", { name: "Connect", exact: true }).click();
  await expect(rows(page).filter({ hasText: "(client 1) connected to / over" }).first()).toBeVisible();
  // Typed another server: the admin UI's default namespace.
  await page.getByLabel("Server URL").fill("http://127.0.0.1:9");
  await expect(panel(page).getByLabel("Admin namespace")).toHaveValue("/admin");
});
