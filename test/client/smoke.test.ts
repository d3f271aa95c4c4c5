import { afterEach, expect, test } from "vitest";
import { io } from "../../src/client/index.js";
import { startServer, once, type TestServer } from "../helpers/server.js";

let server: TestServer | undefined;
afterEach(async () => server?.close());

test("connects, emits with ack", async () => {
  server = await startServer();
  server.io.on("connection", (s) => s.on("hello", (a: string, cb: (x: string) => void) => cb(a + "!")));
  const socket = io(server.url, { forceNew: true });
  await once(socket, "connect");
  expect(socket.id).toBeTypeOf("string");
  const reply = await socket.emitWithAck("hello", "hi");
  expect(reply).toBe("hi!");
  socket.disconnect();
});
