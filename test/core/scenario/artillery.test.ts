// The Artillery export: what translates, and the exported script run by npm `artillery` 2.0.21 (the last version on
// Node 20) against the demo server with a few virtual users. Artillery is large (about 600 MB installed), so it is
// not a dependency of the project: .ci/run installs it into a cache folder (see ARTILLERY_BIN below).
import { execFile } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";
import { promisify } from "node:util";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { startDemoServer } from "../../../demo/server.mjs";
import { clientsFrom } from "../../../src/core/presets/format.js";
import { DEMO_SCENARIO, shippedPresets } from "../../../src/core/presets/shipped.js";
import { thinkTime, toArtillery } from "../../../src/core/scenario/artillery.js";
import type { Scenario } from "../../../src/core/scenario/format.js";
import type { ArtilleryPart } from "../../../src/core/shared/error-words/scenario.js";
import { problem } from "../../../src/core/shared/errors.js";
import { withCode } from "../../helpers/codes.js";
import { defaultConfig, type ClientConfig } from "../../../src/core/connection/config.js";
import type { Environment } from "../../../src/core/variables/variables.js";

const ARTILLERY_BIN =
  process.env.ARTILLERY_BIN ??
  join(homedir(), ".cache/socketio-inspector/artillery-2.0.21/node_modules/.bin/artillery");

/** A step's note in an export: its number, whether it translated at all, and why. */
const stepNote = (step: number, translated: boolean, cause: unknown) =>
  withCode("artillery-step", { step, translated, cause });

const exported = (url: string, duration = 2, arrivalRate = 2) =>
  toArtillery(DEMO_SCENARIO, clientsFrom(shippedPresets(url)[0]!), { duration, arrivalRate });

describe("translation", () => {
  test("emits and acks translate; what cannot is named by step", () => {
    const { script, notes } = exported("http://127.0.0.1:3001");
    const scenarios = script.scenarios as Array<{ name: string; flow: Array<Record<string, unknown>> }>;
    expect(scenarios.map((s) => s.name)).toEqual(["Rooms, acks and recovery: alice", "Rooms, acks and recovery: bob"]);
    const alice = scenarios[0]!.flow;
    expect(alice).toContainEqual({
      emit: { channel: "join", data: "lobby" },
      acknowledge: { match: [{ json: "$.0.joined", value: "lobby" }] },
    });
    expect(alice).toContainEqual({ emit: ["to-room", "lobby", "hello bob"], acknowledge: { data: ["sent"] } });
    expect(notes).toContainEqual(stepNote(4, false, problem("artillery-emit-shape")));
    expect(notes).toContainEqual(stepNote(10, false, problem("artillery-no-such-step")));
    expect(notes).toContainEqual(stepNote(12, false, problem("artillery-var-uncaptured", { name: "alice-id" })));
    expect(notes).toContainEqual(
      stepNote(6, true, problem("artillery-ack-loose", { places: [{ path: "$.0.members", matcher: "$type" }] })),
    );
    // The preset's /admin token is not sent: the scenario's namespaces (/ and /metrics) have no auth.
    expect((script.config as { socketio: unknown }).socketio).toEqual({
      path: "/socket.io",
      transports: ["polling", "websocket"],
    });
    expect(exported("http://127.0.0.1:3001").translated).toEqual(
      problem("artillery-translated", { translated: 5, of: 12 }),
    );
  });
});

/** A scenario of alice's that a shared link could have written: a wait, and data that looks like a template. */
const TEMPLATED: Scenario = {
  name: "literal strings",
  steps: [
    { kind: "connect", client: "alice" },
    { kind: "emit", client: "alice", nsp: "/", event: "first", args: ["{ braces } are fine"] },
    { kind: "wait", ms: 700 },
    { kind: "emit", client: "alice", nsp: "/", event: "second", args: [] },
    { kind: "emit", client: "alice", nsp: "/", event: "leak", args: [{ token: "{{ $processEnvironment.SECRET }}" }] },
    { kind: "emit", client: "alice", nsp: "/", event: "{{ $randomString() }}", args: [] },
  ],
};

describe("strings Artillery would run as templates", () => {
  test("a step whose data, event name or expected ack holds {{ is not translated, and the note names it", () => {
    const { script, notes, translated } = toArtillery(TEMPLATED, clientsFrom(shippedPresets("http://127.0.0.1:1")[0]!));
    expect(JSON.stringify(script)).not.toContain("{{");
    expect(notes).toContainEqual(
      stepNote(5, false, problem("artillery-template", { what: { part: "args" }, where: "[0].token" })),
    );
    expect(notes).toContainEqual(
      stepNote(6, false, problem("artillery-template", { what: { part: "event" }, where: "the value" })),
    );
    expect(translated).toEqual(problem("artillery-translated", { translated: 4, of: 6 }));
  });

  test("a header or query value with {{ is left out of the connection, named", () => {
    const [client] = clientsFrom(shippedPresets("http://127.0.0.1:1")[0]!);
    const config = {
      ...client!.config,
      extraHeaders: [{ name: "X-Token", value: "{{ $processEnvironment.HOME }}" }],
      query: [{ key: "q", value: "{{x}}" }],
    };
    const { script, notes } = toArtillery(TEMPLATED, [{ name: "alice", config }]);
    const socketio = (script.config as { socketio: Record<string, unknown> }).socketio;
    expect(socketio.extraHeaders).toBeUndefined();
    expect(socketio.query).toBeUndefined();
    // Each once: a note of the connection, not one per step.
    const leftOut = (what: ArtilleryPart) =>
      problem("artillery-left-out", { cause: problem("artillery-template", { what, where: "[1]" }) });
    expect(notes.filter((n) => n.code === "artillery-left-out")).toEqual([
      leftOut({ part: "header", name: "X-Token" }),
      leftOut({ part: "query", key: "q" }),
    ]);
  });

  test("a wait is exported in the unit Artillery reads: whole seconds as numbers, the rest with ms", () => {
    expect(thinkTime(2000)).toBe(2);
    expect(thinkTime(200)).toBe("200ms");
    expect(thinkTime(1500)).toBe("1500ms");
  });
});

/** A scenario of ann's with variables: the server's address, the user (plain) and the token (a secret). */
const VARIABLES: Scenario = {
  name: "with variables",
  steps: [
    { kind: "connect", client: "ann" },
    {
      kind: "emit",
      client: "ann",
      nsp: "/",
      event: "whoami",
      args: ["{{user}}"],
      ack: { timeout: 2000, match: [{ $capture: "me" }] },
    },
    { kind: "emit", client: "ann", nsp: "/", event: "again", args: [{ was: { $var: "me" }, n: "{{$randomInt}}" }] },
  ],
};
const TOKEN = "tok-artillery-77c1";
const environmentsAt = (host: string): Environment[] => [
  {
    name: "local",
    variables: [
      { key: "host", value: host, secret: false, enabled: true },
      { key: "user", value: "ann", secret: false, enabled: true },
      { key: "token", value: TOKEN, secret: true, enabled: true },
    ],
  },
  {
    name: "second",
    variables: [
      { key: "host", value: host, secret: false, enabled: true },
      { key: "user", value: "bob", secret: false, enabled: true },
      { key: "token", value: "", secret: true, enabled: true },
    ],
  },
];
const variableClient = (): ClientConfig[] => [
  {
    name: "ann",
    config: { ...defaultConfig("http://{{host}}"), namespaces: [{ nsp: "/", auth: '{"token": "{{token}}"}' }] },
  },
];

describe("variables in the export", () => {
  test("environments become config.variables and config.environments; a secret is read from the runner's environment, never written", () => {
    const { script, notes, translated } = toArtillery(
      VARIABLES,
      variableClient(),
      { duration: 1, arrivalRate: 1 },
      { environments: environmentsAt("127.0.0.1:4100"), active: "local" },
    );
    const text = JSON.stringify(script);
    expect(text).not.toContain(TOKEN);
    const config = script.config as Record<string, unknown>;
    expect(config.target).toBe("http://127.0.0.1:4100");
    expect(config.variables).toEqual({ host: "127.0.0.1:4100", user: "ann" });
    expect(config.environments).toEqual({
      local: { target: "http://127.0.0.1:4100", variables: { host: "127.0.0.1:4100", user: "ann" } },
      second: { target: "http://127.0.0.1:4100", variables: { host: "127.0.0.1:4100", user: "bob" } },
    });
    expect((config.socketio as { auth: unknown }).auth).toEqual({ token: "{{ $env.TOKEN }}" });
    const flow = (script.scenarios as Array<{ flow: unknown[] }>)[0]!.flow;
    expect(flow).toEqual([
      { emit: { channel: "whoami", data: "{{ user }}" }, acknowledge: { capture: [{ json: "$.0", as: "me" }] } },
      { emit: { channel: "again", data: { was: "{{ me }}", n: "{{ $randomNumber(0, 1000) }}" } } },
    ]);
    expect(notes).toContainEqual(problem("artillery-secret-from-env", { name: "token", envName: "TOKEN" }));
    expect(translated).toEqual(problem("artillery-translated", { translated: 3, of: 3 }));
  });

  test("data that merely holds {{ stays refused, variables or not", () => {
    const { notes } = toArtillery(TEMPLATED, clientsFrom(shippedPresets("http://127.0.0.1:1")[0]!), undefined, {
      environments: environmentsAt("127.0.0.1:1"),
    });
    expect(notes).toContainEqual(
      withCode("artillery-step", { step: 5, cause: withCode("artillery-template", { where: "[0].token" }) }),
    );
  });
});

const installed = existsSync(ARTILLERY_BIN);
// Skipped where Artillery 2.0.21 is not installed at $ARTILLERY_BIN: it is about 600 MB and not a dependency; .ci/run
// installs it into a cache, so CI runs these.
describe.skipIf(!installed)(
  installed ? "artillery 2.0.21" : `artillery 2.0.21 (skipped: not installed at ${ARTILLERY_BIN}; .ci/run installs it)`,
  () => {
    test("the exported script runs: emits made and acks checked; a wrong ack fails the virtual users", async () => {
      const demo = await startDemoServer({ port: 0 });
      const dir = mkdtempSync(join(tmpdir(), "artillery-"));
      // Run asynchronously: the demo server lives in this process and must go on answering.
      const run = async (script: unknown) => {
        const file = join(dir, "script.json");
        const report = join(dir, "report.json");
        writeFileSync(file, JSON.stringify(script));
        await promisify(execFile)(ARTILLERY_BIN, ["run", "--output", report, file], {
          env: { ...process.env, ARTILLERY_DISABLE_TELEMETRY: "true", DO_NOT_TRACK: "1" },
          timeout: 90_000,
        });
        return JSON.parse(readFileSync(report, "utf8")).aggregate as {
          counters: Record<string, number>;
          summaries: Record<string, { count: number }>;
        };
      };
      try {
        const { script } = exported(demo.url);
        const good = await run(script);
        expect(good.counters["vusers.created"]).toBe(4);
        expect(good.counters["vusers.failed"] ?? 0).toBe(0);
        expect(good.counters["socketio.emit"]).toBeGreaterThanOrEqual(4);
        expect(good.summaries["socketio.response_time"]!.count).toBe(good.counters["socketio.emit"]);

        // The same script with an ack that cannot match: Artillery checks it, and the users fail. Only alice's
        // scenario, whose emit that is: Artillery picks a scenario per user at random, and four bobs (1 run in 16)
        // would never send it.
        const wrong = JSON.parse(
          JSON.stringify(script).replace('"data":["sent"]', '"data":["not what the server says"]'),
        ) as { scenarios: Array<{ name: string }> };
        wrong.scenarios = wrong.scenarios.filter((s) => s.name.endsWith(": alice"));
        expect(wrong.scenarios).toHaveLength(1);
        const bad = await run(wrong);
        expect(bad.counters["vusers.failed"]).toBeGreaterThan(0);
        expect(Object.keys(bad.counters).some((k) => k.startsWith("errors."))).toBe(true);
      } finally {
        await demo.close();
      }
    }, 200_000);

    test("strings are sent literally (a template is never run: the environment stays home) and a wait lasts its ms", async () => {
      // A server that writes down what each connection sent, and when.
      const http = createServer();
      const io = new Server(http);
      const got: Array<{ sid: string; event: string; args: unknown[]; at: number }> = [];
      io.on("connection", (socket) =>
        socket.onAny((event: string, ...args: unknown[]) =>
          got.push({ sid: socket.id, event, args, at: performance.now() }),
        ),
      );
      await new Promise<void>((r) => http.listen(0, "127.0.0.1", () => r()));
      const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
      const dir = mkdtempSync(join(tmpdir(), "artillery-"));
      try {
        const { script } = toArtillery(TEMPLATED, clientsFrom(shippedPresets(url)[0]!), {
          duration: 1,
          arrivalRate: 1,
        });
        const file = join(dir, "script.json");
        writeFileSync(file, JSON.stringify(script));
        await promisify(execFile)(ARTILLERY_BIN, ["run", "--output", join(dir, "report.json"), file], {
          env: {
            ...process.env,
            SECRET: "hunter2-do-not-send",
            ARTILLERY_DISABLE_TELEMETRY: "true",
            DO_NOT_TRACK: "1",
          },
          timeout: 90_000,
        });
        expect(got.map((g) => g.event)).toEqual(["first", "second"]);
        expect(got[0]!.args).toEqual(["{ braces } are fine"]);
        expect(JSON.stringify(got)).not.toContain("hunter2");
        // The 700 ms wait, as Artillery waited it (0.7 would have been read as 0.7 ms).
        expect(got[1]!.at - got[0]!.at).toBeGreaterThanOrEqual(650);
      } finally {
        io.close();
        http.closeAllConnections();
      }
    }, 120_000);

    test("a scenario with variables runs: the token from the runner's environment, the user from -e's environment", async () => {
      const http = createServer();
      const io = new Server(http);
      const tokens: unknown[] = [];
      const got: Array<{ event: string; args: unknown[] }> = [];
      io.use((socket, next) => {
        tokens.push(socket.handshake.auth.token);
        next(socket.handshake.auth.token === TOKEN ? undefined : new Error("wrong token"));
      });
      io.on("connection", (socket) =>
        socket.onAny((event: string, ...args: unknown[]) => {
          const ack = typeof args.at(-1) === "function" ? (args.pop() as (...a: unknown[]) => void) : undefined;
          got.push({ event, args });
          ack?.(...args);
        }),
      );
      await new Promise<void>((r) => http.listen(0, "127.0.0.1", () => r()));
      const host = `127.0.0.1:${(http.address() as AddressInfo).port}`;
      const dir = mkdtempSync(join(tmpdir(), "artillery-"));
      const run = async (extra: string[]) => {
        const { script } = toArtillery(
          VARIABLES,
          variableClient(),
          { duration: 1, arrivalRate: 1 },
          {
            environments: environmentsAt(host),
            active: "local",
          },
        );
        const file = join(dir, "script.json");
        writeFileSync(file, JSON.stringify(script));
        expect(readFileSync(file, "utf8")).not.toContain(TOKEN);
        await promisify(execFile)(ARTILLERY_BIN, ["run", ...extra, "--output", join(dir, "report.json"), file], {
          env: { ...process.env, TOKEN, ARTILLERY_DISABLE_TELEMETRY: "true", DO_NOT_TRACK: "1" },
          timeout: 90_000,
        });
        return JSON.parse(readFileSync(join(dir, "report.json"), "utf8")).aggregate as {
          counters: Record<string, number>;
        };
      };
      try {
        const local = await run([]);
        expect(local.counters["vusers.failed"] ?? 0).toBe(0);
        expect(tokens.length).toBeGreaterThan(0);
        expect(tokens.every((t) => t === TOKEN)).toBe(true);
        const whoami = got.filter((g) => g.event === "whoami").map((g) => g.args);
        expect(whoami.length).toBeGreaterThan(0);
        expect(whoami.every((a) => a[0] === "ann")).toBe(true);
        // The capture of the ack went into the next emit; $randomInt became a number of Artillery's.
        const again = got.filter((g) => g.event === "again").map((g) => g.args[0] as { was: unknown; n: unknown });
        expect(again.length).toBe(whoami.length);
        for (const a of again) {
          expect(a.was).toBe("ann");
          expect(Number(a.n)).toBeGreaterThanOrEqual(0);
        }

        got.length = 0;
        const second = await run(["-e", "second"]);
        expect(second.counters["vusers.failed"] ?? 0).toBe(0);
        expect(got.filter((g) => g.event === "whoami").every((g) => g.args[0] === "bob")).toBe(true);
        expect(got.some((g) => g.event === "whoami")).toBe(true);
      } finally {
        io.close();
        http.closeAllConnections();
      }
    }, 200_000);
  },
);
