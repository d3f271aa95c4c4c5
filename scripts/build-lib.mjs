// Builds the client library for the package's `socketio-inspector/client` (and `/client/v2`) subpaths:
// dist/lib/client/, one ES module per source file with its type declarations, its dependencies (engine.io-client,
// socket.io-parser) left to the consumer's resolver, so that a bundler tree-shakes it as it does the sources.
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";

rmSync("dist/lib", { recursive: true, force: true });
execFileSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.lib.json"], { stdio: "inherit" });
