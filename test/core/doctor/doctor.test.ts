import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";
import * as msgpack from "socket.io-msgpack-parser";
import { afterEach, describe, expect, test } from "vitest";
import { diagnoseChecks, diagnoseConfig, type CheckReport } from "../../../src/core/doctor/diagnose.js";
import { SessionWatch } from "../../../src/core/doctor/session-watch.js";
import { identifyFromText } from "../../../src/core/doctor/server-kind.js";
import type { TimelineRecord } from "../../../src/core/feed/records.js";
import { defaultConfig, type ConnectionConfig } from "../../../src/core/connection/config.js";
import { LiveClient } from "../../../src/core/live/live-client.js";
import { startServer, waitFor, type TestServer } from "../../helpers/server.js";
import { withCode } from "../../helpers/codes.js";

const sessions: LiveClient[] = [];
const servers: TestServer[] = [];
afterEach(async () => {
  for (const s of sessions.splice(0)) s.dispose();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** A live session against a real server, its records read by a SessionWatch as the doctor reads them. */
function watchSession(config: ConnectionConfig) {
  const records: TimelineRecord[] = [];
  const watch = new SessionWatch({ parser: config.parser, serverVersion: config.serverVersion });
  const session = new LiveClient("client 1", config, { onError: () => undefined });
  session.subscribe((r) => {
    records.push(r);
    watch.ingest([r]);
  });
  sessions.push(session);
  session.start(config.namespaces);
  const open = () => watch.list().filter((f) => f.resolvedAt === undefined);
  return { session, records, watch, open };
}

function configFor(url: string, namespaces = ["/"]): ConnectionConfig {
  const config = defaultConfig(url);
  config.namespaces = namespaces.map((nsp) => ({ nsp, auth: "" }));
  config.reconnectionDelay = 50;
  config.randomizationFactor = 0;
  config.transports = ["websocket"];
  return config;
}

test("mixed content: an https page and an http or ws server elsewhere than loopback", () => {
  const config = defaultConfig("http://dev.example.test:3000");
  expect(diagnoseConfig(config, "https:")[0]).toMatchObject({
    id: "mixed-content",
    evidence: ["page: https://", "server URL: http://dev.example.test:3000"],
  });
  expect(diagnoseConfig({ ...config, url: "ws://dev.example.test" }, "https:")[0]?.id).toBe("mixed-content");
  expect(diagnoseConfig({ ...config, url: "wss://dev.example.test" }, "https:")).toEqual([]);
  expect(diagnoseConfig({ ...config, url: "http://127.0.0.1:3000" }, "https:")).toEqual([]);
  expect(diagnoseConfig(config, "http:")).toEqual([]);
});

describe("what the server is, from its handshake (texts read off real servers)", () => {
  test.each([
    [
      '0{"sid":"y7fVqIArviWO9oN-AAAB","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}',
      undefined,
      "Node socket.io 4.1 or later",
    ],
    [
      '0{"sid":"UfguOGNXyBDaSgdbAAAB","upgrades":[],"pingInterval":25000,"pingTimeout":5000}',
      undefined,
      "Node socket.io 3.x or 4.0",
    ],
    [
      '0{"sid":"AiTJTdEIC3ateuY-AAAB","upgrades":[],"pingTimeout":20000,"pingInterval":25000}',
      undefined,
      "python-socketio (python-engineio)",
    ],
    [
      '0{"sid":"VWC2UK4QVGAVJTmYAAAD","upgrades":[],"pingInterval":25000,"pingTimeout":20000}',
      "40",
      "Socket.IO v2 (Engine.IO 3)",
    ],
    [
      '97:0{"sid":"TcpEA_zBpvZgptv8AAAC","upgrades":["websocket"],"pingInterval":25000,"pingTimeout":20000}2:40',
      undefined,
      "Socket.IO v2 (Engine.IO 3)",
    ],
  ])("%s", (text, next, label) => {
    expect(identifyFromText(text, next)?.label).toBe(label);
  });

  test("not a handshake: nothing is claimed", () => {
    expect(identifyFromText("<pre>Cannot GET /socket.io/</pre>")).toBeUndefined();
    expect(identifyFromText('{"code":4,"message":"Forbidden"}')).toBeUndefined();
  });
});

describe("findings from checks: each from evidence that tells it from its look-alikes", () => {
  const config = configFor("http://127.0.0.1:3000");
  config.transports = ["polling", "websocket"];
  const url = (path: string, ws = false) =>
    `${ws ? "ws" : "http"}://127.0.0.1:3000${path}?EIO=4&transport=${ws ? "websocket" : "polling"}`;
  const ids = (report: CheckReport, c = config) => diagnoseChecks(report, c, "http://127.0.0.1:5173").map((d) => d.id);
  const text = (report: CheckReport, c = config) => JSON.stringify(diagnoseChecks(report, c, "http://127.0.0.1:5173"));

  test("an unreadable answer is CORS only when the WebSocket at the same path works; the fix is in the server's terms", () => {
    const python = '0{"sid":"a","upgrades":[],"pingTimeout":20000,"pingInterval":25000}';
    const report: CheckReport = {
      path: "/socket.io",
      polling: { kind: "cors-blocked", url: url("/socket.io/"), ms: 3 },
      websocket: { kind: "handshake", url: url("/socket.io/", true), text: python, ms: 4 },
    };
    expect(ids(report)).toEqual(["cors"]);
    expect(text(report)).toContain("cors_allowed_origins");
    expect(text(report)).not.toContain("new Server(");
    expect(text(report)).toContain("WebSocket-only works (checked)");
    // Tried already: websocket-only is not advised again.
    expect(text(report, { ...config, transports: ["websocket"] })).not.toContain("untick polling");
  });

  test("unreadable, and the WebSocket refused: no CORS claim, no websocket-only advice", () => {
    const report: CheckReport = {
      path: "/socket.io",
      polling: { kind: "cors-blocked", url: url("/socket.io/"), ms: 3 },
      websocket: { kind: "refused", url: url("/socket.io/", true), ms: 5 },
    };
    expect(ids(report)).toEqual(["no-engine"]);
    expect(text(report)).not.toMatch(/CORS:|would work|works \(checked\)/);
  });

  test("a readable 404 is a wrong path; with /socket.io answering, it says where the server is", () => {
    const readable404: CheckReport = {
      path: "/wss",
      polling: { kind: "answer", url: url("/wss/"), status: 404, body: "<pre>Cannot GET /wss/</pre>", ms: 2 },
      websocket: { kind: "refused", url: url("/wss/", true), ms: 3 },
    };
    expect(diagnoseChecks(readable404, config, "o")[0]?.title).toBe("No Engine.IO server at /wss");
    readable404.fallback = {
      websocket: {
        kind: "handshake",
        url: url("/socket.io/", true),
        text: '0{"sid":"x","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}',
        ms: 3,
      },
    };
    expect(diagnoseChecks(readable404, config, "o")[0]).toMatchObject({
      id: "wrong-path",
      title: "No Engine.IO server at /wss; there is one at /socket.io",
      server: "Node socket.io 4.1 or later",
    });
  });

  test("an Engine.IO refusal (allowRequest) and python's origin refusal are named as such", () => {
    const forbidden: CheckReport = {
      path: "/socket.io",
      polling: {
        kind: "answer",
        url: url("/socket.io/"),
        status: 403,
        body: '{"code":4,"message":"Forbidden"}',
        ms: 2,
      },
      websocket: { kind: "refused", url: url("/socket.io/", true), ms: 2 },
    };
    expect(diagnoseChecks(forbidden, config, "o")[0]?.title).toBe(
      "The Engine.IO server at /socket.io refused the request: HTTP 403 Forbidden",
    );
    const origin: CheckReport = {
      path: "/socket.io",
      polling: {
        kind: "answer",
        url: url("/socket.io/"),
        status: 400,
        body: '"http://127.0.0.1:5173 is not an accepted origin."',
        ms: 2,
      },
    };
    expect(diagnoseChecks(origin, config, "http://127.0.0.1:5173")[0]).toMatchObject({ id: "origin-refused" });
  });

  test("checks that could not be made say so, with the reason, and guess nothing", () => {
    const hang: CheckReport = { path: "/socket.io", polling: { kind: "timeout", url: url("/socket.io/"), ms: 5000 } };
    expect(diagnoseChecks(hang, config, "o")[0]).toMatchObject({
      severity: "unchecked",
      title: "Could not check 127.0.0.1:3000: no answer within 5 s",
    });
  });
});

describe("findings from the session's records, with their life cycle (real servers)", () => {
  test("a refusal clears once the namespace connects with the right auth", async () => {
    const server = await startServer();
    servers.push(server);
    server.io
      .of("/admin")
      .use((socket, next) => (socket.handshake.auth.token === "ok" ? next() : next(new Error("no token"))));
    const { session, open, watch } = watchSession(configFor(server.url, ["/admin"]));
    await waitFor(() => open().some((f) => f.id === "refused:/admin"), "the refusal");
    expect(open()[0]).toMatchObject({
      title: 'The server refused /admin: "no token"',
      server: "Node socket.io 4.1 or later",
    });
    session.open({ nsp: "/admin", auth: '{"token":"ok"}' });
    await waitFor(() => open().length === 0, "resolved");
    expect(watch.list()[0]).toMatchObject({
      id: "refused:/admin",
      resolution: expect.stringMatching(/^\/admin connected at /),
    });
  });

  test("Drop transport alone is no finding; a server-side cut is one, resolved by the reconnection", async () => {
    const server = await startServer();
    servers.push(server);
    const { session, records, open, watch } = watchSession(configFor(server.url));
    await waitFor(() => records.some((r) => r.kind === "connect"), "connect");
    session.dropTransport();
    await waitFor(() => records.filter((r) => r.kind === "connect").length === 2, "reconnected after the drop");
    expect(watch.list()).toEqual([]);
    expect(records.some((r) => r.kind === "note" && r.topic === "user")).toBe(true);
    for (const s of server.io.of("/").sockets.values()) s.conn.close();
    await waitFor(() => watch.list().some((f) => f.id === "transport-cut"), "the cut");
    await waitFor(() => open().length === 0, "resolved by the reconnection");
    expect(watch.list()[0]?.resolution).toMatch(/^connected at /);
  });

  test("a msgpack server and the default parser: open → CONNECT → close loops, and the doctor names the parser after 3 cycles", async () => {
    const http = createServer();
    const io = new Server(http, { parser: msgpack });
    await new Promise<void>((r) => http.listen(0, "127.0.0.1", () => r()));
    try {
      const { open } = watchSession(configFor(`http://127.0.0.1:${(http.address() as AddressInfo).port}`));
      await waitFor(() => open().some((f) => f.id === "parser"), "the parser finding", 10_000);
      const parser = open().find((f) => f.id === "parser");
      expect(parser?.evidence[0]).toMatch(
        /^3 cycles in [\d.]+ s: open, CONNECT sent, closed \(transport close\) after [\d, ]+ ms, no CONNECT answer$/,
      );
      expect(parser?.fix).toBe(
        "Set Parser to msgpack here, to match the server; or give the server no parser option, to match this client.",
      );
      // Not also reported as network trouble.
      expect(open().map((f) => f.id)).toEqual(["parser"]);
    } finally {
      io.close();
      http.closeAllConnections();
    }
  });

  test("an emit over 1 MB to a server that announced no limit, and the drop that follows, are named", async () => {
    const { Server: ServerV3 } = await import("socket.io-v3");
    const http = createServer();
    const io = new ServerV3(http);
    await new Promise<void>((r) => http.listen(0, "127.0.0.1", () => r()));
    try {
      const { session, records, open } = watchSession(
        configFor(`http://127.0.0.1:${(http.address() as AddressInfo).port}`),
      );
      await waitFor(() => records.some((r) => r.kind === "connect"), "connect");
      expect(records.find((r) => r.kind === "handshake")).toMatchObject({ maxPayload: undefined });
      const warning = session.emit("/", "big", ["x".repeat(1_200_000)], {});
      expect(warning).toEqual(withCode("emit-over-usual-limit"));
      await waitFor(() => open().some((f) => f.id === "large-emit"), "the large-emit finding");
      expect(open().find((f) => f.id === "large-emit")).toMatchObject({
        title: "The server dropped the connection right after a 1.1 MB emit",
        server: "Node socket.io 3.x or 4.0",
      });
      expect(open().map((f) => f.id)).toEqual(["large-emit"]);
    } finally {
      io.close();
      http.closeAllConnections();
    }
  });
});

describe("a route's server the inspector's server could not reach: the fix by the relay's code", () => {
  const note = (t: number, cause?: { code: string; params: unknown }): TimelineRecord => ({
    kind: "note",
    seq: -t,
    t,
    client: "client 1",
    topic: "unreachable",
    text: "The inspector's server: as it was said",
    ...(cause ? { code: "relay-unreachable", params: { cause } } : {}),
  });
  const unreachable = (origin: string, why: string, code: string) => ({
    code: "target-unreachable",
    params: { origin, why, code, message: `connect ${code}` },
  });

  test.each([
    [unreachable("http://no.invalid", "name-not-found", "ENOTFOUND"), /host name/],
    [unreachable("http://127.0.0.1:9", "refused", "ECONNREFUSED"), /Start the server/],
    [unreachable("https://127.0.0.1:9", "tls", "EPROTO"), /NODE_EXTRA_CA_CERTS/],
    [unreachable("http://10.0.0.1", "timed-out", "ETIMEDOUT"), /firewall/],
    [{ code: "target-answered", params: { status: 403, text: "Forbidden" } }, /answered with this status/],
    [{ code: "target-redirect", params: { status: 302, location: "http://x/" } }, /answered with this status/],
    [unreachable("http://127.0.0.1:9", "reset", "ECONNRESET"), /that the server runs/],
  ])("%j", (cause, fix) => {
    const watch = new SessionWatch();
    watch.ingest([note(1, cause)]);
    const [finding] = watch.list();
    expect(finding?.id).toBe("unreachable");
    expect(finding?.fix).toMatch(fix);
    expect(finding?.evidence).toEqual(["The inspector's server: as it was said"]);
  });

  test("a note from a file without a code: its words as the evidence, and the general fix", () => {
    const watch = new SessionWatch();
    watch.ingest([note(1)]);
    expect(watch.list()[0]?.title).toBe("The inspector's server could not reach the server");
    expect(watch.list()[0]?.evidence).toEqual(["The inspector's server: as it was said"]);
    expect(watch.list()[0]?.fix).toMatch(/that the server runs/);
  });
});
