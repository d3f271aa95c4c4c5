import type { Page } from "@playwright/test";
import { io as officialIo, type Socket as OfficialSocket } from "socket.io-client";
import { axeViolations } from "./support/axe";
import { connect, expect, openInspector, test } from "./support/fixtures";
import { startCluster, type Cluster } from "./support/cluster";

// A fleet: three socket.io 4 nodes with the Redis adapter (a real redis-server), each instrumented with
// @socket.io/admin-ui and naming itself in its sockets' data, behind a real nginx (Debian's) in round robin.
let cluster: Cluster;
test.beforeAll(async () => {
  cluster = await startCluster({ nodes: 3, admin: true });
});
test.afterAll(async () => cluster?.stop());

/** One plain socket (the official client) straight to each node, named in its query: a socket on every node. */
const plain: OfficialSocket[] = [];
test.beforeEach(async () => {
  for (const node of cluster.nodes) {
    const socket = officialIo(node.url, {
      transports: ["websocket"],
      forceNew: true,
      reconnection: false,
      query: { who: `plain-${node.name}` },
    });
    plain.push(socket);
  }
  await Promise.all(plain.map((s) => new Promise<void>((r) => (s.connected ? r() : s.once("connect", () => r())))));
});
test.afterEach(() => {
  for (const s of plain.splice(0)) s.disconnect();
});

const view = (page: Page) => page.getByRole("region", { name: "Server view" });
const sockets = (page: Page) => view(page).getByRole("list", { name: "Server sockets" });

/** The inspector on the cluster's round robin, websocket only (a WebSocket stays on the node it reached). */
async function openOnFleet(page: Page, inspector: string, { phone = false } = {}) {
  await page.goto(inspector);
  if (phone) await page.getByRole("button", { name: "Connection", exact: true }).click();
  await page.getByLabel("Server URL").fill(cluster.roundRobin);
  await page.getByRole("checkbox", { name: "polling" }).uncheck();
  if (phone) await page.getByRole("button", { name: "Timeline", exact: true }).click();
  await page.getByRole("button", { name: "Server view", exact: true }).click();
  await view(page).getByRole("button", { name: "Connect server view" }).click();
  await expect(view(page)).toContainText("Connected · 3 nodes");
}

test("three nodes behind nginx with Redis: every node listed with its figures, every node's sockets with their node, and an operation that reaches a socket on another node", async ({
  page,
  inspector,
}) => {
  await openInspector(page, inspector, cluster.roundRobin);
  await page.getByRole("checkbox", { name: "polling" }).uncheck();
  await connect(page);
  await page.getByRole("button", { name: "Server view", exact: true }).click();
  await view(page).getByRole("button", { name: "Connect server view" }).click();

  // Each node's own stats reach the view, whichever node it is on (the adapter carries them).
  const nodes = view(page).getByRole("table", { name: /^Nodes/ });
  for (const node of cluster.nodes)
    await expect(nodes.getByRole("rowheader", { name: `node-${node.name}` })).toBeVisible();
  await expect(nodes.getByRole("row")).toHaveCount(4);

  // Every node's plain socket, found by its query, says its node.
  const filter = view(page).getByLabel("Filter sockets");
  for (const node of cluster.nodes) {
    await filter.fill(`plain-${node.name}`);
    await expect(sockets(page).getByRole("listitem")).toHaveCount(1);
    await expect(sockets(page).getByRole("listitem")).toHaveAccessibleName(
      `Socket ${plain[cluster.nodes.indexOf(node)]!.id} on / at node node-${node.name}`,
    );
  }
  // Our own client is named, with its node.
  await filter.fill("client 1");
  await expect(sockets(page).getByRole("listitem")).toHaveAccessibleName(
    /^Socket \S+ on \/ at node node-[ABC] \(client 1\)$/,
  );

  // The node the view itself is on: its own admin socket's.
  await filter.fill("/admin");
  await expect(sockets(page).getByRole("listitem")).toHaveCount(1);
  const own = /at node node-([ABC])/.exec((await sockets(page).getByRole("listitem").getAttribute("aria-label")) ?? "");
  expect(own).not.toBeNull();
  const other = cluster.nodes.findIndex((n) => n.name !== own![1]);
  const target = plain[other]!;
  const targetNode = cluster.nodes[other]!.name;

  // A socket on another node joins a room through the view: the node that holds it says so, and the view shows it.
  await filter.fill(`plain-${targetNode}`);
  await sockets(page).getByRole("listitem").click();
  const who = `socket ${target.id} on /`;
  await view(page).getByLabel(`Room for ${who} to join`).fill("vip");
  await view(page)
    .getByRole("button", { name: `Make ${who} join the room` })
    .click();
  await expect.poll(() => target.emitWithAck("my-rooms")).toContain("vip");
  await view(page).getByLabel("Filter rooms").fill("vip");
  await expect(view(page).getByRole("listitem", { name: "Room vip" })).toContainText("1 member");

  // An emit to that room from the server reaches it, on its node.
  const heard = new Promise<unknown[]>((resolve) => target.once("hello-vip", (...args: unknown[]) => resolve(args)));
  await view(page).getByLabel("Server emit room").fill("vip");
  await view(page).getByLabel("Server emit event").fill("hello-vip");
  await view(page).getByLabel("Server emit arguments (JSON array)").fill('["from the view"]');
  await view(page).getByRole("button", { name: "Emit from server" }).click();
  expect(await heard).toEqual(["from the view"]);

  // And a disconnect, asked of the node the view is on, reaches it on its own.
  const gone = new Promise<string>((resolve) => target.once("disconnect", resolve));
  await view(page)
    .getByRole("button", { name: `Disconnect ${who}` })
    .click();
  expect(await gone).toBe("io server disconnect");
  await expect(view(page).getByText("The selected socket has gone.")).toBeVisible();
});

test("the server's figures per node: in Charts, and in the session's report table", async ({ page, inspector }) => {
  await openOnFleet(page, inspector);
  // Every node's stats are a row of the timeline (kind server), and a series of the Server chart.
  await page.getByRole("button", { name: "Charts", exact: true }).click();
  const charts = page.getByRole("region", { name: "Charts" });
  const chart = charts.getByRole("img", { name: /^Server: connected clients per node/ });
  await expect(chart).toBeVisible();
  for (const node of cluster.nodes) await expect(chart).toHaveAccessibleName(new RegExp(`node-${node.name}`));
  const table = charts.getByRole("table", { name: "Server nodes" });
  for (const node of cluster.nodes)
    await expect(table.getByRole("row", { name: new RegExp(`^node-${node.name} `) })).toHaveCount(1);
});

const SIZES = [
  [1440, 900],
  [1024, 700],
  [768, 1024],
  [390, 844],
] as const;

for (const theme of ["dark", "light"] as const) {
  for (const [width, height] of SIZES) {
    test(`the Server view at ${width}×${height}, ${theme}: beside the timeline, no horizontal scroll, no axe-core violation`, async ({
      page,
      inspector,
    }) => {
      await page.setViewportSize({ width, height });
      await page.emulateMedia({ colorScheme: theme });
      const phone = width < 768;
      await openOnFleet(page, inspector, { phone });
      await expect(
        view(page)
          .getByRole("table", { name: /^Nodes/ })
          .getByRole("row"),
      ).toHaveCount(4);
      await expect(sockets(page).getByRole("listitem").first()).toBeVisible();
      // On a phone it takes the timeline's place; wider, the timeline's rows stay in view below it.
      if (phone) await expect(page.locator("#timeline-grid")).toBeHidden();
      else await expect(page.locator("#timeline-grid")).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      expect(await axeViolations(page)).toEqual([]);

      // With a socket and a room selected, too.
      await view(page).getByLabel("Filter sockets").fill("plain-A");
      await sockets(page).getByRole("listitem").click();
      await expect(view(page).getByRole("region", { name: /^Selected Socket/ })).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      expect(await axeViolations(page)).toEqual([]);
    });
  }
}
