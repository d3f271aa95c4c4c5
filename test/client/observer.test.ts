import { afterEach, expect, test, vi } from "vitest";
import { Manager, io, type Socket } from "../../src/client/index.js";
import { observe } from "../../src/client/observe/observer.js";
import type { ClientRecord, PacketRecord } from "../../src/client/observe/records.js";
import { setTimeout as realSleep } from "node:timers/promises";
import { once, serverSockets, startServer, waitFor, type TestServer } from "../helpers/server.js";

/** Polls on real timers: vi.waitFor would advance the fake clock while it waits. */
async function until(predicate: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    if (predicate()) return;
    await realSleep(5);
  }
  throw new Error(`timed out waiting for ${what}`);
}

let server: TestServer | undefined;
const cleanups: Array<() => void> = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const c of cleanups.splice(0)) c();
  await server?.close();
  server = undefined;
});

function watch(manager: Manager): ClientRecord[] {
  const records: ClientRecord[] = [];
  cleanups.push(observe(manager, (r) => records.push(r)));
  return records;
}

function connectQuiet(url: string, opts: Record<string, unknown> = {}): Socket {
  const socket = io(url, { forceNew: true, autoConnect: false, ...opts });
  cleanups.push(() => {
    socket.io.reconnection(false);
    socket.disconnect();
  });
  return socket;
}

const packets = (records: ClientRecord[]) => records.filter((r): r is PacketRecord => r.kind === "packet");

test("handshake, open, CONNECT out with auth, CONNECT in, connect", async () => {
  server = await startServer({ pingInterval: 4000, pingTimeout: 3000 });
  const socket = connectQuiet(server.url, { auth: { token: "abc" }, transports: ["websocket"] });
  const records = watch(socket.io);
  socket.connect();
  await once(socket, "connect");

  const handshake = records.find((r) => r.kind === "handshake");
  expect(handshake).toMatchObject({
    sid: socket.io.engine?.id,
    pingInterval: 4000,
    pingTimeout: 3000,
    transport: "websocket",
  });
  expect(records.map((r) => r.kind)).toEqual(["handshake", "open", "packet", "packet", "connect"]);
  expect(packets(records).map((p) => [p.dir, p.type, p.nsp])).toEqual([
    ["out", "CONNECT", "/"],
    ["in", "CONNECT", "/"],
  ]);
  expect(packets(records)[0]?.data).toEqual({ token: "abc" });
  expect(records.at(-1)).toMatchObject({ kind: "connect", nsp: "/", id: socket.id, recovered: false, active: true });
  // seq increases by one; t is a real epoch time
  expect(records.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
  for (const r of records) expect(Math.abs(r.t - Date.now())).toBeLessThan(60_000);
});

test("an emit and its ack share a pair, with the latency; an ack the server asked for pairs with its event", async () => {
  server = await startServer();
  server.io.on("connection", (s) => {
    s.on("echo", (v: unknown, cb: (v: unknown) => void) => cb(v));
    s.emit("question", "why?", () => {});
  });
  const socket = connectQuiet(server.url);
  socket.on("question", (_q: string, answer: (a: string) => void) => answer("because"));
  const records = watch(socket.io);
  socket.connect();
  await once(socket, "connect");
  await socket.emitWithAck("echo", { bin: new Uint8Array([1, 2]) });
  await waitFor(() => packets(records).some((p) => p.type === "ACK" && p.dir === "out"), "our ack");

  const emit = packets(records).find((p) => p.dir === "out" && p.event === "echo");
  const ack = packets(records).find((p) => p.dir === "in" && (p.type === "ACK" || p.type === "BINARY_ACK"));
  expect(emit).toMatchObject({ type: "BINARY_EVENT", ackId: 0, attachments: 1, pair: emit?.seq, compress: true });
  expect(ack).toMatchObject({ ackId: 0, pair: emit?.seq, attachments: 1, type: "BINARY_ACK" });
  expect(ack?.latency).toBeGreaterThanOrEqual(0);

  const question = packets(records).find((p) => p.dir === "in" && p.event === "question");
  const answer = packets(records).find((p) => p.dir === "out" && p.type === "ACK");
  expect(question).toMatchObject({ args: ["why?"], pair: question?.seq });
  expect(answer).toMatchObject({ args: ["because"], pair: question?.seq });
});

test("emits while disconnected: buffered records, then a flush, and the ack pairs with the buffered record", async () => {
  server = await startServer();
  server.io.on("connection", (s) => s.on("later", (cb: (v: string) => void) => cb("ok")));
  const socket = connectQuiet(server.url);
  const records = watch(socket.io);
  const reply = socket.emitWithAck("later");
  socket.emit("plain", 1);
  socket.connect();
  expect(await reply).toBe("ok");

  const buffered = records.filter((r) => r.kind === "buffered");
  expect(buffered.map((b) => b.kind === "buffered" && b.event)).toEqual(["later", "plain"]);
  expect(records.find((r) => r.kind === "flush")).toMatchObject({ nsp: "/", count: 2 });
  const ack = packets(records).find((p) => p.type === "ACK");
  expect(ack?.pair).toBe(buffered[0]?.seq);
  expect(packets(records).find((p) => p.event === "later")?.pair).toBe(buffered[0]?.seq);
});

test("ack time-out and acks dropped on disconnect are recorded with their pair (fake timers)", async () => {
  server = await startServer();
  server.io.on("connection", (s) => s.on("silent", () => {}));
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
  const socket = connectQuiet(server.url, { transports: ["websocket"] });
  const records = watch(socket.io);
  socket.connect();
  await until(() => socket.connected, "connect");

  const result = new Promise<unknown>((resolve) => socket.timeout(5000).emit("silent", (err: unknown) => resolve(err)));
  await vi.advanceTimersByTimeAsync(4999);
  expect(records.some((r) => r.kind === "ack_timeout")).toBe(false);
  await vi.advanceTimersByTimeAsync(1);
  expect(String(await result)).toBe("Error: operation has timed out");
  const emit = packets(records).find((p) => p.event === "silent");
  expect(records.find((r) => r.kind === "ack_timeout")).toMatchObject({ nsp: "/", ackId: 0, pair: emit?.seq });

  socket.emit("silent", () => {});
  socket.disconnect();
  expect(records.find((r) => r.kind === "ack_discarded")).toMatchObject({ ackId: 1 });
});

test("reconnection: the backoff delay of each attempt, then attempt and reconnect (fake timers)", async () => {
  server = await startServer();
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
  const socket = connectQuiet(server.url, {
    reconnectionDelay: 1000,
    randomizationFactor: 0,
    transports: ["websocket"],
  });
  const records = watch(socket.io);
  socket.connect();
  await until(() => socket.connected, "connect");

  const [serverSocket] = serverSockets(server.io);
  serverSocket?.conn.close();
  await until(() => records.some((r) => r.kind === "reconnect_scheduled"), "scheduled reconnection");
  expect(records.find((r) => r.kind === "reconnect_scheduled")).toMatchObject({ attempt: 1, delay: 1000 });
  await vi.advanceTimersByTimeAsync(999);
  expect(records.some((r) => r.kind === "reconnect_attempt")).toBe(false);
  await vi.advanceTimersByTimeAsync(1);
  expect(records.find((r) => r.kind === "reconnect_attempt")).toMatchObject({ attempt: 1 });
  await until(() => socket.connected, "connect");

  const kinds = records.map((r) => r.kind).filter((k) => k !== "packet" && k !== "handshake");
  // Records follow the order of the facts: the Manager's close comes before the sockets hear of it.
  expect(kinds).toEqual([
    "open",
    "connect",
    "close",
    "disconnect",
    "reconnect_scheduled",
    "reconnect_attempt",
    "open",
    "reconnect",
    "connect",
  ]);
  expect(records.find((r) => r.kind === "disconnect")).toMatchObject({ reason: "transport close", active: true });
});

test("reconnection delays grow exponentially and are reported as chosen", async () => {
  server = await startServer();
  const url = server.url;
  await server.close();
  server = undefined;
  const socket = connectQuiet(url, {
    reconnectionDelay: 10,
    reconnectionDelayMax: 40,
    randomizationFactor: 0,
    reconnectionAttempts: 4,
  });
  const records = watch(socket.io);
  socket.connect();
  await once(socket.io, "reconnect_failed");
  const delays = records.flatMap((r) => (r.kind === "reconnect_scheduled" ? [r.delay] : []));
  expect(delays).toEqual([10, 20, 40, 40]);
  expect(records.filter((r) => r.kind === "reconnect_error")).toHaveLength(4);
  expect(records.at(-2)?.kind).toBe("reconnect_failed");
});

test("pings, with the interval between them; transport upgrade", async () => {
  server = await startServer({ pingInterval: 60, pingTimeout: 1000 });
  const socket = connectQuiet(server.url);
  const records = watch(socket.io);
  socket.connect();
  await waitFor(() => records.filter((r) => r.kind === "ping").length >= 3, "three pings");
  const pings = records.filter((r) => r.kind === "ping");
  expect(pings[0]).toMatchObject({ from: "server", sinceLast: undefined });
  expect(pings[1]?.kind === "ping" && pings[1].sinceLast).toBeGreaterThan(0);
  expect(records.some((r) => r.kind === "pong")).toBe(false);
  expect(records.find((r) => r.kind === "handshake")).toMatchObject({
    transport: "polling",
    upgrades: ["websocket"],
    eio: 4,
    maxPayload: 1e6,
  });
  expect(
    records
      .filter((r) => r.kind === "upgrading" || r.kind === "upgrade")
      .map((r) => [r.kind, "transport" in r && r.transport]),
  ).toEqual([
    ["upgrading", "websocket"],
    ["upgrade", "websocket"],
  ]);
});

test("connect_error from middleware carries message and data; inactive", async () => {
  server = await startServer();
  server.io.use((_s, next) => next(Object.assign(new Error("nope"), { data: { reason: "no token" } })));
  const socket = connectQuiet(server.url);
  const records = watch(socket.io);
  socket.connect();
  await once(socket, "connect_error");
  expect(records.find((r) => r.kind === "connect_error")).toMatchObject({
    nsp: "/",
    active: false,
    error: { message: "nope", data: { reason: "no token" } },
  });
  expect(packets(records).find((p) => p.type === "CONNECT_ERROR")).toMatchObject({
    dir: "in",
    data: { message: "nope", data: { reason: "no token" } },
  });
});

test("several listeners see the same records; when the last one leaves, the Manager holds no tap", async () => {
  server = await startServer();
  const socket = connectQuiet(server.url);
  const a: ClientRecord[] = [];
  const b: ClientRecord[] = [];
  const stopA = observe(socket.io, (r) => a.push(r));
  const stopB = observe(socket.io, (r) => b.push(r));
  expect(socket.io._tap).toBeDefined();
  socket.connect();
  await once(socket, "connect");
  expect(b).toEqual(a);
  stopA();
  expect(socket.io._tap).toBeDefined();
  stopB();
  expect(socket.io._tap).toBeUndefined();
  const before = a.length;
  socket.emit("after", 1);
  await new Promise((r) => setTimeout(r, 20));
  expect(a.length).toBe(before);
});

test("a manager that is never observed has no tap at all", () => {
  const m = new Manager("http://127.0.0.1:9", { autoConnect: false });
  expect(m._tap).toBeUndefined();
});

test("an error-first ack does not change the recorded ack arguments", async () => {
  server = await startServer();
  server.io.on("connection", (s) => s.on("echo", (v: unknown, cb: (v: unknown) => void) => cb(v)));
  const socket = connectQuiet(server.url);
  const records = watch(socket.io);
  socket.connect();
  await socket.timeout(2000).emitWithAck("echo", "hello");
  expect(packets(records).find((p) => p.type === "ACK")?.args).toEqual(["hello"]);
});

test("v2 mode: the handshake says Engine.IO 3 and no maxPayload; pings come from the client, pongs with their round trip", async () => {
  const { createServer } = await import("node:http");
  const { default: ServerV2 } = await import("socket.io-v2");
  const http = createServer();
  const v2Server = ServerV2(http, { pingInterval: 60, pingTimeout: 1000 });
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", () => r()));
  cleanups.push(() => (v2Server.close(), http.closeAllConnections()));
  const { v2 } = await import("../../src/client/v2/index.js");
  const socket = connectQuiet(`http://127.0.0.1:${(http.address() as { port: number }).port}`, { protocol: v2 });
  const records = watch(socket.io);
  socket.connect();
  await waitFor(() => records.filter((r) => r.kind === "pong").length >= 2, "two pongs");
  const handshake = records.find((r) => r.kind === "handshake");
  expect(handshake).toMatchObject({ eio: 3, maxPayload: undefined, transport: "polling" });
  expect(records.find((r) => r.kind === "ping")).toMatchObject({ from: "client" });
  const pong = records.find((r) => r.kind === "pong");
  expect(pong?.kind === "pong" && pong.rtt).toBeGreaterThanOrEqual(0);
  // Each pong follows its ping.
  const beats = records.filter((r) => r.kind === "ping" || r.kind === "pong").map((r) => r.kind);
  expect(beats.slice(0, 4)).toEqual(["ping", "pong", "ping", "pong"]);
});
