import { problem } from "../shared/errors.js";
import { Reader } from "../shared/reader.js";
import { STEP_KINDS, STEPS, stepKind, type Step } from "./steps/index.js";

/**
 * A scenario: ordered steps across a preset's clients and namespaces, kept in the preset as plain JSON data.
 * Arguments and expectations are JSON values in which objects with one `$` key are matchers or references
 * (see matchers.ts); nothing in a scenario is ever evaluated as code.
 */
export interface Scenario {
  name: string;
  steps: Step[];
}

export type {
  AssertStep,
  ConnectStep,
  DisconnectStep,
  DropStep,
  EmitStep,
  ExpectStep,
  Step,
  WaitStep,
} from "./steps/index.js";
export { STEP_KINDS } from "./steps/index.js";
export { DEFAULT_TIMEOUT } from "./steps/kind.js";

export const MAX_STEPS = 500;

/** Reads a step at `path` ("scenarios[0].steps[3]"; "" for a step on its own, whose fields are named alone). */
function readStep(r: Reader, v: unknown, path: string): Step {
  const o = r.object(v, path || "the step");
  const at = (field: string) => (path ? `${path}.${field}` : field);
  const kind = o.kind as Step["kind"];
  if (!STEP_KINDS.includes(kind)) r.fail(at("kind"), problem("must-be-one-of", { values: [...STEP_KINDS] }));
  const fields = STEPS[kind].fields;
  for (const key of Object.keys(o))
    if (!fields.includes(key))
      r.fail(
        at(key),
        problem("not-a-field", { of: `${/^[aeiou]/.test(kind) ? "an" : "a"} ${kind} step`, fields: [...fields] }),
      );
  return STEPS[kind].read(r, o, at, path);
}

/**
 * Checks a preset's scenarios. Errors name the scenario and step: "scenarios[0].steps[3].within must be a number".
 * A step may name a client the preset does not have: it is made, when the scenario runs, as a copy of the first.
 */
export function readScenarios(r: Reader, v: unknown, path = "scenarios"): Scenario[] {
  const seen = new Set<string>();
  return r.array(
    v,
    path,
    (s, p) => {
      const so = r.object(s, p);
      for (const key of Object.keys(so))
        if (key !== "name" && key !== "steps") r.fail(`${p}.${key}`, problem("not-a-scenario-field"));
      const name = r.string(so.name, `${p}.name`, { max: 200, empty: false }).trim();
      if (seen.has(name)) r.fail(`${p}.name`, problem("scenario-name-again", { name }));
      seen.add(name);
      return { name, steps: r.array(so.steps, `${p}.steps`, (step, sp) => readStep(r, step, sp), MAX_STEPS) };
    },
    100,
  );
}

/** Checks one step on its own (the page's step editor). @throws ReadError naming the field. */
export function readStepAlone(value: unknown, where = "Step"): Step {
  return readStep(new Reader(where), value, "");
}

/** A step in one line, for lists, reports and the command line. */
export const describeStep = (step: Step): string => stepKind(step).describe(step);
