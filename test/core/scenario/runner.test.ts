// Scenarios in Node against real socket.io servers: the shipped example (two clients, a room broadcast, captures,
// recovery) passes on the demo server; failures say what was expected and what came; time-outs say what they waited
// for; bad scenarios are refused by step and field.
import { afterAll, afterEach, describe, expect, test } from "vitest";
import { startDemoServer } from "../../../demo/server.mjs";
import { defaultConfig, type ClientConfig } from "../../../src/core/connection/config.js";
import { PresetError } from "../../../src/core/presets/format.js";
import { readPreset } from "../../../src/core/presets/read-preset.js";
import { DEMO_SCENARIO, shippedPresets } from "../../../src/core/presets/shipped.js";
import { readStepAlone, type Scenario, type Step } from "../../../src/core/scenario/format.js";
import { match } from "../../../src/core/scenario/matchers.js";
import { ScenarioRun, tally } from "../../../src/core/scenario/runner.js";
import { StandaloneHost } from "../../../src/core/scenario/standalone-host.js";
import { nodeRegexEngine } from "../../../src/cli/node-regex.js";
import { startServer, type TestServer } from "../../helpers/server.js";
import { problem, words } from "../../../src/core/shared/errors.js";
import { withCode } from "../../helpers/codes.js";

const hosts: StandaloneHost[] = [];
/** Where `$regex` matchers run for these tests: a worker thread, as in the command line. */
const regex = nodeRegexEngine();
afterAll(() => regex.close());
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const h of hosts.splice(0)) h.close();
  for (const c of closers.splice(0)) await c();
});

function hostFor(url: string, namespaces = [{ nsp: "/", auth: "" }]): StandaloneHost {
  const config = { ...defaultConfig(url), namespaces, reconnectionDelay: 100, randomizationFactor: 0 };
  const host = new StandaloneHost([{ name: "client 1", config } satisfies ClientConfig], regex);
  hosts.push(host);
  return host;
}

async function run(scenario: Scenario, host: StandaloneHost) {
  const runner = new ScenarioRun(scenario, host);
  const results = await runner.runAll();
  return { runner, results, counts: tally(results) };
}

describe("on the demo server", () => {
  test("the shipped example passes: two clients in a room, a captured id used again, recovery keeps the id", async () => {
    const demo = await startDemoServer({ port: 0, tickMs: 200 });
    closers.push(() => demo.close());
    const preset = shippedPresets(demo.url)[0]!;
    const config = { ...defaultConfig(demo.url), ...preset.clients[0]!.connection, reconnectionAttempts: Infinity };
    const host = new StandaloneHost([{ name: "client 1", config: { ...config, reconnectionDelay: 100 } }], regex);
    hosts.push(host);
    const { results, runner, counts } = await run(DEMO_SCENARIO, host);
    expect(
      results.filter((r) => r.status !== "passed").map((r) => `${r.index + 1}: ${r.problem ? words(r.problem) : ""}`),
      "failed steps",
    ).toEqual([]);
    expect(counts.passed).toBe(DEMO_SCENARIO.steps.length);
    expect(typeof runner.captured["alice-id"]).toBe("string");
    // The broadcast went from alice's session to bob's: both clients are in the records, each with its name.
    expect(new Set(host.records.map((r) => r.client))).toEqual(new Set(["alice", "bob"]));
  }, 30_000);

  test("the shipped preset keeps the example, and it reads back as it was", () => {
    const preset = shippedPresets("http://127.0.0.1:3001")[0]!;
    expect(readPreset(JSON.parse(JSON.stringify(preset))).scenarios).toEqual([DEMO_SCENARIO]);
  });
});

describe("failures", () => {
  let server: TestServer;
  let reply = "v1";
  afterEach(async () => server?.close());

  async function echoServer() {
    server = await startServer();
    server.io.on("connection", (socket) => {
      socket.on("version", (ack: (v: unknown) => void) => ack({ version: reply, at: 1 }));
      socket.on("shout", (text: string) => socket.emit("echoed", String(text).toUpperCase(), { n: 3 }));
      socket.on("silent", () => {});
    });
    return server;
  }

  const connect: Step = { kind: "connect", client: "client 1" };

  test("an ack that changed fails with the path, what was expected and what came", async () => {
    await echoServer();
    reply = "v2";
    const host = hostFor(server.url);
    const { results } = await run(
      {
        name: "version",
        steps: [
          connect,
          {
            kind: "emit",
            client: "client 1",
            nsp: "/",
            event: "version",
            args: [],
            ack: { timeout: 2000, match: [{ version: "v1", at: 1 }] },
          },
          { kind: "wait", ms: 10 },
        ],
      },
      host,
    );
    const failed = results[1]!;
    expect(failed.status).toBe("failed");
    expect(failed.problem).toEqual(problem("ack-mismatch", { event: "version" }));
    expect(failed.mismatches).toEqual([
      { path: "[0].version", expected: problem("expected-value", { value: '"v1"' }), actual: '"v2"' },
    ]);
    expect(failed.actual).toEqual([{ version: "v2", at: 1 }]);
    expect(failed.seq).toBeGreaterThan(0);
    // It points at the ack's own row.
    expect(failed.seq).toBe(host.records.find((r) => r.kind === "packet" && r.type === "ACK")?.seq);
    expect(results[2]!.status).toBe("skipped");
  });

  test("captures carry a value to later steps; an expect takes an event that came before it started", async () => {
    await echoServer();
    const { results, runner } = await run(
      {
        name: "capture",
        steps: [
          connect,
          { kind: "emit", client: "client 1", nsp: "/", event: "shout", args: ["hey"] },
          { kind: "wait", ms: 100 },
          {
            kind: "expect",
            client: "client 1",
            nsp: "/",
            event: "echoed",
            args: [{ $capture: "loud", $match: { $regex: "^HE" } }, { $partial: { n: { $type: "number" } } }],
            within: 1000,
          },
          { kind: "emit", client: "client 1", nsp: "/", event: "shout", args: [{ $var: "loud" }] },
          {
            kind: "expect",
            client: "client 1",
            nsp: "/",
            event: "echoed",
            args: [{ $var: "loud" }, { $any: true }],
            within: 1000,
          },
        ],
      },
      hostFor(server.url),
    );
    expect(results.map((r) => r.status)).toEqual(["passed", "passed", "passed", "passed", "passed", "passed"]);
    expect(runner.captured.loud).toBe("HEY");
  });

  test("a $regex that backtracks for ever fails its step at the step's limit, saying the pattern took too long", async () => {
    await echoServer();
    const { results } = await run(
      {
        name: "redos",
        steps: [
          connect,
          { kind: "emit", client: "client 1", nsp: "/", event: "shout", args: [`${"a".repeat(30)}!`] },
          {
            kind: "expect",
            client: "client 1",
            nsp: "/",
            event: "echoed",
            args: [{ $regex: "^(A+)+$" }, { $any: true }],
            within: 500,
          },
          { kind: "wait", ms: 1 },
        ],
      },
      hostFor(server.url),
    );
    const failed = results[2]!;
    expect(failed.status).toBe("failed");
    expect(failed.problem).toEqual(
      withCode("step-regex-timeout", {
        context: problem("expect-unchecked", { client: "client 1", event: "echoed", nsp: "/" }),
        cause: withCode("regex-timeout", { source: "^(A+)+$", flags: "", textLength: 31 }),
      }),
    );
    expect(results[3]!.status).toBe("skipped");
    // The worker that ran it was ended; the next pattern gets a new one.
    expect(await regex.test("^A+!$", "", `${"A".repeat(30)}!`, 1000)).toBe(true);
  });

  test("an event that does not match is shown as the closest, with the diff", async () => {
    await echoServer();
    const { results } = await run(
      {
        name: "closest",
        steps: [
          connect,
          { kind: "emit", client: "client 1", nsp: "/", event: "shout", args: ["abc"] },
          { kind: "expect", client: "client 1", nsp: "/", event: "echoed", args: ["abc", { n: 3 }], within: 500 },
        ],
      },
      hostFor(server.url),
    );
    const failed = results[2]!;
    expect(failed.problem).toEqual(problem("expect-mismatch", { client: "client 1", event: "echoed", nsp: "/" }));
    expect(failed.mismatches).toEqual([
      { path: "[0]", expected: problem("expected-value", { value: '"abc"' }), actual: '"ABC"' },
    ]);
  });

  test("time-outs say what they waited for", async () => {
    await echoServer();
    const silent = await run(
      {
        name: "silent",
        steps: [
          connect,
          { kind: "emit", client: "client 1", nsp: "/", event: "silent", args: [], ack: { timeout: 300 } },
        ],
      },
      hostFor(server.url),
    );
    // The cause is the library's own time-out error, in its words.
    expect(silent.results[1]!.problem).toEqual(
      withCode("ack-missing", { event: "silent", nsp: "/", timeout: 300, cause: withCode("thrown") }),
    );

    const never = await run(
      {
        name: "never",
        steps: [connect, { kind: "expect", client: "client 1", nsp: "/", event: "never", within: 300 }],
      },
      hostFor(server.url),
    );
    expect(never.results[1]!.problem).toEqual(
      problem("expect-none", { client: "client 1", event: "never", nsp: "/", within: 300, others: [] }),
    );

    // A namespace the server refuses: the connect step says which and why.
    server.io.of("/locked").use((_s, next) => next(new Error("no entry")));
    const locked = await run(
      { name: "locked", steps: [{ kind: "connect", client: "client 1", timeout: 500 }] },
      hostFor(server.url, [
        { nsp: "/", auth: "" },
        { nsp: "/locked", auth: "" },
      ]),
    );
    expect(locked.results[0]!.problem).toEqual(
      problem("connect-refused", {
        client: "client 1",
        namespaces: [{ nsp: "/locked", refusal: problem("refused-message", { message: "no entry" }) }],
      }),
    );

    // A step on a client that never connected.
    const alone = await run(
      { name: "alone", steps: [{ kind: "emit", client: "nobody", nsp: "/", event: "x", args: [] }] },
      hostFor(server.url),
    );
    expect(alone.results[0]!.problem).toEqual(problem("client-not-connected", { client: "nobody" }));
  });

  test("a run interrupted mid-step reports it and skips the rest", async () => {
    await echoServer();
    const controller = new AbortController();
    const runner = new ScenarioRun(
      { name: "long", steps: [connect, { kind: "wait", ms: 10_000 }, { kind: "wait", ms: 1 }] },
      hostFor(server.url),
    );
    const done = runner.runAll({
      signal: controller.signal,
      onStep: (r) => r.index === 1 && r.status === "running" && setTimeout(() => controller.abort(), 50),
    });
    const results = await done;
    expect(results.map((r) => r.status)).toEqual(["passed", "interrupted", "skipped"]);
  });
});

describe("bad input", () => {
  const preset = (scenarios: unknown) => ({
    ...JSON.parse(JSON.stringify(shippedPresets("http://127.0.0.1:3001")[0])),
    scenarios,
  });
  /** What a preset with these scenarios is refused for: where it is wrong, and why (value-invalid's path and cause). */
  const refusal = (scenarios: unknown) => {
    try {
      readPreset(preset(scenarios), "File x.json, preset 1");
    } catch (err) {
      expect(err).toBeInstanceOf(PresetError);
      expect(err).toEqual(withCode("value-invalid", { where: "File x.json, preset 1" }));
      const { path, cause } = (err as PresetError).params as { path: string; cause: { code: string } };
      return { path, cause };
    }
    throw new Error("not refused");
  };

  test.each([
    [[{ name: "s", steps: [{ kind: "fly", client: "a" }] }], "scenarios[0].steps[0].kind", withCode("must-be-one-of")],
    [
      [{ name: "s", steps: [{ kind: "expect", client: "a", nsp: "/", event: "e", within: "soon" }] }],
      "scenarios[0].steps[0].within",
      withCode("must-be-number"),
    ],
    [
      [{ name: "s", steps: [{ kind: "wait", ms: 5, extra: 1 }] }],
      "scenarios[0].steps[0].extra",
      withCode("not-a-field", { of: "a wait step" }),
    ],
    [
      [{ name: "s", steps: [{ kind: "emit", client: "a", nsp: "x", event: "e", args: [] }] }],
      "scenarios[0].steps[0].nsp",
      withCode("must-start-with-slash"),
    ],
    [
      [
        {
          name: "s",
          steps: [{ kind: "expect", client: "a", nsp: "/", event: "e", within: 1, args: [{ $regex: "(" }] }],
        },
      ],
      "scenarios[0].steps[0].args[0].$regex",
      withCode("regex-invalid"),
    ],
    [
      [
        {
          name: "s",
          steps: [
            { kind: "expect", client: "a", nsp: "/", event: "e", within: 1, args: [{ $eval: "process.exit()" }] },
          ],
        },
      ],
      "scenarios[0].steps[0].args[0]",
      withCode("not-a-matcher", { key: "$eval" }),
    ],
    [
      [{ name: "s", steps: [{ kind: "emit", client: "a", nsp: "/", event: "e", args: [{ $any: true }] }] }],
      "scenarios[0].steps[0].args[0]",
      withCode("matcher-in-emit", { key: "$any" }),
    ],
    [
      [{ name: "s", steps: [{ kind: "assert", client: "a", nsp: "/" }] }],
      "scenarios[0].steps[0]",
      withCode("checks-nothing"),
    ],
    [
      [
        { name: "s", steps: [] },
        { name: "s", steps: [] },
      ],
      "scenarios[1].name",
      withCode("scenario-name-again", { name: "s" }),
    ],
    [
      [{ name: "s", steps: [{ kind: "emit", client: "a", nsp: "/", event: "e", args: [{ $binary: "xyz" }] }] }],
      "scenarios[0].steps[0].args[0].$binary",
      withCode("binary-invalid"),
    ],
  ])("%j is refused by step and field", (scenarios, path, cause) => {
    expect(refusal(scenarios)).toEqual({ path, cause });
  });

  test("a value nested past the bound is refused, not walked", () => {
    let deep: unknown = 1;
    for (let i = 0; i < 5000; i++) deep = [deep];
    expect(
      refusal([{ name: "s", steps: [{ kind: "expect", client: "a", nsp: "/", event: "e", within: 1, args: deep }] }]),
    ).toEqual({ path: "scenarios[0].steps[0].args", cause: withCode("nested-too-deep", { depth: 32 }) });
  });

  test("the page's step editor reads one step alone, naming the field", () => {
    expect(() => readStepAlone({ kind: "wait" })).toThrow(
      withCode("value-invalid", { where: "Step", path: "ms", cause: withCode("must-be-number") }),
    );
    expect(readStepAlone({ kind: "wait", ms: 5 })).toEqual({ kind: "wait", ms: 5 });
  });

  test("matchers are data: a string that looks like code is compared, never run", async () => {
    const calls: string[] = [];
    (globalThis as Record<string, unknown>).__scenarioProbe = () => calls.push("ran");
    const test = (source: string, flags: string, text: string) => regex.test(source, flags, text, 1000);
    expect((await match(["__scenarioProbe()"], ["__scenarioProbe()"], {}, test)).mismatches).toEqual([]);
    expect((await match([{ $regex: "__scenarioProbe\\(\\)" }], ["x"], {}, test)).mismatches).toHaveLength(1);
    expect(calls).toEqual([]);
  });
});
