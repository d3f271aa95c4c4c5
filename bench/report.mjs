// `report` on a big session: generates a session file of 1,000,000 records (RECORDS to change) in a temp folder,
// runs the built command line's `report --html` on it once, and prints the file's size, the wall time and the peak
// resident memory of the report process (from /usr/bin/time -v where there is one, else from the child's
// process.resourceUsage()). Build first: npm run build:cli. Not part of npm test. Usage: node bench/report.mjs
import { spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const total = Number(process.env.RECORDS ?? 1_000_000);
const cli = join(root, "dist/cli/socketio-inspector.mjs");
if (!existsSync(cli)) {
  console.error("bench/report.mjs: build the command line first: npm run build:cli");
  process.exit(2);
}

/**
 * A busy session of two clients: events on three namespaces under 24 names at about 2,000 a second, an emit with
 * its ack every tenth record, the server's pings, and a drop with its reconnection every 100,000 records. Written a
 * chunk at a time: the generator never holds the file.
 */
/**
 * @param {string} file
 * @param {number} n
 */
function writeSession(file, n) {
  const fd = openSync(file, "w");
  const T0 = Date.UTC(2026, 10, 25, 10, 0, 0);
  const clients = ["alice", "bob"];
  /** @type {Record<string, number>} */
  const seq = { alice: 0, bob: 0 };
  writeSync(
    fd,
    `${JSON.stringify({ format: "socketio-inspector-session", version: 2, exported: new Date(T0).toISOString(), count: n, clients })}\n`,
  );
  /** @type {string[]} */
  let chunk = [];
  let written = 0;
  /**
   * @param {string} client
   * @param {Record<string, unknown>} r
   */
  const put = (client, r) => {
    chunk.push(JSON.stringify({ ...r, seq: (seq[client] = (seq[client] ?? 0) + 1), client }));
    written++;
    return seq[client];
  };
  for (const c of clients) {
    put(c, {
      kind: "handshake",
      t: T0,
      sid: `sid-${c}`,
      pingInterval: 25000,
      pingTimeout: 20000,
      upgrades: [],
      transport: "websocket",
    });
    put(c, { kind: "open", t: T0 });
    put(c, { kind: "connect", t: T0 + 1, nsp: "/", id: `id-${c}`, active: true });
  }
  for (let i = 0; written < n; i++) {
    const t = T0 + i * 0.5;
    const client = i % 2 ? "bob" : "alice";
    const nsp = ["/", "/chat", "/metrics"][i % 3];
    put(client, {
      kind: "packet",
      t,
      dir: "in",
      nsp,
      type: "EVENT",
      event: `event-${(i * 7) % 24}`,
      args: [{ i, user: { name: `user-${i % 100}` }, tags: ["a", "b"] }],
      attachments: 0,
    });
    if (i % 10 === 0 && written + 2 <= n) {
      const latency = 2 + (i % 97) * 0.7;
      const asking = put(client, {
        kind: "packet",
        t,
        dir: "out",
        nsp: "/",
        type: "EVENT",
        event: `save-${i % 5}`,
        args: [{ i }],
        ackId: i,
        attachments: 0,
      });
      put(client, {
        kind: "packet",
        t: t + latency,
        dir: "in",
        nsp: "/",
        type: "ACK",
        args: [{ ok: true }],
        ackId: i,
        attachments: 0,
        pair: asking,
        latency,
      });
    }
    if (i % 50_000 === 0 && i > 0) put(client, { kind: "ping", t, from: "server", sinceLast: 25_000 + (i % 37) });
    if (i % 100_000 === 0 && i > 0 && written + 4 <= n) {
      put(client, { kind: "disconnect", t, nsp: "/", reason: "transport close", active: true });
      put(client, { kind: "reconnect_attempt", t: t + 1, attempt: 1 });
      put(client, { kind: "reconnect", t: t + 2, attempt: 1 });
      put(client, { kind: "connect", t: t + 3, nsp: "/", active: true });
    }
    if (chunk.length >= 10_000) {
      writeSync(fd, `${chunk.join("\n")}\n`);
      chunk = [];
    }
  }
  writeSync(fd, `${chunk.join("\n")}\n`);
  closeSync(fd);
  return written;
}

const dir = mkdtempSync(join(tmpdir(), "report-bench-"));
try {
  const session = join(dir, "session.ndjson");
  const html = join(dir, "report.html");
  const made = writeSession(session, total);
  console.log(`session: ${made.toLocaleString("en-US")} records, ${(statSync(session).size / 2 ** 20).toFixed(0)} MB`);

  const timeV = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;
  const started = performance.now();
  let peakKb;
  let ran;
  if (timeV) {
    ran = spawnSync(timeV, ["-v", process.execPath, cli, "report", session, "--html", html], {
      encoding: "utf8",
      maxBuffer: 64 << 20,
    });
    peakKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(ran.stderr)?.[1]);
  } else {
    // No GNU time: the child reports its own peak (maxRSS, in kB) when it exits.
    const wrapper = `process.on("exit",()=>process.stderr.write("\\nmaxRSS "+process.resourceUsage().maxRSS+"\\n"));process.argv.splice(1,1);await import(${JSON.stringify(new URL(`file://${cli}`).href)});`;
    ran = spawnSync(process.execPath, ["--input-type=module", "-e", wrapper, "x", "report", session, "--html", html], {
      encoding: "utf8",
      maxBuffer: 64 << 20,
    });
    peakKb = Number(/maxRSS (\d+)/.exec(ran.stderr)?.[1]);
  }
  const wall = (performance.now() - started) / 1000;
  if (ran.status !== 0) {
    console.error(ran.stderr);
    process.exit(1);
  }
  const line = (/** @type {string} */ name) => new RegExp(`${name} +([\\d,]+)`).exec(ran.stdout)?.[1];
  console.log(
    `report: exit ${ran.status}; records ${line("records")}, events received ${line("events received")}, acks paired ${line("acks paired")}`,
  );
  console.log(`html: ${(statSync(html).size / 1024).toFixed(0)} KB`);
  console.log(`wall time: ${wall.toFixed(1)} s (${Math.round(made / wall).toLocaleString("en-US")} records/s)`);
  console.log(
    `peak RSS: ${(peakKb / 1024).toFixed(0)} MB${timeV ? " (/usr/bin/time -v)" : " (process.resourceUsage)"}`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
