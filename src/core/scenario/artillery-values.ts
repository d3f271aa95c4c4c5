import type { ArtilleryPart, Loose } from "../shared/error-words/scenario.js";
import { problem, type Problem } from "../shared/errors.js";
import { isObject } from "../shared/reader.js";
import { replaceReferences } from "../variables/template.js";
import { matcherKey } from "./matchers.js";

// Values as Artillery takes them: its templates, JSONPath matches and captures; shared by the step kinds'
// translations (steps/) and the script's own connection options (artillery.ts).

/**
 * Artillery runs every string it sends (values and keys, event names, namespaces, headers) as a template: `{{ x }}`
 * is replaced by a variable or the result of a function, and `$processEnvironment` reads the user's environment.
 * It has no escape for `{{`, so a string of the scenario that holds one cannot be sent literally: the step (or the
 * option) is left out, named, rather than sent as a template that a shared link could have put there. The one
 * exception is our own `{{variable}}` of a name the export knows (an environment's, a capture's): it becomes
 * Artillery's template of that variable (`Templates`).
 */
export const TEMPLATE_OPENER = "{{";

/** How each variable the export knows is written in the script, by our name: `{{ host }}`, `{{ $env.TOKEN }}`. */
export type Templates = ReadonlyMap<string, string>;

/** Whether a text holds `{{` other than references to known variables. */
function foreignTemplate(text: string, templates: Templates): boolean {
  if (!text.includes(TEMPLATE_OPENER)) return false;
  return replaceReferences(text, (name) => (templates.has(name) ? "" : TEMPLATE_OPENER)).includes(TEMPLATE_OPENER);
}

/**
 * Where in a value a string or key holds `{{` that is not a known variable ("the value", ".a[0]", ...), or undefined.
 * Inside `{"$literal": ...}` every `{{` counts: that is data to send as it is.
 */
export function templateIn(value: unknown, templates: Templates = new Map()): string | undefined {
  const none: Templates = new Map();
  const stack: Array<[unknown, string, Templates]> = [[value, "", templates]];
  while (stack.length) {
    const [v, path, known] = stack.pop() as [unknown, string, Templates];
    if (typeof v === "string" && foreignTemplate(v, known)) return path || "the value";
    if (Array.isArray(v)) v.forEach((x, i) => stack.push([x, `${path}[${i}]`, known]));
    else if (isObject(v)) {
      const inner = matcherKey(v) === "$literal" ? none : known;
      for (const [k, x] of Object.entries(v)) {
        if (foreignTemplate(k, known)) return `${path} (a key)`;
        stack.push([x, `${path}.${k}`, inner]);
      }
    }
  }
  return undefined;
}

/** A value whose known references are Artillery's templates (checked with templateIn first). */
export function withTemplates<T>(value: T, templates: Templates): T {
  const text = (s: string) => (s.includes(TEMPLATE_OPENER) ? replaceReferences(s, (n) => templates.get(n) ?? "") : s);
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return text(v);
    if (Array.isArray(v)) return v.map(walk);
    if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [text(k), walk(x)]));
    return v;
  };
  return walk(value) as T;
}

/** Why a part cannot go to Artillery: it holds `{{` at `where`. */
export const templateNote = (what: ArtilleryPart, where: string) => problem("artillery-template", { what, where });

/** Artillery's template names are word characters. */
export const templateName = (name: string) => name.replace(/\W/g, "_");

/** Whether a value holds no matcher or reference at all (then it compares as data). */
export function plainData(v: unknown): boolean {
  const stack = [v];
  while (stack.length) {
    const x = stack.pop();
    if (matcherKey(x)) return false;
    if (Array.isArray(x)) stack.push(...x);
    else if (isObject(x)) stack.push(...Object.values(x));
  }
  return true;
}

export interface Translation {
  match: Array<{ json: string; value: unknown }>;
  capture: Array<{ json: string; as: string }>;
  loose: Loose[];
}

/** An ack matcher as JSONPath matches and captures over the ack's argument list (`$.0` is the first argument). */
export function translateMatcher(pattern: unknown, known: Map<string, string>): Translation {
  const out: Translation = { match: [], capture: [], loose: [] };
  const walk = (p: unknown, path: string) => {
    const key = matcherKey(p);
    if (key && isObject(p)) {
      if (key === "$partial") return walk(p.$partial, path);
      if (key === "$capture") {
        out.capture.push({ json: path, as: templateName(p.$capture as string) });
        known.set(p.$capture as string, `{{ ${templateName(p.$capture as string)} }}`);
        if (p.$match !== undefined) walk(p.$match, path);
        return;
      }
      if (key === "$var") {
        const template = known.get(p.$var as string);
        if (template) out.match.push({ json: path, value: template });
        else out.loose.push({ path, uncaptured: String(p.$var) });
        return;
      }
      if (key === "$literal" && !isObject(p.$literal) && !Array.isArray(p.$literal))
        return out.match.push({ json: path, value: p.$literal });
      if (key !== "$any") out.loose.push({ path, matcher: key });
      return;
    }
    if (Array.isArray(p)) return p.forEach((item, i) => walk(item, `${path}.${i}`));
    if (isObject(p)) return Object.entries(p).forEach(([k, v]) => walk(v, `${path}.${k}`));
    out.match.push({ json: path, value: withTemplates(p, known) });
  };
  walk(pattern, "$");
  return out;
}

/** Emit arguments for Artillery: `$var` as a template (a string), `$literal` as is; `undefined` if one cannot go. */
export function translateArgs(args: unknown[], known: Templates): { args: unknown[] } | { why: Problem } {
  let why: Problem | undefined;
  const walk = (v: unknown): unknown => {
    const key = matcherKey(v);
    if (key && isObject(v)) {
      if (key === "$var") {
        const template = known.get(v.$var as string);
        if (!template) why = problem("artillery-var-uncaptured", { name: String(v.$var) });
        return template ?? null;
      }
      if (key === "$literal") return v.$literal;
      why = problem("artillery-no-form", { key });
      return null;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [withTemplates(k, known), walk(x)]));
    return withTemplates(v, known);
  };
  const out = args.map(walk);
  return why ? { why } : { args: out };
}

export const artilleryNamespace = (nsp: string) => (nsp === "/" ? {} : { namespace: nsp });

/** A wait as Artillery's `think`: a whole number is seconds, anything else goes through `ms` ("200ms"). */
export const thinkTime = (ms: number): number | string => (ms % 1000 === 0 ? ms / 1000 : `${ms}ms`);

/** Why a step cannot go to Artillery as written: the first of its strings (named) that holds `{{`, or undefined. */
export function templateProblem(
  parts: ReadonlyArray<readonly [ArtilleryPart, unknown]>,
  templates: Templates = new Map(),
): Problem | undefined {
  for (const [what, value] of parts) {
    const where = templateIn(value, templates);
    if (where) return templateNote(what, where);
  }
  return undefined;
}
