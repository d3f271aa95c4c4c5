import { expect, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";

/**
 * The standalone build, used as the seed shows it: `<script src=".../socket.io.js">` and the global `io`,
 * in a real Chromium, against a real socket.io server on a random loopback port.
 */
test("the standalone script defines io, connects, emits with an ack and gets the reply", async ({ page }) => {
  const script = readFileSync("dist/client/socket.io.js", "utf8");
  const http = createServer((req, res) => {
    if (req.url === "/client/socket.io.js") {
      res.writeHead(200, { "content-type": "text/javascript" }).end(script);
    } else if (req.url === "/") {
      res
        .writeHead(200, { "content-type": "text/html" })
        .end('<!doctype html><script src="/client/socket.io.js"></script>');
    }
  });
  // serveClient: false, so that only our build can define io on the page.
  const io = new Server(http, { serveClient: false });
  io.on("connection", (socket) => {
    socket.on("hello", (name: string, bytes: ArrayBuffer, ack: (reply: unknown) => void) =>
      ack({ greeting: `hello ${name}`, size: Buffer.from(bytes).length, transport: socket.conn.transport.name }),
    );
  });
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", () => r()));
  const port = (http.address() as AddressInfo).port;
  try {
    await page.goto(`http://127.0.0.1:${port}/`);
    const globals = await page.evaluate(() => {
      const g = window as unknown as {
        io: { protocol: number; Manager: unknown; Socket: unknown; connect: unknown } & ((...a: unknown[]) => unknown);
      };
      return {
        type: typeof g.io,
        protocol: g.io.protocol,
        manager: typeof g.io.Manager,
        socket: typeof g.io.Socket,
        connect: g.io.connect === g.io,
      };
    });
    expect(globals).toEqual({ type: "function", protocol: 5, manager: "function", socket: "function", connect: true });

    const reply = await page.evaluate(async () => {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the page's global io, typed by the script it loaded
      const socket = (window as unknown as { io: (opts?: object) => any }).io();
      await new Promise<void>((resolve) => socket.on("connect", () => resolve()));
      const answer = await socket.timeout(5000).emitWithAck("hello", "chromium", new Uint8Array([1, 2, 3]).buffer);
      const id = socket.id;
      socket.disconnect();
      return { answer, hasId: typeof id === "string" };
    });
    expect(reply).toEqual({
      answer: { greeting: "hello chromium", size: 3, transport: expect.stringMatching(/polling|websocket/) },
      hasId: true,
    });
  } finally {
    io.close();
    http.closeAllConnections();
  }
});
