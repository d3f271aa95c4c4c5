// `run --env / --var / --env-from-process`: a preset's {{variables}} filled from an environment file (Postman's export
// here), overridden on the command line, read from the process environment only where named; secrets never printed
// nor written. Against a real socket.io server whose middleware checks a token.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { shippedPresets } from "../../src/core/presets/shipped.js";
import { startServer, type TestServer } from "../helpers/server.js";

const dir = mkdtempSync(join(tmpdir(), "cli-vars-"));
const TOKEN = "tok-3f9a-very-secret";
let server: TestServer;
const seen: { tokens: unknown[]; emits: unknown[][] } = { tokens: [], emits: [] };

beforeAll(async () => {
  execFileSync(process.execPath, ["scripts/build-cli.mjs"]);
  server = await startServer();
  server.io.use((socket, next) => {
    seen.tokens.push(socket.handshake.auth.token);
    next(socket.handshake.auth.token === TOKEN ? undefined : new Error("bad token"));
  });
  server.io.on("connection", (socket) =>
    socket.on("whoami", (...args: unknown[]) => {
      const ack = args.pop() as (v: unknown) => void;
      seen.emits.push(args);
      ack({ you: args[0], token: socket.handshake.auth.token });
    }),
  );
}, 60_000);
afterAll(() => server?.close());

function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["bin/socketio-inspector.mjs", ...args], {
      env: { ...process.env, NO_COLOR: "1", ...env },
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.on("close", (code) => resolve({ code, out }));
  });
}

/** A preset whose server, auth and emit hold variables; its ack check fails on purpose when `failing`. */
function presetFile(failing: boolean): string {
  const preset = JSON.parse(JSON.stringify(shippedPresets("http://{{host}}")[0]));
  preset.name = "Vars";
  preset.clients = [preset.clients[0]];
  preset.clients[0].connection.namespaces = [{ nsp: "/", auth: '{"token": "{{token}}"}' }];
  preset.scenarios = [
    {
      name: "who",
      steps: [
        { kind: "connect", client: "client 1" },
        {
          kind: "emit",
          client: "client 1",
          nsp: "/",
          event: "whoami",
          args: ["{{user}}"],
          ack: { timeout: 2000, match: [{ you: failing ? "someone else" : "{{user}}", token: { $var: "token" } }] },
        },
      ],
    },
  ];
  const file = join(dir, `preset-${failing}.json`);
  writeFileSync(file, JSON.stringify(preset));
  return file;
}

function postmanFile(host: string): string {
  const file = join(dir, "staging.postman_environment.json");
  writeFileSync(
    file,
    JSON.stringify({
      id: "0c7a",
      name: "staging",
      values: [
        { key: "host", value: host, type: "default", enabled: true },
        { key: "user", value: "ann", type: "default", enabled: true },
        { key: "token", value: TOKEN, type: "secret", enabled: true },
      ],
      _postman_variable_scope: "environment",
    }),
  );
  return file;
}

describe("run with variables", () => {
  test("--env of Postman's export, --var over one value: the server gets the token, the report and output hold no secret", async () => {
    const env = postmanFile("127.0.0.1:1"); // a wrong port, put right by --var
    const junit = join(dir, "pass.xml");
    const ran = await cli([
      "run",
      presetFile(false),
      "--env",
      env,
      "--var",
      `host=127.0.0.1:${server.port}`,
      "--junit",
      junit,
    ]);
    expect(ran.out).toContain("2 passed");
    expect(ran.code).toBe(0);
    expect(seen.emits.at(-1)).toEqual(["ann"]);
    expect(seen.tokens.at(-1)).toBe(TOKEN);
    expect(ran.out).not.toContain(TOKEN);
    expect(readFileSync(junit, "utf8")).not.toContain(TOKEN);
  });

  test("a failing check that shows the secret: the diff names it {{token}}, in the terminal, JUnit and the session", async () => {
    const junit = join(dir, "fail.xml");
    const ndjson = join(dir, "fail.ndjson");
    const ran = await cli([
      "run",
      presetFile(true),
      "--env",
      postmanFile(`127.0.0.1:${server.port}`),
      "--var",
      "user=bob",
      "--junit",
      junit,
      "--ndjson",
      ndjson,
    ]);
    expect(ran.code).toBe(1);
    expect(seen.emits.at(-1)).toEqual(["bob"]);
    const xml = readFileSync(junit, "utf8");
    expect(xml).toContain("{{token}}");
    expect(xml).toContain("someone else");
    const session = readFileSync(ndjson, "utf8");
    for (const text of [ran.out, xml, session]) expect(text).not.toContain(TOKEN);
    // The session held it (the auth sent, the ack that echoed it): each place says {{token}} instead.
    expect(session).toContain("{{token}}");
    expect(ran.out).toContain("{{token}}");
  });

  test("--env-from-process reads only the variable named, as a secret", async () => {
    const ran = await cli(
      [
        "run",
        presetFile(false),
        "--var",
        `host=127.0.0.1:${server.port}`,
        "--var",
        "user=cy",
        "--env-from-process",
        "token=CI_SOCKET_TOKEN",
      ],
      { CI_SOCKET_TOKEN: TOKEN, user: "not read" },
    );
    expect(ran.code).toBe(0);
    expect(seen.emits.at(-1)).toEqual(["cy"]);
    expect(ran.out).not.toContain(TOKEN);
    const missing = await cli(["run", presetFile(false), "--env-from-process", "NOT_SET_ANYWHERE"]);
    expect(missing.code).toBe(2);
    expect(missing.out).toContain(
      "--env-from-process NOT_SET_ANYWHERE: the process environment has no NOT_SET_ANYWHERE",
    );
  });

  test("an unresolved variable is refused naming it and the field, before anything connects", async () => {
    const before = seen.tokens.length;
    const ran = await cli(["run", presetFile(false), "--var", `host=127.0.0.1:${server.port}`]);
    expect(ran.code).toBe(2);
    expect(ran.out).toContain(
      "“Vars”, client “client 1”: auth of /: {{token}} is not defined (no environment is chosen)",
    );
    expect(seen.tokens.length).toBe(before);
  });

  test("artillery --env: the variables become Artillery's, the secret a reference to the runner's environment", async () => {
    const out = join(dir, "script.json");
    const ran = await cli([
      "artillery",
      presetFile(false),
      "--env",
      postmanFile(`127.0.0.1:${server.port}`),
      "--out",
      out,
    ]);
    expect(ran.code).toBe(0);
    const text = readFileSync(out, "utf8");
    expect(text).not.toContain(TOKEN);
    const script = JSON.parse(text) as { config: { target: string; socketio: { auth: unknown } } };
    expect(script.config.target).toBe(`http://127.0.0.1:${server.port}`);
    expect(script.config.socketio.auth).toEqual({ token: "{{ $env.TOKEN }}" });
    expect(ran.out).toContain("note: the secret {{token}} is read from the runner's environment as $TOKEN");
  });
});
