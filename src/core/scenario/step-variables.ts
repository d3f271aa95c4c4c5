// `{{variables}}` in scenario steps: a step's strings (event names, namespaces, arguments, matchers) are resolved just
// before it runs, with the run's variables (captured by earlier steps, then the environment's), so a dynamic value is
// new at each step. And before a run starts, every reference is checked: an unknown one stops the run before anything
// is sent, naming the variable and the step's field. `{"$var": name}` reads the same variables: one mechanism.
import { isObject } from "../shared/reader.js";
import { isDynamic } from "../variables/dynamic.js";
import { problem, problemOf, type Problem } from "../shared/errors.js";
import { referencesIn } from "../variables/template.js";
import type { Variables } from "../variables/variables.js";
import { matcherKey } from "./matchers.js";
import type { Step } from "./format.js";

/** Fields that name, not say: never resolved. */
const NAMES = new Set(["kind", "client"]);
/** Matcher forms whose argument is data or a name, not text to resolve. */
const AS_IS = new Set(["$literal", "$binary", "$var", "$capture", "$type", "$any"]);

/** How a step's field is named in a refusal: "step 3 (emit), args[0].room". */
const fieldName = (index: number, step: Step, path: string) => `step ${index + 1} (${step.kind}), ${path}`;

/**
 * Walks the strings a step resolves (its own fields, and inside arguments and matchers the text values and keys, not
 * what `$literal`, `$binary` hold or the names `$var` and `$capture` give), calling `visit` with each and its path;
 * what `visit` returns replaces the string.
 */
function mapStrings(value: unknown, path: string, visit: (text: string, path: string) => string): unknown {
  if (typeof value === "string") return visit(value, path);
  if (Array.isArray(value)) return value.map((v, i) => mapStrings(v, `${path}[${i}]`, visit));
  if (!isObject(value)) return value;
  const key = matcherKey(value);
  if (key !== undefined && AS_IS.has(key)) {
    if (key === "$capture" && value.$match !== undefined)
      return { ...value, $match: mapStrings(value.$match, `${path}.$match`, visit) };
    return value;
  }
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      key === undefined ? visit(k, `${path}.${k} (the key)`) : k,
      mapStrings(v, `${path}.${k}`, visit),
    ]),
  );
}

/** The step with its references resolved, as it runs now. @throws InspectorError naming the variable and field */
export function resolveStep(step: Step, index: number, vars: Variables): Step {
  return Object.fromEntries(
    Object.entries(step).map(([field, value]) => [
      field,
      NAMES.has(field)
        ? value
        : mapStrings(value, field, (text, path) => vars.resolve(text, fieldName(index, step, path))),
    ]),
  ) as Step;
}

/** The names a step's `$capture` matchers keep. */
function capturesOf(step: Step): string[] {
  const names: string[] = [];
  const stack: unknown[] = [step];
  while (stack.length) {
    const v = stack.pop();
    if (Array.isArray(v)) stack.push(...v);
    else if (isObject(v)) {
      if (matcherKey(v) === "$capture" && typeof v.$capture === "string") names.push(v.$capture);
      stack.push(...Object.values(v));
    }
  }
  return names;
}

/** The names a step's `{"$var": ...}` references read, with their paths. */
function varsOf(value: unknown, path: string, out: Array<[string, string]>): void {
  if (Array.isArray(value)) value.forEach((v, i) => varsOf(v, `${path}[${i}]`, out));
  else if (isObject(value)) {
    if (matcherKey(value) === "$var" && typeof value.$var === "string") out.push([value.$var, path]);
    else if (matcherKey(value) !== "$literal")
      for (const [k, v] of Object.entries(value)) varsOf(v, `${path}.${k}`, out);
  }
}

/**
 * Every reference of a scenario, checked before its run: a name the variables have, a dynamic value, or one an
 * earlier step captures (a step's own captures serve the steps after it).
 * @returns the step's index and the refusal, naming the variable and the field; undefined when all resolve
 */
export function checkScenarioVariables(
  steps: readonly Step[],
  vars: Variables,
): { index: number; problem: Problem } | undefined {
  const captured = new Set<string>();
  for (const [index, step] of steps.entries()) {
    const used: Array<[string, string]> = [];
    const matched: Array<[string, string]> = [];
    for (const [field, value] of Object.entries(step)) {
      if (NAMES.has(field)) continue;
      mapStrings(value, field, (text, path) => {
        for (const name of referencesIn(text)) used.push([name, path]);
        return text;
      });
      varsOf(value, field, matched);
    }
    // A `{{name}}` is resolved before the step runs; a `$var` as its value is matched, after what the same value
    // captured before it (an id sent twice in one event: captured, then expected equal).
    const own = new Set(capturesOf(step));
    for (const [name, path] of [...used, ...matched.filter(([name]) => !own.has(name))]) {
      if (captured.has(name) || isDynamic(name)) continue;
      const field = fieldName(index, step, path);
      if (!vars.has(name))
        return { index, problem: problem("variable-undefined", { name, field, ...vars.lookedIn(true) }) };
      try {
        vars.text(name, field); // a secret with no value is refused here too
      } catch (err) {
        return { index, problem: problemOf(err) };
      }
    }
    for (const name of own) captured.add(name);
  }
  return undefined;
}
