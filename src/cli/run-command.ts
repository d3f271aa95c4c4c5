import { accessSync, constants, readFileSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import type { ClientConfig } from "../core/connection/config.js";
import { sessionLines } from "../core/files/session-file.js";
import type { TimelineRecord } from "../core/feed/records.js";
import { MAX_IMPORT_BYTES, parseImport } from "../core/presets/collection.js";
import { clientsFrom, type Preset } from "../core/presets/format.js";
import { describeStep, type Scenario } from "../core/scenario/format.js";
import { failureLines, junitXml, type ScenarioReport } from "../core/scenario/report.js";
import { ScenarioRun, tally, type StepResult } from "../core/scenario/runner.js";
import { BoundedList } from "../core/shared/bounded-list.js";
import { MB, recordBytes } from "../core/shared/size.js";
import { DEFAULT_RECORD_BUDGET, StandaloneHost } from "../core/scenario/standalone-host.js";
import { DEFAULT_SERVER_VIEW } from "../core/server-view/server-view.js";
import { usage, type RunOptions } from "./args.js";
import { writeLines } from "./line-files.js";
import { heapStopped, readHeap, recordBudgetFor, watchHeap, type HeapReading } from "./memory-watch.js";
import { nodeRegexEngine } from "./node-regex.js";
import { words } from "../core/shared/errors.js";
import { redactedOutput, type Output, type Tone } from "./terminal.js";
import { variablesOption } from "./variables-option.js";
import { redactor, resolveConnection } from "../core/variables/resolve.js";
import { noVariables, type Variables } from "../core/variables/variables.js";

const MARKS: Record<StepResult["status"], string> = {
  passed: "✓",
  failed: "✗",
  interrupted: "■",
  skipped: "-",
  pending: " ",
  running: "…",
};

const toneOf = (status: StepResult["status"]): Tone =>
  status === "passed" ? "pass" : status === "failed" || status === "interrupted" ? "fail" : "muted";

/** The presets of a file, checked as an import is. @throws UsageError or PresetError naming what is wrong. */
export function readPresetFile(file: string): Preset[] {
  const size = statSync(file, { throwIfNoEntry: false })?.size;
  if (size === undefined) usage("file-missing", { file });
  if (size > MAX_IMPORT_BYTES) usage("file-over-mb", { file, mb: MAX_IMPORT_BYTES / 1_000_000 });
  return parseImport(readFileSync(file, "utf8"), `File ${basename(file)}`);
}

/** The scenarios to run: those of the file, narrowed by --preset and --scenario (a name not found is an error). */
export function choose(
  presets: Preset[],
  options: Pick<RunOptions, "preset" | "scenarios">,
): Array<{ preset: Preset; scenario: Scenario }> {
  const inPreset = options.preset === undefined ? presets : presets.filter((p) => p.name === options.preset);
  if (options.preset !== undefined && inPreset.length === 0)
    usage("preset-not-found", { name: options.preset, names: presets.map((p) => p.name) });
  const all = inPreset.flatMap((preset) => (preset.scenarios ?? []).map((scenario) => ({ preset, scenario })));
  if (all.length === 0) usage("file-no-scenario");
  if (options.scenarios.length === 0) return all;
  const missing = options.scenarios.filter((name) => !all.some((s) => s.scenario.name === name));
  if (missing.length) usage("scenario-not-found", { names: missing, has: all.map((s) => s.scenario.name) });
  return all.filter((s) => options.scenarios.includes(s.scenario.name));
}

/** Checks --url: a server's origin; namespaces come from the preset. */
export function checkUrlOption(url: string | undefined): void {
  if (url === undefined) return;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return usage("url-option-invalid", { url });
  }
  if (!/^(https?|wss?):$/.test(parsed.protocol)) usage("url-option-scheme", { url });
  if (parsed.pathname !== "/" || parsed.search) usage("url-option-not-origin", { origin: parsed.origin });
}

/** Checks that a report can be written, before the run rather than after it. */
function checkWritable(option: string, file: string | undefined): void {
  if (file === undefined) return;
  try {
    accessSync(dirname(resolve(file)), constants.W_OK);
  } catch {
    usage("cannot-write", { option, file });
  }
}

/**
 * The preset's clients, with the command line's server and headers, their `{{variables}}` resolved.
 * @throws UsageError, or InspectorError naming a variable and the field it cannot fill (before anything connects)
 */
export function clientsFor(
  preset: Preset,
  options: Pick<RunOptions, "url" | "headers">,
  variables: Variables = noVariables(),
): ClientConfig[] {
  checkUrlOption(options.url);
  return clientsFrom(preset).map(({ name, config: written }) => {
    const config = resolveConnection(written, variables, `“${preset.name}”, client “${name}”`);
    const url = options.url ?? config.url;
    if (!/^(https?|wss?):\/\//i.test(url)) usage("client-url-not-absolute", { client: name, preset: preset.name, url });
    return {
      name,
      config: {
        ...config,
        url,
        extraHeaders: [...config.extraHeaders, ...options.headers.map((h) => ({ ...h, secret: false }))],
      },
    };
  });
}

/**
 * `run <file>`: every chosen scenario, one after another, each with clients of its own.
 * @returns the exit code: 0 all passed, 1 a step failed, 130 interrupted.
 */
export async function runCommand(options: RunOptions, plainOutput: Output, signal: AbortSignal): Promise<number> {
  checkWritable("--junit", options.junit);
  checkWritable("--ndjson", options.ndjson);
  const chosen = choose(readPresetFile(options.file), options);
  const variables = variablesOption(options, process.env);
  // What is printed or written never holds a secret's value: each becomes its {{name}}.
  const redact = redactor(variables());
  const o = redactedOutput(plainOutput, redact);
  const plans = chosen.map((c) => ({ ...c, clients: clientsFor(c.preset, options, variables()) }));

  const reports: ScenarioReport[] = [];
  const regex = nodeRegexEngine();
  // The run's own stop: Ctrl+C, or the heap about to run out (then the reports are still written).
  const stop = new AbortController();
  const forward = () => stop.abort();
  signal.addEventListener("abort", forward);
  let outOfMemory: HeapReading | undefined;
  const unwatch = watchHeap((reading) => {
    outOfMemory = reading;
    stop.abort();
  });
  const recordBudget = recordBudgetFor(readHeap(), DEFAULT_RECORD_BUDGET);
  // Every scenario's records for --ndjson, within one budget across them all.
  const records = new BoundedList<TimelineRecord>(Number.POSITIVE_INFINITY, recordBudget, recordBytes);
  for (const { preset, scenario, clients } of plans) {
    const n = scenario.steps.length;
    o.out(`${scenario.name} (${preset.name}): ${n} step${n === 1 ? "" : "s"}`);
    const host = new StandaloneHost(clients, regex, recordBudget, {
      namespace: preset.serverView?.namespace ?? DEFAULT_SERVER_VIEW.namespace,
      username: preset.serverView?.username ?? "",
      password: options.adminPassword ?? process.env.SOCKETIO_ADMIN_PASSWORD ?? "",
    });
    const run = new ScenarioRun(scenario, host, variables());
    try {
      await run.runAll({
        signal: stop.signal,
        onStep: (r) => {
          if (r.status === "running") return;
          const line = `  ${MARKS[r.status]} ${String(r.index + 1).padStart(2)} ${describeStep(r.step)}  ${r.ms} ms`;
          o.out(line, toneOf(r.status));
          for (const text of failureLines(r)) o.out(`       ${text}`);
        },
      });
    } finally {
      run.stop();
      host.close();
    }
    for (const r of run.results)
      if (r.status === "skipped")
        o.out(`  - ${String(r.index + 1).padStart(2)} ${describeStep(r.step)}  (not run)`, "muted");
    for (const e of host.errors) o.err(`  ${words(e)}`);
    reports.push({ preset: preset.name, scenario, results: run.results });
    records.dropped += host.kept.dropped;
    for (const r of host.kept.takeAll()) records.push(r);
    if (stop.signal.aborted) break;
  }

  regex.close();
  unwatch();
  signal.removeEventListener("abort", forward);
  if (outOfMemory) o.err(words(heapStopped("run", outOfMemory)));
  const all = reports.flatMap((r) => r.results);
  const counts = tally(all);
  const notRun = plans.length - reports.length;
  o.out(
    `${counts.passed} passed, ${counts.failed} failed, ` +
      (counts.interrupted ? `${counts.interrupted} interrupted, ` : "") +
      `${counts.skipped} skipped` +
      (notRun ? `; ${notRun} scenario${notRun === 1 ? "" : "s"} not run` : ""),
  );
  if (options.junit) {
    writeFileSync(options.junit, redact(junitXml(reports)));
    o.out(`JUnit report: ${options.junit}`);
  }
  if (options.ndjson) {
    writeLines(
      options.ndjson,
      (function* () {
        for (const line of sessionLines(records.items)) yield redact(line);
      })(),
    );
    o.out(
      `session: ${options.ndjson} (open it in the inspector with Open session)` +
        (records.dropped
          ? `; the oldest ${records.dropped} records were left out to stay within ${Math.round(recordBudget / MB)} MB`
          : ""),
    );
  }
  if (outOfMemory) return 1;
  if (signal.aborted || counts.interrupted) return 130;
  return counts.failed ? 1 : 0;
}
