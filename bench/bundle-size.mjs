// Bundle size of `{ io }`: our client against the official socket.io-client, bundled by esbuild with
// the same settings (browser platform, ES2020, minified, tree-shaken), then gzip level 9.
// Usage: node bench/bundle-size.mjs [--json]
import { build } from "esbuild";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const settings = { bundle: true, minify: true, platform: "browser", target: "es2020", format: "esm", legalComments: "none", write: false };

async function size(source) {
  const result = await build({ ...settings, stdin: { contents: source, resolveDir: root, loader: "ts" } });
  const code = result.outputFiles[0].contents;
  return { min: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

export async function measureBundles() {
  const ours = await size('export { io } from "./src/client/index.ts";');
  const official = await size('export { io } from "socket.io-client";');
  return { ours, official, ratio: ours.gzip / official.gzip };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await measureBundles();
  if (process.argv.includes("--json")) console.log(JSON.stringify(r));
  else {
    console.log("bundle of { io }      min bytes   min+gzip bytes");
    console.log(`ours                  ${String(r.ours.min).padStart(9)}   ${String(r.ours.gzip).padStart(14)}`);
    console.log(`socket.io-client      ${String(r.official.min).padStart(9)}   ${String(r.official.gzip).padStart(14)}`);
    console.log(`ratio (ours/official) gzip ${r.ratio.toFixed(3)}`);
  }
}
