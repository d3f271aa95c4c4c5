// Builds the command-line tool (src/cli) into dist/cli/socketio-inspector.mjs, run by bin/socketio-inspector.mjs.
//   node scripts/build-cli.mjs [outfile]
// Node resolves the dependencies from node_modules at run time (engine.io-client's Node build, with ws).
import { build } from "esbuild";

const outfile = process.argv[2] ?? "dist/cli/socketio-inspector.mjs";
await build({
  entryPoints: ["src/cli/main.ts"],
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  outfile,
  logLevel: "warning",
});
