import { afterEach, expect, test } from "vitest";
import { SessionFigures } from "../../../src/core/charts/session-figures.js";
import { defaultConfig } from "../../../src/core/connection/config.js";
import { Feed } from "../../../src/core/feed/feed.js";
import type { TimelineRecord } from "../../../src/core/feed/records.js";
import { LiveClient } from "../../../src/core/live/live-client.js";
import { startServer, waitFor, type TestServer } from "../../helpers/server.js";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** The page's Connect: a new client in the feed (the one before it disposed), its namespaces opened. */
function connect(feed: Feed, url: string): LiveClient {
  const config = defaultConfig(url);
  config.transports = ["websocket"];
  config.namespaces = [
    { nsp: "/", auth: "" },
    { nsp: "/chat", auth: "" },
  ];
  const client = new LiveClient("client 1", config, { outsideBrowser: true, onError: () => undefined });
  feed.add(client);
  client.start(config.namespaces);
  return client;
}

const connected = (c: LiveClient) => () => c.socketStatus().filter((s) => s.connected).length === 2;

test("Disconnect and Connect twice: no drop, and one close row for each close", async () => {
  server = await startServer();
  server.io.of("/chat");
  const feed = new Feed();
  const records: TimelineRecord[] = [];
  feed.tap((r) => records.push(r));
  let client = connect(feed, server.url);
  for (let round = 0; round < 2; round++) {
    await waitFor(connected(client), "connected");
    client.closeAll(); // Disconnect
    await waitFor(() => client.status().state === "closed", "closed");
    client.dispose(); // Connect again: the old client goes, a new one comes
    client = connect(feed, server.url);
  }
  await waitFor(connected(client), "connected again");
  client.dispose();

  const closes = records.filter((r) => r.kind === "close");
  expect(closes.map((r) => (r as { reason?: string }).reason)).toEqual([
    "forced close",
    "forced close",
    "forced close",
  ]);
  const figures = new SessionFigures();
  figures.addAll(records);
  const [track] = figures.connections();
  expect(track?.drops).toBe(0);
  expect(track?.markers.filter((m) => m.kind === "closed").length).toBeGreaterThan(0);
});

test("a close the server caused is a drop; Drop transport's is not", async () => {
  server = await startServer();
  server.io.of("/chat");
  const feed = new Feed();
  const records: TimelineRecord[] = [];
  feed.tap((r) => records.push(r));
  const client = connect(feed, server.url);
  await waitFor(connected(client), "connected");
  client.dropTransport();
  await waitFor(() => records.some((r) => r.kind === "reconnect"), "reconnected after Drop transport");
  await waitFor(connected(client), "connected again");
  const before = new SessionFigures();
  before.addAll(records);
  expect(before.connections()[0]?.drops).toBe(0);
  for (const s of server.io.of("/chat").sockets.values()) s.disconnect(true); // the server closes the connection
  await waitFor(() => records.some((r) => r.kind === "disconnect" && r.reason === "io server disconnect"), "kicked");
  const after = new SessionFigures();
  after.addAll(records);
  expect(after.connections()[0]?.drops).toBeGreaterThan(0);
  client.dispose();
});
