import { build } from "esbuild";
import { expect, test } from "vitest";
import { measureBundles } from "../../bench/bundle-size.mjs";

async function bundle(conditions?: string[]): Promise<string> {
  const result = await build({
    entryPoints: ["src/client/index.ts"],
    bundle: true,
    write: false,
    format: "esm",
    platform: "browser",
    ...(conditions ? { conditions } : {}),
  });
  return result.outputFiles[0]!.text;
}

// The `debug` module and its namespaces are what the debug builds of engine.io-client/socket.io-parser add.
const debugMarkers = ["useColors", "engine.io-client:socket", "socket.io-parser"];
const hasDebug = (code: string) =>
  debugMarkers.some((m) => code.includes(m) && (m !== "socket.io-parser" || code.includes(`"${m}"`)));

test("the browser bundle carries no debug logging", async () => {
  expect(hasDebug(await bundle())).toBe(false);
  // The same check finds it when the debug builds are chosen, so it can fail.
  expect(hasDebug(await bundle(["node"]))).toBe(true);
});

test("the bundle-size measurement produces numbers for both clients", async () => {
  const r = await measureBundles();
  for (const side of [r.ours, r.official]) {
    expect(side.min).toBeGreaterThan(10_000);
    expect(side.gzip).toBeGreaterThan(1_000);
    expect(side.gzip).toBeLessThan(side.min);
  }
  expect(r.ratio).toBeCloseTo(r.ours.gzip / r.official.gzip, 10);
});

test("the published types carry no @internal member (stripped), and the public state is there", async () => {
  const { execFileSync } = await import("node:child_process");
  const { mkdtempSync, readFileSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const out = mkdtempSync(join(tmpdir(), "client-types-"));
  execFileSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.client.json", "--outDir", out]);
  const manager = readFileSync(join(out, "manager.d.ts"), "utf8");
  const socket = readFileSync(join(out, "socket.d.ts"), "utf8");
  for (const internal of ["_readyState", "_reconnecting", "_tap", "_packet", "_destroy", "_autoConnect"]) {
    expect(manager, internal).not.toContain(internal);
  }
  expect(manager).toContain("get readyState(): ReadyState;");
  expect(manager).toContain("get reconnecting(): boolean;");
  expect(socket).toContain("emitWithAck");
});
