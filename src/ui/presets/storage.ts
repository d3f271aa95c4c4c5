import { COLLECTION_FORMAT, toCollection } from "./collection.js";
import { readPreset, type Preset } from "./format.js";

export const STORAGE_KEY = "socketio-inspector:presets";

export interface StoredPresets {
  presets: Preset[];
  /** Entries that failed the checks: kept as they were and written back, never dropped. */
  rejected: unknown[];
  /** What was wrong, for the user. */
  problems: string[];
  /** Whether anything was stored before (first start: no). */
  existed: boolean;
}

/** Reads the saved presets. A damaged entry is reported and kept aside; it never hides the others. */
export function loadPresets(storage: Pick<Storage, "getItem"> = localStorage): StoredPresets {
  const raw = storage.getItem(STORAGE_KEY);
  if (raw === null) return { presets: [], rejected: [], problems: [], existed: false };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { presets: [], rejected: [raw], problems: ["Saved presets could not be read (not JSON); they are kept untouched"], existed: true };
  }
  const list = (json as { format?: unknown; presets?: unknown; rejected?: unknown }) ?? {};
  if (list.format !== COLLECTION_FORMAT || !Array.isArray(list.presets)) {
    return { presets: [], rejected: [json], problems: ["Saved presets are not in a format this inspector knows; they are kept untouched"], existed: true };
  }
  const presets: Preset[] = [];
  const rejected: unknown[] = Array.isArray(list.rejected) ? list.rejected : [];
  const problems: string[] = [];
  list.presets.forEach((p, i) => {
    try {
      presets.push(readPreset(p, `Saved preset ${i + 1}`));
    } catch (err) {
      rejected.push(p);
      problems.push((err as Error).message);
    }
  });
  return { presets, rejected, problems, existed: true };
}

export function savePresets(presets: Preset[], rejected: unknown[], storage: Pick<Storage, "setItem"> = localStorage): void {
  storage.setItem(STORAGE_KEY, JSON.stringify({ ...toCollection(presets), rejected }));
}
