import { presetFrom, type Preset, type SavedEmit } from "../../core/presets/format.js";
import type { Scenario } from "../../core/scenario/format.js";
import { useClientsStore } from "../connection/clients-store.js";
import { useServerViewStore } from "../server-view/store.js";

/**
 * The page as a preset: the clients as their forms are now and the server view's settings (not its password; none
 * while they are the defaults), with the emits and scenarios given. Read, never written: what Save as new, Update
 * and a share link keep.
 */
export function pagePreset(name: string, emits: SavedEmit[] = [], scenarios: Scenario[] = []): Preset {
  return presetFrom(name, useClientsStore().clients, emits, scenarios, useServerViewStore().presetSettings());
}
