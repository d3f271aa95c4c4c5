import { PRESET_VERSION, PresetError, freeName, type Preset } from "./format.js";
import { readPreset } from "./read-preset.js";
import { problem, problemOf } from "../shared/errors.js";

/** What export files and storage hold: a list of presets, tagged so that other JSON is recognised as such. */
export const COLLECTION_FORMAT = "socketio-inspector-presets";
/** Bigger files are refused before parsing. */
export const MAX_IMPORT_BYTES = 5_000_000;

export interface PresetCollection {
  format: typeof COLLECTION_FORMAT;
  version: typeof PRESET_VERSION;
  presets: Preset[];
}

export function toCollection(presets: Preset[]): PresetCollection {
  return { format: COLLECTION_FORMAT, version: PRESET_VERSION, presets };
}

/**
 * Reads presets from imported text: an export file (a collection) or a single preset.
 * All or nothing: one bad preset fails the import, naming which one and why.
 * @throws PresetError
 */
export function parseImport(text: string, where = "Import"): Preset[] {
  if (text.length > MAX_IMPORT_BYTES)
    throw new PresetError(
      problem("import-too-large", { where, bytes: text.length, maxMb: MAX_IMPORT_BYTES / 1_000_000 }),
    );
  if (text.trim() === "") throw new PresetError(problem("import-empty", { where }));
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new PresetError(problem("import-not-json", { where, cause: problemOf(err) }));
  }
  if (typeof json === "object" && json !== null && "presets" in json) {
    const c = json as { format?: unknown; presets: unknown };
    if (c.format !== COLLECTION_FORMAT)
      throw new PresetError(problem("import-not-export", { where, format: JSON.stringify(c.format) ?? "undefined" }));
    if (!Array.isArray(c.presets)) throw new PresetError(problem("import-presets-not-list", { where }));
    if (c.presets.length > 1000) throw new PresetError(problem("import-too-many", { where, max: 1000 }));
    return c.presets.map((p, i) => readPreset(p, `${where}, preset ${i + 1}`));
  }
  return [readPreset(json, where)];
}

/**
 * Adds imported presets to the saved ones without overwriting any: a clashing name gets a free one.
 * @returns the new list and, for each renamed preset, its old and new name.
 */
export function mergePresets(
  saved: readonly Preset[],
  incoming: readonly Preset[],
): { presets: Preset[]; renamed: Array<[string, string]> } {
  const taken = new Set(saved.map((p) => p.name));
  const renamed: Array<[string, string]> = [];
  const added = incoming.map((p) => {
    const name = freeName(p.name, taken);
    taken.add(name);
    if (name !== p.name) renamed.push([p.name, name]);
    return { ...p, name };
  });
  return { presets: [...saved, ...added], renamed };
}
