import { fork } from "node:child_process";
import { build } from "esbuild";
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("..", import.meta.url));

/** @typedef {{ url: string; next(): Promise<unknown>; stop(): void }} BenchServer */

/**
 * Starts bench/server.mjs in its own process; resolves with its URL, a way to await its next message, and stop.
 * @returns {Promise<BenchServer>}
 */
export function startBenchServer() {
  const child = fork(`${root}bench/server.mjs`, [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const next = () => new Promise((resolve) => child.once("message", resolve));
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("message", (/** @type {{ port: number }} */ { port }) =>
      resolve({ url: `http://127.0.0.1:${port}`, next, stop: () => child.disconnect() }),
    );
  });
}

/**
 * Our client, bundled for Node (dependencies stay external, as for the official client).
 * @returns {Promise<typeof import("../src/client/index.js")>}
 */
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

/** @param {number[]} xs */
export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  // Number(): an index past the end (an empty list) reads as NaN, as the sum of two undefined did.
  return s.length % 2 ? Number(s[m]) : (Number(s[m - 1]) + Number(s[m])) / 2;
};

/**
 * @param {number[]} xs
 * @param {number} p from 0 to 100
 */
export const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return /** @type {number} */ (s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]);
};

/** @param {number} ms */
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
