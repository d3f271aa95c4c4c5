// The package's figures as the README states them (its size, unpacked size, file count, and what an install takes),
// read from the README and compared with those of the build: scripts/check-package.mjs fails naming each figure that
// differs, with both values, or writes them (--write-readme). Sizes are in npm's units, as `npm pack` prints them
// (1 kB = 1,000 bytes, 1 MB = 1,000,000 bytes).
import { lstatSync, readdirSync } from "node:fs";
import { join } from "node:path";

/**
 * @typedef {{ size: number; unpackedSize: number; entryCount: number; installedBytes: number }} Measured
 * @typedef {{ name: string; pattern: RegExp; value: string }} Figure one figure: its name, where the README says it
 *   (the value is the first group), and what the build makes it
 */

/** @param {number} bytes */
const kB = (bytes) => `${Math.round(bytes / 1000)}`;
/** @param {number} bytes */
const MB = (bytes) => (bytes / 1_000_000).toFixed(1);

/**
 * The figures of a build, each with the words around it in the README (a line break may fall between any two words).
 * @param {Measured} m
 * @returns {Figure[]}
 */
export function packageFigures(m) {
  return [
    { name: "the tarball's size (kB)", pattern: /The\s+tarball\s+is\s+([\d.,]+)\s+kB/, value: kB(m.size) },
    { name: "the unpacked size (MB)", pattern: /\(([\d.,]+)\s+MB\s+unpacked,/, value: MB(m.unpackedSize) },
    { name: "the number of files", pattern: /MB\s+unpacked,\s+([\d,]+)\s+files/, value: String(m.entryCount) },
    {
      name: "the size installed with its dependencies (MB)",
      pattern: /it\s+takes\s+([\d.,]+)\s+MB\s+of\s+`node_modules`/,
      value: MB(m.installedBytes),
    },
  ];
}

/**
 * What differs between the README and the build: one line per figure, naming it with both values; a figure the README
 * does not state at all is named too.
 * @param {string} readme
 * @param {Figure[]} figures
 * @returns {string[]}
 */
export function checkFigures(readme, figures) {
  const problems = [];
  for (const f of figures) {
    const found = f.pattern.exec(readme);
    if (!found)
      problems.push(`README.md does not state ${f.name} (looked for ${f.pattern}); the build's is ${f.value}`);
    else if (found[1] !== f.value)
      problems.push(`README.md states ${f.name} as ${found[1]}; the build's is ${f.value} (write it: --write-readme)`);
  }
  return problems;
}

/**
 * The README with the build's figures written in place of those it states (each where its pattern finds it).
 * @param {string} readme
 * @param {Figure[]} figures
 */
export function writeFigures(readme, figures) {
  let text = readme;
  for (const f of figures) {
    const found = f.pattern.exec(text);
    if (!found || found[1] === undefined) continue;
    const at = found.index + found[0].indexOf(found[1]);
    text = text.slice(0, at) + f.value + text.slice(at + found[1].length);
  }
  return text;
}

/**
 * The bytes of the files under a folder (what `du --apparent-size` counts for files, folders themselves left out).
 * @param {string} path
 * @returns {number}
 */
export function filesBytes(path) {
  const stat = lstatSync(path); // a link (node_modules/.bin) counts as itself, not as what it points to
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, entry) => sum + filesBytes(join(path, entry)), 0);
}
