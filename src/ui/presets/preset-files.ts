// What reads and writes presets (storage, import and export files, share links) with the checks of every field
// (scenarios included): a chunk of its own, which the presets store fetches as it starts, while the page draws its
// first screen.
export { loadPresets, savePresets } from "./storage.js";
export { mergePresets, parseImport, toCollection } from "../../core/presets/collection.js";
export {
  decodePresetFragment,
  encodePresetFragment,
  hasPresetFragment,
  presetFragmentOf,
} from "../../core/presets/link.js";
