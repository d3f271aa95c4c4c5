// The Server view benchmark's load, run as its own process (forked, with an IPC channel): real websocket clients
// (the official socket.io-client, as a user's app would be) that connect to the target and join rooms through it.
// Messages from the parent:
//   {connect: {url, count, rooms: "same" | "one-of", roomCount, offset}}: `count` clients; with "same", each joins
//       the same `roomCount` rooms; with "one-of", client i joins room i % roomCount (i counted from `offset`: a
//       fleet's clients spread over several processes). Answers {connected: count} once all are connected and joined.
//       With `tenants`, client i also says `tenant-<i % tenants>` in its query (a tenth each, with 10: a filter's
//       target), and the answer counts the clients of each tenant: {connected, tenants}.
//   {churn: {sockets, joinsEach, seconds}}: the first `sockets` clients each join `joinsEach` new rooms, paced
//       evenly over `seconds`. Answers {churned: joins, ms} when the server has acked every join.
//   {fleetChurn: {url, seconds, roomCount, tenants, perSecond: {joins, leaves, connects, disconnects}}}: a busy
//       fleet for `seconds`, each kind paced evenly (ticks of 20 ms): random clients join a random room of
//       `roomCount`, the oldest joins are left, new clients connect (into a room, as at the start) and random ones
//       disconnect. Answers {churnEnd: the epoch ms when the server had acked every join, leave and connect,
//       sockets: clients connected, ops: {joins, leaves, connects, disconnects}}.
// Exits when the parent goes away.
import { io } from "socket.io-client";

/**
 * @typedef {{ url: string; count: number; rooms: "same" | "one-of"; roomCount: number; tenants?: number; offset?: number }} ConnectJob
 */
/** @typedef {{ sockets: number; joinsEach: number; seconds: number }} ChurnJob */
/** @typedef {{ joins: number; leaves: number; connects: number; disconnects: number }} Rates */
/** @typedef {{ url: string; seconds: number; roomCount: number; tenants: number; perSecond: Rates }} FleetChurnJob */
/** @typedef {{ connect?: ConnectJob; churn?: ChurnJob; fleetChurn?: FleetChurnJob }} Job */

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

/** The next client's number (its tenant and room): clients made so far, from the process's offset. */
let made = 0;

/**
 * A client that connects and joins its rooms; resolves once the server acked the join.
 * @param {string} url
 * @param {string[]} rooms
 * @param {string | undefined} tenant
 */
function client(url, rooms, tenant) {
  const c = io(url, {
    transports: ["websocket"],
    forceNew: true,
    reconnection: false,
    ...(tenant ? { query: { tenant } } : {}),
  });
  clients.push(c);
  made++;
  return /** @type {Promise<void>} */ (
    new Promise((resolve, reject) => {
      c.once("connect_error", reject);
      c.once("connect", () => (rooms.length ? c.emit("join", rooms, resolve) : resolve()));
    })
  );
}

/** @param {ConnectJob} job */
async function connect({ url, count, rooms, roomCount, tenants, offset = 0 }) {
  const same = range(roomCount, (r) => `room-${r}`);
  const perTenant = range(tenants ?? 0, () => 0);
  made = offset;
  // A few hundred handshakes at a time: the server and this process share two cores with the browser.
  for (let from = 0; from < count; from += 250) {
    const batch = range(Math.min(250, count - from), (j) => {
      const i = offset + from + j;
      const wanted = rooms === "same" ? same : rooms === "one-of" ? [`room-${i % roomCount}`] : [];
      if (tenants) perTenant[i % tenants] = (perTenant[i % tenants] ?? 0) + 1;
      return client(url, wanted, tenants ? `tenant-${i % tenants}` : undefined);
    });
    await Promise.all(batch);
  }
  send({ connected: clients.length, tenants: perTenant });
}

/** A small deterministic generator (mulberry32): the same churn on every run. */
function random(seed = 35) {
  let a = seed;
  /** @param {number} n */
  return (n) => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

/**
 * What the churn waits for per socket (its connection, its joins and leaves acked): done when it is, or when the
 * churn disconnects that socket first (an ack never comes to a socket that went; a socket that never connected
 * tells nothing).
 * @type {Map<import("socket.io-client").Socket, Set<() => void>>}
 */
const waitingOn = new Map();

/**
 * Resolves when `start` calls back, or when the churn lets the socket go.
 * @param {import("socket.io-client").Socket} c
 * @param {(done: () => void) => void} start
 * @returns {Promise<void>}
 */
function until(c, start) {
  return new Promise((resolve) => {
    let set = waitingOn.get(c);
    if (!set) waitingOn.set(c, (set = new Set()));
    const mine = set;
    const done = () => {
      mine.delete(done);
      resolve();
    };
    mine.add(done);
    start(done);
  });
}

/** @param {FleetChurnJob} job */
async function fleetChurn({ url, seconds, roomCount, tenants, perSecond }) {
  const pick = random();
  /** Joins not left yet, oldest first: what the leaves take. */
  /** @type {Array<{ c: import("socket.io-client").Socket; room: string }>} */
  const joined = [];
  let leaveAt = 0;
  /** @type {Promise<unknown>[]} */
  const acks = [];
  const ops = { joins: 0, leaves: 0, connects: 0, disconnects: 0 };
  const TICK = 20;
  const t0 = performance.now();
  const ticks = (seconds * 1000) / TICK;
  /** @param {number} rate @param {number} tick */
  const dueBy = (rate, tick) => Math.round((rate * seconds * tick) / ticks);
  for (let tick = 1; tick <= ticks; tick++) {
    for (; ops.connects < dueBy(perSecond.connects, tick); ops.connects++) {
      const i = made;
      const connecting = client(url, [`room-${i % roomCount}`], `tenant-${i % tenants}`);
      const c = /** @type {import("socket.io-client").Socket} */ (clients[clients.length - 1]);
      acks.push(until(c, (done) => void connecting.then(done, done)));
    }
    for (; ops.disconnects < dueBy(perSecond.disconnects, tick); ops.disconnects++) {
      const at = pick(clients.length);
      const [c] = clients.splice(at, 1);
      if (!c) continue;
      c.disconnect();
      for (const done of waitingOn.get(c) ?? []) done();
      waitingOn.delete(c);
    }
    for (; ops.joins < dueBy(perSecond.joins, tick); ops.joins++) {
      const c = clients[pick(clients.length)];
      if (!c) continue;
      const room = `room-${pick(roomCount)}`;
      joined.push({ c, room });
      acks.push(until(c, (done) => c.emit("join", room, done)));
    }
    for (; ops.leaves < dueBy(perSecond.leaves, tick); ops.leaves++) {
      // The oldest join still connected (one whose socket went has left with it).
      while (leaveAt < joined.length && !joined[leaveAt]?.c.connected) leaveAt++;
      const next = joined[leaveAt];
      if (!next) break;
      leaveAt++;
      const { c, room } = next;
      acks.push(until(c, (done) => c.emit("leave", room, done)));
    }
    const wait = t0 + tick * TICK - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  await Promise.all(acks);
  send({ churnEnd: Date.now(), sockets: clients.length, ops, ms: performance.now() - t0 });
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
  const job = m.connect
    ? connect(m.connect)
    : m.churn
      ? churn(m.churn)
      : m.fleetChurn
        ? fleetChurn(m.fleetChurn)
        : undefined;
  job?.catch((err) => send({ error: String(err?.message ?? err) }));
});
process.on("disconnect", () => {
  for (const c of clients) c.disconnect();
  process.exit(0);
});
