// An app as a user's would be: a page on the official socket.io-client its server version goes with (4 or 2), that
// connects to / and /chat, emits with an ack once upgraded, sends binary, and titles itself "done" when it got its
// answers. Its server logs every event it receives and sends. For the capture tests (HAR files, watch).
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { Server } from "socket.io";
import ServerV2 from "socket.io-v2";

/**
 * The app: it connects to / and /chat, emits with an ack once upgraded (sending back its own socket id, with
 * `echoId`), sends binary, and says when it is done.
 */
const app = (echoId: boolean) => `<!doctype html><title>app</title><script src="/client.js"></script><script>
const root = io();
const chat = io("/chat");
let acked = false, said = false;
const check = () => { if (acked && said) document.title = "done"; };
root.on("welcome", () => {
  const go = () => {
    root.emit("hello", ${echoId ? "{ n: 1, me: root.id }" : "{ n: 1 }"}, (reply) => { acked = reply && reply.ok === true; check(); });
    root.emit("bin", new Uint8Array([1, 2, 3]).buffer);
  };
  if (root.io.engine.transport.name === "websocket") go(); else root.io.engine.once("upgrade", go);
});
chat.on("connect", () => chat.emit("say", "from polling or websocket"));
chat.on("heard", () => { said = true; check(); });
</script>`;

export interface Logged {
  nsp: string;
  dir: "in" | "out";
  event: string;
}

/** The official client's browser bundle of each major (socket.io 2 would serve whichever socket.io-client resolves). */
const CLIENT_BUNDLE = {
  4: fileURLToPath(new URL("../../node_modules/socket.io-client/dist/socket.io.js", import.meta.url)),
  2: fileURLToPath(new URL("../../node_modules/socket.io-client-v2/dist/socket.io.js", import.meta.url)),
};

/**
 * An app server of `version`, serving the app page and the official client of that major; logs what it receives and
 * sends. With `perConnection`, as many real apps do, what it sends holds what changes from one connection to the
 * next: `welcome` the socket id, the Engine.IO session id, the time (ISO and epoch ms) and a UUID; the ack of `hello`
 * the time in epoch seconds; `heard` the /chat socket's id; and the app sends its socket id back with `hello`.
 */
export async function appServer(version: 4 | 2, { perConnection = false } = {}) {
  const page = app(perConnection);
  const http = createServer((req, res) => {
    if (req.url === "/") res.writeHead(200, { "content-type": "text/html" }).end(page);
    else if (req.url === "/client.js")
      res.writeHead(200, { "content-type": "text/javascript" }).end(readFileSync(CLIENT_BUNDLE[version]));
  });
  const log: Logged[] = [];
  let reply: unknown = { ok: true };
  const io = version === 4 ? new Server(http) : ServerV2(http);
  io.on("connection", (socket: import("socket.io").Socket) => {
    socket.emit(
      "welcome",
      perConnection
        ? {
            id: socket.id,
            sid: socket.conn["id"] as string,
            at: new Date().toISOString(),
            t: Date.now(),
            session: randomUUID(),
          }
        : "w",
    );
    log.push({ nsp: "/", dir: "in", event: "welcome" });
    socket.on("hello", (_x: unknown, ack: (r: unknown) => void) => {
      log.push({ nsp: "/", dir: "out", event: "hello" });
      ack(perConnection && typeof reply === "object" ? { ...reply, at: Math.floor(Date.now() / 1000) } : reply);
    });
    socket.on("bin", () => log.push({ nsp: "/", dir: "out", event: "bin" }));
  });
  io.of("/chat").on("connection", (socket: import("socket.io").Socket) =>
    socket.on("say", () => {
      log.push({ nsp: "/chat", dir: "out", event: "say" });
      if (perConnection) socket.emit("heard", { by: socket.id });
      else socket.emit("heard");
      log.push({ nsp: "/chat", dir: "in", event: "heard" });
    }),
  );
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", () => r()));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    log,
    /** What `hello` is answered with from now on. */
    answer: (value: unknown) => (reply = value),
    close: () => {
      io.close();
      http.closeAllConnections();
    },
  };
}
