// The live clients' worker protocol: ClientHost on one end of a real MessageChannel (structured clone, transfer),
// ClientWorker and RemoteClient on the other, a real socket.io server on loopback. What the page's worker does,
// in one Node process.
import { afterEach, expect, test } from "vitest";
import type { PacketRecord } from "../../../../src/client/observe/records.js";
import { defaultConfig, type ConnectionConfig } from "../../../../src/core/connection/config.js";
import { ClientHost } from "../../../../src/core/live/worker/client-host.js";
import type { MessageEnd } from "../../../../src/core/live/worker/client-protocol.js";
import { Feed } from "../../../../src/core/feed/feed.js";
import { HandSource } from "../../../helpers/hand-source.js";
import type { TimelineRecord } from "../../../../src/core/feed/records.js";
import { ClientWorker, type RemoteClient } from "../../../../src/core/live/worker/remote-client.js";
import { startServer, waitFor, type TestServer } from "../../../helpers/server.js";
import { expectEveryAckPaired, holdingServerAcks, inFeed, manyOpenPairs } from "../../../helpers/open-pairs.js";
import { problem, type Problem } from "../../../../src/core/shared/errors.js";
import { withCode } from "../../../helpers/codes.js";

const servers: TestServer[] = [];
const channels: MessageChannel[] = [];
const clients: RemoteClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.dispose();
  await new Promise((r) => setTimeout(r, 20));
  for (const ch of channels.splice(0)) {
    ch.port1.close();
    ch.port2.close();
  }
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

function configFor(url: string, namespaces = ["/"]): ConnectionConfig {
  const config = defaultConfig(url);
  config.namespaces = namespaces.map((nsp) => ({ nsp, auth: "" }));
  config.transports = ["websocket"];
  config.reconnectionDelay = 50;
  config.randomizationFactor = 0;
  return config;
}

/** A worker end and a page end joined by a MessageChannel; the page's clients in a feed, as the page has them. */
function channel() {
  const ch = new MessageChannel();
  channels.push(ch);
  new ClientHost(ch.port1 as unknown as MessageEnd);
  const worker = new ClientWorker(ch.port2 as unknown as MessageEnd);
  const feed = new Feed();
  const errors: Problem[] = [];
  const start = (config: ConnectionConfig, name = "client 1") => {
    const client = worker.client(name, config, { onError: (p) => errors.push(p) });
    clients.push(client);
    const records: TimelineRecord[] = [];
    feed.add(client);
    feed.tap((r) => {
      if (r.client === name) records.push(r);
    });
    client.start(config.namespaces);
    return { client, records };
  };
  return { worker, feed, errors, start };
}

const connected =
  (client: RemoteClient, nsp = "/") =>
  () =>
    client.socketStatus().some((s) => s.nsp === nsp && s.connected);

test("the page's feed numbers the worker's records after another source's, in order, with the client's state", async () => {
  const server = await startServer();
  servers.push(server);
  server.io.of("/a");
  const { feed, start } = channel();
  const other = new HandSource("other");
  feed.add(other);
  other.send({ kind: "note", topic: "user", text: "before" } as Parameters<HandSource["send"]>[0]); // it takes 1
  const { client, records } = start(configFor(server.url, ["/", "/a"]));
  await waitFor(connected(client, "/a"), "/a connected");
  expect(client.status().state).toBe("open");
  expect(client.status().transport).toBe("websocket");
  const seqs = records.map((r) => r.seq);
  expect(seqs[0]).toBe(2);
  expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  expect(new Set(seqs).size).toBe(seqs.length);
  expect(records.every((r) => r.client === "client 1")).toBe(true);
});

test("an emit with an ack: the reply's callback runs after the ack's record, and their pair holds", async () => {
  const server = await startServer();
  servers.push(server);
  server.io.on("connection", (s) => s.on("echo", (v: unknown, ack: (x: unknown) => void) => ack({ got: v })));
  const { start } = channel();
  const { client, records } = start(configFor(server.url));
  await waitFor(connected(client), "connected");
  const reply = await new Promise<{ err: Error | null; args: unknown[]; seen: number }>((resolve) =>
    client.emit("/", "echo", [42], {
      ack: { timeout: 2000, onReply: (err, args) => resolve({ err, args, seen: records.length }) },
    }),
  );
  expect(reply.err).toBeNull();
  expect(reply.args).toEqual([{ got: 42 }]);
  const emit = records.find((r) => r.kind === "packet" && r.dir === "out" && r.event === "echo") as PacketRecord;
  const ack = records.find((r) => r.kind === "packet" && r.type === "ACK") as PacketRecord;
  expect(records.indexOf(ack)).toBeLessThan(reply.seen);
  expect(emit.pair).toBe(emit.seq);
  expect(ack.pair).toBe(emit.seq);
});

test("a time-out comes back as the reply's error", async () => {
  const server = await startServer();
  servers.push(server);
  const { start } = channel();
  const { client } = start(configFor(server.url));
  await waitFor(connected(client), "connected");
  const err = await new Promise<Error | null>((resolve) =>
    client.emit("/", "nobody-answers", [], { ack: { timeout: 50, onReply: (e) => resolve(e) } }),
  );
  expect(err?.message).toMatch(/timed out/);
});

test("a server emit that asks for an ack is answered through its record's handle, once", async () => {
  const server = await startServer();
  servers.push(server);
  const { start } = channel();
  const { client, records } = start(configFor(server.url));
  await waitFor(connected(client), "connected");
  const answered = new Promise<unknown[]>((resolve) =>
    server.io.sockets.sockets
      .values()
      .next()
      .value?.emit("ask", 1, (...args: unknown[]) => resolve(args)),
  );
  await waitFor(() => records.some((r) => r.kind === "packet" && r.event === "ask"), "the ask");
  const asked = records.find((r) => r.kind === "packet" && r.event === "ask") as PacketRecord;
  const handle = asked.reply;
  expect(handle?.state).toBe("waiting");
  expect(handle?.ready).toBe(true);
  handle?.answer("ok", { n: 2 });
  expect(await answered).toEqual(["ok", { n: 2 }]);
  expect(() => handle?.answer("again")).toThrow("This ack was already sent");
  await waitFor(() => records.some((r) => r.kind === "packet" && r.type === "ACK" && r.dir === "out"), "our ack");
});

test("binary that arrived is handed over as an ArrayBuffer", async () => {
  const server = await startServer();
  servers.push(server);
  server.io.on("connection", (s) => s.emit("bytes", Buffer.from([1, 2, 3])));
  const { start } = channel();
  const { client, records } = start(configFor(server.url));
  await waitFor(() => records.some((r) => r.kind === "packet" && r.event === "bytes"), "the bytes");
  const r = records.find((x) => x.kind === "packet" && x.event === "bytes") as PacketRecord;
  expect(r.type).toBe("BINARY_EVENT");
  expect([...new Uint8Array(r.args?.[0] as ArrayBuffer)]).toEqual([1, 2, 3]);
  void client;
});

test("the checks of this thread throw at once: a bad URL, an emit on a namespace never opened, a reserved name", async () => {
  const server = await startServer();
  servers.push(server);
  const { worker, start } = channel();
  const hooks = { onError: () => undefined };
  expect(() => worker.client("x", configFor("not a url"), hooks)).toThrow();
  const { client } = start(configFor(server.url));
  expect(() => client.emit("/nowhere", "e", [], {})).toThrow(withCode("namespace-not-open", { nsp: "/nowhere" }));
  expect(() => client.emit("/", "disconnect", [], {})).toThrow(withCode("event-reserved", { event: "disconnect" }));
  // Before the worker says it is connected, an emit on an asked namespace is taken, and said to be buffered.
  expect(client.emit("/", "early", [], {})).toEqual(problem("emit-buffered", { nsp: "/" }));
});

test("dispose: the last records come before `done`", async () => {
  const server = await startServer();
  servers.push(server);
  const { start } = channel();
  const { client, records } = start(configFor(server.url));
  await waitFor(connected(client), "connected");
  const done = await new Promise<TimelineRecord[]>((resolve) => client.dispose(() => resolve([...records])));
  expect(done.some((r) => r.kind === "disconnect")).toBe(true);
});

test("a failed worker closes its clients and says why", async () => {
  const server = await startServer();
  servers.push(server);
  const { worker, errors, start } = channel();
  const { client } = start(configFor(server.url));
  worker.fail(problem("client-worker-failed", { detail: "the worker crashed" }));
  expect(errors).toEqual([problem("client-worker-failed", { detail: "the worker crashed" })]);
  expect(client.status().state).toBe("closed");
});

test("a payload nested deeper than structured clone goes (100,000 levels): it comes whole, written as a session file writes it", async () => {
  const server = await startServer();
  servers.push(server);
  server.io.on("connection", (s) => s.conn.send(`2["deep",${"[".repeat(100_000)}"bottom"${"]".repeat(100_000)}]`));
  const { start } = channel();
  const { records } = start(configFor(server.url));
  await waitFor(() => records.some((r) => r.kind === "packet" && r.event === "deep"), "the deep event", 10_000);
  let value = (records.find((r) => r.kind === "packet" && r.event === "deep") as PacketRecord).args?.[0];
  let depth = 0;
  while (Array.isArray(value)) {
    value = value[0];
    depth++;
  }
  expect(depth).toBe(100_000);
  expect(value).toBe("bottom");
});

test("an emit the host cannot send answers its ack callback with why (it does not wait for ever)", async () => {
  const server = await startServer();
  servers.push(server);
  const { errors, start } = channel();
  const config = configFor(server.url);
  // Auto with polling: the host asks the server which protocol it speaks first, so it has no socket yet when the
  // emit reaches it; the page, told of no socket yet, lets the emit go.
  config.serverVersion = "auto";
  config.transports = ["polling"];
  const { client } = start(config);
  const err = await new Promise<Error | null>((resolve) =>
    client.emit("/", "early", [], { ack: { timeout: 0, onReply: (e) => resolve(e) } }),
  );
  expect(err).toEqual(withCode("namespace-not-open", { nsp: "/" }));
  expect(errors).toContainEqual(problem("namespace-not-open", { nsp: "/" }));
});

test("a stopped client's unanswered asks turn gone, and answering one says why", async () => {
  const server = await startServer();
  servers.push(server);
  const { start } = channel();
  const { client, records } = start(configFor(server.url));
  await waitFor(connected(client), "connected");
  server.io.sockets.sockets
    .values()
    .next()
    .value?.emit("ask", 1, () => undefined);
  await waitFor(() => records.some((r) => r.kind === "packet" && r.event === "ask"), "the ask");
  const handle = (records.find((r) => r.kind === "packet" && r.event === "ask") as PacketRecord).reply;
  await new Promise<void>((resolve) => client.dispose(resolve));
  expect(handle?.state).toBe("gone");
  expect(() => handle?.answer("late")).toThrow("The socket disconnected: the server no longer waits for this ack");
});

test("the worker adapter: 25,000 pairs open at once across the message boundary, every ack paired (after another source)", async () => {
  const server = await startServer();
  servers.push(server);
  holdingServerAcks(server, 25_000);
  const channel = new MessageChannel();
  channels.push(channel);
  new ClientHost(channel.port1 as unknown as MessageEnd);
  const worker = new ClientWorker(channel.port2 as unknown as MessageEnd);
  const feed = new Feed();
  const client = worker.client("alice", configFor(server.url), { onError: () => undefined });
  const records = inFeed(feed, client);
  clients.push(client);
  client.start([{ nsp: "/", auth: "" }]);
  expectEveryAckPaired(await manyOpenPairs(client, records, 25_000), 25_000);
}, 90_000);
