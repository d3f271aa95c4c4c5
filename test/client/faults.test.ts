/**
 * Faults, against real servers: killed and restarted, paused until pings time out, polling answered with errors,
 * an upgrade cut in the middle. The observer's records (what the timeline shows) name each for what it is.
 */
import { fork, type ChildProcess } from "node:child_process";
import { createServer as createNetServer } from "node:net";
import { afterEach, expect, test } from "vitest";
import { Manager, io, type Socket } from "../../src/client/index.js";
import { observe } from "../../src/client/observe/observer.js";
import type { ClientRecord } from "../../src/client/observe/records.js";
import { once, serverSockets, startServer, waitFor, type TestServer } from "../helpers/server.js";

const children: ChildProcess[] = [];
const sockets: Socket[] = [];
let server: TestServer | undefined;
afterEach(async () => {
  for (const s of sockets.splice(0)) {
    s.io.reconnection(false);
    s.disconnect();
  }
  for (const c of children.splice(0)) c.kill("SIGKILL");
  await server?.close();
  server = undefined;
});

async function freePort(): Promise<number> {
  const srv = createNetServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", () => r()));
  const { port } = srv.address() as { port: number };
  await new Promise((r) => srv.close(r));
  return port;
}

async function startJobServer(port: number, pingInterval = 25000): Promise<ChildProcess> {
  const child = fork("test/helpers/job-server.mjs", [String(port), String(pingInterval)], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  children.push(child);
  await new Promise((resolve) => child.once("message", resolve));
  return child;
}

const received = (child: ChildProcess) =>
  new Promise<number[]>((resolve) => {
    child.once("message", (m) => resolve((m as { received: number[] }).received));
    child.send("received");
  });

function client(url: string, opts: Record<string, unknown> = {}): { socket: Socket; records: ClientRecord[] } {
  const socket = io(url, {
    forceNew: true,
    reconnectionDelay: 50,
    reconnectionDelayMax: 200,
    randomizationFactor: 0,
    ...opts,
  });
  sockets.push(socket);
  const records: ClientRecord[] = [];
  observe(socket.io, (r) => records.push(r));
  return { socket, records };
}

test("server killed and restarted mid-stream: with retries no emit is lost, each is acked once, none is sent twice to the new server", async () => {
  const port = await freePort();
  const first = await startJobServer(port);
  const { socket, records } = client(`http://127.0.0.1:${port}`, {
    retries: 10,
    ackTimeout: 400,
    transports: ["websocket"],
  });
  const acks: Array<[number, unknown, unknown]> = [];
  const total = 120;
  for (let i = 0; i < total; i++) socket.emit("job", i, (err: unknown, reply: unknown) => acks.push([i, err, reply]));
  await waitFor(() => acks.length >= 40, "the first acks");
  first.kill("SIGKILL");
  await waitFor(() => records.some((r) => r.kind === "disconnect"), "the disconnect");
  const second = await startJobServer(port);
  await waitFor(() => acks.length === total, "every ack", 20_000);

  expect(acks.map(([i]) => i)).toEqual([...Array(total).keys()]);
  expect(acks.every(([i, err, reply]) => err === null && reply === `done ${i}`)).toBe(true);
  const onSecond = await received(second);
  expect(new Set(onSecond).size).toBe(onSecond.length);
  expect(records.find((r) => r.kind === "disconnect")).toMatchObject({ reason: "transport close", active: true });
  expect(records.some((r) => r.kind === "reconnect_scheduled")).toBe(true);
  expect(records.some((r) => r.kind === "reconnect")).toBe(true);
});

test("server paused until pings time out: 'ping timeout', then it reconnects when the server resumes", async () => {
  const port = await freePort();
  const child = await startJobServer(port, 150);
  const { socket, records } = client(`http://127.0.0.1:${port}`, { transports: ["websocket"] });
  await once(socket, "connect");
  child.kill("SIGSTOP");
  const [reason] = await once<[string]>(socket, "disconnect");
  expect(reason).toBe("ping timeout");
  child.kill("SIGCONT");
  await once(socket, "connect");
  expect(records.find((r) => r.kind === "close")).toMatchObject({ reason: "ping timeout" });
  expect(records.filter((r) => r.kind === "reconnect_attempt").length).toBeGreaterThanOrEqual(1);
});

test("polling answered with HTTP 500: 'transport error' with the status, then recovery when the server heals", async () => {
  server = await startServer();
  // Put a gate in front of the engine: once armed, polling requests of an open session get a 500.
  const listeners = server.http.listeners("request").slice() as Array<(...a: unknown[]) => void>;
  server.http.removeAllListeners("request");
  let failing = false;
  server.http.on("request", (req, res) => {
    if (failing && req.url?.includes("transport=polling") && req.url.includes("sid=")) {
      res.writeHead(500).end("internal error");
      return;
    }
    for (const l of listeners) l.call(server!.http, req, res);
  });
  const { socket, records } = client(server.url, { transports: ["polling"] });
  await once(socket, "connect");
  failing = true;
  socket.emit("nudge"); // a POST, answered with 500
  const [reason] = await once<[string]>(socket, "disconnect");
  expect(reason).toBe("transport error");
  // The long-poll GET or the POST meets the 500 first; either way the status is in the details.
  expect(records.find((r) => r.kind === "close")).toMatchObject({
    reason: "transport error",
    error: { message: expect.stringMatching(/^xhr (poll|post) error$/), description: 500 },
  });
  failing = false;
  await once(socket, "connect");
});

test("the transport cut during an upgrade: the probe fails, the connection stays on polling", async () => {
  server = await startServer();
  // Cut every WebSocket upgrade at the TCP level.
  server.http.prependListener("upgrade", (_req, sock: import("node:net").Socket) => sock.destroy());
  const { socket, records } = client(server.url, { transports: ["polling", "websocket"] });
  await once(socket, "connect");
  await waitFor(() => records.some((r) => r.kind === "upgrade_error"), "the failed upgrade");
  expect(records.find((r) => r.kind === "upgrade_error")).toMatchObject({
    transport: "websocket",
    error: { message: expect.stringMatching(/^probe error/) },
  });
  expect(records.some((r) => r.kind === "upgrade")).toBe(false);
  expect(socket.connected).toBe(true);
  expect(socket.io.engine?.transport.name).toBe("polling");
  expect(
    await socket
      .timeout(2000)
      .emitWithAck("missing-handler")
      .catch((e: Error) => e.message),
  ).toBe("operation has timed out");
});

test("listener and timer counts do not grow over 100 reconnection cycles", async () => {
  server = await startServer();
  const { socket } = client(server.url, { transports: ["websocket"], reconnectionDelay: 1, reconnectionDelayMax: 1 });
  const admin = socket.io.socket("/admin");
  server.io.of("/admin");
  await once(socket, "connect");
  const listenerCount = (e: object) =>
    Object.values((e as { _callbacks?: Record<string, unknown[]> })._callbacks ?? {}).reduce((n, l) => n + l.length, 0);
  const timers = () =>
    (process as unknown as { getActiveResourcesInfo(): string[] })
      .getActiveResourcesInfo()
      .filter((t) => t === "Timeout").length;
  const measure = () => ({
    manager: listenerCount(socket.io),
    engine: listenerCount(socket.io.engine!),
    socket: listenerCount(socket),
    admin: listenerCount(admin),
    timers: timers(),
  });
  await waitFor(() => admin.connected, "admin connected");
  const before = measure();
  for (let i = 0; i < 100; i++) {
    const reconnected = once(socket.io, "reconnect");
    serverSockets(server.io)[0]?.conn.close();
    await reconnected;
    await waitFor(() => socket.connected && admin.connected, "both namespaces back");
  }
  const after = measure();
  const { timers: timersAfter, ...listenersAfter } = after;
  const { timers: timersBefore, ...listenersBefore } = before;
  expect(listenersAfter).toEqual(listenersBefore);
  expect(timersAfter).toBeLessThanOrEqual(timersBefore);
  // The Manager is still the same one, and it works.
  expect(socket.io).toBeInstanceOf(Manager);
  expect(socket.connected && admin.connected).toBe(true);
});
