import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { startInspectProxy } from "../server/proxy.js";
import { serveInspector } from "../server/static-files.js";
import type { ServeOptions } from "./args.js";
import type { Output } from "./terminal.js";

/** What the inspector's build is made from: newer than the build, and `serve` builds again. */
const SOURCES = ["src/ui", "src/core", "src/client", "index.html", "vite.config.ts", "package.json"];

function newest(path: string): number {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

/**
 * Whether the built inspector is older than its sources (or missing). A package installed without its sources
 * (only dist/) is current by definition.
 */
export function buildIsStale(root: string): boolean {
  const built = statSync(join(root, "dist/inspector/index.html"), { throwIfNoEntry: false });
  if (!built) return true;
  if (!existsSync(join(root, "src/ui"))) return false;
  return Math.max(...SOURCES.map((s) => newest(join(root, s)))) > built.mtimeMs;
}

/** `serve`: the built inspector (built first only when stale), with the same-origin proxy when given a target. */
export async function serveCommand(options: ServeOptions, o: Output, root: string): Promise<() => Promise<void>> {
  if (buildIsStale(root)) {
    o.out("The inspector's build is older than its sources: building it (vite build)...");
    execFileSync(process.execPath, [join(root, "node_modules/vite/bin/vite.js"), "build", "--logLevel", "warn"], {
      cwd: root,
      stdio: "inherit",
    });
  } else o.out("The inspector's build is current: serving it as it is.");
  if (options.target) {
    const headers = Object.fromEntries(options.headers.map((h) => [h.name, h.value]));
    const proxy = await startInspectProxy({
      target: options.target,
      port: options.port ?? 5174,
      host: options.host,
      path: options.path,
      headers,
      root: join(root, "dist/inspector/"),
    });
    o.out(`inspector: ${proxy.url}`);
    o.out(`  (proxying ${options.path} to ${options.target}; the address carries this run's token, open it as it is)`);
    return proxy.close;
  }
  const site = await serveInspector({
    port: options.port ?? 5173,
    host: options.host,
    root: join(root, "dist/inspector/"),
  });
  o.out(`inspector: ${site.url}`);
  return site.close;
}

export { packageRoot } from "../server/package-root.js";
