// The Server view benchmark's target, run as its own process (forked, with an IPC channel): a socket.io 4 server
// instrumented with @socket.io/admin-ui in development mode, as a user's server would be. Its sockets join rooms for
// real (`socket.join`), so the admin namespace reports what the server's adapter holds. Sends {port} when listening;
// exits when the parent goes away.
import { createServer } from "node:http";
import { instrument } from "@socket.io/admin-ui";
import { Server } from "socket.io";

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
http.listen(0, "127.0.0.1", () => process.send({ port: http.address().port }));
process.on("disconnect", () => process.exit(0));
