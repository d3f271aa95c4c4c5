import { createPinia, setActivePinia } from "pinia";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { useClientsStore } from "../../../src/ui/connection/clients-store.js";
import { useConnectionStore } from "../../../src/ui/connection/store.js";
import { useTimelineStore } from "../../../src/ui/timeline/store.js";
import { startServer, waitFor, type TestServer } from "../../helpers/server.js";
import { pageAt, toldOfDemo } from "../../helpers/demo-page.js";
import { problem } from "../../../src/core/shared/errors.js";
import { withCode } from "../../helpers/codes.js";

let server: TestServer | undefined;
beforeEach(() => setActivePinia(createPinia()));
afterEach(async () => {
  vi.unstubAllGlobals();
  useConnectionStore().disconnect();
  await server?.close();
  server = undefined;
});

test("a bad URL or option is refused with a message, and nothing connects", async () => {
  const connection = useConnectionStore();
  const forms = useClientsStore();
  forms.config.url = "ftp://example.com";
  expect(await connection.connect()).toBe(false);
  // The library's own refusal, carried as it said it.
  expect(connection.error).toEqual(
    withCode("thrown", { message: expect.stringMatching(/scheme must be http, https, ws or wss/) }),
  );
  forms.config.url = "http://127.0.0.1:1";
  forms.config.reconnectionDelay = -1;
  expect(await connection.connect()).toBe(false);
  expect(connection.error).toEqual(
    withCode("thrown", { message: 'Option "reconnectionDelay" must be a number >= 0, got -1' }),
  );
  expect(connection.status.state).toBe("idle");
});

test("emit: invalid arguments are refused before anything is sent", () => {
  const connection = useConnectionStore();
  expect(connection.emit("/", "x", [{ type: "json", value: "[1," }], {})).toEqual({
    problem: withCode("argument-invalid", { n: 1, cause: withCode("json-invalid", { line: 1, column: 4 }) }),
    argument: 0,
  });
  expect(connection.emit("/", " ", [], {}).problem).toEqual(problem("event-name-missing"));
  expect(connection.emit("/", "x", [], {}).problem).toEqual(problem("connect-first", {}));
});

test("records reach the timeline in frame batches; pause holds them, resume shows them", async () => {
  server = await startServer();
  server.io.on("connection", (s) => s.emit("hi", 1));
  const connection = useConnectionStore();
  const forms = useClientsStore();
  const timeline = useTimelineStore();
  forms.config.url = server.url;
  forms.config.namespaces = [{ nsp: "/", auth: "" }];
  expect(await connection.connect()).toBe(true);
  await waitFor(() => connection.sockets[0]?.connected === true, "connected status");
  expect(timeline.rowCount).toBeGreaterThan(3);
  expect(connection.seenEvents).toContain("hi");

  timeline.setPaused(true);
  const before = timeline.rowCount;
  expect(connection.emit("/", "while-paused", [{ type: "text", value: "x" }], {})).toEqual({});
  await waitFor(() => timeline.held > 0, "held records");
  expect(timeline.rowCount).toBe(before);
  timeline.setPaused(false);
  expect(timeline.rowCount).toBeGreaterThan(before);
});

test("namespaces: a duplicate or an invalid auth is refused and the list is unchanged", () => {
  toldOfDemo(); // its /metrics is in the list
  const connection = useConnectionStore();
  const forms = useClientsStore();
  const before = forms.config.namespaces.length;
  expect(connection.addNamespace("/metrics", "")).toBe(false);
  expect(connection.namespaceError).toEqual(problem("namespace-in-list", { nsp: "/metrics" }));
  expect(connection.addNamespace("admin", "{token}")).toBe(false);
  expect(connection.namespaceError).toEqual(
    withCode("auth-invalid", { nsp: "/admin", cause: withCode("json-invalid", { line: 1, column: 2 }) }),
  );
  expect(forms.config.namespaces).toHaveLength(before);
  expect(connection.addNamespace("admin", '{"token":"x"}')).toBe(true);
  expect(forms.config.namespaces.at(-1)).toEqual({ nsp: "/admin", auth: '{"token":"x"}' });
});

describe("Server version", () => {
  /** A real socket.io 2 server on a random port. */
  async function v2Server() {
    const { createServer } = await import("node:http");
    const { default: ServerV2 } = await import("socket.io-v2");
    const http = createServer();
    const io = ServerV2(http);
    let handlerRuns = 0;
    io.on("connection", (socket: { emit(ev: string, ...a: unknown[]): void }) => {
      handlerRuns++;
      socket.emit("hi-from-v2");
    });
    await new Promise<void>((r) => http.listen(0, "127.0.0.1", () => r()));
    return {
      url: `http://127.0.0.1:${(http.address() as { port: number }).port}`,
      /** Engine.IO sessions open on the server now. */
      sessions: () => (io as unknown as { engine: { clientsCount: number } }).engine.clientsCount,
      handlerRuns: () => handlerRuns,
      close: () => (io.close(), http.closeAllConnections()),
    };
  }

  // Taken at the start of each test: a store looked up after an await may belong to an earlier test's Pinia
  // (Pinia makes a store's own Pinia the active one whenever one of its actions runs).
  let timeline: ReturnType<typeof useTimelineStore>;
  let connection: ReturnType<typeof useConnectionStore>;
  let forms: ReturnType<typeof useClientsStore>;
  beforeEach(() => {
    connection = useConnectionStore();
    forms = useClientsStore();
    timeline = useTimelineStore();
  });
  const notes = () =>
    timeline
      .records()
      .filter((r) => r.kind === "note")
      .map((r) => (r.kind === "note" ? r.text : ""));

  test.each([[["polling", "websocket"]], [["websocket"]]] as Array<[Array<"polling" | "websocket">]>)(
    "auto against a v2 server over %j: the first answer tells, the session switches to v2 and says why",
    async (transports) => {
      const v2 = await v2Server();
      try {
        forms.config.url = v2.url;
        forms.config.transports = transports;
        forms.config.namespaces = [{ nsp: "/", auth: "" }];
        expect(forms.config.serverVersion).toBe("auto");
        expect(await connection.connect()).toBe(true);
        await waitFor(() => connection.sockets[0]?.connected === true, "connected over v2", 10_000);
        expect(connection.status.protocol).toBe("v2");
        await waitFor(() => connection.seenEvents.includes("hi-from-v2"), "the event after the connect");
        if (transports.includes("polling")) {
          // Asked first, over one polling handshake, closed at once: then one session, of the right protocol.
          expect(notes()).toEqual([
            "Server version auto: Socket.IO v2 (Engine.IO 3): its handshake is framed in Engine.IO 3 (asked with one polling request, closed at once)",
          ]);
          await waitFor(() => v2.sessions() === 1, "one session left on the server");
          expect(v2.handlerRuns()).toBe(2); // the question's session ran it too (a v2 server joins "/" at once)
        } else {
          expect(notes().join("\n")).toMatch(/switching to Socket.IO v2 \(Engine.IO 3\): .*carried no session id/);
          await waitFor(() => v2.sessions() === 1, "the v4 attempt's session closed");
        }
      } finally {
        v2.close();
      }
    },
  );

  test("auto against a v4 server settles on v3/v4 and says why", async () => {
    server = await startServer();
    forms.config.url = server.url;
    forms.config.namespaces = [{ nsp: "/", auth: "" }];
    expect(await connection.connect()).toBe(true);
    await waitFor(() => connection.sockets[0]?.connected === true, "connected");
    expect(connection.status.protocol).toBe("v4");
    expect(notes()).toEqual([
      "Server version auto: Socket.IO v3/v4 (Engine.IO 4): its handshake is Engine.IO 4 (asked with one polling request, closed at once)",
    ]);
    await waitFor(() => server?.io.engine.clientsCount === 1, "the question's session closed");
  });

  test("v3/v4 chosen: a namespace query is not sent, and says so; v2 with msgpack is refused before connecting", async () => {
    server = await startServer();
    forms.config.url = server.url;
    forms.config.serverVersion = "v4";
    forms.config.namespaces = [{ nsp: "/", auth: "", query: "token=abc" }];
    expect(await connection.connect()).toBe(true);
    await waitFor(() => notes().length > 0, "a note");
    expect(notes()).toEqual([
      "Query of / is not sent: only Socket.IO v2 servers read a namespace query; v3 and v4 servers read auth",
    ]);
    expect(connection.error).toEqual(problem("query-not-sent-v4", { nsp: "/" }));
    forms.config.serverVersion = "v2";
    forms.config.parser = "msgpack";
    expect(await connection.connect()).toBe(false);
    expect(connection.error).toEqual(problem("msgpack-with-v2"));
  });
});

test("first run: pointed away from the demo, the demo's namespaces are left out; they can be kept", () => {
  toldOfDemo();
  const forms = useClientsStore();
  expect(forms.config.namespaces.map((n) => n.nsp)).toEqual(["/", "/metrics"]);
  forms.setUrl("http://127.0.0.1:4999");
  expect(forms.config.namespaces.map((n) => n.nsp)).toEqual(["/"]);
  expect(forms.leftOut?.map((n) => n.nsp)).toEqual(["/metrics"]);
  forms.keepDemoNamespaces();
  expect(forms.config.namespaces.map((n) => n.nsp)).toEqual(["/", "/metrics"]);
  // A list the user changed is theirs: it is not touched.
  forms.setUrl("http://127.0.0.1:3001");
  forms.config.namespaces.push({ nsp: "/mine", auth: "" });
  forms.setUrl("http://127.0.0.1:5000");
  expect(forms.config.namespaces.map((n) => n.nsp)).toEqual(["/", "/metrics", "/mine"]);
});

describe("the first screen (issue 34)", () => {
  test("a page told of no demo: Socket.IO's default address, with / alone", () => {
    pageAt("");
    const forms = useClientsStore();
    expect(forms.config.url).toBe("http://localhost:3000");
    expect(forms.config.namespaces.map((n) => n.nsp)).toEqual(["/"]);
    forms.setUrl("http://127.0.0.1:4999"); // no demo's namespaces to leave out
    expect(forms.leftOut).toBeNull();
  });

  test("a page told of a demo with ?demo=: the demo's address and namespaces", () => {
    toldOfDemo("http://127.0.0.1:4555");
    const forms = useClientsStore();
    expect(forms.config.url).toBe("http://127.0.0.1:4555");
    expect(forms.config.namespaces.map((n) => n.nsp)).toEqual(["/", "/metrics"]);
  });

  test("a ?demo= that is not an http(s) URL is no demo", () => {
    pageAt(`?demo=${encodeURIComponent("javascript:alert(1)")}`);
    expect(useClientsStore().config.url).toBe("http://localhost:3000");
  });
});
