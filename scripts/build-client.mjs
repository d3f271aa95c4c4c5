// Builds src/client for use on its own:
//   dist/client/socket.io.esm.js  ES module (import { io } from ".../socket.io.esm.js")
//   dist/client/socket.io.v2.esm.js  the same with the v2 mode (import { io, v2 } from ".../socket.io.v2.esm.js")
//   dist/client/socket.io.js      standalone script that defines the global `io`
//   dist/client/types/            type declarations for both
// Dependencies are bundled in. Their browser builds carry no debug logging (engine.io-client and
// socket.io-parser keep it in a separate "esm-debug" build that only Node resolves).
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";

const out = "dist/client";
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

/**
 * Shared by the builds and by the bundle-size benchmark, so both clients are measured alike.
 * @type {import("esbuild").BuildOptions}
 */
export const browserBundle = {
  bundle: true,
  minify: true,
  platform: "browser",
  target: "es2020",
  legalComments: "none",
};

await build({
  ...browserBundle,
  entryPoints: ["src/client/index.ts"],
  format: "esm",
  outfile: `${out}/socket.io.esm.js`,
});
// The v2 mode, for Socket.IO v2 servers: the client and the v2 protocol in one ES module (the plain build stays without it).
await build({
  ...browserBundle,
  entryPoints: ["src/client/v2/bundle.ts"],
  format: "esm",
  outfile: `${out}/socket.io.v2.esm.js`,
});
await build({
  ...browserBundle,
  entryPoints: ["src/client/browser.ts"],
  format: "iife",
  globalName: "io",
  // The IIFE yields the module namespace; the global must be the io function itself.
  footer: { js: "io=io.default;" },
  outfile: `${out}/socket.io.js`,
});

execFileSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.client.json"], { stdio: "inherit" });
writeFileSync(
  `${out}/socket.io.esm.d.ts`,
  'export * from "./types/index.js";\nexport { default } from "./types/index.js";\n',
);
writeFileSync(
  `${out}/socket.io.v2.esm.d.ts`,
  'export * from "./types/index.js";\nexport { default } from "./types/index.js";\nexport * from "./types/v2/index.js";\n',
);
writeFileSync(
  `${out}/socket.io.d.ts`,
  'declare global {\n  // eslint-disable-next-line no-var\n  var io: typeof import("./types/lookup.js").io;\n}\nexport {};\n',
);
console.log(`built ${out}/socket.io.esm.js, ${out}/socket.io.js and type declarations`);
