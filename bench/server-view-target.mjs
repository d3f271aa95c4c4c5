// The Server view benchmark's target, run as its own process (forked, with an IPC channel): a socket.io 4 server
// instrumented with @socket.io/admin-ui in development mode, as a user's server would be. Its sockets join rooms for
// real (`socket.join`), so the admin namespace reports what the server's adapter holds. Sends {port} when listening;
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
const io = new Server(http, { cors: { origin: true }, pingInterval: 120_000, pingTimeout: 120_000 });
io.on("connection", (socket) => {
  socket.on("join", (rooms, ack) => {
    socket.join(Array.isArray(rooms) ? rooms.map(String) : String(rooms));
    ack?.(socket.rooms.size);
  });
});
instrument(io, { auth: false, mode: "development" });
http.listen(0, "127.0.0.1", () => send({ port: /** @type {import("node:net").AddressInfo} */ (http.address()).port }));
process.on("disconnect", () => process.exit(0));
