/**
 * The Server view's store (src/ui/server-view/store.ts) against a real socket.io server instrumented with
 * @socket.io/admin-ui, in Node: what the panel reads through it (counts, a socket by its place, a search), the
 * settings a preset keeps, and the timeline filter a room's history sets. The panel's drawing is e2e's
 * (e2e/server-view.spec.ts, e2e/fleet.spec.ts).
 */
import { instrument } from "@socket.io/admin-ui";
import { createPinia, setActivePinia } from "pinia";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { Manager } from "../../../src/client/index.js";
import { useClientsStore } from "../../../src/ui/connection/clients-store.js";
import { useServerViewStore } from "../../../src/ui/server-view/store.js";
import { showRoomHistory } from "../../../src/ui/server-view/timeline-links.js";
import { useTimelineStore } from "../../../src/ui/timeline/store.js";
import { describe as describeRow } from "../../../src/ui/timeline/describe.js";
import { freshLocalStorage } from "../../helpers/memory-storage.js";
import { startServer, type TestServer } from "../../helpers/server.js";

let server: TestServer | undefined;
const managers: Manager[] = [];
beforeEach(() => {
  freshLocalStorage();
  setActivePinia(createPinia());
});
afterEach(async () => {
  useServerViewStore().disconnect();
  for (const m of managers.splice(0)) m._close();
  await server?.close();
  server = undefined;
});

async function until(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** `n` sockets of our own client library on `/`, socket i with the query tenant=tenant-i. */
async function sockets(url: string, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const manager = new Manager(url, { transports: ["websocket"], query: { tenant: `tenant-${i}` } });
    managers.push(manager);
    const socket = manager.socket("/");
    await until(() => socket.connected, `socket ${i}`);
  }
}

describe("connected to a server with the admin UI", () => {
  test("the panel's count reaches every socket of the server (the view's own on /admin too), each read by its place", async () => {
    server = await startServer();
    instrument(server.io, { auth: false, mode: "development" });
    await sockets(server.url, 5);
    useClientsStore().active.config.url = server.url;
    const view = useServerViewStore();
    expect(await view.connect()).toBe(true);
    await until(() => view.socketCount() === 6, "six sockets listed");
    const ids = Array.from({ length: 6 }, (_, i) => view.socketAt(i)?.id);
    const onServer = [...server.io.of("/").sockets.keys(), ...server.io.of("/admin").sockets.keys()];
    expect(new Set(ids)).toEqual(new Set(onServer));
  });

  test("a search by a handshake's query field narrows the list to the socket that has it", async () => {
    server = await startServer();
    instrument(server.io, { auth: false, mode: "development" });
    await sockets(server.url, 5);
    useClientsStore().active.config.url = server.url;
    const view = useServerViewStore();
    await view.connect();
    await until(() => view.socketCount() === 6, "six sockets listed");
    view.socketQuery = "tenant-3";
    await until(() => view.socketCount() === 1, "the search's one socket");
    const [wanted] = [...server.io.of("/").sockets.values()].filter((s) => s.handshake.query.tenant === "tenant-3");
    expect(view.socketAt(0)?.id).toBe(wanted?.id);
  });

  test("an operation before the view is connected is refused with a code, and nothing is sent", () => {
    const view = useServerViewStore();
    expect(view.act("disconnect", "/", { sid: "abc" })).toBe(false);
    expect(view.error?.code).toBe("server-view-not-connected");
  });
});

describe("what a preset keeps of the view", () => {
  test("nothing while the settings are the defaults, and never the password", () => {
    const view = useServerViewStore();
    expect(view.presetSettings()).toBeUndefined();
    Object.assign(view.settings, { username: "admin", password: "secret" });
    expect(view.presetSettings()).toEqual({ namespace: view.settings.namespace, username: "admin" });
  });
});

describe("a room's comings and goings in the timeline", () => {
  test("the filter matches the server's rows about that room, its name taken literally, and no other room's", () => {
    showRoomHistory("tenant(1).eu", "/chat");
    const filter = useTimelineStore().filter;
    expect(filter.regex).toBe(true);
    const row = (room: string, what: "room_joined" | "room_left") =>
      describeRow({ seq: -1, t: 0, kind: "server", what, nsp: "/chat", sid: "abc", room }).text;
    const matches = (text: string) => new RegExp(filter.text).test(text);
    expect(matches(row("tenant(1).eu", "room_joined"))).toBe(true);
    expect(matches(row("tenant(1).eu", "room_left"))).toBe(true);
    expect(matches(row("tenant(1)xeu", "room_joined"))).toBe(false);
    expect(matches(row("tenant(1).eu.2", "room_joined"))).toBe(false);
  });
});
