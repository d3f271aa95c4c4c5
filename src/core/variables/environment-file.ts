import { freeName } from "../presets/format.js";
import { fail, problem, problemOf } from "../shared/errors.js";
import { ReadError, Reader, isObject, type Json } from "../shared/reader.js";
import { isVariableName } from "./template.js";
import type { Environment, Variable } from "./variables.js";

/**
 * Environments in files: the inspector's own (a tagged list) and Postman's environment export (name, and values of
 * key, value, type "default" or "secret", enabled). Everything read is checked field by field, within bounds; secrets
 * leave in a file only when the user asks for them.
 */
export const ENVIRONMENTS_FORMAT = "socketio-inspector-environments";
export const ENVIRONMENTS_VERSION = 1;
export const MAX_ENVIRONMENT_FILE_BYTES = 5_000_000;
const MAX_ENVIRONMENTS = 100;
const MAX_VARIABLES = 500;
const MAX_VALUE_CHARS = 100_000;

export interface EnvironmentsFile {
  format: typeof ENVIRONMENTS_FORMAT;
  version: typeof ENVIRONMENTS_VERSION;
  environments: Environment[];
}

/** Postman's environment export, as Postman writes it. */
export interface PostmanEnvironment {
  id?: string;
  name: string;
  values: Array<{ key: string; value: string; type: "default" | "secret"; enabled: boolean }>;
  _postman_variable_scope: "environment";
  _postman_exported_at?: string;
  _postman_exported_using?: string;
}

/** What an environment file holds wrong (read with a Reader: the path of the field names it). */
export class EnvironmentFileError extends ReadError {
  override name = "EnvironmentFileError";
}

function readKey(r: Reader, v: unknown, path: string, where: string): string {
  const key = r.string(v, path, { max: 100, empty: false });
  if (!isVariableName(key)) fail("variable-name-invalid", { where: `${where}: ${path}`, name: key });
  return key;
}

/** Reads one of our environments (`{ name, variables: [...] }`). @throws EnvironmentFileError naming the field */
export function readEnvironment(r: Reader, v: unknown, path: string, where: string): Environment {
  const o = r.object(v, path);
  const name = r.string(o.name, `${path}.name`, { max: 100, empty: false }).trim();
  const seen = new Set<string>();
  const variables = r.array(
    o.variables,
    `${path}.variables`,
    (x, p) => {
      const vo = r.object(x, p);
      const key = readKey(r, vo.key, `${p}.key`, where);
      if (seen.has(key)) r.fail(`${p}.key`, problem("name-again", { name: key, each: "variable" }));
      seen.add(key);
      return {
        key,
        value: r.string(vo.value ?? "", `${p}.value`, { max: MAX_VALUE_CHARS }),
        secret: vo.secret === undefined ? false : r.boolean(vo.secret, `${p}.secret`),
        enabled: vo.enabled === undefined ? true : r.boolean(vo.enabled, `${p}.enabled`),
      };
    },
    MAX_VARIABLES,
  );
  return { name, variables };
}

/** Reads Postman's environment export. @throws EnvironmentFileError naming the field */
function readPostman(r: Reader, o: Json, where: string): Environment {
  const name = r.string(o.name, "name", { max: 100, empty: false }).trim();
  const seen = new Set<string>();
  const variables: Variable[] = r.array(
    o.values,
    "values",
    (x, p) => {
      const vo = r.object(x, p);
      const key = readKey(r, vo.key, `${p}.key`, where);
      if (seen.has(key)) r.fail(`${p}.key`, problem("name-again", { name: key, each: "variable" }));
      seen.add(key);
      // Postman keeps values as text; some exports carry numbers or booleans.
      const raw = vo.value ?? "";
      const value =
        typeof raw === "number" || typeof raw === "boolean"
          ? String(raw)
          : r.string(raw, `${p}.value`, { max: MAX_VALUE_CHARS });
      if (vo.type !== undefined && vo.type !== "default" && vo.type !== "secret" && vo.type !== "text")
        r.fail(`${p}.type`, problem("must-be-either", { a: "default", b: "secret" }));
      return {
        key,
        value,
        secret: vo.type === "secret",
        enabled: vo.enabled === undefined ? true : r.boolean(vo.enabled, `${p}.enabled`),
      };
    },
    MAX_VARIABLES,
  );
  return { name, variables };
}

/**
 * The environments of a file: ours, Postman's environment export, or a preset export that carries some.
 * @throws EnvironmentFileError (or InspectorError variable-name-invalid for a name `{{...}}` cannot write) naming
 * the field
 */
export function readEnvironmentFile(text: string, where: string): Environment[] {
  const r = new Reader(where, EnvironmentFileError);
  if (text.length > MAX_ENVIRONMENT_FILE_BYTES)
    r.fail("the file", problem("over-size-limit", { mb: MAX_ENVIRONMENT_FILE_BYTES / 1_000_000 }));
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    r.fail("the file", problem("not-valid-json", { cause: problemOf(err) }));
  }
  const o = r.object(json, "the file");
  if (o.format === ENVIRONMENTS_FORMAT) {
    if (o.version !== ENVIRONMENTS_VERSION)
      r.fail(
        "version",
        problem("version-unknown", { got: JSON.stringify(o.version) ?? "undefined", reads: ENVIRONMENTS_VERSION }),
      );
    return unique(
      r,
      r.array(o.environments, "environments", (e, p) => readEnvironment(r, e, p, where), MAX_ENVIRONMENTS),
    );
  }
  if (Array.isArray(o.values)) return [readPostman(r, o, where)];
  // A preset export (or one preset) that carries its environments.
  const presets = Array.isArray(o.presets) ? o.presets : [o];
  const found = presets.flatMap((p, i) =>
    isObject(p) && Array.isArray(p.environments)
      ? r.array(
          p.environments,
          `presets[${i}].environments`,
          (e, path) => readEnvironment(r, e, path, where),
          MAX_ENVIRONMENTS,
        )
      : [],
  );
  if (found.length === 0) r.fail("the file", problem("not-an-environment-file"));
  return unique(r, found);
}

function unique(r: Reader, list: Environment[]): Environment[] {
  const seen = new Set<string>();
  for (const [i, e] of list.entries()) {
    if (seen.has(e.name))
      r.fail(`environments[${i}].name`, problem("name-again", { name: e.name, each: "environment" }));
    seen.add(e.name);
  }
  return list;
}

/**
 * One environment of a file's: the one named, or the only one. @throws InspectorError naming what is missing
 * (environment-not-found, environment-not-chosen)
 */
export function chooseEnvironment(list: readonly Environment[], name: string | undefined): Environment {
  const names = list.map((e) => e.name);
  if (name !== undefined) {
    const found = list.find((e) => e.name === name);
    if (!found) fail("environment-not-found", { name, names });
    return found;
  }
  if (list.length !== 1) fail("environment-not-chosen", { names });
  return list[0] as Environment;
}

/** A copy whose secrets have no value (their names stay: the receiver sees what to fill in). */
export function withoutSecretValues(env: Environment): Environment {
  return { name: env.name, variables: env.variables.map((v) => (v.secret ? { ...v, value: "" } : { ...v })) };
}

/** Whether an environment holds a secret's value. */
export const holdsSecrets = (env: Environment): boolean => env.variables.some((v) => v.secret && v.value !== "");

/** Our file of environments; secrets' values only when asked for. */
export function toEnvironmentsFile(list: readonly Environment[], includeSecrets: boolean): EnvironmentsFile {
  return {
    format: ENVIRONMENTS_FORMAT,
    version: ENVIRONMENTS_VERSION,
    environments: list.map((e) => (includeSecrets ? structuredClone(e) : withoutSecretValues(e))),
  };
}

/** An environment as Postman's export; secrets' values only when asked for (else empty, still typed secret). */
export function toPostman(env: Environment, includeSecrets: boolean, exportedAt = new Date()): PostmanEnvironment {
  const e = includeSecrets ? env : withoutSecretValues(env);
  return {
    name: e.name,
    values: e.variables.map((v) => ({
      key: v.key,
      value: v.value,
      type: v.secret ? "secret" : "default",
      enabled: v.enabled,
    })),
    _postman_variable_scope: "environment",
    _postman_exported_at: exportedAt.toISOString(),
    _postman_exported_using: "socketio-inspector",
  };
}

/**
 * Adds environments to the saved ones without overwriting any: a clashing name gets a free one ("local (2)").
 * @returns the new list and, for each renamed one, its old and new name
 */
export function mergeEnvironments(
  saved: readonly Environment[],
  incoming: readonly Environment[],
): { environments: Environment[]; renamed: Array<[string, string]> } {
  const taken = new Set(saved.map((e) => e.name));
  const renamed: Array<[string, string]> = [];
  const added = incoming.map((e) => {
    const name = freeName(e.name, taken);
    taken.add(name);
    if (name !== e.name) renamed.push([e.name, name]);
    return { ...e, name };
  });
  return { environments: [...saved, ...added], renamed };
}

/** The names of an environment's secrets that have no value: what the user is asked for. */
export const missingSecrets = (env: Environment): string[] =>
  env.variables.filter((v) => v.enabled && v.secret && v.value === "").map((v) => v.key);
