import { connect, expect, openInspector, rows, test } from "./support/fixtures";
import { startCluster, type Cluster } from "./support/cluster";
import type { Page } from "@playwright/test";

// Two socket.io nodes with the Redis adapter, a real redis-server and a real nginx (Debian's) in front.
let cluster: Cluster;
test.beforeAll(async () => {
  cluster = await startCluster();
});
test.afterAll(async () => cluster?.stop());

async function openOnly(page: Page, inspector: string, url: string) {
  await openInspector(page, inspector, url);
}

test("round robin without sticky sessions: the doctor names the problem", async ({ page, inspector }) => {
  await openOnly(page, inspector, cluster.roundRobin);
  await page.getByRole("checkbox", { name: "websocket" }).uncheck();
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  const finding = page
    .getByRole("region", { name: "Connection doctor" })
    .getByRole("article", { name: /^Session ID unknown/ });
  await expect(finding).toContainText("Enable sticky sessions");
});

test("with sticky sessions the inspector works and shows broadcasts from both nodes", async ({ page, inspector }) => {
  await openOnly(page, inspector, cluster.sticky);
  await connect(page);
  await page.getByLabel("Filter", { exact: true }).fill("node-tick");
  await expect(rows(page).filter({ hasText: '"A"' }).first()).toBeAttached();
  await expect(rows(page).filter({ hasText: '"B"' }).first()).toBeAttached();
});

test("websocket-only through round robin also works (a WebSocket stays on one node)", async ({ page, inspector }) => {
  await openOnly(page, inspector, cluster.roundRobin);
  await page.getByRole("checkbox", { name: "polling" }).uncheck();
  await connect(page);
  await page.getByLabel("Filter", { exact: true }).fill("node-tick");
  await expect(rows(page).filter({ hasText: '"A"' }).first()).toBeAttached();
  await expect(rows(page).filter({ hasText: '"B"' }).first()).toBeAttached();
});
