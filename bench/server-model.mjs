// The Server view's model without a page or a network (issue 35's 100,000 synthetic sockets): sockets described as
// @socket.io/admin-ui describes them (a browser's handshake, about 1 KB of headers), read by our protocol reader into
// the indexed model, then searched and churned. In Node, run with --expose-gc (the script starts itself so):
//   read:     sockets read and indexed per second, and the longest slice of the sliced read (SLICE_MS each);
//   heap:     the model's heap per socket after a forced GC, against the model's own estimate (MODEL_BYTE_BUDGET);
//   search:   a query walked in 8 ms slices over every kept socket: total time, slices, the longest slice;
//   churn:    joins, leaves, connects and disconnects per second, each kept in the indexes and in a live search.
// And the hostile all_sockets of issue 31 (3,000 sockets each in the same 500 rooms): heap and estimate.
//   node bench/server-model.mjs [sockets]
import { execFileSync } from "node:child_process";
import { build } from "esbuild";
import { mkdirSync } from "node:fs";
import { root } from "./support.mjs";

if (!process.execArgv.includes("--expose-gc")) {
  execFileSync(process.execPath, ["--expose-gc", ...process.argv.slice(1)], { stdio: "inherit" });
  process.exit(0);
}

/**
 * @typedef {typeof import("../src/core/server-view/admin-protocol.js") &
 *   typeof import("../src/core/server-view/server-model.js") &
 *   typeof import("../src/core/server-view/server-listing.js") &
 *   typeof import("../src/core/server-view/sliced-work.js")} ModelModules
 * @typedef {import("../src/core/server-view/server-model.js").ServerModel} ServerModel
 * @typedef {(i: number) => string[]} RoomsOf
 */

/**
 * The model's modules, bundled for Node.
 * @returns {Promise<ModelModules>}
 */
async function loadModel() {
  mkdirSync(`${root}dist/bench`, { recursive: true });
  const outfile = `${root}dist/bench/server-model.mjs`;
  await build({
    stdin: {
      contents: [
        'export * from "./src/core/server-view/admin-protocol.ts";',
        'export * from "./src/core/server-view/server-model.ts";',
        'export * from "./src/core/server-view/server-listing.ts";',
        'export * from "./src/core/server-view/sliced-work.ts";',
      ].join("\n"),
      resolveDir: root,
      loader: "ts",
    },
    bundle: true,
    platform: "node",
    format: "esm",
    outfile,
    logLevel: "error",
  });
  return import(outfile);
}

const { readSocket, ServerModel, ServerListing, SlicedWork } = await loadModel();

/**
 * A socket as admin-ui's serialize() sends it, for a browser client.
 * @param {number} i
 * @param {RoomsOf} rooms
 */
function described(i, rooms) {
  const id = `${i.toString(36).padStart(6, "0")}AbCdEfGhIjKlMn`;
  return {
    id,
    clientId: `c${i.toString(36).padStart(11, "0")}`,
    transport: "websocket",
    nsp: i % 10 === 0 ? "/chat" : "/",
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
        "x-tenant": `tenant-${i % 1000}`,
      },
      query: { EIO: "4", transport: "websocket", user: `user-${i}` },
      issued: 1_700_000_000_000 + i,
      secure: true,
      time: "Tue Dec 03 2026 10:00:00 GMT+0000 (Coordinated Universal Time)",
      url: `/socket.io/?EIO=4&transport=websocket&user=user-${i}`,
      xdomain: true,
    },
    rooms: [id, ...rooms(i)],
  };
}

const { gc } = globalThis;
if (!gc) throw new Error("server-model.mjs needs global.gc: run it with --expose-gc");
const heap = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};
const mb = (/** @type {number} */ b) => (b / 1024 / 1024).toFixed(1);

/**
 * Reads `n` descriptions (made a slice at a time, as a parsed all_sockets would hand them) through SlicedWork.
 * @param {ServerModel} model
 * @param {number} n
 * @param {RoomsOf} rooms
 */
async function readAll(model, n, rooms) {
  const work = new SlicedWork();
  let i = 0;
  let longest = 0;
  let slices = 0;
  const t0 = performance.now();
  await new Promise((resolve) => {
    work.run((due) => {
      const start = performance.now();
      for (; i < n && !due(); i++) {
        const s = readSocket(described(i, rooms));
        if (s) model.add(s);
      }
      longest = Math.max(longest, performance.now() - start);
      slices++;
      if (i >= n) setTimeout(resolve, 0);
      return i >= n;
    });
  });
  return { ms: performance.now() - t0, longest, slices };
}

/** @param {number} n */
async function fleet(n) {
  const before = heap();
  const model = new ServerModel();
  const read = await readAll(model, n, (i) => [`user:${i}`, `team-${i % 100}`]);
  const after = heap();
  const listing = new ServerListing(model, (clientId) => (clientId === "c00000000jg0" ? "alice" : undefined));

  const search = (/** @type {string} */ query) => {
    listing.searchSockets(query);
    let longest = 0;
    let slices = 0;
    const t0 = performance.now();
    for (;;) {
      const start = performance.now();
      const done = listing.step(() => performance.now() - start > 8);
      longest = Math.max(longest, performance.now() - start);
      slices++;
      if (done) break;
    }
    return { query, ms: performance.now() - t0, slices, longest, found: listing.socketCount };
  };
  const searches = [search("alice"), search("tenant-999"), search("user-99999"), search("nothing-like-this")];

  // A churn with a live search on: 100,000 operations of joins, leaves, connects and disconnects.
  listing.searchSockets("team-7");
  listing.step(() => false);
  const ops = 100_000;
  let next = n;
  const t0 = performance.now();
  for (let k = 0; k < ops; k++) {
    const i = (k * 7919) % n;
    const d = described(i, () => []);
    if (k % 4 === 0) model.join(d.nsp, d.id, `team-${k % 100}`);
    else if (k % 4 === 1) model.leave(d.nsp, d.id, `team-${(k - 1) % 100}`);
    else if (k % 4 === 2) model.remove(d.nsp, d.id);
    else {
      const s = readSocket(described(next++, (j) => [`user:${j}`, `team-${j % 100}`]));
      if (!s) throw new Error(`readSocket refused the description of socket ${next - 1}`);
      model.add(s);
    }
  }
  const churnMs = performance.now() - t0;
  return {
    sockets: model.socketCount,
    read,
    heapPerSocket: (after - before) / n,
    estimatePerSocket: model.bytes / model.socketCount,
    heapMB: mb(after - before),
    searches,
    churnOpsPerSecond: ops / (churnMs / 1000),
  };
}

async function hostileRooms() {
  const before = heap();
  const model = new ServerModel();
  const rooms = Array.from({ length: 500 }, (_, r) => `room-${r}`);
  const read = await readAll(model, 3000, () => rooms);
  const after = heap();
  return { read, heapMB: mb(after - before), estimateMB: mb(model.bytes), memberships: 3000 * 500 };
}

const n = Number(process.argv[2] ?? 100_000);
const f = await fleet(n);
console.log(
  `${n.toLocaleString("en-US")} sockets: read ${f.read.ms.toFixed(0)} ms in ${f.read.slices} slices (longest ${f.read.longest.toFixed(1)} ms),` +
    ` ${Math.round(n / (f.read.ms / 1000)).toLocaleString("en-US")} sockets/s`,
);
console.log(
  `  heap ${f.heapMB} MB: ${f.heapPerSocket.toFixed(0)} bytes per socket, the model's estimate ${f.estimatePerSocket.toFixed(0)}`,
);
for (const s of f.searches)
  console.log(
    `  search "${s.query}": ${s.found} found in ${s.ms.toFixed(0)} ms, ${s.slices} slices (longest ${s.longest.toFixed(1)} ms)`,
  );
console.log(`  churn with a live search: ${Math.round(f.churnOpsPerSecond).toLocaleString("en-US")} operations/s`);
const h = await hostileRooms();
console.log(
  `3,000 sockets in the same 500 rooms: read ${h.read.ms.toFixed(0)} ms in ${h.read.slices} slices (longest ${h.read.longest.toFixed(1)} ms),` +
    ` heap ${h.heapMB} MB, the model's estimate ${h.estimateMB} MB`,
);
