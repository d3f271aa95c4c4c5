import { createPinia, setActivePinia } from "pinia";
import { afterEach, beforeEach, expect, test } from "vitest";
import { useConnectionStore } from "../src/ui/stores/connection.js";
import { useTimelineStore } from "../src/ui/stores/timeline.js";
import { startServer, waitFor, type TestServer } from "./helpers/server.js";

let server: TestServer | undefined;
beforeEach(() => setActivePinia(createPinia()));
afterEach(async () => {
  useConnectionStore().disconnect();
  await server?.close();
  server = undefined;
});

test("a bad URL or option is refused with a message, and nothing connects", () => {
  const connection = useConnectionStore();
  connection.config.url = "ftp://example.com";
  expect(connection.connect()).toBe(false);
  expect(connection.error).toMatch(/scheme must be http, https, ws or wss/);
  connection.config.url = "http://127.0.0.1:1";
  connection.config.reconnectionDelay = -1;
  expect(connection.connect()).toBe(false);
  expect(connection.error).toBe('Option "reconnectionDelay" must be a number >= 0, got -1');
  expect(connection.status.state).toBe("idle");
});

test("emit: invalid arguments are refused before anything is sent", () => {
  const connection = useConnectionStore();
  expect(connection.emit("/", "x", [{ type: "json", value: "[1," }], {})).toMatch(/^Argument 1: invalid JSON at line 1, column 4/);
  expect(connection.emit("/", " ", [], {})).toBe("Give the event a name");
  expect(connection.emit("/", "x", [], {})).toBe("Connect first");
});

test("records reach the timeline in frame batches; pause holds them, resume shows them", async () => {
  server = await startServer();
  server.io.on("connection", (s) => s.emit("hi", 1));
  const connection = useConnectionStore();
  const timeline = useTimelineStore();
  connection.config.url = server.url;
  connection.config.namespaces = [{ nsp: "/", auth: "" }];
  expect(connection.connect()).toBe(true);
  await waitFor(() => connection.sockets[0]?.connected === true, "connected status");
  expect(timeline.rowCount).toBeGreaterThan(3);
  expect(connection.seenEvents).toContain("hi");

  timeline.setPaused(true);
  const before = timeline.rowCount;
  expect(connection.emit("/", "while-paused", [{ type: "text", value: "x" }], {})).toBe("");
  await waitFor(() => timeline.held > 0, "held records");
  expect(timeline.rowCount).toBe(before);
  timeline.setPaused(false);
  expect(timeline.rowCount).toBeGreaterThan(before);
});

test("namespaces: a duplicate or an invalid auth is refused and the list is unchanged", () => {
  const connection = useConnectionStore();
  const before = connection.config.namespaces.length;
  expect(connection.addNamespace("/metrics", "")).toBe(false);
  expect(connection.error).toBe("Namespace /metrics is already in the list");
  expect(connection.addNamespace("admin", "{token}")).toBe(false);
  expect(connection.error).toMatch(/^Auth of \/admin: invalid JSON at line 1, column 2/);
  expect(connection.config.namespaces).toHaveLength(before);
  expect(connection.addNamespace("admin", '{"token":"x"}')).toBe(true);
  expect(connection.config.namespaces.at(-1)).toEqual({ nsp: "/admin", auth: '{"token":"x"}' });
});
