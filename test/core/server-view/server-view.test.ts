// The server view against real socket.io servers instrumented with @socket.io/admin-ui, in Node.
import { instrument } from "@socket.io/admin-ui";
import bcrypt from "bcryptjs";
import { afterEach, describe, expect, test } from "vitest";
import { Manager } from "../../../src/client/index.js";
import { defaultConfig } from "../../../src/core/connection/config.js";
import type { ServerRecord, TimelineRecord } from "../../../src/core/feed/records.js";
import { ServerView } from "../../../src/core/server-view/server-view.js";
import { startServer, type TestServer } from "../../helpers/server.js";

let server: TestServer | undefined;
let view: ServerView | undefined;
const managers: Manager[] = [];
afterEach(async () => {
  view?.dispose();
  for (const m of managers.splice(0)) m.disconnect();
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
    expect(records.some((r) => r.what === "view" && /production mode: stats only/.test(r.text ?? ""))).toBe(true);
    expect(view?.model.list()).toEqual([]);
  });

  test("wrong credentials and a missing admin namespace: refused, with what to check", async () => {
    server = await startServer();
    instrument(server.io, { auth: { type: "basic", username: "admin", password: bcrypt.hashSync("pw", 4) } });
    viewOf(server.url, { username: "admin", password: "nope" });
    await until(() => view?.status().state === "refused", "the refusal");
    expect(view?.status().message).toContain("/admin refused the credentials: check Admin username and Admin password");
    view?.dispose();
    viewOf(server.url, { namespace: "/nothing" });
    await until(() => view?.status().state === "refused", "the refusal");
    expect(view?.status().message).toContain("The server has no /nothing namespace");
  });

  test("an operation the server does not announce is refused by name", async () => {
    server = await startServer();
    instrument(server.io, { auth: false, readonly: true });
    viewOf(server.url);
    await until(() => view?.status().mode !== "unknown", "the config");
    expect(() => view?.act("join", "/", { sid: "x", room: "r" })).toThrow(
      "The server does not offer this (its admin UI announces no JOIN feature)",
    );
  });
});
