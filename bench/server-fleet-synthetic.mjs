// Issue 35's 100,000 synthetic sockets, for the page: an admin namespace that speaks the Socket.IO Admin UI protocol
// as @socket.io/admin-ui 0.5.1 does (config, all_sockets, server_stats every 2 s, then socket_connected,
// socket_disconnected, room_joined and room_left), over sockets that do not exist. The page's whole path is
// measured (decoding, our protocol reader, the model, the panel) without 100,000 connections on a two-core machine.
// Run as its own process (forked, with an IPC channel) by bench/server-fleet.mjs:
//   argv: sockets (100,000 by default)
//   sends {port} when listening; answers {counts: true} with {counts: {"/", "/admin", total, tenants, last}} (what
//   it says exists now) and {fleetChurn: {seconds, perSecond}} with {churnEnd, sockets, ops} once it said it all.
// Each socket is described as admin-ui describes a browser's (an 850-byte handshake, as bench/server-model.mjs):
// socket i is in room room-<i % (sockets / 10)> and in tenant-<i % 10> (its query).
import { createServer } from "node:http";
import { Server } from "socket.io";

if (!process.send) throw new Error("server-fleet-synthetic.mjs runs forked, with an IPC channel");
const send = process.send.bind(process);
const sockets = Number(process.argv[2] ?? 100_000);
const roomCount = Math.max(1, sockets / 10);
const TENANTS = 10;

/**
 * A socket as admin-ui's serialize() sends it, for a browser client.
 * @param {number} i
 */
function described(i) {
  const id = `${i.toString(36).padStart(6, "0")}AbCdEfGhIjKlMn`;
  return {
    id,
    clientId: `c${i.toString(36).padStart(11, "0")}`,
    transport: "websocket",
    nsp: "/",
    data: {},
    handshake: {
      address: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
      headers: {
        host: "app.example.com",
        connection: "Upgrade",
        upgrade: "websocket",
        "user-agent":
          "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
        "accept-language": "en-GB,en;q=0.9,fr;q=0.8",
        "accept-encoding": "gzip, deflate, br",
        origin: "https://app.example.com",
        cookie: `session=${"s".repeat(32)}${i}; theme=dark`,
        "sec-websocket-version": "13",
        "sec-websocket-key": `k${i}${"x".repeat(20)}==`,
        "sec-websocket-extensions": "permessage-deflate; client_max_window_bits",
      },
      query: { EIO: "4", transport: "websocket", tenant: `tenant-${i % TENANTS}` },
      issued: 1_700_000_000_000 + i,
      secure: true,
      time: "Tue Dec 03 2026 10:00:00 GMT+0000 (Coordinated Universal Time)",
      url: `/socket.io/?EIO=4&transport=websocket&tenant=tenant-${i % TENANTS}`,
      xdomain: true,
    },
    rooms: [id, `room-${i % roomCount}`],
  };
}

/** What exists now: each socket's number by its id, with the rooms it joined beyond its first. */
/** @type {Map<string, { i: number; rooms: string[] }>} */
const alive = new Map();
for (let i = 0; i < sockets; i++) alive.set(described(i).id, { i, rooms: [] });
let next = sockets;

const http = createServer();
const io = new Server(http, { cors: { origin: true, credentials: true }, pingInterval: 120_000, pingTimeout: 120_000 });
const admin = io.of("/admin");
const FEATURES = ["EMIT", "JOIN", "LEAVE", "DISCONNECT", "MJOIN", "MLEAVE", "MDISCONNECT", "AGGREGATED_EVENTS"];
admin.on("connection", (socket) => {
  socket.emit("config", { supportedFeatures: [...FEATURES, "ALL_EVENTS"] });
  socket.emit(
    "all_sockets",
    [...alive.values()].map(({ i, rooms }) => {
      const d = described(i);
      d.rooms.push(...rooms);
      return d;
    }),
  );
});
const stats = () =>
  admin.emit("server_stats", {
    serverId: "synthetic",
    hostname: "synthetic",
    pid: process.pid,
    uptime: process.uptime(),
    clientsCount: alive.size,
    pollingClientsCount: 0,
    aggregatedEvents: [],
    namespaces: [{ name: "/", socketsCount: alive.size }],
  });
setInterval(stats, 2000).unref();

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
 * The churn, said as admin-ui says it, each kind paced evenly (ticks of 20 ms): random sockets join a random room,
 * the oldest joins are left, new sockets connect (into their room) and random ones disconnect.
 * @param {{ seconds: number; perSecond: { joins: number; leaves: number; connects: number; disconnects: number } }} job
 */
async function fleetChurn({ seconds, perSecond }) {
  const pick = random();
  const ids = [...alive.keys()];
  /** @type {Array<{ id: string; room: string }>} */
  const joined = [];
  let leaveAt = 0;
  const ops = { joins: 0, leaves: 0, connects: 0, disconnects: 0 };
  const TICK = 20;
  const ticks = (seconds * 1000) / TICK;
  /** @param {number} rate @param {number} tick */
  const dueBy = (rate, tick) => Math.round((rate * seconds * tick) / ticks);
  const t0 = performance.now();
  const now = () => new Date();
  for (let tick = 1; tick <= ticks; tick++) {
    for (; ops.connects < dueBy(perSecond.connects, tick); ops.connects++) {
      const d = described(next++);
      alive.set(d.id, { i: next - 1, rooms: [] });
      ids.push(d.id);
      admin.emit("socket_connected", d, now());
      for (const room of d.rooms) admin.emit("room_joined", "/", room, d.id, now());
    }
    for (; ops.disconnects < dueBy(perSecond.disconnects, tick); ops.disconnects++) {
      const at = pick(ids.length);
      const id = /** @type {string} */ (ids[at]);
      ids[at] = /** @type {string} */ (ids[ids.length - 1]);
      ids.pop();
      const s = alive.get(id);
      if (!s) continue;
      alive.delete(id);
      for (const room of [`room-${s.i % roomCount}`, ...s.rooms, id]) admin.emit("room_left", "/", room, id, now());
      admin.emit("socket_disconnected", "/", id, "client namespace disconnect", now());
    }
    for (; ops.joins < dueBy(perSecond.joins, tick); ops.joins++) {
      const id = /** @type {string} */ (ids[pick(ids.length)]);
      const s = alive.get(id);
      const room = `room-${pick(roomCount)}`;
      if (!s || s.rooms.includes(room) || room === `room-${s.i % roomCount}`) continue;
      s.rooms.push(room);
      joined.push({ id, room });
      admin.emit("room_joined", "/", room, id, now());
    }
    for (; ops.leaves < dueBy(perSecond.leaves, tick); ops.leaves++) {
      // The oldest join still there (a socket that went has left its rooms with it).
      while (leaveAt < joined.length && !alive.has(/** @type {{ id: string }} */ (joined[leaveAt]).id)) leaveAt++;
      const j = joined[leaveAt++];
      if (!j) break;
      const s = alive.get(j.id);
      if (!s) continue;
      s.rooms = s.rooms.filter((r) => r !== j.room);
      admin.emit("room_left", "/", j.room, j.id, now());
    }
    const wait = t0 + tick * TICK - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  send({ churnEnd: Date.now(), sockets: alive.size, ops, ms: performance.now() - t0 });
}

process.on("message", (/** @type {{ counts?: boolean; fleetChurn?: Parameters<typeof fleetChurn>[0] }} */ m) => {
  if (m.fleetChurn) void fleetChurn(m.fleetChurn);
  if (!m.counts) return;
  /** @type {Record<string, number>} */
  const tenants = {};
  for (const { i } of alive.values()) tenants[`tenant-${i % TENANTS}`] = (tenants[`tenant-${i % TENANTS}`] ?? 0) + 1;
  const last = [...alive.keys()].at(-1) ?? "";
  send({ counts: { "/": alive.size, "/admin": 0, total: alive.size, tenants, last } });
});
http.listen(0, "127.0.0.1", () => send({ port: /** @type {import("node:net").AddressInfo} */ (http.address()).port }));
process.on("disconnect", () => process.exit(0));
