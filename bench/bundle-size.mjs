// Bundle size of `{ io }`: our client against the official socket.io-client, bundled by esbuild with
// the same settings (browser platform, ES2020, minified, tree-shaken), then gzip level 9.
// Usage: node bench/bundle-size.mjs [--json]
import { build } from "esbuild";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
/** @type {import("esbuild").BuildOptions} */
const settings = {
  bundle: true,
  minify: true,
  platform: "browser",
  target: "es2020",
  format: "esm",
  legalComments: "none",
  write: false,
};

/** @typedef {{ min: number; gzip: number }} BundleSize */

/**
 * The first file of a build that writes none.
 * @param {import("esbuild").BuildResult} result
 * @param {(path: string) => boolean} [which]
 */
function output(result, which = () => true) {
  const file = result.outputFiles?.find((f) => which(f.path));
  if (!file) throw new Error("esbuild wrote no such file");
  return file.contents;
}

/**
 * The minified and gzipped size of a module's bundle; `resolveDir`: where its imports resolve from.
 * @param {string} source
 * @returns {Promise<BundleSize>}
 */
export async function size(source, resolveDir = root) {
  const result = await build({ ...settings, stdin: { contents: source, resolveDir, loader: "ts" } });
  const code = output(result);
  return { min: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

/**
 * The v2 mode's own code, as a bundler that splits chunks loads it: the v2 entry's chunk beside the shared one,
 * fetched only when the v2 mode is used.
 * @returns {Promise<BundleSize>}
 */
async function v2Chunk() {
  const result = await build({
    ...settings,
    entryPoints: { client: "src/client/index.ts", v2: "src/client/v2/index.ts" },
    absWorkingDir: root,
    splitting: true,
    outdir: "bundle-size-out",
  });
  const chunk = output(result, (path) => /[\\/]v2\.js$/.test(path));
  return { min: chunk.length, gzip: gzipSync(chunk, { level: 9 }).length };
}

/** @returns {Promise<{ ours: BundleSize; official: BundleSize; ratio: number; v2: BundleSize }>} */
export async function measureBundles() {
  const ours = await size('export { io } from "./src/client/index.ts";');
  const official = await size('export { io } from "socket.io-client";');
  return { ours, official, ratio: ours.gzip / official.gzip, v2: await v2Chunk() };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await measureBundles();
  if (process.argv.includes("--json")) console.log(JSON.stringify(r));
  else {
    console.log("bundle of { io }      min bytes   min+gzip bytes");
    console.log(`ours                  ${String(r.ours.min).padStart(9)}   ${String(r.ours.gzip).padStart(14)}`);
    console.log(
      `socket.io-client      ${String(r.official.min).padStart(9)}   ${String(r.official.gzip).padStart(14)}`,
    );
    console.log(`ratio (ours/official) gzip ${r.ratio.toFixed(3)}`);
    console.log(
      `v2 mode chunk         ${String(r.v2.min).padStart(9)}   ${String(r.v2.gzip).padStart(14)}   (loaded only in v2 mode)`,
    );
  }
}
