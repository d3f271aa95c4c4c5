// Both ends of a message paired by the feed against a real socket.io server instrumented with @socket.io/admin-ui:
// the server view joins streams already running, and either end reconnects.
import { instrument } from "@socket.io/admin-ui";
import { afterEach, expect, test } from "vitest";
import type { PacketRecord } from "../../../src/client/observe/records.js";
import { defaultConfig } from "../../../src/core/connection/config.js";
import { Feed } from "../../../src/core/feed/feed.js";
import { otherEndOf } from "../../../src/core/feed/links.js";
import type { ServerRecord, TimelineRecord } from "../../../src/core/feed/records.js";
import { LiveClient } from "../../../src/core/live/live-client.js";
import { ServerView } from "../../../src/core/server-view/server-view.js";
import { startServer, waitFor, type TestServer } from "../../helpers/server.js";

let server: TestServer | undefined;
const stops: Array<() => void> = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) stop();
  await server?.close();
  server = undefined;
});

/** A server that sends `tick` once a second and `stream` 200 times a second to everyone, from the start. */
async function streamingServer(): Promise<TestServer> {
  const s = await startServer();
  instrument(s.io, { auth: false, mode: "development" });
  let tick = 0;
  let n = 0;
  const ticks = setInterval(() => s.io.emit("tick", { n: ++tick }), 1000);
  const stream = setInterval(() => s.io.emit("stream", { n: ++n, at: Date.now() }), 5);
  stops.push(() => {
    clearInterval(ticks);
    clearInterval(stream);
  });
  return s;
}

function client(feed: Feed, url: string): LiveClient {
  const config = defaultConfig(url);
  config.transports = ["websocket"];
  config.namespaces = [{ nsp: "/", auth: "" }];
  const c = new LiveClient("client 1", config, { outsideBrowser: true, onError: () => undefined });
  feed.add(c);
  c.start(config.namespaces);
  stops.push(() => c.dispose());
  return c;
}

/** The server view in the feed; our client's Engine.IO connections (by the ids their handshakes gave) are named. */
function view(feed: Feed, url: string, owners: Map<string, string>): ServerView {
  const v = new ServerView(
    defaultConfig(url),
    { namespace: "/admin", username: "", password: "" },
    { ownerOf: (clientId) => owners.get(clientId), outsideBrowser: true },
  );
  const undo = feed.add(v);
  v.start();
  stops.push(() => {
    v.dispose();
    undo();
  });
  return v;
}

const sent = (records: TimelineRecord[], event: string) =>
  records.filter((r): r is ServerRecord => r.kind === "server" && r.what === "event_sent" && r.event === event);

/** Every server row of `event` paired with a client row of the same payload; how many there are. */
function expectPairsEqual(records: TimelineRecord[], event: string): number {
  const rows = sent(records, event).filter((r) => otherEndOf(r) !== undefined);
  const payloads = rows.map((r) => JSON.stringify(r.args));
  const theirs = rows.map((r) => JSON.stringify((otherEndOf(r) as PacketRecord).args));
  expect(theirs).toEqual(payloads);
  // And each client row points back at its server row.
  expect(rows.every((r) => otherEndOf(otherEndOf(r) as TimelineRecord) === r)).toBe(true);
  return rows.length;
}

test("joined to a 1 Hz tick and a 200/s stream already running, then either end reconnecting: every pair has one payload", async () => {
  server = await streamingServer();
  const feed = new Feed();
  const records: TimelineRecord[] = [];
  const owners = new Map<string, string>();
  feed.tap((r) => {
    records.push(r);
    if (r.kind === "handshake" && r.client) owners.set(r.sid.slice(0, 12), r.client);
  });
  const ours = client(feed, server.url);
  // The streams run for a while before the view comes.
  await waitFor(() => records.filter((r) => r.kind === "packet" && r.event === "tick").length >= 2, "two ticks", 5000);
  const first = view(feed, server.url, owners);
  await waitFor(() => expectPairsEqual(records, "stream") >= 100, "100 stream pairs");
  await waitFor(() => expectPairsEqual(records, "tick") >= 1, "a tick pair", 5000);

  // Our client's transport drops and comes back: a new Engine.IO connection, the same stream.
  const beforeDrop = expectPairsEqual(records, "stream");
  ours.dropTransport();
  await waitFor(() => records.some((r) => r.kind === "reconnect"), "our client back");
  await waitFor(() => expectPairsEqual(records, "stream") >= beforeDrop + 100, "100 pairs after our reconnect");

  // The server view goes and comes back.
  first.dispose();
  const beforeView = expectPairsEqual(records, "stream");
  view(feed, server.url, owners);
  await waitFor(() => expectPairsEqual(records, "stream") >= beforeView + 100, "100 pairs after the view's reconnect");
  expectPairsEqual(records, "tick");
}, 30_000);
