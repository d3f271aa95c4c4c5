import { execFileSync, spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { startLocalServer } from "../server/local-server.js";
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

/**
 * Opens an address in the desktop's browser, where there is one to open: a terminal (not a pipe or CI), and on
 * Linux a graphical session. @returns whether it tried.
 */
function openBrowser(url: string): boolean {
  if (!process.stdout.isTTY || process.env.CI) return false;
  const how: [string, string[]] | undefined =
    process.platform === "darwin"
      ? ["open", [url]]
      : process.platform === "win32"
        ? ["cmd", ["/c", "start", '""', url.replace(/&/g, "^&")]]
        : process.env.DISPLAY || process.env.WAYLAND_DISPLAY
          ? ["xdg-open", [url]]
          : undefined;
  if (!how) return false;
  const child = spawn(how[0], how[1], { stdio: "ignore", detached: true });
  child.on("error", () => undefined); // no opener installed: the printed address is there
  child.unref();
  return true;
}

/**
 * `serve` and the default command: the local server with the built inspector (built first, in a clone, only when
 * stale), its relay, and the same-origin proxy when given a target. `fragment`: what the address opens (`open
 * <link>`: a share link's preset), kept by the browser through the page's first redirect.
 */
export async function serveCommand(
  options: ServeOptions,
  o: Output,
  root: string,
  fragment = "",
): Promise<() => Promise<void>> {
  if (buildIsStale(root)) {
    o.out("The inspector's build is older than its sources: building it (vite build)...");
    execFileSync(process.execPath, [join(root, "node_modules/vite/bin/vite.js"), "build", "--logLevel", "warn"], {
      cwd: root,
      stdio: "inherit",
    });
  } else if (existsSync(join(root, "src/ui"))) o.out("The inspector's build is current: serving it as it is.");
  const headers = Object.fromEntries(options.headers.map((h) => [h.name, h.value]));
  const server = await startLocalServer({
    ...(options.target ? { target: options.target } : {}),
    port: options.port ?? (options.target ? 5174 : 5173),
    host: options.host,
    path: options.path,
    headers,
    root: join(root, "dist/inspector/"),
  });
  const address = server.url + fragment;
  o.out(`inspector: ${address}`);
  if (options.target)
    o.out(`  (proxying ${options.path} to ${options.target}; the address carries this run's token, open it as it is)`);
  else o.out("  (the address carries this run's token: open it as it is; Ctrl+C stops the server)");
  if (options.open && openBrowser(address)) o.out("  opening it in your browser...");
  return server.close;
}

export { packageRoot } from "../server/package-root.js";
