import { fork, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A free loopback port (taken and released). */
export async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", () => r()));
  const { port } = srv.address() as { port: number };
  await new Promise((r) => srv.close(r));
  return port;
}

export async function waitForPort(port: number, what: string, ms = 10_000): Promise<void> {
  const net = await import("node:net");
  const start = Date.now();
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, "127.0.0.1", () => (s.destroy(), resolve(true)));
      s.on("error", () => resolve(false));
    });
    if (ok) return;
    if (Date.now() - start > ms) throw new Error(`${what} did not listen on ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface Cluster {
  /** nginx in round robin, no stickiness. */
  roundRobin: string;
  /** nginx with ip_hash: every request of a client goes to the same node. */
  sticky: string;
  stop(): Promise<void>;
}

/**
 * Two socket.io nodes with the Redis adapter, a real redis-server and a real nginx in front, all on loopback,
 * started for the test and stopped after it.
 */
export async function startCluster(): Promise<Cluster> {
  const children: ChildProcess[] = [];
  const dir = mkdtempSync(join(tmpdir(), "sio-cluster-"));
  const [redisPort, portA, portB, rrPort, stickyPort] = await Promise.all([
    freePort(),
    freePort(),
    freePort(),
    freePort(),
    freePort(),
  ]);
  children.push(
    spawn("redis-server", ["--port", String(redisPort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
      stdio: "ignore",
    }),
  );
  await waitForPort(redisPort, "redis-server");
  for (const [port, name] of [
    [portA, "A"],
    [portB, "B"],
  ] as const) {
    const node = fork(new URL("./cluster-node.mjs", import.meta.url), [String(port), String(redisPort), name], {
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    children.push(node);
    await new Promise((resolve, reject) => {
      node.once("message", resolve);
      node.once("exit", (code) => reject(new Error(`cluster node ${name} exited (${code})`)));
    });
  }
  const upstream = (name: string, extra: string) =>
    `upstream ${name} { ${extra} server 127.0.0.1:${portA}; server 127.0.0.1:${portB}; }`;
  const server = (port: number, name: string) =>
    `server { listen 127.0.0.1:${port}; location / { proxy_pass http://${name}; proxy_http_version 1.1; proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection "upgrade"; proxy_set_header Host $host; } }`;
  writeFileSync(
    join(dir, "nginx.conf"),
    `daemon off; master_process off; worker_processes 1; user root; error_log ${dir}/error.log; pid ${dir}/nginx.pid;
events { worker_connections 256; }
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
    stop: async () => {
      for (const c of children.reverse()) c.kill("SIGTERM");
    },
  };
}
