// One node of the test cluster: socket.io with the Redis adapter, so that a broadcast from any node reaches
// every client. argv: port, redis port, node name. Each node broadcasts "node-tick" with its name.
import { createServer } from "node:http";
import { createAdapter } from "@socket.io/redis-adapter";
import { createClient } from "redis";
import { Server } from "socket.io";

const [port, redisPort, name] = process.argv.slice(2);
const pub = createClient({ url: `redis://127.0.0.1:${redisPort}` });
const sub = pub.duplicate();
await Promise.all([pub.connect(), sub.connect()]);
const http = createServer((_req, res) => res.writeHead(404).end("not found"));
const io = new Server(http, { cors: { origin: true }, adapter: createAdapter(pub, sub) });
io.on("connection", (socket) => socket.emit("served-by", name));
setInterval(() => io.emit("node-tick", name), 150);
http.listen(Number(port), "127.0.0.1", () => process.send?.("ready"));
process.on("disconnect", () => process.exit(0));
