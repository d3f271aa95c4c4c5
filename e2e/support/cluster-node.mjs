// One node of the test cluster: socket.io with the Redis adapter, so that a broadcast from any node reaches
// every client. argv: port, redis port, node name, and "admin" to instrument it with @socket.io/admin-ui. Each node
// broadcasts "node-tick" with its name.
import { createServer } from "node:http";
import { instrument } from "@socket.io/admin-ui";
import { createAdapter } from "@socket.io/redis-adapter";
import { createClient } from "redis";
import { Server } from "socket.io";

const [port, redisPort, name, admin] = process.argv.slice(2);
const pub = createClient({ url: `redis://127.0.0.1:${redisPort}` });
const sub = pub.duplicate();
await Promise.all([pub.connect(), sub.connect()]);
const http = createServer((_req, res) => res.writeHead(404).end("not found"));
const io = new Server(http, { cors: { origin: true }, adapter: createAdapter(pub, sub) });
io.on("connection", (socket) => {
  socket.emit("served-by", name);
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
setInterval(() => io.emit("node-tick", name), 150);
http.listen(Number(port), "127.0.0.1", () => process.send?.("ready"));
process.on("disconnect", () => process.exit(0));
