// The benchmark server, run as its own process (forked, with an IPC channel) so that its CPU is not the client's.
// It sends {port} when listening, and {sendTimes} after each paced run; it exits when the parent goes away.
// A client asks for work on the main namespace; events go out on /a, /b and /c to the sockets of the
// same engine connection, so that one Manager with three namespaces receives them all.
import { createServer } from "node:http";
import { Server } from "socket.io";

const http = createServer();
const io = new Server(http, {
  cors: { origin: true },
  maxHttpBufferSize: 1e8,
  pingInterval: 60_000,
  pingTimeout: 60_000,
});
const NSPS = ["/a", "/b", "/c"];
for (const nsp of NSPS) io.of(nsp);

/**
 * The namespace sockets that share this main socket's engine connection.
 * @param {import("socket.io").Socket} socket
 */
const peers = (socket) =>
  NSPS.map((nsp) => [...io.of(nsp).sockets.values()].find((s) => s.conn === socket.conn)).filter(
    (s) => s !== undefined,
  );
const now = () => performance.timeOrigin + performance.now();

io.on("connection", (socket) => {
  // As fast as possible: n small events round-robin over the three namespaces, from index `from`.
  socket.on("blast", (n, ack) => {
    const targets = peers(socket);
    for (let i = 0; i < n; i++) targets[i % targets.length]?.emit("tick", i, { v: i & 0xff, s: "x" });
    ack?.(n);
  });
  // Paced: `rate` events per second for `seconds`, each carrying its send time (epoch ms) for delay measurements.
  // With `all`, round robin over the namespace sockets of every connection: several clients share the rate.
  socket.on("pace", ({ rate, seconds, all }, ack) => {
    const targets = all ? NSPS.flatMap((nsp) => [...io.of(nsp).sockets.values()]) : peers(socket);
    const total = Math.round(rate * seconds);
    const start = now();
    let sent = 0;
    const sendTimes = new Array(total);
    const timer = setInterval(() => {
      const due = Math.min(total, Math.floor(((now() - start) / 1000) * rate));
      for (; sent < due; sent++) {
        const t = now();
        sendTimes[sent] = t;
        targets[sent % targets.length]?.emit("tick", sent, t);
      }
      if (sent >= total) {
        clearInterval(timer);
        process.send?.({ sendTimes });
        ack?.(total);
      }
    }, 4);
  });
  socket.on("echo", (v, ack) => ack?.(v));
});

http.listen(0, "127.0.0.1", () =>
  process.send?.({ port: /** @type {import("node:net").AddressInfo} */ (http.address()).port }),
);
process.on("disconnect", () => process.exit(0));
