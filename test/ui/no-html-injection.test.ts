import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

// Data from a server, a preset or a link is rendered with text interpolation only.
test("no v-html, innerHTML or outerHTML anywhere in the page, the core or the browser extension", () => {
  const offenders = [...files("src/ui"), ...files("src/core"), ...files("src/extension")].filter(
    (f) =>
      /\.(vue|ts)$/.test(f) &&
      /v-html|innerHTML|outerHTML|insertAdjacentHTML|document\.write/.test(readFileSync(f, "utf8")),
  );
  expect(offenders).toEqual([]);
  // The check itself can fail: it finds this very pattern in this file.
  expect(/v-html/.test(readFileSync("test/ui/no-html-injection.test.ts", "utf8"))).toBe(true);
});
