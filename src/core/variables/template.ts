/**
 * `{{name}}` in what a user types: a reference to a variable of the active environment (or, in a scenario, a value an
 * earlier step captured), or to a dynamic value (`{{$timestamp}}`). Names are letters, digits, `_`, `.` and `-`,
 * starting with a letter or `_` (a dynamic one with `$`); spaces inside the braces are allowed, as Artillery writes
 * them. Anything else holding `{{` is text, sent as it is.
 */
export const NAME = /^[A-Za-z_][\w.-]{0,99}$/;
const REFERENCE = /\{\{\s*(\$?[A-Za-z_][\w.-]{0,99})\s*\}\}/g;

/** Whether a name can be written as `{{name}}`. */
export const isVariableName = (name: string): boolean => NAME.test(name);

/** The names a text refers to, in order (repeats kept). */
export function referencesIn(text: string): string[] {
  return [...text.matchAll(REFERENCE)].map((m) => m[1] as string);
}

/** Whether a text refers to any variable. */
export const hasReference = (text: string): boolean => text.includes("{{") && referencesIn(text).length > 0;

/** The text with each reference replaced by what `value` gives for its name (called once per reference). */
export function replaceReferences(text: string, value: (name: string) => string): string {
  if (!text.includes("{{")) return text;
  return text.replace(REFERENCE, (_whole, name: string) => value(name));
}

/**
 * Whether a text holds a value of its own beyond its references (what could be a secret written in place): a text
 * that only refers to variables, with at most a scheme word (`Bearer {{token}}`), holds none: its secrets live in
 * the environment.
 */
export function holdsLiteral(text: string): boolean {
  const rest = text.replace(REFERENCE, "").trim();
  if (rest === "") return false;
  return !hasReference(text) || !/^[A-Za-z]{1,10}$/.test(rest);
}

/**
 * The same for a JSON text (namespace auth): whether any value in it is its own (a string beyond its references, a
 * number, a boolean), or it is not JSON at all. Keys are names, not values.
 */
export function jsonHoldsLiteral(text: string): boolean {
  if (!hasReference(text)) return text.trim() !== "";
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    try {
      parsed = JSON.parse(text.replace(REFERENCE, "null")); // references written as values: {"n": {{count}}}
    } catch {
      return true;
    }
  }
  const stack: unknown[] = [parsed];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === "string") {
      if (holdsLiteral(v)) return true;
    } else if (typeof v === "number" || typeof v === "boolean") return true;
    else if (Array.isArray(v)) stack.push(...v);
    else if (typeof v === "object" && v !== null) stack.push(...Object.values(v));
  }
  return false;
}

/** Every string (and key) of a JSON value, with its path: where references can be. */
export function* stringsIn(value: unknown, path = ""): Generator<[string, string]> {
  const stack: Array<[unknown, string]> = [[value, path]];
  while (stack.length) {
    const [v, p] = stack.pop() as [unknown, string];
    if (typeof v === "string") yield [v, p];
    else if (Array.isArray(v)) for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${p}[${i}]`]);
    else if (typeof v === "object" && v !== null)
      for (const [k, x] of Object.entries(v).reverse()) {
        yield [k, `${p}.${k} (the key)`];
        stack.push([x, `${p}.${k}`]);
      }
  }
}
