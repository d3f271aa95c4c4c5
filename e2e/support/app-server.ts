// An app as a user's would be: a page on the official socket.io-client its server version goes with (4 or 2), that
// connects to / and /chat, emits with an ack once upgraded, sends binary, and titles itself "done" when it got its
// answers. Its server logs every event it receives and sends. For the capture tests (HAR files, watch).
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { Server } from "socket.io";
import ServerV2 from "socket.io-v2";

/** The app: it connects to / and /chat, emits with an ack once upgraded, sends binary, and says when it is done. */
const APP = `<!doctype html><title>app</title><script src="/client.js"></script><script>
const root = io();
const chat = io("/chat");
let acked = false, said = false;
const check = () => { if (acked && said) document.title = "done"; };
root.on("welcome", () => {
  const go = () => {
    root.emit("hello", { n: 1 }, (reply) => { acked = reply && reply.ok === true; check(); });
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

/** An app server of `version`, serving the app page and the official client of that major; logs what it receives and sends. */
export async function appServer(version: 4 | 2) {
  const http = createServer((req, res) => {
    if (req.url === "/") res.writeHead(200, { "content-type": "text/html" }).end(APP);
    else if (req.url === "/client.js")
      res.writeHead(200, { "content-type": "text/javascript" }).end(readFileSync(CLIENT_BUNDLE[version]));
  });
  const log: Logged[] = [];
  let reply: unknown = { ok: true };
  const io = version === 4 ? new Server(http) : ServerV2(http);
  io.on("connection", (socket: import("socket.io").Socket) => {
    socket.emit("welcome", "w");
    log.push({ nsp: "/", dir: "in", event: "welcome" });
    socket.on("hello", (_x: unknown, ack: (r: unknown) => void) => {
      log.push({ nsp: "/", dir: "out", event: "hello" });
      ack(reply);
    });
    socket.on("bin", () => log.push({ nsp: "/", dir: "out", event: "bin" }));
  });
  io.of("/chat").on("connection", (socket: import("socket.io").Socket) =>
    socket.on("say", () => {
      log.push({ nsp: "/chat", dir: "out", event: "say" });
      socket.emit("heard");
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
