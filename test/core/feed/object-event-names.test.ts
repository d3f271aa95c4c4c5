// Event names that are not strings (issue 31): a msgpack server may name an event with a map, a list or nil. Before,
// String() of a map whose toString is not a function threw "Cannot convert object to primitive value" out of the
// client's packet handling (uncaught: vitest fails the run on it) and the event never became a record.
import { instrument } from "@socket.io/admin-ui";
import * as msgpack from "socket.io-msgpack-parser";
import { afterEach, describe, expect, test } from "vitest";
import { nameText } from "../../../src/client/observe/name-text.js";
import { Manager } from "../../../src/client/index.js";
import { compareSessions } from "../../../src/core/charts/compare.js";
import { compareToMarkdown } from "../../../src/core/charts/compare-markdown.js";
import { SessionDigest } from "../../../src/core/charts/session-digest.js";
import { SessionFigures } from "../../../src/core/charts/session-figures.js";
import { EventNameSuggestions } from "../../../src/core/composer/event-names.js";
import { defaultConfig } from "../../../src/core/connection/config.js";
import { SessionWatch } from "../../../src/core/doctor/session-watch.js";
import { LiveClient } from "../../../src/core/live/live-client.js";
import type { ServerRecord, TimelineRecord } from "../../../src/core/feed/records.js";
import { decodeSession, encodeSession } from "../../../src/core/files/session-file.js";
import { readEventArgs } from "../../../src/core/server-view/admin-protocol.js";
import { ServerView } from "../../../src/core/server-view/server-view.js";
import { describe as describeRow } from "../../../src/ui/timeline/describe.js";
import { startServer, waitFor, type TestServer } from "../../helpers/server.js";
import type { Problem } from "../../../src/core/shared/errors.js";

const clients: LiveClient[] = [];
const servers: TestServer[] = [];
const views: ServerView[] = [];
const managers: Manager[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.dispose();
  for (const v of views.splice(0)) v.dispose();
  for (const m of managers.splice(0)) m.disconnect();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** The names a hostile msgpack server gives its events, and the text each must read as. */
const NAMES: Array<[unknown, string]> = [
  [{ toString: 1, room: "a" }, '{toString: 1, room: "a"}'],
  [["list", 2], '["list", 2]'],
  [null, "null"],
  [7, "7"],
];

/** A live client with the msgpack parser against a real socket.io server that emits NAMES, then "after". */
async function recordsOfHostileServer(): Promise<{ records: TimelineRecord[]; errors: Problem[]; client: LiveClient }> {
  const server = await startServer({ parser: msgpack });
  servers.push(server);
  server.io.on("connection", (socket) => {
    for (const [name] of NAMES) (socket.emit as (...a: unknown[]) => boolean)(name, "payload");
    socket.emit("after", 1);
  });
  const config = defaultConfig(server.url);
  config.parser = "msgpack";
  config.transports = ["websocket"];
  const errors: Problem[] = [];
  const client = new LiveClient("client 1", config, { onError: (p) => errors.push(p) });
  clients.push(client);
  const records: TimelineRecord[] = [];
  client.subscribe((r) => records.push(r));
  client.start(config.namespaces);
  const isAfter = (r: TimelineRecord) => r.kind === "packet" && r.event === "after";
  await waitFor(() => records.some(isAfter), "the event after the hostile names");
  return { records, errors, client };
}

const received = (records: TimelineRecord[]) =>
  records.filter((r) => r.kind === "packet" && r.dir === "in" && r.type === "EVENT").map((r) => r);

describe("event names of any type from a msgpack server (issue 31)", () => {
  test("each is a record with its name as text, in order, and the client stays connected", async () => {
    const { records, errors, client } = await recordsOfHostileServer();
    expect(received(records).map((r) => (r.kind === "packet" ? r.event : undefined))).toEqual([
      ...NAMES.map(([, text]) => text),
      "after",
    ]);
    expect(errors).toEqual([]);
    expect(client.status().state).toBe("open");
  });

  test("the row, the charts' counts, the comparison, the composer, the doctor and a session file take them", async () => {
    const { records } = await recordsOfHostileServer();
    const texts = NAMES.map(([, text]) => text);
    const rows = received(records).map((r) => describeRow(r));
    expect(rows.map((r) => r.event)).toEqual([...texts, "after"]);

    const figures = new SessionFigures();
    figures.addAll(records);
    expect(figures.eventCounts().map((c) => c.name)).toEqual(expect.arrayContaining(texts));

    const digest = () => {
      const d = new SessionDigest("s");
      d.addAll(records);
      return d;
    };
    expect(compareToMarkdown(compareSessions(digest(), digest()))).toContain('`{toString: 1, room: "a"}`');

    const suggestions = new EventNameSuggestions();
    for (const r of received(records)) if (r.kind === "packet" && r.event) suggestions.add(r.event);
    expect(suggestions.list()).toEqual(expect.arrayContaining(texts));

    expect(() => new SessionWatch({ parser: "msgpack" }).ingest(records)).not.toThrow();
    const back = decodeSession(encodeSession(records));
    expect(received(back).map((r) => (r.kind === "packet" ? r.event : undefined))).toEqual([...texts, "after"]);
  });
});

describe("event names of any type in the admin protocol (issue 31)", () => {
  test("event_received's arguments: the name first, as text whatever it is", () => {
    expect(readEventArgs([{ toString: 1 }, "x"])).toEqual({ event: "{toString: 1}", args: ["x"] });
    expect(readEventArgs(["chat", 1])).toEqual({ event: "chat", args: [1] });
  });

  test("a server's emit named by a map reaches the Server view as an event_sent record with the name as text", async () => {
    const server = await startServer();
    servers.push(server);
    server.io.on("connection", (socket) => {
      socket.on("go", () => (socket.emit as (...a: unknown[]) => boolean)({ toString: 1, room: "a" }, "payload"));
    });
    instrument(server.io, { auth: false, mode: "development" });
    const records: ServerRecord[] = [];
    const view = new ServerView(
      defaultConfig(server.url),
      { namespace: "/admin", username: "", password: "" },
      { ownerOf: () => undefined, outsideBrowser: true },
    );
    views.push(view);
    view.subscribe((r: TimelineRecord) => records.push(r as ServerRecord));
    view.start();
    await waitFor(() => view.status().state === "open" && view.status().mode === "development", "the view");
    // Our client asks for the emit; the JSON parser then refuses a name that is not a string (a parse error on its
    // side): what matters here is what the admin namespace reports.
    const manager = new Manager(server.url, { transports: ["websocket"] });
    managers.push(manager);
    const socket = manager.socket("/");
    socket.on("connect", () => socket.emit("go"));
    await waitFor(() => records.some((r) => r.what === "event_sent"), "the server's emit, as the admin UI reports it");
    expect(records.find((r) => r.what === "event_sent")).toMatchObject({
      event: '{toString: 1, room: "a"}',
      args: ["payload"],
    });
  });
});

describe("nameText", () => {
  test("strings as they are; other values as short JSON-like text, no method of theirs called", () => {
    expect(nameText("chat message")).toBe("chat message");
    expect(nameText({ toString: 1 })).toBe("{toString: 1}");
    const hostile = {
      toJSON: () => {
        throw new Error("called");
      },
      get secret(): string {
        throw new Error("getter run");
      },
    };
    expect(nameText(hostile)).toBe("{toJSON: ƒ, secret: (getter)}");
    expect(nameText(new Uint8Array(3))).toBe("<binary 3 B>");
    expect(nameText(undefined)).toBe("undefined");
    // Four levels deep, then an ellipsis.
    expect(nameText({ "a b": [1, [2, [3, [4, [5]]]]] })).toBe('{"a b": [1, [2, [3, …]]]}');
  });

  test("bounded: a map of 100,000 keys reads as at most 200 characters and an ellipsis", () => {
    const big = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, i]));
    const text = nameText(big);
    expect(text.length).toBe(201);
    expect(text.endsWith("…")).toBe(true);
  });

  test("a proxy that throws on every trap reads as a name that cannot be read", () => {
    const trap = () => {
      throw new Error("trap");
    };
    const proxy = new Proxy({}, { ownKeys: trap, get: trap, getOwnPropertyDescriptor: trap, getPrototypeOf: trap });
    expect(nameText(proxy)).toBe("(a name that cannot be read)");
  });
});
