import type { ConnectionConfig } from "../connection/config.js";
import { fail, problemOf } from "../shared/errors.js";
import { hasReference } from "./template.js";
import type { Variables } from "./variables.js";

/**
 * A JSON text (namespace auth, a JSON argument) with its references resolved. Inside strings when it parses as it is
 * (`{"token": "{{token}}"}`: the value goes in as a JSON string, quotes and all escaped); as text first when it only
 * parses once they are in (`{"n": {{count}}}`, as Postman does).
 * @throws InspectorError naming a variable that cannot be resolved, or the field when the result is not JSON
 * (variable-json)
 */
export function resolveJsonText(text: string, vars: Variables, field: string): string {
  if (!hasReference(text)) return text;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    const replaced = vars.resolve(text, field);
    try {
      JSON.parse(replaced);
    } catch (err) {
      fail("variable-json", { field, cause: problemOf(err) });
    }
    return replaced;
  }
  return JSON.stringify(resolveInValue(parsed, vars, field));
}

/** A JSON value with the references in its strings (and keys) resolved. @throws InspectorError */
export function resolveInValue(value: unknown, vars: Variables, field: string): unknown {
  if (typeof value === "string") return vars.resolve(value, field);
  if (Array.isArray(value)) return value.map((v) => resolveInValue(v, vars, field));
  if (typeof value === "object" && value !== null && !ArrayBuffer.isView(value) && !(value instanceof ArrayBuffer))
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [vars.resolve(k, field), resolveInValue(v, vars, field)]),
    );
  return value;
}

/**
 * A client's connection form with its variables resolved: what connects. Each field is named in a refusal
 * ("client 1: Server URL"), before anything is sent.
 * @throws InspectorError naming the variable and the field
 */
export function resolveConnection(config: ConnectionConfig, vars: Variables, client: string): ConnectionConfig {
  const at = (field: string) => `${client}: ${field}`;
  return {
    ...config,
    url: vars.resolve(config.url, at("Server URL")),
    path: vars.resolve(config.path, at("Path")),
    query: config.query.map((q) => ({
      ...q,
      key: vars.resolve(q.key, at(`query parameter “${q.key}”`)),
      value: vars.resolve(q.value, at(`query parameter “${q.key}”`)),
    })),
    extraHeaders: config.extraHeaders.map((h) => ({
      ...h,
      name: vars.resolve(h.name, at(`header “${h.name}”`)),
      value: vars.resolve(h.value, at(`header “${h.name}”`)),
    })),
    namespaces: config.namespaces.map((n) => ({
      ...n,
      nsp: vars.resolve(n.nsp, at(`namespace ${n.nsp}`)),
      auth: resolveJsonText(n.auth, vars, at(`auth of ${n.nsp}`)),
      ...(n.query === undefined ? {} : { query: vars.resolve(n.query, at(`query of ${n.nsp}`)) }),
    })),
  };
}

/** Whether a connection form refers to any variable. */
export function connectionHasReferences(config: ConnectionConfig): boolean {
  return [
    config.url,
    config.path,
    ...config.query.flatMap((q) => [q.key, q.value]),
    ...config.extraHeaders.flatMap((h) => [h.name, h.value]),
    ...config.namespaces.flatMap((n) => [n.nsp, n.auth, n.query ?? ""]),
  ].some(hasReference);
}

const json = (v: string) => JSON.stringify(v).slice(1, -1);
const xml = (v: string) =>
  v.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
/** The forms a value takes in what is written: as it is, escaped in JSON, in XML, and in JSON within XML. */
const FORMS: ReadonlyArray<(v: string) => string> = [(v) => v, json, xml, (v) => xml(json(v))];

/**
 * What keeps secrets out of text written for people and files (a terminal, JUnit, a session file): each secret's
 * value, in each form it may be written in (as it is, JSON-escaped, XML-escaped), becomes `{{name}}`. Longest first, so
 * that a secret holding another is replaced whole.
 */
export function redactor(vars: Variables): (text: string) => string {
  return redactorOf(vars.secrets());
}

/** The same, for secrets given by name and value (every environment's: a session may have used any). */
export function redactorOf(secrets: ReadonlyArray<{ name: string; value: string }>): (text: string) => string {
  const pairs = [
    ...new Map(
      secrets
        .filter((s) => s.value !== "")
        .flatMap(({ name, value }) => FORMS.map((form): [string, string] => [form(value), name])),
    ),
  ].sort((a, b) => b[0].length - a[0].length);
  if (pairs.length === 0) return (text) => text;
  return (text) => {
    let out = text;
    for (const [value, name] of pairs) out = out.split(value).join(`{{${name}}}`);
    return out;
  };
}
