// An app as a user's would be, for the browser extension's tests: a page on the official socket.io-client its server
// goes with (4, 2, or 4 with the msgpack parser), connecting to / and /chat on one Manager. Once upgraded it emits
// `hello` with an ack and `bin` with binary; the server asks it `ask` with an ack, which it answers; /chat says
// and hears. Each round titles the page "done <n>"; a cut (the server closes the connection) starts the next round
// after the client's reconnection. The server logs every event and ack with its arguments, from the page's side:
// `out` is what the page sent, `in` what it received.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { Server, type Socket } from "socket.io";
import ServerV2 from "socket.io-v2";
import * as msgpackParser from "socket.io-msgpack-parser";

export type AppKind = "v4" | "v2" | "msgpack";

/** The page: `io` is the official client's global (the msgpack build's wraps it with the parser). */
const APP = `<!doctype html><title>app</title><script src="/client.js"></script><script>
const options = { reconnectionDelay: 200, randomizationFactor: 0 };
const root = io("/", options);
const chat = io("/chat", options);
let round = 0, acked = false, answered = false, heard = false;
const check = () => { if (acked && answered && heard) document.title = "done " + round; };
root.on("welcome", (text) => {
  round++;
  acked = answered = heard = false;
  const go = () => {
    root.emit("hello", { n: round, text: "héllo" }, (reply) => { acked = reply && reply.ok === true; check(); });
    root.emit("bin", new Uint8Array([1, 2, 3, round]).buffer);
  };
  if (root.io.engine.transport.name === "websocket") go(); else root.io.engine.once("upgrade", go);
});
root.on("ask", (question, answer) => { answer("answer to " + question, 42); answered = true; check(); });
chat.on("connect", () => chat.emit("say", "hi from " + (root.io.engine.transport.name)));
chat.on("heard", () => { heard = true; check(); });
</script>`;

/** A page that does nothing: a tab to bind the panel to before the app runs in it. */
const WAITING = `<!doctype html><title>waiting</title><p>The app comes next.</p>`;

export interface Logged {
  nsp: string;
  dir: "in" | "out";
  kind: "event" | "ack";
  /** The event's name (for acks, none). */
  event?: string;
  args: unknown[];
}

const CLIENT = {
  v4: fileURLToPath(new URL("../../node_modules/socket.io-client/dist/socket.io.js", import.meta.url)),
  v2: fileURLToPath(new URL("../../node_modules/socket.io-client-v2/dist/socket.io.js", import.meta.url)),
};

/** socket.io-client 4 with the msgpack parser, as an app would bundle it: a global `io` that always uses it. */
async function msgpackClient(): Promise<string> {
  const result = await build({
    stdin: {
      contents: `import { io } from "socket.io-client"; import * as parser from "socket.io-msgpack-parser";
        window.io = (nsp, options) => io(nsp, { ...options, parser });`,
      resolveDir: fileURLToPath(new URL("../..", import.meta.url)),
    },
    bundle: true,
    format: "iife",
    platform: "browser",
    write: false,
    logLevel: "warning",
  });
  return result.outputFiles[0]?.text ?? "";
}

/** An app server of `kind`, with its log. */
export async function extensionApp(kind: AppKind) {
  const client = kind === "msgpack" ? await msgpackClient() : readFileSync(CLIENT[kind]);
  const http = createServer((req, res) => {
    if (req.url === "/") res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(APP);
    else if (req.url === "/waiting") res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(WAITING);
    else if (req.url === "/client.js") res.writeHead(200, { "content-type": "text/javascript" }).end(client);
  });
  const log: Logged[] = [];
  const io = kind === "v2" ? ServerV2(http) : new Server(http, kind === "msgpack" ? { parser: msgpackParser } : {});
  const sockets = new Set<Socket>();
  io.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("disconnect", () => sockets.delete(socket));
    socket.emit("welcome", "w");
    log.push({ nsp: "/", dir: "in", kind: "event", event: "welcome", args: ["w"] });
    socket.on("hello", (greeting: unknown, ack: (r: unknown) => void) => {
      log.push({ nsp: "/", dir: "out", kind: "event", event: "hello", args: [greeting] });
      const reply = { ok: true, got: greeting };
      ack(reply);
      log.push({ nsp: "/", dir: "in", kind: "ack", args: [reply] });
      socket.emit("ask", "why?", (...answer: unknown[]) =>
        log.push({ nsp: "/", dir: "out", kind: "ack", args: answer }),
      );
      log.push({ nsp: "/", dir: "in", kind: "event", event: "ask", args: ["why?"] });
    });
    socket.on("bin", (bytes: unknown) =>
      log.push({ nsp: "/", dir: "out", kind: "event", event: "bin", args: [bytes] }),
    );
  });
  io.of("/chat").on("connection", (socket: Socket) =>
    socket.on("say", (text: unknown) => {
      log.push({ nsp: "/chat", dir: "out", kind: "event", event: "say", args: [text] });
      socket.emit("heard", text, 1);
      log.push({ nsp: "/chat", dir: "in", kind: "event", event: "heard", args: [text, 1] });
    }),
  );
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", () => r()));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return {
    url,
    log,
    /** The server sends `count` events `big` of `bytes` characters each to every page (a heavy app). */
    flood: (count: number, bytes: number) => {
      for (const socket of sockets) for (let i = 0; i < count; i++) socket.emit("big", i, "x".repeat(bytes));
    },
    /** The server closes every connection's transport (no Socket.IO disconnect): the page reconnects. */
    cut: () => {
      for (const socket of sockets) socket.conn.close();
    },
    close: () => {
      io.close();
      http.closeAllConnections();
    },
  };
}
