// Words of the command line (src/cli): an option or a command it cannot take, a file it cannot read or write, what a
// run or a watch could not do. A usage problem ends the command with exit code 2 and a pointer to the help.
import type { Words } from "./say.js";

const quoted = (names: readonly string[]) => names.map((n) => `“${n}”`).join(", ");

export const CLI_WORDS = {
  // Commands and options.
  "command-unknown": (p: { command: string }) =>
    `unknown command "${p.command}": run, open, artillery, har, watch, report or serve (or none: the inspector in a browser)`,
  "option-unknown": (p: { command: string; option: string }) => `${p.command}: unknown option ${p.option}`,
  "option-needs-value": (p: { command: string; option: string }) => `${p.command}: ${p.option} needs a value`,
  "takes-one-file": (p: { command: "run" | "har" | "artillery" }) =>
    `${p.command} takes one file: socketio-inspector ${p.command} <file>`,
  "takes-no-file": (p: { command: string; got: string }) => `${p.command} takes no file (got "${p.got}")`,
  "report-takes-one-file": () => "report takes one session file: socketio-inspector report <session.ndjson>",
  "report-markdown-needs-compare": () =>
    "report: --markdown writes a comparison: give the second session with --compare <file>",
  "report-html-not-with-compare": () =>
    "report: --html is for one session's figures; with --compare, write --markdown <file>",
  "open-takes-one-link": () => "open takes one share link: socketio-inspector open 'http://127.0.0.1:5173/#preset=...'",
  "header-option-form": (p: { got: string }) => `--header takes "Name: value", got ${JSON.stringify(p.got)}`,
  "whole-number-above-zero": (p: { option: string; got: string }) =>
    `${p.option} must be a whole number above 0, got "${p.got}"`,
  "port-invalid": (p: { got: string }) => `--port must be a number from 0 to 65535, got "${p.got}"`,
  "seconds-invalid": (p: { got: string }) => `--for must be a whole number of seconds above 0, got "${p.got}"`,
  "watch-one-url": (p: { got: string }) => `watch takes one app URL (got "${p.got}" too)`,
  "watch-url-scheme": (p: { url: string }) => `watch takes the app's address, http:// or https://, got "${p.url}"`,
  "watch-needs-url": () => "watch takes the app's address (socketio-inspector watch http://localhost:5173), or --cdp",
  "url-option-invalid": (p: { url: string }) =>
    `--url must be a server address such as http://127.0.0.1:3001, got “${p.url}”`,
  "url-option-scheme": (p: { url: string }) =>
    `--url must start with http://, https://, ws:// or wss://, got “${p.url}”`,
  "url-option-not-origin": (p: { origin: string }) =>
    `--url takes the server's address only (${p.origin}): the namespaces and the path come from the preset`,
  "env-name-without-env": () => "--env-name chooses among the environments of --env <file>: give the file",

  // Files.
  /** `option`: the option that named the file, when one did ("--env"). */
  "file-missing": (p: { file: string; option?: string }) => `${p.option ? `${p.option}: ` : ""}no file ${p.file}`,
  "file-over-mb": (p: { file: string; mb: number; option?: string }) =>
    `${p.option ? `${p.option}: ` : ""}${p.file} is over ${p.mb} MB`,
  "file-over-limit": (p: { file: string; mb: number; maxMb: number }) =>
    `${p.file} is ${p.mb} MB: over the limit of ${p.maxMb} MB`,
  "not-a-file": (p: { file: string }) => `${p.file} is not a file`,
  /** `code`: Node's error code. */
  "file-unreadable": (p: { file: string; code: string }) => `cannot read ${p.file} (${p.code})`,
  "cannot-write": (p: { option: string; file: string }) =>
    `${p.option}: cannot write ${p.file} (no such folder, or not writable)`,
  "session-not-har": (p: { file: string }) => `${p.file} is a session file, not a HAR`,

  // What a file holds, and what was asked of it.
  "preset-not-found": (p: { name: string; names: string[] }) =>
    `no preset named “${p.name}” (the file has ${quoted(p.names)})`,
  "scenario-not-found": (p: { names: string[]; has: string[] }) =>
    `no scenario named ${quoted(p.names)} (the file has ${quoted(p.has)})`,
  "file-no-scenario": () => "the file has no scenario: save one from the inspector's Scenario panel",
  "client-url-not-absolute": (p: { client: string; preset: string; url: string }) =>
    `client “${p.client}” of “${p.preset}” has the URL “${p.url}”: give the server with --url`,

  // A run or a watch that could not go on.
  "heap-stopped": (p: { what: "run" | "watch"; usedMb: number; limitMb: number }) =>
    `socketio-inspector: the ${p.what} was stopped: its heap reached ${p.usedMb} MB of the ${p.limitMb} MB Node ` +
    `allows; ${p.what === "run" ? "the reports below hold what ran" : "the session below holds what was captured"} ` +
    "(give Node more with NODE_OPTIONS=--max-old-space-size=<MB>)",
  "watch-never-connected": () =>
    "The page never connected to a Socket.IO server (no request with EIO=3 or EIO=4 was seen)",
  "chromium-missing": () => "no Chromium found: set CHROMIUM_PATH, or attach to a running Chrome with --cdp",
  /** `stderr`: the end of what Chromium wrote (its own words). */
  "chromium-exited": (p: { code: number | null; stderr: string }) =>
    `Chromium exited (${p.code}) before it listened: ${p.stderr}`,
  "browser-gone": () => "the browser is gone",
  "cdp-not-answering": (p: { cdp: string; message: string }) =>
    `--cdp ${p.cdp} does not answer (${p.message}): start Chrome with --remote-debugging-port`,
  "cdp-no-endpoint": (p: { cdp: string }) => `--cdp ${p.cdp} has no webSocketDebuggerUrl`,
} satisfies Record<string, Words>;
