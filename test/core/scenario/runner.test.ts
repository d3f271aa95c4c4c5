// Scenarios in Node against real socket.io servers: the shipped example (two clients, a room broadcast, captures,
// recovery) passes on the demo server; failures say what was expected and what came; time-outs say what they waited
// for; bad scenarios are refused by step and field.
import { noVariables, Variables, type Environment } from "../../../src/core/variables/variables.js";
import { checkScenarioVariables } from "../../../src/core/scenario/step-variables.js";
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
      withCode("must-start-with-slash-or-variable"),
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
    expect((await match(["__scenarioProbe()"], ["__scenarioProbe()"], noVariables(), test)).mismatches).toEqual([]);
    expect((await match([{ $regex: "__scenarioProbe\\(\\)" }], ["x"], noVariables(), test)).mismatches).toHaveLength(1);
    expect(calls).toEqual([]);
  });
});

describe("variables: the environment's and what steps capture, one mechanism", () => {
  let server: TestServer;
  afterEach(async () => server?.close());
  const env = (variables: Record<string, string>, secret: string[] = []): Environment => ({
    name: "local",
    variables: Object.entries(variables).map(([key, value]) => ({
      key,
      value,
      secret: secret.includes(key),
      enabled: true,
    })),
  });

  test("{{name}} and $var read the environment and earlier captures alike; dynamic values are new at each emit", async () => {
    server = await startServer();
    const seen: unknown[][] = [];
    server.io.on("connection", (socket) =>
      socket.onAny((_event: string, ...args: unknown[]) => {
        const ack = args.at(-1);
        const data = typeof ack === "function" ? args.slice(0, -1) : args;
        seen.push(data);
        if (typeof ack === "function") (ack as (...a: unknown[]) => void)(...data);
      }),
    );
    const emit = (args: unknown[], match?: unknown): Step => ({
      kind: "emit",
      client: "client 1",
      nsp: "/",
      event: "{{event}}",
      args,
      ack: { timeout: 2000, ...(match === undefined ? {} : { match }) },
    });
    const runner = new ScenarioRun(
      {
        name: "vars",
        steps: [
          { kind: "connect", client: "client 1" },
          emit(["{{greeting}}, {{who}}"], [{ $capture: "said" }]),
          emit(
            [{ text: "{{said}}!", again: { $var: "said" }, from: { $var: "who" } }],
            [{ text: "{{greeting}}, ops!", again: { $var: "said" }, from: "{{who}}" }],
          ),
          emit(["{{$guid}}", "{{$timestamp}}"]),
          emit(["{{$guid}}"]),
        ],
      },
      hostFor(server.url),
      new Variables(env({ greeting: "hello", who: "ops", event: "say" })),
    );
    const results = await runner.runAll();
    expect(results.map((r) => `${r.index + 1} ${r.status} ${r.problem ? words(r.problem) : ""}`.trim())).toEqual([
      "1 passed",
      "2 passed",
      "3 passed",
      "4 passed",
      "5 passed",
    ]);
    expect(seen[0]).toEqual(["hello, ops"]);
    expect(seen[1]).toEqual([{ text: "hello, ops!", again: "hello, ops", from: "ops" }]);
    expect(seen[2]?.[0]).not.toBe(seen[3]?.[0]);
    expect(String(seen[2]?.[0])).toMatch(/^[0-9a-f-]{36}$/);
    expect(runner.captured).toEqual({ said: "hello, ops" });
    // The results keep the steps as written: what was resolved is what went out.
    expect((results[1]!.step as { args: unknown[] }).args).toEqual(["{{greeting}}, {{who}}"]);
  });

  test("an unknown variable fails the run at its step before anything is sent, naming it and the field", async () => {
    server = await startServer();
    let connections = 0;
    server.io.on("connection", () => connections++);
    const runner = new ScenarioRun(
      {
        name: "missing",
        steps: [
          { kind: "connect", client: "client 1" },
          { kind: "emit", client: "client 1", nsp: "/", event: "a", args: [{ $capture: "x" }] as never },
          { kind: "emit", client: "client 1", nsp: "/", event: "b", args: [{ room: "{{roomId}}" }] },
        ],
      },
      hostFor(server.url),
      new Variables(env({ token: "" }, ["token"])),
    );
    const results = await runner.runAll();
    expect(results.map((r) => r.status)).toEqual(["skipped", "skipped", "failed"]);
    expect(results[2]!.problem).toEqual(
      problem("variable-undefined", {
        name: "roomId",
        field: "step 3 (emit), args[0].room",
        environment: "local",
        captures: true,
      }),
    );
    expect(connections).toBe(0);
    expect(hosts.at(-1)!.records).toEqual([]);
  });

  test("a capture serves the steps after it (and, matched as a value, what follows it in its own step); a secret with no value is asked for", () => {
    const vars = new Variables(env({ token: "" }, ["token"]));
    const expectStep = (args: unknown): Step => ({
      kind: "expect",
      client: "c",
      nsp: "/",
      event: "e",
      args,
      within: 10,
    });
    expect(checkScenarioVariables([expectStep([{ $capture: "id" }]), expectStep(["{{id}}"])], vars)).toBeUndefined();
    expect(checkScenarioVariables([expectStep([{ $capture: "id" }, "{{id}}"])], vars)?.problem).toEqual(
      withCode("variable-undefined", { name: "id", field: "step 1 (expect), args[1]" }),
    );
    expect(checkScenarioVariables([expectStep([{ $capture: "id" }, { $var: "id" }])], vars)).toBeUndefined();
    expect(checkScenarioVariables([expectStep(["{{token}}"])], vars)?.problem.code).toBe("secret-without-value");
  });
});
