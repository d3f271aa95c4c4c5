// Error words are read in one place (the table, src/core/shared/error-words/, and other programs' words,
// src/core/shared/peer-words.ts): lint refuses every way of reading them back anywhere else in src, and lets logic
// read codes.
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint({ cwd: process.cwd() });

/** How many times lint refuses reading error words in a snippet written in a file. */
async function wordReads(filePath: string, code: string): Promise<number> {
  const [result] = await eslint.lintText(code, { filePath });
  const fatal = (result?.messages ?? []).filter((m) => m.fatal);
  expect(fatal).toEqual([]); // the snippet parses: a refusal below is the rule's, not a syntax error's
  return (result?.messages ?? []).filter(
    (m) => m.ruleId === "no-restricted-syntax" && m.message.startsWith("Logic reads an error's code"),
  ).length;
}

const declared =
  "declare const err: Error; declare const message: string; declare const r: { error: string; reason: string };\n";

describe("lint refuses reading error words outside the table", () => {
  it.each([
    ['err.message.includes("refused")'],
    ['message.startsWith("Argument ")'],
    ["r.error.match(/^Argument (\\d+):/)"],
    ['err.message.endsWith("timed out")'],
    ["/not found/.test(err.message)"],
    ["/^Argument (\\d+):/.exec(r.error)"],
    ["/timed out/.test(message)"],
    ['err.message === "Invalid namespace"'],
    ['"Invalid namespace" !== err.message'],
    ['message === "Unable to connect"'],
    ['r.reason === "forced close"'],
    ["err.message === `Invalid ${message}`"],
    ['["a", "b"].includes(err.message)'],
    ['switch (err.message) { case "x": break; }'],
  ])("src/core: %s is refused", async (line) => {
    expect(await wordReads("src/core/feed/fixture.ts", `${declared}export const x = () => { ${line}; };\n`)).toBe(1);
  });

  it.each([
    ["src/client/fixture.ts"],
    ["src/ui/composer/fixture.ts"],
    ["src/cli/fixture.ts"],
    ["src/server/fixture.ts"],
    ["src/extension/fixture.ts"],
  ])("%s: the same reading is refused in every layer, the library's included", async (file) => {
    expect(await wordReads(file, `${declared}export const x = /refused/.test(err.message);\n`)).toBe(1);
  });

  it("a Vue component's script is held to it too", async () => {
    const sfc = `<script setup lang="ts">\n${declared}const bad = /^Argument (\\d+):/.exec(r.error);\n</script>\n<template><p>{{ bad }}</p></template>\n`;
    expect(await wordReads("src/ui/composer/Fixture.vue", sfc)).toBe(1);
  });

  it.each([["src/core/shared/error-words/fixture.ts"], ["src/core/shared/peer-words.ts"]])(
    "%s, where words are read, may read them",
    async (file) => {
      expect(await wordReads(file, `${declared}export const x = err.message === "Invalid namespace";\n`)).toBe(0);
    },
  );

  it("logic that reads codes, or checks that a message is there at all, passes", async () => {
    const code =
      "declare const err: { code: string; message: string }; declare const r: { error?: { code: string } };\n" +
      'export const a = err.code === "namespace-not-open";\n' +
      'export const b = r.error?.code === "header-name-invalid";\n' +
      "export const c = err.message.length > 0;\n" +
      'export const d = [err.message].join("; ");\n';
    expect(await wordReads("src/core/feed/fixture.ts", code)).toBe(0);
  });
});
