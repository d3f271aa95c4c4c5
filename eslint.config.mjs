// Lint: ESLint's recommended rules, typescript-eslint's, and eslint-plugin-vue's; layout is Prettier's alone
// (eslint-config-prettier turns off the rules that would fight it). `npm test` runs both.
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import vue from "eslint-plugin-vue";
import globals from "globals";
import tseslint from "typescript-eslint";

/** A layer's boundary: what the files of a folder may not import, and why (the message names the layer). */
function layer(files, forbidden, message) {
  return [
    { files: [files], rules: { "no-restricted-imports": ["error", { patterns: [{ group: forbidden, message }] }] } },
  ];
}

/**
 * Error words are read in one place: the table (src/core/shared/error-words/) and other programs' words
 * (src/core/shared/peer-words.ts). Anywhere else, logic reads a code, never an error's words: these are the ways a
 * text would be read back (searched, matched, compared with a literal). `WORDY` names what holds such words.
 */
const WORDY = "/^(message|error|problem|failure|refusal|warning|reason)$/";
const WORDS_MESSAGE =
  "Logic reads an error's code, not its words: give the problem a code in src/core/shared/error-words/ (another program's words go in src/core/shared/peer-words.ts).";
const SEARCHES = "/^(includes|match|matchAll|startsWith|endsWith|search|indexOf|lastIndexOf|localeCompare)$/";
const wordsRead = [
  // err.message.includes("..."), message.startsWith("..."), result.error.match(/.../)
  `CallExpression[callee.property.name=${SEARCHES}][callee.object.property.name=${WORDY}]`,
  `CallExpression[callee.property.name=${SEARCHES}][callee.object.name=${WORDY}]`,
  // /.../.test(err.message), /.../.exec(message), "...".includes(err.message)
  `CallExpression[callee.property.name=/^(test|exec|includes)$/][arguments.0.property.name=${WORDY}]`,
  `CallExpression[callee.property.name=/^(test|exec|includes)$/][arguments.0.name=${WORDY}]`,
  // err.message === "...", "..." !== message, message == `...`
  `BinaryExpression[operator=/^[!=]==?$/][left.property.name=${WORDY}][right.raw=/^["']/]`,
  `BinaryExpression[operator=/^[!=]==?$/][left.name=${WORDY}][right.raw=/^["']/]`,
  `BinaryExpression[operator=/^[!=]==?$/][right.property.name=${WORDY}][left.raw=/^["']/]`,
  `BinaryExpression[operator=/^[!=]==?$/][right.name=${WORDY}][left.raw=/^["']/]`,
  `BinaryExpression[operator=/^[!=]==?$/][left.property.name=${WORDY}][right.type="TemplateLiteral"]`,
  `BinaryExpression[operator=/^[!=]==?$/][left.name=${WORDY}][right.type="TemplateLiteral"]`,
  // switch (err.message) { case "...": }
  `SwitchStatement[discriminant.property.name=${WORDY}]`,
  `SwitchStatement[discriminant.name=${WORDY}]`,
].map((selector) => ({ selector, message: WORDS_MESSAGE }));

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "test-results/**", "playwright-report/**", "bench/results/**", "docs/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs["flat/recommended"],
  {
    files: ["**/*.vue"],
    languageOptions: {
      parserOptions: { parser: tseslint.parser, extraFileExtensions: [".vue"], sourceType: "module" },
    },
  },
  { languageOptions: { globals: { ...globals.browser, ...globals.node } } },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
      "no-restricted-imports": "off",
    },
  },
  // The layers, one way: client < core < ui, cli and server; the browser extension on top of ui (nothing imports
  // it). Each block names what its folder may not import.
  ...layer(
    "src/client/**/*.{ts,vue}",
    ["**/core/**", "**/ui/**", "**/cli/**", "**/server/**", "**/extension/**", "vue", "pinia"],
    "src/client is the library: it imports nothing of ours outside itself, and no framework.",
  ),
  ...layer(
    "src/core/**/*.{ts,vue}",
    ["**/ui/**", "**/cli/**", "**/server/**", "**/extension/**", "vue", "pinia", "node:*"],
    "src/core is shared by the page, the command line and the extension: no framework, no src/ui, src/cli, src/server or src/extension, no Node built-ins.",
  ),
  ...layer(
    "src/ui/**/*.{ts,vue}",
    ["**/cli/**", "**/server/**", "**/extension/**", "node:*"],
    "src/ui runs in the browser: no src/cli, src/server, src/extension or Node built-ins.",
  ),
  ...layer(
    "src/cli/**/*.ts",
    ["**/ui/**", "**/extension/**", "vue", "pinia"],
    "src/cli imports no src/ui (the page's code), no src/extension and no framework.",
  ),
  ...layer(
    "src/server/**/*.ts",
    ["**/ui/**", "**/cli/**", "**/extension/**", "vue", "pinia"],
    "src/server imports no src/ui, src/cli or src/extension, and no framework.",
  ),
  ...layer(
    "src/extension/**/*.{ts,vue}",
    ["**/cli/**", "**/server/**", "node:*"],
    "src/extension is the browser extension: it builds on src/ui, src/core and src/client; no src/cli, src/server or Node built-ins.",
  ),
  {
    files: ["src/**/*.{ts,vue}"],
    ignores: ["src/core/shared/error-words/**", "src/core/shared/peer-words.ts"],
    rules: { "no-restricted-syntax": ["error", ...wordsRead] },
  },
  prettier,
);
