// Checks the package as npm would publish it, from the current build (run by `npm test` after `npm run build`):
//   - the tarball holds what a user runs (the bin, the command line, the page, the library) and no test, e2e,
//     bench or source file;
//   - publint: package.json's fields point at files that exist and say what they are;
//   - @arethetypeswrong/cli: the `./client` and `./client/v2` subpaths resolve with their types under Node's ESM
//     resolution and bundlers (the package is ESM only, so CommonJS `require` is out of its profile).
//   - the README's figures of the package (the tarball's size, its unpacked size, its file count, and the size of an
//     install with its dependencies, from the tarball into an empty folder) are this build's (package-figures.mjs).
// Prints the tarball's size, its unpacked size and its file count. Exits 1 with what is wrong.
//   node scripts/check-package.mjs [--keep <folder>] [--write-readme]
//     --keep: leave the tarball there; --write-readme: write this build's figures into README.md instead of checking
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { checkFigures, filesBytes, packageFigures, writeFigures } from "./package-figures.mjs";

const keepAt = process.argv.indexOf("--keep");
const folder = keepAt === -1 ? mkdtempSync(join(tmpdir(), "sio-pack-")) : process.argv[keepAt + 1];
if (!folder) {
  console.error("check-package: --keep needs the folder to keep the tarball in");
  process.exit(2);
}
/** @type {string[]} */
const problems = [];

/**
 * What `npm pack --json` says of the tarball it made.
 * @typedef {{ filename: string; size: number; unpackedSize: number; entryCount: number; files: Array<{ path: string }> }} Packed
 */
// --ignore-scripts: the build is the one just made (prepack would build it again).
const [packed] = /** @type {Packed[]} */ (
  JSON.parse(
    execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", folder], { encoding: "utf8" }),
  )
);
if (!packed) throw new Error("npm pack --json described no tarball");
const files = packed.files.map((f) => f.path);
const forbidden = files.filter((f) => /^(test|e2e|bench|src|scripts|demo|docs)\//.test(f) || /\.test\./.test(f));
if (forbidden.length) problems.push(`the tarball holds files users do not need: ${forbidden.slice(0, 10).join(", ")}`);
for (const needed of [
  "bin/socketio-inspector.mjs",
  "dist/cli/socketio-inspector.mjs",
  "dist/inspector/index.html",
  "dist/lib/client/index.js",
  "dist/lib/client/index.d.ts",
  "dist/lib/client/v2/index.js",
  "LICENSE",
  "README.md",
]) {
  if (!files.includes(needed)) problems.push(`the tarball lacks ${needed}`);
}
const tarball = join(folder, packed.filename);

const bytes = readFileSync(tarball);
const { messages, pkg } = await publint({
  pkgDir: "package", // the tarball's own folder
  level: "suggestion",
  pack: { tarball: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) },
});
for (const message of messages) problems.push(`publint (${message.type}): ${formatMessage(message, pkg)}`);

try {
  execFileSync(
    process.execPath,
    ["node_modules/@arethetypeswrong/cli/dist/index.js", tarball, "--profile", "esm-only", "--format", "table-flipped"],
    { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
  );
} catch (err) {
  // execFileSync's error carries the child's output.
  const { stdout, stderr } = /** @type {{ stdout?: string; stderr?: string }} */ (err);
  problems.push(`@arethetypeswrong/cli:\n${stdout}${stderr}`);
}

// What an install takes: the tarball installed into an empty folder with its dependencies (from npm's cache when it
// has them), as a user's `npm install` does.
const app = join(folder, "install");
mkdirSync(app);
writeFileSync(join(app, "package.json"), JSON.stringify({ private: true, type: "module" }));
execFileSync("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--ignore-scripts", tarball], {
  cwd: app,
  stdio: "pipe",
});
const figures = packageFigures({ ...packed, installedBytes: filesBytes(join(app, "node_modules")) });
rmSync(app, { recursive: true, force: true });
const readme = readFileSync("README.md", "utf8");
if (process.argv.includes("--write-readme")) {
  writeFileSync("README.md", writeFigures(readme, figures));
  console.log(`check-package: README.md's figures written: ${figures.map((f) => `${f.name} ${f.value}`).join(", ")}`);
} else problems.push(...checkFigures(readme, figures));

// npm's units, as `npm pack` prints them and the README states them.
const kB = (/** @type {number} */ n) => `${(n / 1000).toFixed(1)} kB`;
console.log(
  `package: ${packed.filename}: ${kB(packed.size)} packed, ${kB(packed.unpackedSize)} unpacked, ${packed.entryCount} files`,
);
if (keepAt === -1) rmSync(folder, { recursive: true, force: true });
if (problems.length) {
  for (const p of problems) console.error(`check-package: ${p}`);
  process.exit(1);
}
console.log("check-package: publint and @arethetypeswrong/cli report no problem; no test, e2e, bench or source file");
