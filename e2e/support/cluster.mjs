// A socket.io fleet on loopback, for the e2e tests, the screenshots and the benchmarks alike: socket.io nodes with the
// Redis adapter (cluster-node.mjs), a real redis-server and a real nginx in front. A module of plain JavaScript (typed
// by JSDoc) so that Node scripts use it as the tests do; cluster.ts gives it to the tests.
import { fork, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A free loopback port (taken and released).
 * @returns {Promise<number>}
 */
export async function freePort() {
  const srv = createServer();
  await new Promise((r) => srv.listen(0, "127.0.0.1", () => r(undefined)));
  const { port } = /** @type {import("node:net").AddressInfo} */ (srv.address());
  await new Promise((r) => srv.close(r));
  return port;
}

/**
 * @param {number} port
 * @param {string} what
 * @returns {Promise<void>}
 */
export async function waitForPort(port, what, ms = 10_000) {
  const start = Date.now();
  for (;;) {
    const ok = await new Promise((resolve) => {
      const s = connect(port, "127.0.0.1", () => (s.destroy(), resolve(true)));
      s.on("error", () => resolve(false));
    });
    if (ok) return;
    if (Date.now() - start > ms) throw new Error(`${what} did not listen on ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * @typedef {object} Cluster
 * @property {string} roundRobin nginx in round robin, no stickiness.
 * @property {string} sticky nginx with ip_hash: every request of a client goes to the same node.
 * @property {Array<{ name: string; url: string; proc: import("node:child_process").ChildProcess }>} nodes each node,
 *   straight (not through nginx), and its process (its IPC channel: what a bench node answers, see cluster-node.mjs).
 * @property {() => Promise<void>} stop
 */

/**
 * @typedef {object} ClusterOptions
 * @property {number} [nodes] how many socket.io nodes (2 by default).
 * @property {boolean} [bench] a benchmark's fleet, for bench/server-fleet.mjs: heartbeats far apart (a page frozen
 *   by a load stays connected, and nginx waits as long for a quiet connection), each node answers its counts over
 *   IPC, and nginx has room for 10,000 sockets (two workers, each within this machine's 20,000 files a process).
 * @property {boolean} [admin] each node instrumented with @socket.io/admin-ui (development mode, no auth), its
 *   serverId `node-<name>`, which each node also puts in its sockets' data (socket.data.serverId): the admin
 *   protocol does not say a socket's node.
 */

/**
 * Socket.io nodes (two by default) with the Redis adapter, a real redis-server and a real nginx in front, all on
 * loopback, started for the test and stopped after it.
 * @param {ClusterOptions} [options]
 * @returns {Promise<Cluster>}
 */
export async function startCluster({ nodes = 2, admin = false, bench = false } = {}) {
  /** @type {import("node:child_process").ChildProcess[]} */
  const children = [];
  /** @type {import("node:child_process").ChildProcess[]} */
  const procs = [];
  const dir = mkdtempSync(join(tmpdir(), "sio-cluster-"));
  const [redisPort, rrPort, stickyPort] = await Promise.all([freePort(), freePort(), freePort()]);
  const names = Array.from({ length: nodes }, (_, i) => String.fromCharCode(65 + i));
  const ports = await Promise.all(names.map(() => freePort()));
  children.push(
    spawn("redis-server", ["--port", String(redisPort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
      stdio: "ignore",
    }),
  );
  await waitForPort(redisPort, "redis-server");
  for (const [i, name] of names.entries()) {
    const args = [String(ports[i]), String(redisPort), name, ...(admin ? ["admin"] : []), ...(bench ? ["bench"] : [])];
    const node = fork(new URL("./cluster-node.mjs", import.meta.url), args, {
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    children.push(node);
    procs.push(node);
    await new Promise((resolve, reject) => {
      node.once("message", resolve);
      node.once("exit", (code) => reject(new Error(`cluster node ${name} exited (${code})`)));
    });
  }
  /** @param {string} name @param {string} extra */
  const upstream = (name, extra) =>
    `upstream ${name} { ${extra} ${ports.map((p) => `server 127.0.0.1:${p};`).join(" ")} }`;
  /** @param {number} port @param {string} name */
  const server = (port, name) =>
    `server { listen 127.0.0.1:${port}${bench ? " reuseport" : ""}; location / { proxy_pass http://${name}; proxy_http_version 1.1; proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection "upgrade"; proxy_set_header Host $host;${bench ? " proxy_read_timeout 600s; proxy_send_timeout 600s;" : ""} } }`;
  writeFileSync(
    join(dir, "nginx.conf"),
    `daemon off; ${bench ? "master_process on; worker_processes 2; worker_rlimit_nofile 20000;" : "master_process off; worker_processes 1;"} user root; error_log ${dir}/error.log; pid ${dir}/nginx.pid;
events { worker_connections ${bench ? 19_000 : 1024}; }
http { access_log off; client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fastcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  ${upstream("rr", "")}
  ${upstream("sticky", "ip_hash;")}
  ${server(rrPort, "rr")}
  ${server(stickyPort, "sticky")}
}`,
  );
  const nginx = spawn("nginx", ["-p", dir, "-c", join(dir, "nginx.conf")], { stdio: ["ignore", "inherit", "inherit"] });
  children.push(nginx);
  await waitForPort(rrPort, "nginx");
  await waitForPort(stickyPort, "nginx");
  return {
    roundRobin: `http://127.0.0.1:${rrPort}`,
    sticky: `http://127.0.0.1:${stickyPort}`,
    nodes: names.map((name, i) => ({
      name,
      url: `http://127.0.0.1:${ports[i]}`,
      proc: /** @type {import("node:child_process").ChildProcess} */ (procs[i]),
    })),
    stop: async () => {
      for (const c of children.reverse()) c.kill("SIGTERM");
    },
  };
}
