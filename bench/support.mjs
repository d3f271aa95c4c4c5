import { fork } from "node:child_process";
import { build } from "esbuild";
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("..", import.meta.url));

/** Starts bench/server.mjs in its own process; resolves with its URL, a way to await its next message, and stop. */
export function startBenchServer() {
  const child = fork(`${root}bench/server.mjs`, [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const next = () => new Promise((resolve) => child.once("message", resolve));
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("message", ({ port }) =>
      resolve({ url: `http://127.0.0.1:${port}`, next, stop: () => child.disconnect() }),
    );
  });
}

/** Our client, bundled for Node (dependencies stay external, as for the official client). */
export async function loadOurClient() {
  mkdirSync(`${root}dist/bench`, { recursive: true });
  const outfile = `${root}dist/bench/ours.mjs`;
  await build({
    entryPoints: [`${root}src/client/index.ts`],
    bundle: true,
    platform: "node",
    format: "esm",
    packages: "external",
    outfile,
    logLevel: "error",
  });
  return import(outfile);
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

export const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
