// One node of the test cluster: socket.io with the Redis adapter, so that a broadcast from any node reaches
// every client. argv: port, redis port, node name, then "admin" to instrument it with @socket.io/admin-ui and "bench"
// for a benchmark's node (heartbeats two minutes apart; no "node-tick"). Each node broadcasts "node-tick" with its
// name, and lets its sockets join and leave rooms (`join`: a room or a list, `leave`: a room; each acked). Asked
// {counts: true} over IPC, a node answers {counts: {"/", "/admin", total, tenants, last}}: the sockets each of its
// namespaces holds, those of / by the tenant their query names, and the id of its newest socket on /.
import { createServer } from "node:http";
import { instrument } from "@socket.io/admin-ui";
import { createAdapter } from "@socket.io/redis-adapter";
import { createClient } from "redis";
import { Server } from "socket.io";

const [port, redisPort, name, ...flags] = process.argv.slice(2);
const admin = flags.includes("admin") ? "admin" : undefined;
const bench = flags.includes("bench");
const pub = createClient({ url: `redis://127.0.0.1:${redisPort}` });
const sub = pub.duplicate();
await Promise.all([pub.connect(), sub.connect()]);
const http = createServer((_req, res) => res.writeHead(404).end("not found"));
// Credentials allowed: the Admin UI's own page connects with them.
const io = new Server(http, {
  cors: { origin: true, credentials: true },
  adapter: createAdapter(pub, sub),
  ...(bench ? { pingInterval: 120_000, pingTimeout: 120_000 } : {}),
});
io.on("connection", (socket) => {
  socket.emit("served-by", name);
  socket.on("join", (rooms, ack) => {
    socket.join(Array.isArray(rooms) ? rooms.map(String) : String(rooms));
    if (typeof ack === "function") ack(socket.rooms.size);
  });
  socket.on("leave", (room, ack) => {
    socket.leave(String(room));
    if (typeof ack === "function") ack(socket.rooms.size);
  });
  // What the test asks a socket of its own: the rooms it is in, as the node that holds it knows them.
  socket.on("my-rooms", (ack) => typeof ack === "function" && ack([...socket.rooms]));
});
if (admin === "admin") {
  const serverId = `node-${name}`;
  // The admin protocol says nothing of a socket's node: each node names itself in its sockets' data, which the
  // admin UI sends with every socket (all_sockets, socket_connected), whichever node reports it.
  /** @type {(socket: import("socket.io").Socket, next: (err?: Error) => void) => void} */
  const nameSockets = (socket, next) => ((socket.data.serverId = serverId), next());
  io.use(nameSockets);
  instrument(io, { auth: false, mode: "development", serverId });
  io.of("/admin").use(nameSockets);
}
if (!bench) setInterval(() => io.emit("node-tick", name), 150);
process.on("message", (/** @type {{ counts?: boolean }} */ m) => {
  if (!m.counts) return;
  const main = io.of("/").sockets.size;
  const adminCount = io._nsps.has("/admin") ? io.of("/admin").sockets.size : 0;
  /** @type {Record<string, number>} */
  const tenants = {};
  let last = "";
  for (const socket of io.of("/").sockets.values()) {
    const tenant = String(socket.handshake.query.tenant ?? "");
    tenants[tenant] = (tenants[tenant] ?? 0) + 1;
    last = socket.id;
  }
  process.send?.({ counts: { "/": main, "/admin": adminCount, total: main + adminCount, tenants, last } });
});
http.listen(Number(port), "127.0.0.1", () => process.send?.("ready"));
process.on("disconnect", () => process.exit(0));
