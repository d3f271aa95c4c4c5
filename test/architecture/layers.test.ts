// The layers (client < core < ui, cli and server) as lint keeps them: a deliberate violation in each folder fails,
// and the command line's bundle holds no module of the page.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
import { buildCli } from "../../scripts/build-cli.mjs";

const eslint = new ESLint({ cwd: process.cwd() });

/** The boundary messages lint gives for one import written in a file of a folder. */
async function boundaryErrors(filePath: string, importLine: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${importLine}\nexport const used = x;\n`, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

describe("lint keeps the layers", () => {
  it.each([
    ["src/client/fixture.ts", 'import { x } from "../core/feed/feed.js";', "src/client is the library"],
    ["src/client/fixture.ts", 'import { x } from "vue";', "src/client is the library"],
    ["src/core/feed/fixture.ts", 'import { x } from "../../ui/timeline/store.js";', "src/core is shared"],
    ["src/core/feed/fixture.ts", 'import { x } from "pinia";', "src/core is shared"],
    ["src/core/feed/fixture.ts", 'import { x } from "node:fs";', "src/core is shared"],
    ["src/core/feed/fixture.ts", 'import { x } from "../../server/proxy.js";', "src/core is shared"],
    ["src/cli/fixture.ts", 'import { x } from "../ui/connection/store.js";', "src/cli imports no src/ui"],
    ["src/server/fixture.ts", 'import { x } from "../ui/shell/store.js";', "src/server imports no src/ui"],
    ["src/ui/timeline/fixture.ts", 'import { x } from "../../server/proxy.js";', "src/ui runs in the browser"],
    ["src/ui/timeline/fixture.ts", 'import { x } from "../../extension/protocol.js";', "src/ui runs in the browser"],
    ["src/core/feed/fixture.ts", 'import { x } from "../../extension/protocol.js";', "src/core is shared"],
    ["src/cli/fixture.ts", 'import { x } from "../extension/protocol.js";', "src/cli imports no src/ui"],
    ["src/server/fixture.ts", 'import { x } from "../extension/protocol.js";', "src/server imports no src/ui"],
    ["src/client/fixture.ts", 'import { x } from "../extension/protocol.js";', "src/client is the library"],
    [
      "src/extension/panel/fixture.ts",
      'import { x } from "../../cli/args.js";',
      "src/extension is the browser extension",
    ],
    ["src/extension/fixture.ts", 'import { x } from "../server/relay.js";', "src/extension is the browser extension"],
    ["src/extension/fixture.ts", 'import { x } from "node:fs";', "src/extension is the browser extension"],
  ])("%s: %s is refused", async (file, line, words) => {
    const errors = await boundaryErrors(file, line);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(words);
  });

  it.each([
    ["src/core/feed/fixture.ts", 'import { x } from "../../client/manager.js";'],
    ["src/ui/timeline/fixture.ts", 'import { x } from "../../core/feed/feed.js";'],
    ["src/cli/fixture.ts", 'import { x } from "../server/proxy.js";'],
    ["src/extension/panel/fixture.ts", 'import { x } from "../../ui/timeline/store.js";'],
    ["src/extension/fixture.ts", 'import { x } from "../core/capture/cdp-methods.js";'],
  ])("%s: %s is allowed (the arrows point one way)", async (file, line) => {
    expect(await boundaryErrors(file, line)).toEqual([]);
  });
});

describe("the command line's bundle", () => {
  it("holds the core and the server, and no module of src/ui", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cli-bundle-"));
    await buildCli(join(dir, "cli.mjs"));
    const meta = JSON.parse(readFileSync(join(dir, "meta.json"), "utf8")) as { inputs: Record<string, unknown> };
    const inputs = Object.keys(meta.inputs);
    expect(inputs.some((i) => i.startsWith("src/core/"))).toBe(true);
    expect(inputs.some((i) => i.startsWith("src/server/"))).toBe(true);
    expect(inputs.filter((i) => i.startsWith("src/ui/"))).toEqual([]);
  }, 30_000);
});
