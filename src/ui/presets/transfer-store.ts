import { defineStore } from "pinia";
import { ref } from "vue";
import { plain, unknownFieldNames, type Preset } from "../../core/presets/format.js";
import { fail, problemOf, type Problem } from "../../core/shared/errors.js";
import { withEnvironments } from "../../core/variables/preset-environments.js";
import { useEnvironmentsStore } from "../environments/store.js";
import { loadedFiles } from "./files.js";
import { usePresetsStore } from "./store.js";

/**
 * Presets to and from files: the export's JSON (each preset with the environments' variables it refers to, secrets'
 * values only when asked), and imports (all or nothing, never overwriting a saved preset or environment).
 */
export const usePresetTransfer = defineStore("preset-transfer", () => {
  /** Why the last import failed, shown next to the import controls. */
  const importError = ref<Problem>();
  const presets = usePresetsStore();
  const environments = useEnvironmentsStore();

  /** The JSON of an export file: the selected preset, or all of them. @throws Error when there is nothing */
  function exportJson(all: boolean, includeSecrets = false): string {
    const list = all ? presets.presets : presets.presets.filter((p) => p.name === presets.selected);
    if (list.length === 0) fail("nothing-to-export");
    const envs = plain(environments.environments);
    const out = plain(list).map((p) => withEnvironments(p, envs, includeSecrets));
    return JSON.stringify(loadedFiles().toCollection(out), null, 2);
  }

  /**
   * Imports from a file or pasted text; what was imported is the presets' notice. The environments presets carry
   * join the user's (their secrets, left out, are asked for in Environments). @returns whether it was
   */
  function importText(text: string, where: string): boolean {
    importError.value = undefined;
    try {
      const incoming = loadedFiles().parseImport(text, where);
      const notes = incoming.flatMap((p) => {
        const extra = unknownFieldNames(p);
        return extra.length
          ? [`“${p.name}” has fields this version does not know, kept as they are: ${extra.join(", ")}`]
          : [];
      });
      const carried = incoming.flatMap((p) => p.environments ?? []);
      const kept: Preset[] = incoming.map(({ environments: _carried, ...p }) => p);
      presets.addImported(kept, carried.length ? [...notes, environmentsNote(carried.map((e) => e.name))] : notes);
      if (carried.length) environments.add(carried);
      return true;
    } catch (err) {
      importError.value = problemOf(err);
      return false;
    }
  }

  return { importError, exportJson, importText };
});

/** What the presets' notice says of the environments that came with them. */
const environmentsNote = (names: string[]) =>
  `The environment${names.length === 1 ? "" : "s"} ${[...new Set(names)].map((n) => `“${n}”`).join(", ")} came with ${names.length === 1 ? "it" : "them"}: see Environments`;
