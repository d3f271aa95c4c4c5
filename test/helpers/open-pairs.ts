// Many pairs open at once against a real server: emits whose acks the server holds until all have come. For the tests
// that a record is numbered and its ack paired once, whatever the source (a live client, the worker adapter, a file).
import { expect } from "vitest";
import type { PacketRecord } from "../../src/client/observe/records.js";
import { defaultConfig, type ConnectionConfig } from "../../src/core/connection/config.js";
import type { Feed } from "../../src/core/feed/feed.js";
import { replyOf, requestOf } from "../../src/core/feed/links.js";
import type { TimelineRecord } from "../../src/core/feed/records.js";
import type { RecordSource } from "../../src/core/feed/source.js";
import type { LiveClient } from "../../src/core/live/live-client.js";
import { waitFor, type TestServer } from "./server.js";

export function configFor(url: string): ConnectionConfig {
  const config = defaultConfig(url);
  config.transports = ["websocket"];
  config.namespaces = [{ nsp: "/", auth: "" }];
  return config;
}

export type Client = RecordSource & Pick<LiveClient, "start" | "emit" | "socketStatus" | "dispose">;

/** A source that has said a few things already: the client's own numbers are then not the feed's. */
const earlier: RecordSource = {
  name: "earlier",
  kind: "file",
  subscribe(listener) {
    for (let seq = 1; seq <= 3; seq++) listener({ kind: "note", seq, t: seq, topic: "user", text: "before" });
    return () => undefined;
  },
};

/** A client in a feed after another source, as the page has it; its records as the feed hands them out. */
export function inFeed(feed: Feed, client: Client): TimelineRecord[] {
  const records: TimelineRecord[] = [];
  feed.add(earlier);
  feed.add(client);
  feed.tap((r) => {
    if (r.client === client.name) records.push(r);
  });
  return records;
}

/** Emits `count` emits with acks, and waits for every ack. */
export async function manyOpenPairs(client: Client, records: TimelineRecord[], count: number) {
  await waitFor(() => client.socketStatus()[0]?.connected === true, "connected");
  for (let i = 0; i < count; i++) client.emit("/", "hold", [i], { ack: { timeout: 0 } });
  await waitFor(
    () => records.filter((r) => r.kind === "packet" && r.type === "ACK").length === count,
    "every ack",
    60_000,
  );
  return records;
}

/** The server holds each `hold`'s ack until `count` have come, then answers them all. */
export function holdingServerAcks(server: TestServer, count: number) {
  const held: Array<() => void> = [];
  server.io.on("connection", (s) =>
    s.on("hold", (n: number, answer: (v: number) => void) => {
      held.push(() => answer(n));
      if (held.length === count) held.splice(0).forEach((go) => go());
    }),
  );
}

/** Every ack paired with the emit that carried the value it returns; each record numbered once. */
export function expectEveryAckPaired(records: TimelineRecord[], count: number) {
  const acks = records.filter((r) => r.kind === "packet" && r.type === "ACK") as PacketRecord[];
  const emits = records.filter((r) => r.kind === "packet" && r.event === "hold") as PacketRecord[];
  const seqs = records.map((r) => r.seq);
  expect(new Set(seqs).size).toBe(seqs.length);
  expect(acks).toHaveLength(count);
  expect(acks.map((a) => (requestOf(a) as PacketRecord | undefined)?.args?.[0])).toEqual(acks.map((a) => a.args?.[0]));
  expect(acks.map((a) => a.pair)).toEqual(acks.map((a) => requestOf(a)?.seq));
  expect(emits.every((e) => e.pair === e.seq && replyOf(e) !== undefined)).toBe(true);
}
