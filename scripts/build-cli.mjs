// Builds the command-line tool (src/cli, with src/core and src/server) into dist/cli/socketio-inspector.mjs, run by
// bin/socketio-inspector.mjs; esbuild's metafile goes beside it (meta.json: what went in, read by a test).
//   node scripts/build-cli.mjs [outfile]
// Node resolves the dependencies from node_modules at run time (engine.io-client's Node build, with ws).
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

export async function buildCli(outfile = "dist/cli/socketio-inspector.mjs") {
  const result = await build({
    entryPoints: ["src/cli/main.ts"],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    outfile,
    metafile: true,
    logLevel: "warning",
  });
  writeFileSync(join(dirname(outfile), "meta.json"), JSON.stringify(result.metafile));
  return result;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildCli(process.argv[2]);
