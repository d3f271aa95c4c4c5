// The embedded demo server: a real socket.io server with something to see in every corner of the inspector.
//   /          echo, add, slow and binary events that ack; a server emit that asks the client for an ack;
//              rooms (join, to-room) to watch several clients
//   /metrics   a tick every second (periodic server events) and a binary snapshot every 5 s
//   /admin     guarded by auth middleware: needs { token: "letmein" }, else refuses with `data`
//   /admin-ui  the server's own view (Socket.IO Admin UI protocol, development mode, no auth: loopback only)
// Connection state recovery is on, so a dropped transport comes back with the same id and missed events.
import { createServer } from "node:http";
import { instrument } from "@socket.io/admin-ui";
import { Server } from "socket.io";

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1"]);

/**
 * Starts the demo server on `port` (0 = random) and `host`. Resolves with its URL and a close function.
 * @param {{ port?: number, host?: string, tickMs?: number, pingInterval?: number }} [options]
 */
export async function startDemoServer({ port = 3001, host = "127.0.0.1", tickMs = 1000, pingInterval = 10_000 } = {}) {
  const http = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/plain" }).end("Socket.IO demo server for the inspector\n");
  });
  const io = new Server(http, {
    cors: { origin: true, credentials: true },
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000 },
    pingInterval,
    pingTimeout: 5_000,
    maxHttpBufferSize: 20e6,
  });

  io.on("connection", (socket) => {
    socket.emit("welcome", { id: socket.id, recovered: socket.recovered, namespaces: ["/", "/metrics", "/admin"] });
    socket.on("echo", (...args) => {
      const ack = typeof args.at(-1) === "function" ? args.pop() : undefined;
      ack?.(...args);
    });
    socket.on("add", (a, b, ack) => typeof ack === "function" && ack(Number(a) + Number(b)));
    socket.on("slow", (ms, ack) =>
      setTimeout(() => typeof ack === "function" && ack(`answered after ${ms} ms`), Math.min(Number(ms) || 0, 30_000)),
    );
    socket.on("binary", (size, ack) => {
      const bytes = Buffer.alloc(Math.max(0, Math.min(Number(size) || 16, 1_000_000)));
      for (let i = 0; i < bytes.length; i++) bytes[i] = i & 0xff;
      if (typeof ack === "function") ack({ size: bytes.length, bytes });
    });
    socket.on("ask-me", (question) => {
      socket.emit("question", question ?? "Do you copy?", (/** @type {unknown} */ answer) =>
        socket.emit("answer-received", answer),
      );
    });
    socket.on("broadcast", (message) => io.emit("broadcast", message));
    // Rooms, to watch several clients at once: join one, then send to the others in it.
    socket.on("join", (room, ack) => {
      socket.join(String(room));
      if (typeof ack === "function")
        ack({ joined: String(room), members: io.sockets.adapter.rooms.get(String(room))?.size ?? 0 });
    });
    socket.on("to-room", (room, message, ack) => {
      socket.to(String(room)).emit("room-message", { room: String(room), from: socket.id, message });
      if (typeof ack === "function") ack("sent");
    });
  });

  const metrics = io.of("/metrics");
  let n = 0;
  const ticker = setInterval(() => {
    n++;
    metrics.emit("tick", { n, at: new Date().toISOString(), load: Math.round(Math.random() * 100) / 100 });
    if (n % 5 === 0) metrics.emit("snapshot", Buffer.from(Array.from({ length: 32 }, (_, i) => (i * 7 + n) & 0xff)));
  }, tickMs);

  const admin = io.of("/admin");
  admin.use((socket, next) => {
    if (socket.handshake.auth?.token === "letmein") return next();
    const err = /** @type {Error & { data?: unknown }} */ (new Error("not authorized"));
    err.data = { code: "NO_TOKEN", hint: 'connect with auth { "token": "letmein" }' };
    next(err);
  });
  admin.on("connection", (socket) => {
    socket.emit("admin-stats", { clients: io.engine.clientsCount });
    socket.on("kick-me", () => socket.disconnect(true));
  });

  // Both ends of the wire: the server's own view for the inspector's Server panel (the Socket.IO Admin UI protocol,
  // on the namespace DEMO_ADMIN_UI_NAMESPACE of src/core/presets/shipped.ts), in development mode and without auth,
  // so on loopback only: anyone who reaches it could watch and act on every socket.
  if (LOOPBACK.has(host)) instrument(io, { auth: false, mode: "development", namespaceName: "/admin-ui" });

  await new Promise((resolve, reject) => {
    http.once("error", reject);
    http.listen(port, host, () => resolve(undefined));
  });
  const address = http.address();
  const url = `http://${host}:${typeof address === "object" && address ? address.port : port}`;
  return {
    url,
    io,
    close: () =>
      new Promise((resolve) => {
        clearInterval(ticker);
        io.close(() => resolve(undefined));
        http.closeAllConnections();
      }),
  };
}

// Run on its own: node demo/server.mjs
if (import.meta.url === `file://${process.argv[1]}`) {
  const { url } = await startDemoServer({
    port: Number(process.env.DEMO_PORT ?? 3001),
    host: process.env.DEMO_HOST ?? "127.0.0.1",
  });
  console.log(`demo socket.io server on ${url}`);
}
