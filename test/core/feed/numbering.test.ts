import { afterEach, describe, expect, test } from "vitest";
import type { PacketRecord } from "../../../src/client/observe/records.js";
import { Feed } from "../../../src/core/feed/feed.js";
import { replyOf, requestOf } from "../../../src/core/feed/links.js";
import { LiveClient } from "../../../src/core/live/live-client.js";
import { Numbering } from "../../../src/core/feed/numbering.js";
import type { TimelineRecord } from "../../../src/core/feed/records.js";
import { decodeSession, encodeSession } from "../../../src/core/files/session-file.js";
import { startServer, type TestServer } from "../../helpers/server.js";
import { configFor, expectEveryAckPaired, holdingServerAcks, inFeed, manyOpenPairs } from "../../helpers/open-pairs.js";

const event = (seq: number, extra: Partial<PacketRecord> = {}): TimelineRecord =>
  ({
    kind: "packet",
    seq,
    t: seq,
    dir: "out",
    nsp: "/",
    type: "EVENT",
    event: "e",
    args: [],
    attachments: 0,
    ...extra,
  }) as TimelineRecord;
const ack = (seq: number, pair: number): TimelineRecord =>
  ({
    kind: "packet",
    seq,
    t: seq,
    dir: "in",
    nsp: "/",
    type: "ACK",
    args: ["ok"],
    attachments: 0,
    pair,
  }) as TimelineRecord;

describe("the numbering", () => {
  test("two sources with the same local numbers get one sequence, and each ack its own emit", () => {
    const numbering = new Numbering();
    const alice = {};
    const bob = {};
    const a1 = numbering.number(alice, event(1, { ackId: 0, pair: 1 }));
    const b1 = numbering.number(bob, event(1, { ackId: 0, pair: 1 }));
    const bAck = numbering.number(bob, ack(2, 1));
    const aAck = numbering.number(alice, ack(2, 1));
    expect([a1.seq, b1.seq, bAck.seq, aAck.seq]).toEqual([1, 2, 3, 4]);
    expect([(a1 as PacketRecord).pair, (aAck as PacketRecord).pair]).toEqual([1, 1]);
    expect([(b1 as PacketRecord).pair, (bAck as PacketRecord).pair]).toEqual([2, 2]);
    expect(requestOf(aAck)).toBe(a1);
    expect(replyOf(b1)).toBe(bAck);
  });

  test("an emit that waited in the send buffer: its ack answers the emit that left, and pairs with its buffered row", () => {
    const numbering = new Numbering();
    const source = {};
    const buffered = numbering.number(source, {
      kind: "buffered",
      seq: 1,
      t: 1,
      nsp: "/",
      event: "e",
      args: [],
      ackId: 0,
    } as TimelineRecord);
    const sent = numbering.number(source, event(2, { ackId: 0, pair: 1 }));
    const reply = numbering.number(source, ack(3, 1));
    expect((sent as PacketRecord).pair).toBe(buffered.seq);
    expect((reply as PacketRecord).pair).toBe(buffered.seq);
    expect(requestOf(reply)).toBe(sent);
    expect(replyOf(sent)).toBe(reply);
    expect(replyOf(buffered)).toBe(reply);
  });

  test("a reply to a pair that is not open is shown unpaired, not tied to another record", () => {
    const numbering = new Numbering();
    const orphan = numbering.number({}, ack(5, 4));
    expect((orphan as PacketRecord).pair).toBeUndefined();
    expect(requestOf(orphan)).toBeUndefined();
  });

  test("a pair holds while 25,000 others are open; past the bound the oldest is let go", () => {
    const numbering = new Numbering(0, 30_000);
    const source = {};
    const emits = Array.from({ length: 25_000 }, (_, i) =>
      numbering.number(source, event(i + 1, { ackId: i, pair: i + 1 })),
    );
    const first = numbering.number(source, ack(25_001, 1));
    expect(requestOf(first)).toBe(emits[0]);
    const small = new Numbering(0, 10);
    const few = Array.from({ length: 11 }, (_, i) => small.number(source, event(i + 1, { ackId: i, pair: i + 1 })));
    expect(requestOf(small.number(source, ack(12, 1)))).toBeUndefined();
    expect(requestOf(small.number(source, ack(13, 11)))).toBe(few[10]);
  });
});

let server: TestServer | undefined;
const stops: Array<() => void> = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) stop();
  await server?.close();
  server = undefined;
});

describe("whatever the source, a record is numbered and its ack paired once", () => {
  const COUNT = 25_000;

  test(`a live client: ${COUNT} emits awaiting their acks at once, every ack paired with its emit`, async () => {
    server = await startServer();
    holdingServerAcks(server, COUNT);
    const feed = new Feed();
    const client = new LiveClient("alice", configFor(server.url), { outsideBrowser: true, onError: () => undefined });
    const records = inFeed(feed, client);
    stops.push(() => client.dispose());
    client.start([{ nsp: "/", auth: "" }]);
    expectEveryAckPaired(await manyOpenPairs(client, records, COUNT), COUNT);
  }, 90_000);

  test("a session file: read back, its records are numbered and paired as they were, links included", async () => {
    server = await startServer();
    holdingServerAcks(server, 100);
    const feed = new Feed();
    const client = new LiveClient("alice", configFor(server.url), { outsideBrowser: true, onError: () => undefined });
    const live = inFeed(feed, client);
    stops.push(() => client.dispose());
    client.start([{ nsp: "/", auth: "" }]);
    await manyOpenPairs(client, live, 100);
    // Another source took numbers first in the live feed: the file's own numbers are its key when read back.
    const read = decodeSession(encodeSession(live));
    expect(read.map((r) => r.seq)).toEqual(read.map((_, i) => i + 1));
    expectEveryAckPaired(read, 100);
  }, 30_000);
});
