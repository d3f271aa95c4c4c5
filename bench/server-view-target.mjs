// The Server view benchmark's target, run as its own process (forked, with an IPC channel): a socket.io 4 server
// instrumented with @socket.io/admin-ui in development mode, as a user's server would be. Its sockets join rooms for
// real (`socket.join`, `socket.leave`), so the admin namespace reports what the server's adapter holds. Sends {port}
// when listening; answers {counts: {"/", "/admin", total, tenants, last}} (the sockets each namespace holds now,
// those of / by the tenant their query names, and the id of its newest socket on /) to {counts: true};
// exits when the parent goes away.
import { createServer } from "node:http";
import { instrument } from "@socket.io/admin-ui";
import { Server } from "socket.io";

// A named error rather than a silent one: without the channel, nobody would ever learn the port.
if (!process.send) throw new Error("server-view-target.mjs runs forked, with an IPC channel (by server-view-load.mjs)");
const send = process.send.bind(process);

const http = createServer();
// Heartbeats far apart: a page frozen by a load must still be connected when it wakes, so that what is measured is
// the load's cost, not a reconnection's.
// Credentials allowed: the Admin UI's own page connects with them (for cookie-based sticky sessions).
const io = new Server(http, {
  cors: { origin: true, credentials: true },
  pingInterval: 120_000,
  pingTimeout: 120_000,
});
io.on("connection", (socket) => {
  socket.on("join", (rooms, ack) => {
    socket.join(Array.isArray(rooms) ? rooms.map(String) : String(rooms));
    ack?.(socket.rooms.size);
  });
  socket.on("leave", (room, ack) => {
    socket.leave(String(room));
    ack?.(socket.rooms.size);
  });
});
instrument(io, { auth: false, mode: "development" });
http.listen(0, "127.0.0.1", () => send({ port: /** @type {import("node:net").AddressInfo} */ (http.address()).port }));
process.on("message", (/** @type {{ counts?: boolean }} */ m) => {
  if (!m.counts) return;
  const main = io.of("/").sockets.size;
  const admin = io.of("/admin").sockets.size;
  /** @type {Record<string, number>} */
  const tenants = {};
  let last = "";
  for (const socket of io.of("/").sockets.values()) {
    const tenant = String(socket.handshake.query.tenant ?? "");
    tenants[tenant] = (tenants[tenant] ?? 0) + 1;
    last = socket.id;
  }
  send({ counts: { "/": main, "/admin": admin, total: main + admin, tenants, last } });
});
process.on("disconnect", () => process.exit(0));
