import { describeStep, type Scenario } from "./format.js";
import { show } from "./matchers.js";
import type { StepResult } from "./runner.js";
import { words } from "../shared/errors.js";

/** One scenario's run, for the reports. */
export interface ScenarioReport {
  /** The preset the scenario belongs to. */
  preset: string;
  scenario: Scenario;
  results: StepResult[];
}

/** The lines that explain a failure: the message, then each mismatch (where, expected, got). */
export function failureLines(result: StepResult): string[] {
  if (result.status !== "failed" && result.status !== "interrupted") return [];
  const lines = [result.problem ? words(result.problem) : "failed"];
  for (const m of result.mismatches ?? []) {
    lines.push(`at ${m.path}:`, `  - expected ${words(m.expected)}`, `  + got      ${m.actual}`);
  }
  if (result.mismatches?.length && result.actual !== undefined) lines.push(`what came: ${show(result.actual)}`);
  return lines;
}

const xml = (s: string) =>
  s
    .replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c] as string)
    // Characters XML 1.0 cannot hold at all (a server may send any string).
    .replace(/[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "\uFFFD");

/**
 * A JUnit XML report: one test suite per scenario, one test case per step (CI systems show these natively).
 * Failed and interrupted steps carry the explanation; steps that did not run are skipped.
 */
export function junitXml(reports: readonly ScenarioReport[]): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const total = (pick: (r: StepResult) => boolean) => reports.reduce((n, r) => n + r.results.filter(pick).length, 0);
  const seconds = (ms: number) => (ms / 1000).toFixed(3);
  const all = reports.flatMap((r) => r.results);
  out.push(
    `<testsuites name="socketio-inspector scenarios" tests="${all.length}" failures="${total((r) => r.status === "failed" || r.status === "interrupted")}" ` +
      `skipped="${total((r) => r.status === "skipped")}" time="${seconds(all.reduce((t, r) => t + r.ms, 0))}">`,
  );
  for (const report of reports) {
    const { results } = report;
    const suite = `${report.preset} / ${report.scenario.name}`;
    out.push(
      `  <testsuite name="${xml(suite)}" tests="${results.length}" ` +
        `failures="${results.filter((r) => r.status === "failed" || r.status === "interrupted").length}" ` +
        `skipped="${results.filter((r) => r.status === "skipped").length}" time="${seconds(results.reduce((t, r) => t + r.ms, 0))}">`,
    );
    for (const r of results) {
      const name = `${String(r.index + 1).padStart(2, "0")} ${describeStep(r.step)}`;
      out.push(`    <testcase classname="${xml(suite)}" name="${xml(name)}" time="${seconds(r.ms)}">`);
      if (r.status === "failed" || r.status === "interrupted") {
        const lines = failureLines(r);
        out.push(
          `      <failure message="${xml(lines[0] ?? "")}" type="${r.status}">${xml(lines.join("\n"))}</failure>`,
        );
      } else if (r.status === "skipped" || r.status === "pending") {
        out.push(
          `      <skipped message="${r.status === "pending" ? "not run" : "not run: an earlier step failed or the run was interrupted"}"/>`,
        );
      }
      out.push("    </testcase>");
    }
    out.push("  </testsuite>");
  }
  out.push("</testsuites>", "");
  return out.join("\n");
}
