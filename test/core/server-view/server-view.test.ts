// The server view against real socket.io servers instrumented with @socket.io/admin-ui, in Node.
import { instrument } from "@socket.io/admin-ui";
import bcrypt from "bcryptjs";
import { io as officialIo, type Socket as OfficialSocket } from "socket.io-client";
import { afterEach, describe, expect, test } from "vitest";
import { Manager } from "../../../src/client/index.js";
import { defaultConfig } from "../../../src/core/connection/config.js";
import type { ServerRecord, TimelineRecord } from "../../../src/core/feed/records.js";
import { ServerView } from "../../../src/core/server-view/server-view.js";
import { startServer, type TestServer } from "../../helpers/server.js";
import { withCode } from "../../helpers/codes.js";

let server: TestServer | undefined;
let view: ServerView | undefined;
const managers: Manager[] = [];
const plainClients: OfficialSocket[] = [];
afterEach(async () => {
  view?.dispose();
  for (const m of managers.splice(0)) m.disconnect();
  for (const c of plainClients.splice(0)) c.disconnect();
  await server?.close();
});

/** A view of `server` with these settings; resolves its records as they come. */
function viewOf(url: string, settings: { namespace?: string; username?: string; password?: string } = {}) {
  const records: ServerRecord[] = [];
  const config = defaultConfig(url);
  view = new ServerView(
    config,
    { namespace: "/admin", username: "", password: "", ...settings },
    {
      ownerOf: (clientId) => (clientId === ours ? "alice" : undefined),
      outsideBrowser: true,
    },
  );
  view.subscribe((r: TimelineRecord) => records.push(r as ServerRecord));
  view.start();
  return records;
}
let ours = "";

async function until(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("the server view", () => {
  test("development mode: our socket named, its room and its event with the server's time", async () => {
    server = await startServer();
    server.io.on("connection", (socket) => {
      socket.on("join", (room: string) => void socket.join(room));
      socket.on("echo", (x: unknown) => socket.emit("echoed", x));
    });
    instrument(server.io, {
      auth: { type: "basic", username: "admin", password: bcrypt.hashSync("pw", 4) },
      mode: "development",
    });
    const records = viewOf(server.url, { username: "admin", password: "pw" });
    await until(() => view?.status().state === "open" && view.status().mode === "development", "the view");
    const manager = new Manager(server.url, { transports: ["websocket"] });
    managers.push(manager);
    manager.on("open", () => (ours = (manager.engine?.id ?? "").slice(0, 12)));
    const socket = manager.socket("/");
    await until(() => socket.connected, "our socket");
    socket.emit("join", "lobby");
    socket.emit("echo", "hi");
    await until(() => records.some((r) => r.what === "event_sent"), "the server's emit");
    const joined = records.find((r) => r.what === "room_joined");
    expect(joined).toMatchObject({ nsp: "/", sid: socket.id, room: "lobby", of: "alice", client: "server" });
    const received = records.find((r) => r.what === "event_received" && r.event === "echo");
    expect(received).toMatchObject({ args: ["hi"], of: "alice" });
    expect(received?.serverTime).toBeGreaterThan(Date.now() - 10_000);
    expect(view?.model.inRoom("/", socket.id as string, "lobby")).toBe(true);
    expect(view?.allows("emptyRoom")).toBe(true);
  });

  test("production mode: stats only, said in the timeline; no sockets kept", async () => {
    server = await startServer();
    instrument(server.io, { auth: false, mode: "production" });
    const records = viewOf(server.url);
    await until(() => view?.status().mode === "production", "the config");
    expect(records.some((r) => r.what === "view" && r.code === "view-production-mode")).toBe(true);
    expect(view?.model.list()).toEqual([]);
  });

  test("each node's stats are a record: its name, its connections, and its traffic per second from its own counts", async () => {
    server = await startServer();
    server.io.on("connection", (socket) => socket.on("ping-me", (ack: (x: string) => void) => ack("pong")));
    instrument(server.io, { auth: false, mode: "production", serverId: "node-7" });
    const records = viewOf(server.url);
    const client = officialIo(server.url, { transports: ["websocket"], forceNew: true, reconnection: false });
    plainClients.push(client);
    await new Promise<void>((r) => client.once("connect", () => r()));
    for (let i = 0; i < 20; i++) await client.emitWithAck("ping-me");
    // The server sends its stats every 2 s: the first after the pings counts them.
    const busy = () =>
      records.find((r) => r.what === "stats" && (r.seconds ?? []).reduce((n, s) => n + s.packetsIn, 0) >= 20);
    await until(() => busy() !== undefined, "stats counting the pings", 8000);
    const stats = busy()!;
    // The view's socket and ours: two Engine.IO connections.
    expect(stats).toMatchObject({ node: "node-7", clients: 2, nsp: "/admin", client: "server" });
    const seconds = stats.seconds ?? [];
    expect(seconds.every((s, i) => i === 0 || s.t > seconds[i - 1]!.t)).toBe(true);
    expect(seconds.reduce((n, s) => n + s.bytesOut, 0)).toBeGreaterThan(0);
    expect(view?.model.nodes().map((n) => n.id)).toEqual(["node-7"]);
  });

  test("wrong credentials and a missing admin namespace: refused, with what to check", async () => {
    server = await startServer();
    instrument(server.io, { auth: { type: "basic", username: "admin", password: bcrypt.hashSync("pw", 4) } });
    viewOf(server.url, { username: "admin", password: "nope" });
    await until(() => view?.status().state === "refused", "the refusal");
    expect(view?.status().problem).toEqual(withCode("server-view-credentials", { namespace: "/admin" }));
    view?.dispose();
    viewOf(server.url, { namespace: "/nothing" });
    await until(() => view?.status().state === "refused", "the refusal");
    expect(view?.status().problem).toEqual(withCode("server-view-no-namespace", { namespace: "/nothing" }));
  });

  test("an operation the server does not announce is refused by name", async () => {
    server = await startServer();
    instrument(server.io, { auth: false, readonly: true });
    viewOf(server.url);
    await until(() => view?.status().mode !== "unknown", "the config");
    expect(() => view?.act("join", "/", { sid: "x", room: "r" })).toThrow(
      withCode("server-view-feature-missing", { feature: "JOIN" }),
    );
  });

  test("a big server's list is read in slices, and what the server says right after it is applied in order: the view ends as the server's adapter is", async () => {
    server = await startServer();
    instrument(server.io, { auth: false, mode: "development" });
    const rooms = Array.from({ length: 100 }, (_, i) => `room-${i}`);
    server.io.on("connection", (socket) =>
      socket.on("join", (names: string[], ack: () => void) => (socket.join(names), ack())),
    );
    for (let i = 0; i < 500; i++) {
      const c = officialIo(server.url, { transports: ["websocket"], forceNew: true, reconnection: false });
      plainClients.push(c);
    }
    await Promise.all(
      plainClients.map((c) => new Promise<void>((r) => c.once("connect", () => c.emit("join", rooms, () => r())))),
    );
    // Once the view has its list (sent as the admin socket connects), the server changes: joins, leaves, disconnects.
    let churned = false;
    server.io.of("/admin").on("connection", () =>
      setImmediate(() => {
        const sockets = [...server!.io.of("/").sockets.values()];
        sockets.forEach((s, i) => {
          if (i % 5 === 0) s.join(`late-${i % 3}`);
          if (i % 7 === 0) s.leave("room-1");
          if (i % 50 === 0) s.disconnect(true);
        });
        churned = true;
      }),
    );
    let sawReading = false;
    const config = defaultConfig(server.url);
    const watching = new ServerView(
      config,
      { namespace: "/admin", username: "", password: "" },
      {
        outsideBrowser: true,
        onChange: () => (sawReading ||= watching.readingProgress() !== undefined),
      },
    );
    view = watching;
    watching.start();
    const expected = () =>
      [...server!.io.of("/").sockets.values()]
        .map((s) => ({ id: s.id, rooms: [...s.rooms].sort() }))
        .sort((a, b) => (a.id < b.id ? -1 : 1));
    const seen = () =>
      watching.model
        .list()
        .filter((s) => s.nsp === "/")
        .map((s) => ({ id: s.id, rooms: [...s.rooms].sort() }))
        .sort((a, b) => (a.id < b.id ? -1 : 1));
    await until(
      () => churned && watching.readingProgress() === undefined && watching.model.countIn("/") === 490,
      "the churn",
      15_000,
    );
    await until(() => JSON.stringify(seen()) === JSON.stringify(expected()), "the view to match the adapter", 5_000);
    expect(sawReading).toBe(true);
    // 72 of the 500 left room-1 (every seventh), 2 of them among the 10 disconnected: 420, as the adapter says.
    expect(watching.model.roomSize("/", "room-1")).toBe(420);
    expect(server.io.of("/").adapter.rooms.get("room-1")?.size).toBe(420);
    expect(watching.model.roomSize("/", "late-0")).toBe(server.io.of("/").adapter.rooms.get("late-0")?.size);
  });
});
