import type { Preset } from "../presets/format.js";
import { isObject } from "../shared/reader.js";
import { isDynamic } from "./dynamic.js";
import { withoutSecretValues } from "./environment-file.js";
import { referencesIn, stringsIn } from "./template.js";
import type { Environment } from "./variables.js";

/** The variables a preset refers to: `{{name}}` in its clients' forms, saved emits and scenarios, and `$var` names. */
export function presetReferences(preset: Preset): Set<string> {
  const names = new Set<string>();
  const parts = [preset.clients, preset.emits, preset.scenarios ?? []];
  for (const part of parts) for (const [text] of stringsIn(part)) for (const n of referencesIn(text)) names.add(n);
  const stack: unknown[] = [preset.scenarios ?? []];
  while (stack.length) {
    const v = stack.pop();
    if (Array.isArray(v)) stack.push(...v);
    else if (isObject(v)) {
      if (typeof v.$var === "string") names.add(v.$var);
      stack.push(...Object.values(v));
    }
  }
  for (const n of names) if (isDynamic(n)) names.delete(n);
  return names;
}

/**
 * What travels with a preset (a link, an export): of each environment, the variables the preset refers to; secrets
 * by name only unless asked for (the receiver is asked for their values). Environments it uses nothing of stay home.
 */
export function environmentsFor(
  preset: Preset,
  environments: readonly Environment[],
  includeSecrets: boolean,
): Environment[] {
  const used = presetReferences(preset);
  return environments
    .map((e) => ({ name: e.name, variables: e.variables.filter((v) => used.has(v.key)) }))
    .filter((e) => e.variables.length > 0)
    .map((e) => (includeSecrets ? structuredClone(e) : withoutSecretValues(e)));
}

/** A preset with the environments that go with it (none: the field left out). */
export function withEnvironments(
  preset: Preset,
  environments: readonly Environment[],
  includeSecrets: boolean,
): Preset {
  const { environments: _none, ...rest } = preset;
  const travel = environmentsFor(rest, environments, includeSecrets);
  return travel.length ? { ...rest, environments: travel } : rest;
}
