import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { fail } from "../core/shared/errors.js";

/**
 * The folder of this package (where its package.json is), found from this module's own place: the sources
 * (src/server/) and the built command line (dist/cli/) sit at different depths.
 */
export function packageRoot(from = fileURLToPath(import.meta.url)): string {
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === "socketio-inspector"
    )
      return dir;
    if (dirname(dir) === dir) fail("package-not-found", { from });
  }
}

/** The built page's folder (dist/inspector/), with its trailing separator. */
export const builtInspector = (): string => join(packageRoot(), "dist", "inspector") + "/";
