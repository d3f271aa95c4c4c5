import { fail } from "../../core/shared/errors.js";

type PresetFiles = typeof import("./preset-files.js");
let files: PresetFiles | undefined;

/** The readers and writers of presets (storage, files, links), fetched once: the presets store's first act. */
export const presetFiles = async (): Promise<PresetFiles> => (files ??= await import("./preset-files.js"));

/** The readers and writers, once fetched. @throws Error when they are still on their way */
export function loadedFiles(): PresetFiles {
  if (!files) fail("presets-loading");
  return files;
}
