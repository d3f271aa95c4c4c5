// The Artillery export: what translates, and the exported script run by npm `artillery` 2.0.21 (the last version on
// Node 20) against the demo server with a few virtual users. Artillery is large (about 600 MB installed), so it is
// not a dependency of the project: .ci/run installs it into a cache folder (see ARTILLERY_BIN below).
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
// @ts-expect-error the demo server is plain JavaScript
import { startDemoServer } from "../demo/server.mjs";
import { clientsFrom } from "../src/ui/presets/format.js";
import { DEMO_SCENARIO, shippedPresets } from "../src/ui/presets/shipped.js";
import { toArtillery } from "../src/ui/scenario/artillery.js";

const ARTILLERY_BIN =
  process.env.ARTILLERY_BIN ??
  join(homedir(), ".cache/socketio-inspector/artillery-2.0.21/node_modules/.bin/artillery");

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
    expect(notes).toContain(
      "step 4 (alice emits “add” on / and expects an ack): not translated: Artillery's emit carries one argument, or several strings",
    );
    expect(notes).toContain("step 10 (drop alice's transport): not translated: Artillery has no such step");
    expect(notes).toContain(
      "step 12 (alice emits “echo” on / and expects an ack): not translated: $var alice-id is captured by a step that did not translate",
    );
    expect(notes).toContain(
      "step 6 (bob emits “join” on / and expects an ack): the ack is not checked at $.0.members ($type)",
    );
    // The preset's /admin token is not sent: the scenario's namespaces (/ and /metrics) have no auth.
    expect((script.config as { socketio: unknown }).socketio).toEqual({
      path: "/socket.io",
      transports: ["polling", "websocket"],
    });
    expect(exported("http://127.0.0.1:3001").translated).toBe("5 of 12 steps translated");
  });
});

const installed = existsSync(ARTILLERY_BIN);
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

        // The same script with an ack that cannot match: Artillery checks it, and the users fail.
        const wrong = JSON.parse(
          JSON.stringify(script).replace('"data":["sent"]', '"data":["not what the server says"]'),
        );
        const bad = await run(wrong);
        expect(bad.counters["vusers.failed"]).toBeGreaterThan(0);
        expect(Object.keys(bad.counters).some((k) => k.startsWith("errors."))).toBe(true);
      } finally {
        await demo.close();
      }
    }, 200_000);
  },
);
