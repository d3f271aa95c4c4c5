// The command-line tool, run as a user runs it (a child process of the built bin), against real servers.
import { execFileSync, spawn } from "node:child_process";
import { createServer as createHttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import {
  closeSync,
  fstatSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
  writeFileSync,
  mkdirSync,
  rmSync,
  utimesSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startDemoServer } from "../../demo/server.mjs";
import { buildIsStale } from "../../src/cli/serve-command.js";
import { decodeSession } from "../../src/core/files/session-file.js";
import { parseImport } from "../../src/core/presets/collection.js";
import { DEMO_SCENARIO, shippedPresets } from "../../src/core/presets/shipped.js";
import { writeBigHar } from "../helpers/big-har.js";
import { startServer } from "../helpers/server.js";
import { instrument } from "@socket.io/admin-ui";
import bcrypt from "bcryptjs";

const dir = mkdtempSync(join(tmpdir(), "cli-test-"));
let demo: { url: string; close(): Promise<void> };

beforeAll(async () => {
  // The tool as `npm run build` makes it (this suite runs before the build in npm test).
  execFileSync(process.execPath, ["scripts/build-cli.mjs"]);
  demo = await startDemoServer({ port: 0, tickMs: 200 });
}, 60_000);
afterAll(() => demo?.close());

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `socketio-inspector ...args`; `onOutput` may act on what it prints (Ctrl+C). */
function cli(
  args: string[],
  onOutput?: (stdout: string, child: ReturnType<typeof spawn>) => void,
  env: Record<string, string> = { NO_COLOR: "1" },
): Promise<Ran> {
  return new Promise((resolve) => {
    const { NO_COLOR: _, FORCE_COLOR: __, ...inherited } = process.env;
    const child = spawn(process.execPath, ["bin/socketio-inspector.mjs", ...args], { env: { ...inherited, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
      onOutput?.(stdout, child);
    });
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** A preset file with one scenario on one client. */
function presetFile(name: string, url: string, steps: unknown[]): string {
  const preset = JSON.parse(JSON.stringify(shippedPresets(url)[0]));
  preset.clients[0].connection.namespaces = [{ nsp: "/", auth: "" }];
  preset.scenarios = [{ name: "check", steps }];
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(preset));
  return file;
}

describe("run", () => {
  test("the shipped example passes against the demo server; JUnit and the session are written", async () => {
    const junit = join(dir, "report.xml");
    const ndjson = join(dir, "session.ndjson");
    const ran = await cli([
      "run",
      "examples/demo.presets.json",
      "--url",
      demo.url,
      "--junit",
      junit,
      "--ndjson",
      ndjson,
    ]);
    expect(ran.stderr).toBe("");
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain(`Rooms, acks and recovery (Demo server): ${DEMO_SCENARIO.steps.length} steps`);
    expect(ran.stdout).toMatch(/✓ {2}8 bob expects “room-message” on \/ within 2000 ms/);
    expect(ran.stdout).toContain(`${DEMO_SCENARIO.steps.length} passed, 0 failed, 0 skipped`);
    const xml = readFileSync(junit, "utf8");
    expect(xml).toContain(`tests="${DEMO_SCENARIO.steps.length}" failures="0" skipped="0"`);
    expect(xml.match(/<testcase /g)).toHaveLength(DEMO_SCENARIO.steps.length);
    // The session opens in the inspector: both clients' records, each with its name.
    const records = decodeSession(readFileSync(ndjson, "utf8"));
    expect(new Set(records.map((r) => r.client))).toEqual(new Set(["alice", "bob"]));
    expect(records.some((r) => r.kind === "packet" && r.event === "room-message" && r.client === "bob")).toBe(true);
  }, 30_000);

  test("the example file is the shipped preset (one source for the page, the docs and CI)", () => {
    const [fromFile] = parseImport(readFileSync("examples/demo.presets.json", "utf8"));
    expect(fromFile).toEqual(shippedPresets("http://127.0.0.1:3001")[0]);
  });

  test("a failing step: exit 1, the diff on the terminal and in the JUnit report", async () => {
    const file = presetFile("failing.json", demo.url, [
      { kind: "connect", client: "client 1" },
      { kind: "emit", client: "client 1", nsp: "/", event: "add", args: [2, 2], ack: { timeout: 2000, match: [5] } },
      { kind: "wait", ms: 1 },
    ]);
    const junit = join(dir, "failing.xml");
    const ran = await cli(["run", file, "--junit", junit]);
    expect(ran.code).toBe(1);
    expect(ran.stdout).toContain("✗  2 client 1 emits “add” on / and expects an ack");
    expect(ran.stdout).toContain("The ack for “add” did not match");
    expect(ran.stdout).toContain("  - expected 5");
    expect(ran.stdout).toContain("  + got      4");
    expect(ran.stdout).toContain("-  3 wait 1 ms  (not run)");
    expect(ran.stdout).toContain("1 passed, 1 failed, 1 skipped");
    const xml = readFileSync(junit, "utf8");
    expect(xml).toContain('<failure message="The ack for “add” did not match" type="failed">');
    expect(xml).toContain('<skipped message="not run: an earlier step failed or the run was interrupted"/>');
  }, 20_000);

  test("Ctrl+C ends the run: what ran is reported, the report is written, exit 130", async () => {
    const file = presetFile("long.json", demo.url, [
      { kind: "connect", client: "client 1" },
      { kind: "wait", ms: 60_000 },
      { kind: "emit", client: "client 1", nsp: "/", event: "echo", args: [] },
    ]);
    const junit = join(dir, "interrupted.xml");
    let sent = false;
    const ran = await cli(["run", file, "--junit", junit], (stdout, child) => {
      if (!sent && stdout.includes("✓  1 connect client 1")) {
        sent = true;
        setTimeout(() => child.kill("SIGINT"), 100);
      }
    });
    expect(ran.code).toBe(130);
    expect(ran.stderr).toContain("Interrupted: finishing the report");
    expect(ran.stdout).toContain("■  2 wait 60000 ms");
    expect(ran.stdout).toContain("Interrupted while it ran");
    expect(ran.stdout).toContain("1 passed, 0 failed, 1 interrupted, 1 skipped");
    expect(readFileSync(junit, "utf8")).toContain('type="interrupted"');
  }, 20_000);

  test("what a server or a file names is printed escaped on one line: no forged lines, no ESC or OSC sequences, colour or not", async () => {
    // A line of its own that looks like a passed step and a clean summary, then a clipboard write (OSC 52), a
    // title (OSC 0), a screen clear and an 8-bit CSI.
    const forged =
      "tick\n  ✓  9 forged step  1 ms\n0 passed, 0 failed, 0 skipped\x1b]52;c;ZXZpbA==\x07\x1b]0;owned\x07\x1b[2J\u009b31m";
    const server = await startServer();
    server.io.on("connection", (socket) => socket.emit(forged, forged));
    try {
      const file = presetFile("forged.json", server.url, [
        { kind: "connect", client: "client 1" },
        { kind: "expect", client: "client 1", nsp: "/", event: "greeting", within: 300 },
      ]);
      const preset = JSON.parse(readFileSync(file, "utf8"));
      preset.scenarios[0].name = "check\n  ✓  1 forged by the file\x1b[2K";
      writeFileSync(file, JSON.stringify(preset));
      for (const env of [{ NO_COLOR: "1" }, { FORCE_COLOR: "1" }] as Array<Record<string, string>>) {
        const ran = await cli(["run", file], undefined, env);
        expect(ran.code).toBe(1);
        // eslint-disable-next-line no-control-regex -- escape sequences are what this test looks for
        const ours = /\x1b\[(?:3[12]|90|0)m/g; // the tool's own colours, when on
        expect(ran.stdout.match(ours) !== null).toBe("FORCE_COLOR" in env);
        const text = ran.stdout.replace(ours, "");
        // eslint-disable-next-line no-control-regex -- control characters are what must not be there
        expect(text).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/); // no control character but the line ends
        const lines = text.split("\n");
        const passedLines = lines.filter((l) => /^\s*✓/.test(l));
        expect(passedLines).toHaveLength(1);
        expect(passedLines[0]).toContain("✓  1 connect client 1");
        expect(lines.filter((l) => /passed, .*failed/.test(l) && !l.includes("\\n"))).toEqual([
          "1 passed, 1 failed, 0 skipped",
        ]);
        expect(text).toContain("client 1 got no “greeting” on / within 300 ms (it got “tick\\n  ✓  9 forged step");
        expect(text).toContain("\\e]52;c;ZXZpbA==\\u0007\\e]0;owned\\u0007\\e[2J\\u009b31m");
        expect(text).toContain("check\\n  ✓  1 forged by the file\\e[2K (Demo server): 2 steps");
      }
    } finally {
      await server.close();
    }
  }, 20_000);

  test("a $regex that backtracks for ever fails its step within the step's limit, and the run ends with exit 1", async () => {
    const server = await startServer();
    server.io.on("connection", (socket) => socket.emit("name", `${"a".repeat(30)}!`));
    try {
      const file = presetFile("redos.json", server.url, [
        { kind: "connect", client: "client 1" },
        { kind: "expect", client: "client 1", nsp: "/", event: "name", args: [{ $regex: "^(a+)+$" }], within: 500 },
      ]);
      const junit = join(dir, "redos.xml");
      const ran = await cli(["run", file, "--junit", junit]);
      expect(ran.code).toBe(1);
      expect(ran.stdout).toMatch(/the pattern \/\^\(a\+\)\+\$\/ took longer than \d+ ms on a 31-character string/);
      expect(ran.stdout).toContain("1 passed, 1 failed, 0 skipped");
      expect(readFileSync(junit, "utf8")).toContain("took longer than");
    } finally {
      await server.close();
    }
  }, 20_000);

  test("a server streaming 64 KB events through a 60 s wait: the run's memory stays bounded and its reports are written", async () => {
    const server = await startServer({ maxHttpBufferSize: 1e6 });
    const chunk = "y".repeat(64 * 1024);
    server.io.on("connection", (socket) => {
      // About 32 MB a second: some 2 GB over the minute, past what the old run kept before V8 ran out of memory.
      const timer = setInterval(() => {
        for (let i = 0; i < 5; i++) socket.emit("stream", chunk);
      }, 10);
      socket.on("disconnect", () => clearInterval(timer));
      socket.on("done", (ack: (v: string) => void) => ack("ok"));
    });
    const file = presetFile("stream.json", server.url, [
      { kind: "connect", client: "client 1" },
      { kind: "wait", ms: 60_000 },
      { kind: "emit", client: "client 1", nsp: "/", event: "done", args: [], ack: { timeout: 5000, match: ["ok"] } },
    ]);
    const junit = join(dir, "stream.xml");
    const ndjson = join(dir, "stream.ndjson");
    let peakRssMb = 0;
    const sampler = { timer: undefined as ReturnType<typeof setInterval> | undefined };
    try {
      const ran = await cli(["run", file, "--junit", junit, "--ndjson", ndjson], (_stdout, child) => {
        sampler.timer ??= setInterval(() => {
          try {
            const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
            if (rss) peakRssMb = Math.max(peakRssMb, Number(rss[1]) / 1024);
          } catch {
            // the child has exited
          }
        }, 500);
      });
      console.log(`run under a 64 KB stream for 60 s: peak RSS ${Math.round(peakRssMb)} MB`);
      expect(ran.code).toBe(0);
      expect(ran.stdout).toContain("3 passed, 0 failed, 0 skipped");
      expect(ran.stdout).toMatch(/the oldest \d+ records were left out to stay within 256 MB/);
      expect(readFileSync(junit, "utf8")).toContain('tests="3" failures="0"');
      expect(peakRssMb).toBeGreaterThan(0);
      // What is kept: 256 MB of records for the session file (the expect steps' events are the same objects) and
      // Node itself, some 400 MB; V8 lets the garbage of 32 MB/s of frames grow to about a gigabyte between full
      // collections (a saw tooth, not a climb). The build before the budget held every record and died of V8's
      // out-of-memory error at its 4 GB heap after 13-19 s.
      expect(peakRssMb).toBeLessThan(2048);
    } finally {
      clearInterval(sampler.timer);
      await server.close();
    }
  }, 120_000);

  test("--header reaches the server on a WebSocket-only connection (Node may send any header)", async () => {
    const server = await startServer({ allowRequest: (req, ok) => ok(null, req.headers.cookie === "session=abc") });
    try {
      const steps = [{ kind: "connect", client: "client 1", timeout: 1000 }];
      const file = presetFile("header.json", server.url, steps);
      const preset = JSON.parse(readFileSync(file, "utf8"));
      preset.clients[0].connection.transports = ["websocket"];
      writeFileSync(file, JSON.stringify(preset));
      expect((await cli(["run", file])).code).toBe(1);
      const ran = await cli(["run", file, "--header", "Cookie: session=abc"]);
      expect(ran.stdout).toContain("1 passed, 0 failed");
      expect(ran.code).toBe(0);
    } finally {
      await server.close();
    }
  }, 20_000);

  test.each([
    [["run"], "run takes one file"],
    [["run", "nope.json"], "no file nope.json"],
    [
      ["run", "examples/demo.presets.json", "--scenario", "Other"],
      "no scenario named “Other” (the file has “Rooms, acks and recovery”)",
    ],
    [["run", "examples/demo.presets.json", "--bogus", "1"], "run: unknown option --bogus"],
    [["fly"], 'unknown command "fly"'],
    [["--port", "http"], '--port must be a number from 0 to 65535, got "http"'],
    [["--port", "70000"], '--port must be a number from 0 to 65535, got "70000"'],
    [["--target", "http://x"], "socketio-inspector: unknown option --target"],
    [["serve", "file.json"], 'serve takes no file (got "file.json")'],
    [
      ["run", "examples/demo.presets.json", "--url", "ftp://x"],
      "--url must start with http://, https://, ws:// or wss://",
    ],
    [["run", "examples/demo.presets.json", "--url", "not a url"], "--url must be a server address such as"],
    [
      ["run", "examples/demo.presets.json", "--url", "http://127.0.0.1:3001/chat"],
      "--url takes the server's address only",
    ],
    [
      ["run", "examples/demo.presets.json", "--junit", "/nonexistent/dir/r.xml"],
      "--junit: cannot write /nonexistent/dir/r.xml",
    ],
  ])("%j: exit 2 with the reason", async (args, reason) => {
    const ran = await cli(args);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain(reason);
  });

  test("an invalid scenario file names the step and field; nothing runs", async () => {
    const file = presetFile("invalid.json", demo.url, [
      { kind: "connect", client: "client 1" },
      { kind: "wait", ms: -5 },
    ]);
    const ran = await cli(["run", file]);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain("File invalid.json: scenarios[0].steps[1].ms must be from 0 to 600000");
    expect(ran.stdout).toBe("");
  });

  test("a server that is not there, and one that is not Engine.IO: the failure says which", async () => {
    const steps = [{ kind: "connect", client: "client 1", timeout: 1500 }];
    const nobody = await cli(["run", presetFile("nobody.json", "http://127.0.0.1:1", steps)]);
    expect(nobody.code).toBe(1);
    expect(nobody.stdout).toMatch(
      /did not connect within 1500 ms: \/ \(connect_error: .*ECONNREFUSED.*nothing listens there\)/,
    );
    const plain = createHttpServer((_req, res) => res.writeHead(404).end("not here"));
    await new Promise<void>((resolve) => plain.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(plain.address() as AddressInfo).port}`;
      const other = await cli(["run", presetFile("other.json", url, steps)]);
      expect(other.stdout).toContain("(HTTP 404: no Engine.IO server at this path)");
    } finally {
      plain.close();
    }
  }, 20_000);

  test("server steps: what the server received and its rooms, through its admin UI; a socket not in a room fails with what the server knows", async () => {
    const server = await startServer();
    server.io.on("connection", (socket) =>
      socket.on("join", (room: string, ack?: (r: string) => void) => {
        void socket.join(room);
        ack?.("ok");
      }),
    );
    instrument(server.io, {
      auth: { type: "basic", username: "admin", password: bcrypt.hashSync("pw", 4) },
      mode: "development",
    });
    const steps = (room: string) => [
      { kind: "connect", client: "client 1" },
      { kind: "emit", client: "client 1", nsp: "/", event: "join", args: ["lobby"], ack: { timeout: 2000 } },
      { kind: "server-received", client: "client 1", nsp: "/", event: "join", args: ["lobby"], within: 2000 },
      { kind: "server-state", nsp: "/", client: "client 1", room, within: 1000 },
      { kind: "server-state", nsp: "/", room: "lobby", sockets: 1, within: 1000 },
    ];
    const withView = (name: string, room: string) => {
      const file = presetFile(name, server.url, steps(room));
      const preset = JSON.parse(readFileSync(file, "utf8"));
      preset.serverView = { namespace: "/admin", username: "admin" };
      writeFileSync(file, JSON.stringify(preset));
      return file;
    };
    const env = { NO_COLOR: "1", SOCKETIO_ADMIN_PASSWORD: "pw" };
    try {
      const passed = await cli(["run", withView("server-steps.json", "lobby")], undefined, env);
      expect(passed.stdout).toContain("the server receives “join” from client 1 on / within 2000 ms");
      expect(passed.stdout).toContain("the server: client 1's socket on / is in room lobby");
      expect(passed.stdout).toContain("5 passed, 0 failed");
      expect(passed.code).toBe(0);
      const failed = await cli(["run", withView("server-steps-fail.json", "vip")], undefined, env);
      expect(failed.code).toBe(1);
      expect(failed.stdout).toMatch(/After 1000 ms, the server: client 1's socket \S+ is not in room vip/);
    } finally {
      await server.close();
    }
  }, 30_000);

  test("a relative server URL asks for --url", async () => {
    const file = presetFile("relative.json", "/", [{ kind: "connect", client: "client 1" }]);
    const ran = await cli(["run", file]);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain("client “client 1” of “Demo server” has the URL “/”: give the server with --url");
  });
});

describe("har", () => {
  test("a 200 MB HAR is read as a stream within a 96 MB heap (the whole text alone is 200 MB), telling how far", async () => {
    const file = join(dir, "big.har");
    writeBigHar(file, 200, 50_000);
    const ran = await cli(["har", file, "--ndjson", join(dir, "big.ndjson")], undefined, {
      NO_COLOR: "1",
      NODE_OPTIONS: "--max-old-space-size=96",
    });
    expect(ran.stderr).toContain(`reading ${file}: 50%`);
    expect(ran.stdout).toContain("localhost:3000/socket.io #1: 50000 events, 50000 acks paired on /");
    expect(ran.code).toBe(0);
    rmSync(file);
  }, 120_000);

  test("a HAR of a million small WebSocket messages becomes a session file within a 96 MB heap: what is held does not grow with the messages", async () => {
    // One WebSocket of 500,000 emits each answered by its ack: 1,000,003 messages in 81 MB. The previous build kept
    // every message, frame and record (1.4 GB) and died of “heap out of memory” under this heap.
    const file = join(dir, "many.har");
    const out = join(dir, "many.ndjson");
    writeBigHar(file, 0, 500_000);
    const ran = await cli(["har", file, "--ndjson", out], undefined, {
      NO_COLOR: "1",
      NODE_OPTIONS: "--max-old-space-size=96",
    });
    expect(ran.stdout).toContain("localhost:3000/socket.io #1: 500000 events, 500000 acks paired on /");
    expect(ran.stdout).toContain(`session: ${out} (1000003 records; open it in the inspector)`);
    expect(ran.code).toBe(0);
    // The file's first line counts the records; its last is the last ack, paired with its emit.
    const fd = openSync(out, "r");
    const head = Buffer.alloc(300);
    readSync(fd, head, 0, 300, 0);
    const tail = Buffer.alloc(300);
    readSync(fd, tail, 0, 300, fstatSync(fd).size - 300);
    closeSync(fd);
    expect(JSON.parse(head.toString().split("\n")[0] as string)).toMatchObject({ count: 1_000_003 });
    const last = JSON.parse(tail.toString().trimEnd().split("\n").at(-1) as string);
    expect(last).toMatchObject({ kind: "packet", type: "ACK", ackId: 499_999, args: [499_999], seq: 1_000_003 });
    expect(last.pair).toBe(1_000_002);
    rmSync(file);
    rmSync(out);
  }, 180_000);
});

describe("serve", () => {
  test("a --header value with a line break at its start is refused by name, before anything starts", async () => {
    const ran = await cli(["serve", "--target", demo.url, "--port", "0", "--header", "Authorization:\r\nBearer x"]);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain(
      '--header Header "Authorization": the value holds a carriage return (CR) at its start',
    );
    expect(ran.stdout).not.toContain("inspector:");
  });

  test("the build is stale when a source is newer than it, current otherwise, and missing is stale", () => {
    const root = mkdtempSync(join(tmpdir(), "serve-root-"));
    mkdirSync(join(root, "src/ui"), { recursive: true });
    writeFileSync(join(root, "src/ui/a.ts"), "");
    expect(buildIsStale(root)).toBe(true);
    mkdirSync(join(root, "dist/inspector"), { recursive: true });
    writeFileSync(join(root, "dist/inspector/index.html"), "");
    const old = new Date(Date.now() - 60_000);
    utimesSync(join(root, "src/ui/a.ts"), old, old);
    utimesSync(join(root, "src/ui"), old, old);
    utimesSync(root, old, old);
    expect(buildIsStale(root)).toBe(false);
    writeFileSync(join(root, "src/ui/b.ts"), "");
    expect(buildIsStale(root)).toBe(true);
  });
});
