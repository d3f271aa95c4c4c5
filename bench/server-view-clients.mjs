// The Server view benchmark's load, run as its own process (forked, with an IPC channel): real websocket clients
// (the official socket.io-client, as a user's app would be) that connect to the target and join rooms through it.
// Messages from the parent:
//   {connect: {url, count, rooms: "same" | "one-of", roomCount}}: `count` clients; with "same", each joins the same
//       `roomCount` rooms; with "one-of", client i joins room i % roomCount. Answers {connected: count} once all
//       are connected and joined.
//   {churn: {sockets, joinsEach, seconds}}: the first `sockets` clients each join `joinsEach` new rooms, paced
//       evenly over `seconds`. Answers {churned: joins, ms} when the server has acked every join.
// Exits when the parent goes away.
import { io } from "socket.io-client";

/** @typedef {{ url: string; count: number; rooms: "same" | "one-of"; roomCount: number }} ConnectJob */
/** @typedef {{ sockets: number; joinsEach: number; seconds: number }} ChurnJob */
/** @typedef {{ connect?: ConnectJob; churn?: ChurnJob }} Job */

// A named error rather than a silent one: without the channel, the parent would wait for answers that never come.
if (!process.send)
  throw new Error("server-view-clients.mjs runs forked, with an IPC channel (by server-view-load.mjs)");
const send = process.send.bind(process);

/** @type {import("socket.io-client").Socket[]} */
const clients = [];
/**
 * @template T
 * @param {number} n
 * @param {(i: number) => T} f
 */
const range = (n, f) => Array.from({ length: n }, (_, i) => f(i));

/** @param {ConnectJob} job */
async function connect({ url, count, rooms, roomCount }) {
  const same = range(roomCount, (r) => `room-${r}`);
  // A few hundred handshakes at a time: the server and this process share two cores with the browser.
  for (let from = 0; from < count; from += 250) {
    const batch = range(Math.min(250, count - from), (j) => {
      const i = from + j;
      const c = io(url, { transports: ["websocket"], forceNew: true, reconnection: false });
      clients.push(c);
      const wanted = rooms === "same" ? same : rooms === "one-of" ? [`room-${i % roomCount}`] : [];
      return /** @type {Promise<void>} */ (
        new Promise((resolve, reject) => {
          c.once("connect_error", reject);
          c.once("connect", () => (wanted.length ? c.emit("join", wanted, resolve) : resolve()));
        })
      );
    });
    await Promise.all(batch);
  }
  send({ connected: clients.length });
}

/** @param {ChurnJob} job */
async function churn({ sockets, joinsEach, seconds }) {
  const total = sockets * joinsEach;
  const t0 = performance.now();
  const acks = [];
  // Ticks of 10 ms, each sending its share of the joins: an even pace, not a burst.
  const ticks = (seconds * 1000) / 10;
  let sent = 0;
  for (let tick = 1; tick <= ticks; tick++) {
    const due = Math.round((total * tick) / ticks);
    for (; sent < due; sent++) {
      const c = clients[sent % sockets];
      if (!c) throw new Error(`churn: ${sockets} sockets asked for, ${clients.length} connected`);
      const room = `churn-${Math.floor(sent / sockets)}`;
      acks.push(new Promise((resolve) => c.emit("join", room, resolve)));
    }
    const wait = t0 + tick * 10 - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  await Promise.all(acks);
  send({ churned: total, ms: performance.now() - t0 });
}

process.on("message", (/** @type {Job} */ m) => {
  const job = m.connect ? connect(m.connect) : m.churn ? churn(m.churn) : undefined;
  job?.catch((err) => send({ error: String(err?.message ?? err) }));
});
process.on("disconnect", () => {
  for (const c of clients) c.disconnect();
  process.exit(0);
});
