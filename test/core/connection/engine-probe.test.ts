import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeAll, describe, expect, test } from "vitest";
import { WebSocket as NodeWebSocket } from "ws";
import {
  askEngineVersion,
  handshakeUrl,
  probeHttp,
  probeWebSocket,
} from "../../../src/core/connection/engine-probe.js";
import { startServer, waitFor, type TestServer } from "../../helpers/server.js";

// The probe uses the platform's WebSocket, as a browser has it (Node has one from 22 on).
beforeAll(() => {
  (globalThis as { WebSocket?: unknown }).WebSocket ??= NodeWebSocket;
});

const closers: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function v4(): Promise<TestServer> {
  const server = await startServer();
  closers.push(() => server.close());
  return server;
}

async function v2(): Promise<{ url: string; clients: () => number }> {
  const { default: ioV2 } = (await import("socket.io-v2")) as unknown as {
    default: (http: HttpServer) => { engine: { clientsCount: number }; close(): void };
  };
  const http = createServer();
  const io = ioV2(http);
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  closers.push(() => {
    io.close();
    http.closeAllConnections();
  });
  return { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, clients: () => io.engine.clientsCount };
}

/** A plain HTTP server that answers 404 to everything, as an app without Socket.IO does. */
async function plain404(): Promise<string> {
  const http = createServer((_, res) => res.writeHead(404, { "content-type": "text/plain" }).end("Not Found"));
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  closers.push(() => void http.close());
  return `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
}

describe("which Engine.IO a server speaks", () => {
  test("over polling: 4 for socket.io 4, and the session it opened is closed at once", async () => {
    const server = await v4();
    expect(await askEngineVersion(server.url, "/socket.io", {})).toBe(4);
    await waitFor(() => server.io.engine.clientsCount === 0, "the probe's session closed");
  });

  test("over polling: 3 for socket.io 2, its session closed", async () => {
    const server = await v2();
    expect(await askEngineVersion(server.url, "/socket.io", {})).toBe(3);
    await waitFor(() => server.clients() === 0, "the probe's session closed");
  });

  test("over a WebSocket only: the CONNECT a v2 server sends unasked tells it from a v4 server", async () => {
    const old = await v2();
    const current = await v4();
    expect(await askEngineVersion(old.url, "/socket.io", {}, { transports: ["websocket"] })).toBe(3);
    expect(await askEngineVersion(current.url, "/socket.io", {}, { transports: ["websocket"] })).toBe(4);
  });

  test("no Engine.IO there: it cannot tell", async () => {
    expect(await askEngineVersion(await plain404(), "/socket.io", {})).toBeUndefined();
  });
});

describe("what a probe saw", () => {
  test("an answer with its status and the start of its body", async () => {
    const url = handshakeUrl(await plain404(), "/socket.io");
    expect(await probeHttp(url)).toMatchObject({ kind: "answer", status: 404, body: "Not Found" });
  });

  test("nothing listening: unreachable, with the platform's words", async () => {
    const http = createServer();
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
    const port = (http.address() as AddressInfo).port;
    await new Promise((resolve) => http.close(resolve));
    expect(await probeHttp(handshakeUrl(`http://127.0.0.1:${port}`, "/socket.io"))).toMatchObject({
      kind: "unreachable",
    });
  });

  test("a WebSocket handshake, with the second message a v2 server sends", async () => {
    const server = await v2();
    const seen = await probeWebSocket(handshakeUrl(server.url, "/socket.io", "websocket"));
    expect(seen).toMatchObject({ kind: "handshake", next: "40" });
    expect(seen.kind === "handshake" && seen.text.startsWith("0{")).toBe(true);
  });
});
