import { defineStore } from "pinia";
import { ref } from "vue";
import { plain, unknownFieldNames } from "../../core/presets/format.js";
import { errorMessage } from "../../core/shared/errors.js";
import { loadedFiles } from "./files.js";
import { usePresetsStore } from "./store.js";

/** Presets to and from files: the export's JSON, and imports (all or nothing, never overwriting a saved preset). */
export const usePresetTransfer = defineStore("preset-transfer", () => {
  /** Why the last import failed, shown next to the import controls. */
  const importError = ref("");
  const presets = usePresetsStore();

  /** The JSON of an export file: the selected preset, or all of them. @throws Error when there is nothing */
  function exportJson(all: boolean): string {
    const list = all ? presets.presets : presets.presets.filter((p) => p.name === presets.selected);
    if (list.length === 0) throw new Error("Nothing to export: choose a preset");
    return JSON.stringify(loadedFiles().toCollection(plain(list)), null, 2);
  }

  /** Imports from a file or pasted text; what was imported is the presets' notice. @returns whether it was */
  function importText(text: string, where: string): boolean {
    importError.value = "";
    try {
      const incoming = loadedFiles().parseImport(text, where);
      const kept = incoming.flatMap((p) => {
        const extra = unknownFieldNames(p);
        return extra.length
          ? [`“${p.name}” has fields this version does not know, kept as they are: ${extra.join(", ")}`]
          : [];
      });
      presets.addImported(incoming, kept);
      return true;
    } catch (err) {
      importError.value = errorMessage(err);
      return false;
    }
  }

  return { importError, exportJson, importText };
});
