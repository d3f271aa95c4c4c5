// Benchmarks 1 and 2: our client against socket.io-client (and raw engine.io-client for ingest) in Node,
// against bench/server.mjs in its own process. Rounds alternate the order of the clients; each round's
// ratio is ours/theirs, and the median ratio is reported.
import { Socket as EngineSocket } from "engine.io-client";
import { io as officialIo } from "socket.io-client";
import { loadOurClient, median, percentile, sleep } from "./support.mjs";

const NSPS = ["/a", "/b", "/c"];

/** Counts events and resolves `done` at the target, so that waiting costs no CPU. */
function makeCounter() {
  const counter = {
    n: 0,
    target: Infinity,
    done: () => {},
    hit() {
      if (++counter.n === counter.target) counter.done();
    },
    until(target) {
      counter.target = target;
      return new Promise((resolve) => (counter.done = resolve));
    },
  };
  return counter;
}
const WS = { transports: ["websocket"], forceNew: true, reconnection: false };

/** A client connected to "/", "/a", "/b", "/c" over one engine connection, counting "tick" events. */
async function connectSocketIo(io, url) {
  const main = io(url, WS);
  const sockets = [main, ...NSPS.map((n) => main.io.socket(n))];
  const counter = makeCounter();
  for (const s of sockets.slice(1)) s.on("tick", () => counter.hit());
  await Promise.all(sockets.map((s) => (s.connected ? null : new Promise((r) => s.once("connect", r)))));
  return {
    counter,
    start: (n) => main.emit("blast", n),
    main,
    close: () => sockets.forEach((s) => s.disconnect()),
  };
}

/** The floor: engine.io-client alone, counting event frames without parsing them. */
async function connectRawEngine(url) {
  const engine = new EngineSocket(url, { transports: ["websocket"], path: "/socket.io" });
  const counter = makeCounter();
  let connected = 0;
  await new Promise((resolve) => {
    engine.on("message", (data) => {
      if (typeof data !== "string") return;
      if (data.charCodeAt(0) === 50 /* "2" */) counter.hit();
      else if (data.charCodeAt(0) === 48 /* "0" */ && ++connected === 4) resolve();
    });
    // engine.send() adds the Engine.IO message type ("4"): these are Socket.IO CONNECT packets.
    engine.on("open", () => ["0", "0/a,", "0/b,", "0/c,"].forEach((p) => engine.send(p)));
  });
  return { counter, start: (n) => engine.send(`2${JSON.stringify(["blast", n])}`), close: () => engine.close() };
}

async function ingestOnce(connect, n) {
  const client = await connect();
  await sleep(50);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const done = client.counter.until(n);
  client.start(n);
  await done;
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  client.close();
  const cpuMs = (cpu.user + cpu.system) / 1000;
  return { wallRate: n / (wall / 1000), cpuRate: n / (cpuMs / 1000) };
}

/** Benchmark 1: client ingest. `rate` is events per second of client CPU (the server runs elsewhere). */
export async function benchIngest(url, { events = 50_000, rounds = 5 } = {}) {
  const ours = await loadOurClient();
  const sides = {
    ours: () => connectSocketIo(ours.io, url),
    official: () => connectSocketIo(officialIo, url),
    engine: () => connectRawEngine(url),
  };
  const results = { ours: [], official: [], engine: [] };
  const names = Object.keys(sides);
  await ingestOnce(sides.ours, Math.min(events, 5000)); // warm-up, not counted
  await ingestOnce(sides.official, Math.min(events, 5000));
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 ? [...names].reverse() : names;
    for (const name of order) results[name].push(await ingestOnce(sides[name], events));
  }
  const rate = (name, key) => median(results[name].map((r) => r[key]));
  return {
    events,
    rounds,
    ours: { cpuRate: rate("ours", "cpuRate"), wallRate: rate("ours", "wallRate") },
    official: { cpuRate: rate("official", "cpuRate"), wallRate: rate("official", "wallRate") },
    engine: { cpuRate: rate("engine", "cpuRate"), wallRate: rate("engine", "wallRate") },
    ratioOfficial: median(results.ours.map((r, i) => r.cpuRate / results.official[i].cpuRate)),
    ratioEngine: median(results.ours.map((r, i) => r.cpuRate / results.engine[i].cpuRate)),
  };
}

async function acksOnce(io, url, sequential, pipelined) {
  const socket = io(url, WS);
  await new Promise((r) => socket.once("connect", r));
  const rtts = [];
  for (let i = 0; i < sequential; i++) {
    const t0 = performance.now();
    await socket.emitWithAck("echo", i);
    rtts.push(performance.now() - t0);
  }
  const t0 = performance.now();
  await new Promise((resolve) => {
    let left = pipelined;
    for (let i = 0; i < pipelined; i++) socket.emit("echo", i, () => --left === 0 && resolve());
  });
  const rate = pipelined / ((performance.now() - t0) / 1000);
  socket.disconnect();
  return { p50: percentile(rtts, 50), p99: percentile(rtts, 99), rate };
}

/** Benchmark 2: sequential ack round trips (p50, p99) and pipelined acks per second. */
export async function benchAcks(url, { sequential = 2000, pipelined = 20_000, rounds = 5 } = {}) {
  const ours = await loadOurClient();
  const sides = { ours: ours.io, official: officialIo };
  const results = { ours: [], official: [] };
  await acksOnce(ours.io, url, 200, 2000);
  await acksOnce(officialIo, url, 200, 2000);
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 ? ["official", "ours"] : ["ours", "official"];
    for (const name of order) results[name].push(await acksOnce(sides[name], url, sequential, pipelined));
  }
  const med = (name, key) => median(results[name].map((r) => r[key]));
  const ratio = (key) => median(results.ours.map((r, i) => r[key] / results.official[i][key]));
  return {
    sequential,
    pipelined,
    rounds,
    ours: { p50: med("ours", "p50"), p99: med("ours", "p99"), rate: med("ours", "rate") },
    official: { p50: med("official", "p50"), p99: med("official", "p99"), rate: med("official", "rate") },
    ratioP50: ratio("p50"),
    ratioP99: ratio("p99"),
    ratioRate: ratio("rate"),
  };
}
