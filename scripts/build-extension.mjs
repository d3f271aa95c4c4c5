// Builds the browser extension (src/extension) into dist/extension/, unpacked (Load unpacked in chrome://extensions),
// and dist/socketio-inspector-extension-<version>.zip, versioned with package.json:
//   the panel and DevTools pages with Vite (vite.extension.config.ts), the background worker with esbuild (one file,
//   no chunks: a worker's imports must all be static), the manifest with the package's version, its icons.
//   node scripts/build-extension.mjs
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { deflateSync } from "node:zlib";
import { build as esbuild } from "esbuild";
import { build as vite } from "vite";
import { crc32, zip } from "./zip.mjs";

export const OUT = "dist/extension";

/**
 * The manifest as shipped: the source's, with the package's version.
 * @param {string} [version]
 * @returns {Record<string, unknown> & { version: string }}
 */
export function extensionManifest(version = packageVersion()) {
  const manifest = JSON.parse(readFileSync("src/extension/manifest.json", "utf8"));
  return { ...manifest, version };
}

/** @returns {string} package.json's version */
export function packageVersion() {
  return JSON.parse(readFileSync("package.json", "utf8")).version;
}

/**
 * A square PNG of `size` px: the icon, a disc in the inspector's accent with a ring inside (drawn, not a file).
 * @param {number} size
 * @returns {Buffer}
 */
export function iconPng(size) {
  const rows = [];
  const c = (size - 1) / 2;
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4); // filter byte 0, then RGBA
    for (let x = 0; x < size; x++) {
      const d = Math.hypot(x - c, y - c) / (size / 2);
      const ring = d > 0.42 && d < 0.62;
      const [r, g, b, a] = d > 0.98 ? [0, 0, 0, 0] : ring ? [255, 255, 255, 255] : [10, 93, 176, 255];
      row.set([r, g, b, a], 1 + x * 4);
    }
    rows.push(row);
  }
  /** @param {string} type @param {Buffer} data */
  const chunk = (type, data) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, "ascii");
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
    return Buffer.concat([head, data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/**
 * @param {string} dir
 * @returns {string[]} the files under it, sorted
 */
function files(dir) {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : [join(dir, name)]));
}

/** @returns {Promise<{ folder: string; archive: string }>} */
export async function buildExtension() {
  const version = packageVersion();
  await vite({ configFile: "vite.extension.config.ts", logLevel: "warn" });
  await esbuild({
    entryPoints: ["src/extension/background.ts"],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "chrome118",
    minify: true,
    legalComments: "none",
    outfile: join(OUT, "background.js"),
    logLevel: "warning",
  });
  mkdirSync(join(OUT, "icons"), { recursive: true });
  for (const size of [16, 32, 48, 128]) writeFileSync(join(OUT, "icons", `icon-${size}.png`), iconPng(size));
  writeFileSync(join(OUT, "manifest.json"), `${JSON.stringify(extensionManifest(version), null, 2)}\n`);
  const archive = `dist/socketio-inspector-extension-${version}.zip`;
  writeFileSync(
    archive,
    zip(files(OUT).map((file) => ({ name: relative(OUT, file).split("\\").join("/"), data: readFileSync(file) }))),
  );
  return { folder: OUT, archive };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { folder, archive } = await buildExtension();
  console.log(`extension: ${folder}/ (Load unpacked) and ${archive}`);
}
