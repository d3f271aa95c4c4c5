import { COLLECTION_FORMAT, toCollection } from "../../core/presets/collection.js";
import type { Preset } from "../../core/presets/format.js";
import { readPreset } from "../../core/presets/read-preset.js";
import { InspectorError, problem, problemOf, type Problem } from "../../core/shared/errors.js";

export const STORAGE_KEY = "socketio-inspector:presets";

export interface StoredPresets {
  presets: Preset[];
  /** Entries that failed the checks: kept as they were and written back, never dropped. */
  rejected: unknown[];
  /** What was wrong, for the user. */
  problems: Problem[];
  /** Whether anything was stored before (first start: no). */
  existed: boolean;
}

/** A write to storage that did not happen; its problem says why and what the user can do. */
export class PresetStorageError extends InspectorError {
  override name = "PresetStorageError";
}

/** Whether an entry can be written back as JSON (a damaged entry may be nested too deep to serialise). */
function serialisable(value: unknown): boolean {
  try {
    JSON.stringify(value);
    return true;
  } catch {
    return false;
  }
}

/** Reads the saved presets. A damaged entry is reported and kept aside; it never hides the others. */
export function loadPresets(storage: Pick<Storage, "getItem"> = localStorage): StoredPresets {
  let raw: string | null;
  try {
    raw = storage.getItem(STORAGE_KEY);
  } catch (err) {
    return {
      presets: [],
      rejected: [],
      problems: [problem("storage-refused-read", { cause: problemOf(err) })],
      existed: false,
    };
  }
  if (raw === null) return { presets: [], rejected: [], problems: [], existed: false };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return {
      presets: [],
      rejected: [raw],
      problems: [problem("storage-not-json")],
      existed: true,
    };
  }
  const list = (json as { format?: unknown; presets?: unknown; rejected?: unknown }) ?? {};
  if (list.format !== COLLECTION_FORMAT || !Array.isArray(list.presets)) {
    return {
      presets: [],
      rejected: [raw],
      problems: [problem("storage-format-unknown")],
      existed: true,
    };
  }
  const presets: Preset[] = [];
  const rejected: unknown[] = Array.isArray(list.rejected) ? list.rejected.filter(serialisable) : [];
  const problems: Problem[] = [];
  list.presets.forEach((p, i) => {
    try {
      presets.push(readPreset(p, `Saved preset ${i + 1}`));
    } catch (err) {
      problems.push(problemOf(err));
      if (serialisable(p)) rejected.push(p);
      else problems.push(problem("stored-preset-unkeepable", { n: i + 1 }));
    }
  });
  return { presets, rejected, problems, existed: true };
}

function isQuotaError(err: unknown): boolean {
  const e = err as { name?: unknown; code?: unknown };
  return e?.name === "QuotaExceededError" || e?.name === "NS_ERROR_DOM_QUOTA_REACHED" || e?.code === 22;
}

/**
 * Writes the presets, all or nothing.
 * @throws PresetStorageError that says what was not saved and what to do; storage then holds what it held before.
 */
export function savePresets(
  presets: Preset[],
  rejected: unknown[],
  storage: Pick<Storage, "setItem"> = localStorage,
): void {
  let text: string;
  try {
    text = JSON.stringify({ ...toCollection(presets), rejected });
  } catch (err) {
    throw new PresetStorageError(problem("not-saved-json", { cause: problemOf(err) }));
  }
  try {
    storage.setItem(STORAGE_KEY, text);
  } catch (err) {
    if (isQuotaError(err)) {
      throw new PresetStorageError(problem("not-saved-full", { bytes: text.length * 2 }));
    }
    throw new PresetStorageError(problem("not-saved-refused", { cause: problemOf(err) }));
  }
}
