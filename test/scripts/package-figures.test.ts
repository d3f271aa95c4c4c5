// The README's package figures checked against the build's (scripts/package-figures.mjs, run by check-package in
// `npm test`): a figure that differs is named with both values, one the README does not state is named too, and
// --write-readme writes them in place. Sizes in npm's units (1 kB = 1,000 bytes).
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { checkFigures, filesBytes, packageFigures, writeFigures } from "../../scripts/package-figures.mjs";

const readme = `The tarball is 355 kB (1.1 MB
unpacked, 48 files: the command line, ...); installed with its dependencies it takes 2.4 MB of \`node_modules\`.`;
const build = packageFigures({ size: 472_049, unpackedSize: 1_512_345, entryCount: 83, installedBytes: 2_987_654 });

describe("the README's package figures", () => {
  test("each figure that differs is named with the README's value and the build's", () => {
    expect(checkFigures(readme, build)).toEqual([
      "README.md states the tarball's size (kB) as 355; the build's is 472 (write it: --write-readme)",
      "README.md states the unpacked size (MB) as 1.1; the build's is 1.5 (write it: --write-readme)",
      "README.md states the number of files as 48; the build's is 83 (write it: --write-readme)",
      "README.md states the size installed with its dependencies (MB) as 2.4; the build's is 3.0 (write it: --write-readme)",
    ]);
  });

  test("written, they are the build's, the words around them unchanged, and the check passes", () => {
    const written = writeFigures(readme, build);
    expect(written).toBe(`The tarball is 472 kB (1.5 MB
unpacked, 83 files: the command line, ...); installed with its dependencies it takes 3.0 MB of \`node_modules\`.`);
    expect(checkFigures(written, build)).toEqual([]);
  });

  test("a README that no longer states a figure is told so", () => {
    const problems = checkFigures("The tarball is small.", build);
    expect(problems).toHaveLength(4);
    expect(problems[0]).toMatch(
      /^README\.md does not state the tarball's size \(kB\) \(looked for .+\); the build's is 472$/,
    );
  });

  test("an install's size counts its files' bytes once: a link counts as itself, not as what it points to", () => {
    const dir = mkdtempSync(join(tmpdir(), "figures-"));
    mkdirSync(join(dir, "pkg"));
    writeFileSync(join(dir, "pkg", "a.js"), "x".repeat(1000));
    writeFileSync(join(dir, "b.txt"), "y".repeat(24));
    symlinkSync("pkg/a.js", join(dir, "bin"));
    expect(filesBytes(dir)).toBe(1000 + 24 + "pkg/a.js".length);
  });
});
