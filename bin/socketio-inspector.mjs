#!/usr/bin/env node
// socketio-inspector run <file> | serve: see `socketio-inspector help`. The tool itself is built by `npm run build`.
import { existsSync } from "node:fs";

const built = new URL("../dist/cli/socketio-inspector.mjs", import.meta.url);
if (!existsSync(built)) {
  console.error("socketio-inspector: not built yet: run `npm run build` (or `npm run build:cli`) first");
  process.exit(2);
}
await import(built.href);
