// The server's own view (Socket.IO Admin UI protocol) beside the inspector's clients, against real instrumented
// socket.io servers: one timeline for both ends, the Server panel, and the operations the server offers.
import type { Page } from "@playwright/test";
import { io as officialIo, type Socket as OfficialSocket } from "socket.io-client";
import { clickRow, eventRow, expect, openInspector, rows, test, emitAs } from "./support/fixtures";
import { ADMIN, adminServer } from "./support/admin-server";
import { axeViolations } from "./support/axe";
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

    // Join from the panel (bob's row selected: his detail holds the operations), then an emit from the server to
    // that room: bob's client gets it.
    await panel(page)
      .getByRole("listitem", { name: /\(bob\)$/ })
      .click();
    await panel(page).getByLabel("Room for bob's socket on / to join").fill("vip");
    await panel(page).getByRole("button", { name: "Make bob's socket on / join the room" }).click();
    await expect(panel(page).getByRole("listitem", { name: "Room vip" })).toContainText("bob");
    // The lists, a selected socket and a selected room, as a screen reader meets them.
    await panel(page).getByRole("listitem", { name: "Room vip" }).click();
    await expect(panel(page).getByRole("region", { name: "Selected room vip" })).toContainText("bob");
    expect(await axeViolations(page)).toEqual([]);
    await panel(page).getByLabel("Server emit room").fill("vip");
    await panel(page).getByLabel("Server emit event").fill("hello-vip");
    await panel(page).getByLabel("Server emit arguments (JSON array)").fill('["just for vip"]');
    await panel(page).getByRole("button", { name: "Emit from server" }).click();
    await expect(eventRow(page, "hello-vip", "in").locator(".c-client")).toHaveText("bob");
    await expect(
      rows(page).filter({ hasText: "you asked the server to emit “hello-vip” to room vip of /" }),
    ).toHaveCount(1);

    // Leave from the panel: the room goes from the server's list.
    await panel(page).getByRole("button", { name: "Make bob's socket on / leave vip" }).click();
    await expect(panel(page).getByRole("listitem", { name: "Room vip" })).toHaveCount(0);
    await expect(rows(page).filter({ hasText: "(bob) left room vip on /" })).toHaveCount(1);

    // Disconnect from the panel: alice's client is told by the server.
    await panel(page)
      .getByRole("listitem", { name: /\(alice\)$/ })
      .click();
    await panel(page).getByRole("button", { name: "Disconnect alice's socket on /" }).click();
    // The timeline stopped following when a row was clicked: back to the newest rows.
    await page.getByRole("button", { name: /newer rows? ↓/ }).click();
    const alicesRows = rows(page).filter({ has: page.locator(".c-client").getByText("alice", { exact: true }) });
    await expect(alicesRows.filter({ hasText: "DISCONNECT" }).and(page.locator('[data-dir="in"]'))).toHaveCount(1);
    await expect(rows(page).filter({ hasText: "(alice) left /: server namespace disconnect" })).toHaveCount(1);
  } finally {
    server.close();
  }
});

test("from a socket's row, its timeline (what the server received from it and sent to it, paired with our client's rows); from a room, who is in it now and who came and went", async ({
  page,
  inspector,
}) => {
  test.setTimeout(60_000);
  const server = await adminServer(4);
  server.io.on("connection", (socket) => {
    socket.on("echo", (x: unknown) => socket.emit("echoed", x));
    socket.on("leave", (room: string) => void socket.leave(String(room)));
  });
  try {
    await aliceAndBob(page, inspector, server.url);
    await connectView(page);
    await expect(panel(page).getByRole("status", { name: "Server view status" })).toContainText("Connected");
    await emitAs(page, "alice", "join", "lobby");
    await emitAs(page, "bob", "join", "lobby");
    await emitAs(page, "alice", "echo", "hi");
    await expect(eventRow(page, "echoed", "in")).toHaveCount(1);

    // Alice's socket: its timeline is the server's rows about it, and none about bob's.
    const alice = panel(page).getByRole("listitem", { name: /\(alice\)$/ });
    const aliceSid = /^Socket (\S+) on/.exec((await alice.getAttribute("aria-label")) ?? "")?.[1] ?? "";
    expect(aliceSid).not.toBe("");
    await alice.click();
    await panel(page).getByRole("button", { name: "Its timeline: alice's socket on /" }).click();
    await expect(page.getByLabel("Filter", { exact: true })).toHaveValue(aliceSid);
    // The view came after alice connected (no row of the server's for that): her own client's CONNECT shows it.
    await expect(
      rows(page)
        .filter({ has: page.getByRole("gridcell", { name: "CONNECT", exact: true }) })
        .locator(".c-client"),
    ).toHaveText("alice");
    await expect(rows(page).filter({ hasText: `${aliceSid} (alice) joined room lobby on /` })).toHaveCount(1);
    const received = rows(page)
      .filter({ has: page.locator(".c-event").getByText("echo", { exact: true }) })
      .filter({ hasText: `from ${aliceSid} (alice)` });
    const sent = rows(page)
      .filter({ has: page.locator(".c-event").getByText("echoed", { exact: true }) })
      .filter({ hasText: `to ${aliceSid} (alice)` });
    await expect(received).toHaveCount(1);
    await expect(sent).toHaveCount(1);
    await expect(rows(page).filter({ hasText: "(bob)" })).toHaveCount(0);
    expect(new Set(await rows(page).locator(".c-client").allTextContents())).toEqual(new Set(["alice", "server"]));
    // The server's end paired with alice's: what the server received is the row alice sent.
    await clickRow(received);
    await detail(page)
      .getByRole("region", { name: "Other end" })
      .getByRole("button", { name: "Show alice's row" })
      .click();
    const selected = rows(page).and(page.locator('[aria-selected="true"]'));
    await expect(selected).toHaveAttribute("data-dir", "out");
    await expect(selected.locator(".c-event")).toHaveText("echo");
    await expect(selected.locator(".c-client")).toHaveText("alice");

    // The room: who is in it now, then bob leaves; who came and went, in order.
    await page.getByLabel("Filter", { exact: true }).fill("");
    await panel(page).getByRole("listitem", { name: "Room lobby" }).click();
    const room = panel(page).getByRole("region", { name: "Selected room lobby" });
    await expect(room).toContainText("2 members");
    await expect(room).toContainText(/alice, bob|bob, alice/);
    await emitAs(page, "bob", "leave", "lobby");
    await expect(room).toContainText("1 member");
    await expect(room.locator(".members")).toHaveText("alice");
    await room.getByRole("button", { name: "Who came and went: lobby" }).click();
    const history = rows(page).filter({ hasText: /(joined|left) room lobby on \/$/ });
    await expect(history).toHaveCount(3);
    const texts = (await history.allTextContents()).map((t) =>
      /\((alice|bob)\) (joined|left)/.exec(t)?.slice(1).join(" "),
    );
    expect(texts.slice(-1)).toEqual(["bob left"]);
    expect(new Set(texts.slice(0, 2))).toEqual(new Set(["alice joined", "bob joined"]));
    await expect(rows(page)).toHaveCount(3);
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
    await expect(panel(page).locator('[data-code="server-view-credentials"]')).toBeVisible();
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
    // The room's detail is drawn (its members button), and holds no room-wide operation.
    await panel(page).getByRole("listitem", { name: "Room lobby" }).click();
    await expect(panel(page).getByRole("button", { name: "List the members of lobby" })).toBeVisible();
    await expect(panel(page).getByRole("button", { name: "Everyone leaves" })).toHaveCount(0);
    await panel(page)
      .getByRole("listitem", { name: /\(bob\)$/ })
      .click();
    await expect(panel(page).getByRole("button", { name: "Disconnect bob's socket on /" })).toBeVisible();
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

/** Every element of the page: what a list drawn whole makes grow with the server, and a virtual list does not. */
const elementCount = (page: Page) => page.evaluate(() => document.getElementsByTagName("*").length);

test("a big server: the lists stay a screenful of rows, a search finds sockets far down, a room lists its members, and the counts are right after a churn", async ({
  page,
  inspector,
}) => {
  test.setTimeout(180_000);
  const server = await adminServer(4);
  server.io.on("connection", (socket) => {
    socket.on("join-many", (rooms: string[], ack: () => void) => (socket.join(rooms), ack()));
    socket.on("leave", (room: string, ack: () => void) => (socket.leave(room), ack()));
  });
  const rooms = Array.from({ length: 50 }, (_, i) => `room-${i}`);
  const load: OfficialSocket[] = [];
  try {
    // 2,000 real websocket clients, each in the same 50 rooms, each with a header of its own; 200 handshakes at a
    // time (the machine's two cores serve the server, the clients and the browser).
    for (let from = 0; from < 2000; from += 200) {
      const batch = Array.from({ length: 200 }, (_, j) =>
        officialIo(server.url, {
          transports: ["websocket"],
          forceNew: true,
          reconnection: false,
          extraHeaders: { "x-tenant": `tenant-${from + j}` },
        }),
      );
      load.push(...batch);
      await Promise.all(
        batch.map(
          (c) =>
            new Promise<void>((resolve, reject) => {
              c.once("connect_error", (err) => reject(new Error(`a load client could not connect: ${err.message}`)));
              c.once("connect", () => c.emit("join-many", rooms, () => resolve()));
            }),
        ),
      );
    }
    // Our client comes last: its row is the last of 2,002 (the view's own admin socket is listed too).
    await openInspector(page, inspector, server.url);
    await page.getByLabel("Client name").fill("alice");
    await page.getByLabel("Client name").press("Enter");
    await page.getByRole("button", { name: "Connect", exact: true }).click();
    await expect(page.getByRole("listitem", { name: "Namespace /", exact: true })).toContainText("connected");
    await connectView(page);
    const count = panel(page).locator(".server-count").first();
    await expect(count).toHaveText(/^2002 of 2002$/, { timeout: 60_000 });
    const sockets = panel(page).getByRole("list", { name: "Server sockets" });
    // The list draws what is in view: alice's row, the last, is not drawn until it is looked for.
    await expect(sockets.getByRole("listitem", { name: /\(alice\)$/ })).toHaveCount(0);
    expect(await elementCount(page)).toBeLessThan(2500);

    const filter = panel(page).getByLabel("Filter sockets");
    await filter.fill("ALICE");
    await expect(count).toHaveText(/^1 of 2002$/);
    await expect(sockets.getByRole("listitem", { name: /\(alice\)$/ })).toBeVisible();
    await filter.fill("tenant-1999");
    await expect(count).toHaveText(/^1 of 2002$/);
    await expect(sockets.getByRole("listitem")).toHaveCount(1);
    await expect(sockets.getByRole("listitem")).toHaveAccessibleName(
      new RegExp(`^Socket ${load[1999]!.id} on / at node [^ ]+$`),
    );
    await filter.fill("");

    // A room found by name (room-7 is past the first screen of rooms), its row counts its members, and its
    // members become the socket list.
    await panel(page).getByLabel("Filter rooms").fill("room-7");
    await expect(panel(page).getByRole("list", { name: "Server rooms" }).getByRole("listitem")).toHaveCount(1);
    const roomRow = panel(page).getByRole("listitem", { name: "Room room-7" });
    await expect(roomRow).toContainText("2,000 members");
    await roomRow.click();
    await panel(page).getByRole("button", { name: "List the members of room-7" }).click();
    await expect(count).toHaveText(/^2000 of 2002$/);

    // A churn: 100 sockets leave room-7, 50 others disconnect; the counts follow.
    await Promise.all(load.slice(0, 100).map((c) => new Promise<void>((r) => c.emit("leave", "room-7", () => r()))));
    for (const c of load.slice(100, 150)) c.disconnect();
    await expect(count).toHaveText(/^1850 of 1952$/);
    await expect(roomRow).toContainText("1,850 members");
    await panel(page).getByLabel("Filter rooms").fill("room-8");
    await expect(panel(page).getByRole("listitem", { name: "Room room-8" })).toContainText("1,950 members");
    expect(await elementCount(page)).toBeLessThan(2500);
  } finally {
    for (const c of load) c.disconnect();
    server.close();
  }
});

test("one client on two namespaces: each socket's row, detail and buttons say which socket (namespace and client), the id and the name apart", async ({
  page,
  inspector,
}) => {
  const server = await adminServer(4);
  server.io.of("/chat").on("connection", () => {});
  try {
    await openInspector(page, inspector, server.url);
    await page.getByLabel("Namespace", { exact: true }).fill("/chat");
    await page.getByRole("button", { name: "Add namespace" }).click();
    await page.getByRole("button", { name: "Connect", exact: true }).click();
    await expect(page.getByRole("listitem", { name: "Namespace /chat", exact: true })).toContainText("connected");
    await connectView(page);
    const ours = panel(page)
      .getByRole("list", { name: "Server sockets" })
      .getByRole("listitem", { name: /\(client 1\)$/ });
    await expect(ours).toHaveCount(2);
    const names = await ours.evaluateAll((items) => items.map((i) => i.getAttribute("aria-label")));
    expect(names.map((n) => n?.replace(/^Socket \S+ /, "Socket <id> ")).sort()).toEqual([
      // The node: the server's own name, once its first stats (every 2 s) have come.
      expect.stringMatching(/^Socket <id> on \/( at node \S+)? \(client 1\)$/),
      expect.stringMatching(/^Socket <id> on \/chat( at node \S+)? \(client 1\)$/),
    ]);
    // The row's text keeps the name and the id apart.
    const chatRow = ours.filter({ hasText: "/chat" });
    const id = /^Socket (\S+) on/.exec((await chatRow.getAttribute("aria-label")) ?? "")?.[1] ?? "";
    await expect(chatRow).toContainText(`client 1 · ${id} · /chat`);

    // Each socket's buttons are its own: no two buttons of the page share a name.
    for (const nsp of ["/", "/chat"]) {
      await ours
        .filter({ has: page.getByText(new RegExp(` · ${nsp.replace("/", "\\/")}( ·|$)`)) })
        .first()
        .click();
      const selected = panel(page).getByRole("region", { name: new RegExp(`^Selected Socket \\S+ on ${nsp}( |$)`) });
      await expect(
        selected.getByRole("button", { name: `Make client 1's socket on ${nsp} join the room` }),
      ).toHaveCount(1);
      await expect(
        selected.getByRole("button", { name: `Disconnect client 1's socket on ${nsp}`, exact: true }),
      ).toHaveCount(1);
    }
    const buttonNames = await page
      .getByRole("button")
      .evaluateAll((buttons) => buttons.map((b) => b.getAttribute("aria-label") ?? b.textContent?.trim() ?? ""));
    const named = buttonNames.filter((n) => n.includes("client 1"));
    expect(new Set(named).size).toBe(named.length);
  } finally {
    server.close();
  }
});
