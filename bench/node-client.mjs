// Benchmarks 1 and 2: our client against socket.io-client (and raw engine.io-client for ingest) in Node,
// against bench/server.mjs in its own process. Rounds alternate the order of the clients; each round's
// ratio is ours/theirs, and the median ratio is reported.
import { Socket as EngineSocket } from "engine.io-client";
import { io as officialIo } from "socket.io-client";
import { loadOurClient, median, percentile, sleep } from "./support.mjs";

const NSPS = ["/a", "/b", "/c"];

/**
 * The part of a Socket.IO client's socket these benchmarks use, ours or the official one.
 * @typedef {{
 *   io: { socket(nsp: string): BenchSocket };
 *   connected: boolean;
 *   on(ev: string, fn: (...args: any[]) => void): unknown;
 *   once(ev: string, fn: (...args: any[]) => void): unknown;
 *   emit(ev: string, ...args: any[]): unknown;
 *   emitWithAck(ev: string, ...args: any[]): Promise<unknown>;
 *   disconnect(): unknown;
 * }} BenchSocket
 */
/** @typedef {(url: string, opts: object) => BenchSocket} IoFn */
/**
 * A connected client that counts events, and how to ask the server for `n` of them.
 * @typedef {{ counter: ReturnType<typeof makeCounter>; start(n: number): unknown; close(): void }} CountingClient
 */
/** @typedef {{ wallRate: number; cpuRate: number }} Rate */
/** @typedef {{ p50: number; p99: number; rate: number }} AckFigures */

/** Counts events and resolves `done` at the target, so that waiting costs no CPU. */
function makeCounter() {
  const counter = {
    n: 0,
    target: Infinity,
    done: () => {},
    hit() {
      if (++counter.n === counter.target) counter.done();
    },
    /** @param {number} target */
    until(target) {
      counter.target = target;
      return new Promise((resolve) => (counter.done = () => resolve(undefined)));
    },
  };
  return counter;
}
const WS = { transports: ["websocket"], forceNew: true, reconnection: false };

/**
 * A client connected to "/", "/a", "/b", "/c" over one engine connection, counting "tick" events.
 * @param {IoFn} io
 * @param {string} url
 * @returns {Promise<CountingClient>}
 */
async function connectSocketIo(io, url) {
  const main = io(url, WS);
  const sockets = [main, ...NSPS.map((n) => main.io.socket(n))];
  const counter = makeCounter();
  for (const s of sockets.slice(1)) s.on("tick", () => counter.hit());
  await Promise.all(sockets.map((s) => (s.connected ? null : new Promise((r) => s.once("connect", r)))));
  return {
    counter,
    start: (n) => main.emit("blast", n),
    close: () => sockets.forEach((s) => s.disconnect()),
  };
}

/**
 * The floor: engine.io-client alone, counting event frames without parsing them.
 * @param {string} url
 * @returns {Promise<CountingClient>}
 */
async function connectRawEngine(url) {
  const engine = new EngineSocket(url, { transports: ["websocket"], path: "/socket.io" });
  const counter = makeCounter();
  let connected = 0;
  /** @type {Promise<void>} */
  const ready = new Promise((resolve) => {
    engine.on("message", (data) => {
      if (typeof data !== "string") return;
      if (data.charCodeAt(0) === 50 /* "2" */) counter.hit();
      else if (data.charCodeAt(0) === 48 /* "0" */ && ++connected === 4) resolve();
    });
    // engine.send() adds the Engine.IO message type ("4"): these are Socket.IO CONNECT packets.
    engine.on("open", () => ["0", "0/a,", "0/b,", "0/c,"].forEach((p) => engine.send(p)));
  });
  await ready;
  return { counter, start: (n) => engine.send(`2${JSON.stringify(["blast", n])}`), close: () => engine.close() };
}

/**
 * @param {() => Promise<CountingClient>} connect
 * @param {number} n
 * @returns {Promise<Rate>}
 */
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

/**
 * Benchmark 1: client ingest. `rate` is events per second of client CPU (the server runs elsewhere).
 * @param {string} url
 * @param {{ events?: number; rounds?: number }} [options]
 */
export async function benchIngest(url, { events = 50_000, rounds = 5 } = {}) {
  const ours = await loadOurClient();
  const sides = {
    ours: () => connectSocketIo(/** @type {IoFn} */ (ours.io), url),
    official: () => connectSocketIo(/** @type {IoFn} */ (officialIo), url),
    engine: () => connectRawEngine(url),
  };
  /** @type {Record<keyof typeof sides, Rate[]>} */
  const results = { ours: [], official: [], engine: [] };
  const names = /** @type {Array<keyof typeof sides>} */ (Object.keys(sides));
  await ingestOnce(sides.ours, Math.min(events, 5000)); // warm-up, not counted
  await ingestOnce(sides.official, Math.min(events, 5000));
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 ? [...names].reverse() : names;
    for (const name of order) results[name].push(await ingestOnce(sides[name], events));
  }
  const rate = (/** @type {keyof typeof sides} */ name, /** @type {keyof Rate} */ key) =>
    median(results[name].map((r) => r[key]));
  return {
    events,
    rounds,
    ours: { cpuRate: rate("ours", "cpuRate"), wallRate: rate("ours", "wallRate") },
    official: { cpuRate: rate("official", "cpuRate"), wallRate: rate("official", "wallRate") },
    engine: { cpuRate: rate("engine", "cpuRate"), wallRate: rate("engine", "wallRate") },
    ratioOfficial: median(results.ours.map((r, i) => r.cpuRate / Number(results.official[i]?.cpuRate))),
    ratioEngine: median(results.ours.map((r, i) => r.cpuRate / Number(results.engine[i]?.cpuRate))),
  };
}

/**
 * @param {IoFn} io
 * @param {string} url
 * @param {number} sequential
 * @param {number} pipelined
 * @returns {Promise<AckFigures>}
 */
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
    for (let i = 0; i < pipelined; i++) socket.emit("echo", i, () => --left === 0 && resolve(undefined));
  });
  const rate = pipelined / ((performance.now() - t0) / 1000);
  socket.disconnect();
  return { p50: percentile(rtts, 50), p99: percentile(rtts, 99), rate };
}

/**
 * Benchmark 2: sequential ack round trips (p50, p99) and pipelined acks per second.
 * @param {string} url
 * @param {{ sequential?: number; pipelined?: number; rounds?: number }} [options]
 */
export async function benchAcks(url, { sequential = 2000, pipelined = 20_000, rounds = 5 } = {}) {
  const ours = await loadOurClient();
  const sides = { ours: /** @type {IoFn} */ (ours.io), official: /** @type {IoFn} */ (officialIo) };
  /** @type {Record<keyof typeof sides, AckFigures[]>} */
  const results = { ours: [], official: [] };
  await acksOnce(sides.ours, url, 200, 2000);
  await acksOnce(sides.official, url, 200, 2000);
  for (let round = 0; round < rounds; round++) {
    /** @type {Array<keyof typeof sides>} */
    const order = round % 2 ? ["official", "ours"] : ["ours", "official"];
    for (const name of order) results[name].push(await acksOnce(sides[name], url, sequential, pipelined));
  }
  const med = (/** @type {keyof typeof sides} */ name, /** @type {keyof AckFigures} */ key) =>
    median(results[name].map((r) => r[key]));
  const ratio = (/** @type {keyof AckFigures} */ key) =>
    median(results.ours.map((r, i) => r[key] / Number(results.official[i]?.[key])));
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
