// A socket.io server in its own process, on a given port, so that tests can kill, pause and restart it.
// It acks "job" with the job's number and reports the numbers it received when asked over IPC.
import { createServer } from "node:http";
import { Server } from "socket.io";

const port = Number(process.argv[2]);
const pingInterval = Number(process.argv[3] ?? 25000);
const http = createServer();
const io = new Server(http, { pingInterval, pingTimeout: pingInterval });
/** @type {unknown[]} */
const received = [];
io.on("connection", (socket) => socket.on("job", (n, ack) => (received.push(n), ack?.(`done ${n}`))));
process.on("message", (m) => m === "received" && process.send?.({ received }));
http.listen(port, "127.0.0.1", () => process.send?.({ listening: port }));
process.on("disconnect", () => process.exit(0));
