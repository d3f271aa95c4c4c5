// Words for reading untrusted JSON (presets, scenarios, links, imports) into typed values: a value at a path and
// what is wrong with it. The predicates read after the path: "scenarios[0].steps[3].within must be a number".
import type { Cause, Say, Words } from "./say.js";

/** What a bounded value keeps, said with its depth and size limits. */
export type Keeps = "scenario-values" | "unknown-fields";
const KEEPS: Record<Keeps, string> = {
  "scenario-values": "a scenario keeps values only",
  "unknown-fields": "this inspector keeps unknown fields only",
};
const list = (values: readonly (string | number)[]) => values.join(", ");

export const READING_WORDS = {
  /** `where`: what was read (a file's name, "Scenario", "Link"); `path`: the value's place in it. */
  "value-invalid": (p: { where: string; path: string; cause: Cause }, say: Say) =>
    `${p.where}: ${p.path} ${say(p.cause)}`,

  "must-be-object": () => "must be an object",
  "must-be-string": () => "must be a string",
  "must-not-be-empty": () => "must not be empty",
  "too-long": (p: { max: number }) => `is longer than ${p.max} characters`,
  "must-be-number": (p: { nullable: boolean }) => (p.nullable ? "must be a number or null" : "must be a number"),
  "out-of-range": (p: { min: number; max: number }) => `must be from ${p.min} to ${p.max}`,
  "must-be-boolean": () => "must be true or false",
  "must-be-list": () => "must be a list",
  "too-many-items": (p: { max: number }) => `has more than ${p.max} items`,
  "nested-too-deep": (p: { depth: number; keeps: Keeps }) =>
    `is nested more than ${p.depth} levels deep: ${KEEPS[p.keeps]} up to that depth`,
  "not-plain-json": () => "is not plain JSON",
  "too-large": (p: { kb: number; keeps: Keeps }) => `is larger than ${p.kb} KB: ${KEEPS[p.keeps]} up to that size`,
  "must-be-one-of": (p: { values: Array<string | number> }) => `must be one of ${list(p.values)}`,
  "must-be-either": (p: { a: string; b: string }) => `must be "${p.a}" or "${p.b}"`,
  "must-start-with-slash": () => 'must start with "/"',
  "must-start-with-slash-or-variable": () => 'must start with "/" (or be a {{variable}})',
  "not-a-field": (p: { of: string; fields: string[] }) => `is not a field of ${p.of} (${list(p.fields)})`,
  /** A name given twice where each thing of a list has a name of its own. */
  "name-again": (p: { name: string; each: "client" | "variable" | "environment" }) =>
    `is “${p.name}” again: each ${p.each} has a name of its own`,
  "over-size-limit": (p: { mb: number }) => `is over the limit of ${p.mb} MB`,
  /** `cause`: the JSON parser's own words (thrown). */
  "not-valid-json": (p: { cause: Cause }, say: Say) => `is not valid JSON (${say(p.cause)})`,
  "version-unknown": (p: { got: string; reads: number }) => `is ${p.got}: this inspector reads version ${p.reads}`,
} satisfies Record<string, Words>;
