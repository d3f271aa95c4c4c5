/**
 * Fuzzing the receive path: a real socket.io server sends seeded random, mutated and junk frames straight onto
 * the engine connection. The client must never throw out of its handlers (Vitest fails the run on any uncaught
 * error), must report malformed packets as "parse error" and reconnect, and must work normally afterwards.
 */
import { afterEach, expect, test } from "vitest";
import { io, type Socket } from "../../src/client/index.js";
import { observe } from "../../src/client/observe/observer.js";
import type { ClientRecord } from "../../src/client/observe/records.js";
import { prng, randomFrame } from "../helpers/fuzz-frames.js";
import { once, startServer, waitFor, type TestServer } from "../helpers/server.js";

let server: TestServer | undefined;
let socket: Socket | undefined;
afterEach(async () => {
  socket?.io.reconnection(false);
  socket?.disconnect();
  await server?.close();
});

test("300 connections' worth of random frames: no uncaught error, parse errors reported, the client still works", async () => {
  server = await startServer();
  let connection = 0;
  server.io.on("connection", (s) => {
    s.on("ok", (cb: (v: string) => void) => cb("fine"));
    if (s.handshake.query.fuzz !== "1") return;
    const rand = prng(++connection * 7919);
    // A batch per connection: the first malformed frame ends it with a parse error.
    for (let i = 0; i < 20; i++) s.conn.send(randomFrame(rand) as never);
    // A batch may end mid-packet (a binary event whose attachment never comes): close, for the next batch.
    setTimeout(() => s.conn.close(), 5);
  });
  socket = io(server.url, {
    forceNew: true,
    query: { fuzz: "1" },
    reconnectionDelay: 1,
    reconnectionDelayMax: 1,
    randomizationFactor: 0,
    transports: ["websocket"],
  });
  const records: ClientRecord[] = [];
  observe(socket.io, (r) => records.push(r));
  const events: unknown[][] = [];
  socket.onAny((...args) => events.push(args));
  // Some fuzzed frames are a server-side DISCONNECT or CONNECT_ERROR: the socket then rightly stops
  // retrying, so the test connects it again to keep the fuzz going.
  const revive = () => setTimeout(() => !socket!.active && socket!.connect(), 1);
  socket.on("disconnect", revive);
  socket.on("connect_error", revive);
  await waitFor(() => connection >= 300, "300 fuzzed connections", 60_000);

  const parseErrors = records.filter((r) => r.kind === "close" && r.reason === "parse error").length;
  expect(parseErrors).toBeGreaterThan(50);
  expect(events.length).toBeGreaterThan(0); // the valid frames among them were delivered

  // Stop fuzzing: the same client, on its next connection, acks normally.
  socket.off("disconnect", revive);
  socket.off("connect_error", revive);
  socket.io.opts.query = { fuzz: "0" };
  socket.disconnect();
  socket.connect();
  await once(socket, "connect");
  expect(await socket.timeout(5000).emitWithAck("ok")).toBe("fine");
}, 90_000);
