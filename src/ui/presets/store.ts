import { defineStore } from "pinia";
import { computed, ref } from "vue";
import {
  clientsFrom,
  freeName,
  plain,
  hasSecrets,
  presetFrom,
  stripSecrets,
  unknownFieldNames,
  type Preset,
  type SavedEmit,
} from "../../core/presets/format.js";
import { shippedPresets } from "../../core/presets/shipped.js";
import type { Scenario } from "../../core/scenario/format.js";
import { useComposerStore } from "../composer/store.js";
import { useConnectionStore } from "../connection/store.js";
import { demoTold, demoUrl } from "../connection/demo.js";
import { useClientsStore } from "../connection/clients-store.js";
import { useToastsStore } from "../shell/toasts.js";
import { useServerViewStore } from "../server-view/store.js";
import { errorMessage } from "../../core/shared/errors.js";

type PresetFiles = typeof import("./preset-files.js");
let files: PresetFiles | undefined;
/** The readers and writers of presets, fetched once (the store's first act). */
const presetFiles = async (): Promise<PresetFiles> => (files ??= await import("./preset-files.js"));

/** The demo server's preset, when the page was told of a demo server (none is shipped without one: demo.ts). */
const demoPreset = (): Preset | undefined => {
  const url = demoUrl();
  return url === undefined ? undefined : shippedPresets(url)[0];
};
function loadedFiles(): PresetFiles {
  if (!files) throw new Error("The presets are still loading: try again in a moment");
  return files;
}

/**
 * Saved connection presets (plain data, persisted in localStorage), share links and import/export.
 * Nothing from a link, a file or storage is used before it passed the format checks.
 */
export const usePresetsStore = defineStore("presets", () => {
  const presets = ref<Preset[]>([]);
  const selected = ref<string>("");
  /** Problems found in storage, a link or an import; shown until dismissed. */
  const problems = ref<string[]>([]);
  /** What the last action did (renames on import, kept unknown fields). */
  const notice = ref("");
  /** Why the last action failed; nothing changed then. */
  const error = ref("");
  /** Why the last import failed, shown next to the import controls. */
  const importError = ref("");
  /** A preset from a link, waiting for the user's decision. A link never connects by itself. */
  const pendingLink = ref<Preset | null>(null);
  let rejected: unknown[] = [];

  const connection = useConnectionStore();
  const forms = useClientsStore();
  const serverView = useServerViewStore();
  /** The server view's settings as a preset keeps them (not its password); none while they are the defaults. */
  const viewSettings = () => serverView.presetSettings();
  const composer = useComposerStore();
  const toasts = useToastsStore();

  /**
   * Every change goes through here: the new list is written to storage first, and becomes the state only once
   * written, so what the page shows is what a reload brings back.
   * @throws PresetStorageError when storage refused it (the state is then unchanged).
   */
  function commit(next: Preset[]): void {
    const copy = plain(next);
    loadedFiles().savePresets(copy, rejected);
    presets.value = copy;
  }

  /**
   * Loads saved presets (first start: the demo's, when the page was told of a demo server; else none), then reads a
   * preset link if the page has one.
   */
  async function init(hash = typeof location !== "undefined" ? location.hash : ""): Promise<void> {
    let loaded: PresetFiles;
    try {
      loaded = await presetFiles();
    } catch (err) {
      // A network gone, or a page older than its server's files: said where presets' problems are said.
      problems.value = [...problems.value, `The presets could not be loaded: ${errorMessage(err)} (reload the page)`];
      return;
    }
    const { loadPresets, hasPresetFragment, decodePresetFragment } = loaded;
    const stored = loadPresets();
    rejected = stored.rejected;
    const told = demoTold();
    problems.value = [...stored.problems, ...(told && "problem" in told ? [told.problem] : [])];
    const demo = demoPreset();
    if (stored.existed) presets.value = stored.presets;
    else {
      presets.value = demo ? [demo] : [];
      try {
        commit(presets.value);
      } catch (err) {
        problems.value = [...problems.value, errorMessage(err)];
      }
    }
    // The picker names the preset on screen: one the form equals, or, on a page opened as it is (no ?url=), the
    // shipped demo preset, whose server the form shows (its saved emits and scenarios are the ones at hand).
    for (const p of presets.value) composer.learnAcks(p.emits);
    const untouched = typeof location === "undefined" || !new URLSearchParams(location.search).has("url");
    const shown = matchingPreset() ?? (untouched && demo ? find(demo.name) : undefined);
    selected.value = shown?.name ?? "";
    if (shown) composer.learnAcks(shown.emits);
    if (hasPresetFragment(hash)) {
      try {
        pendingLink.value = await decodePresetFragment(hash);
      } catch (err) {
        problems.value = [...problems.value, errorMessage(err)];
      }
    }
  }

  const find = (name: string) => presets.value.find((p) => p.name === name);
  /** The preset whose clients are the form's as it is, if one is. */
  function matchingPreset(): Preset | undefined {
    const form = JSON.stringify(presetFrom("", forms.clients, []).clients);
    return presets.value.find((p) => JSON.stringify(p.clients) === form);
  }
  const names = () => new Set(presets.value.map((p) => p.name));

  function check(name: string): string {
    const trimmed = name.trim();
    if (!trimmed) throw new Error("Give the preset a name");
    if (trimmed.length > 200) throw new Error("A preset name has at most 200 characters");
    return trimmed;
  }

  /**
   * Runs an action; its result becomes the notice, an error becomes the message shown where the action was asked
   * for (the preset controls by default), and nothing else changes.
   */
  function attempt(action: () => string | void, shownIn = error): boolean {
    error.value = "";
    importError.value = "";
    try {
      notice.value = action() ?? "";
      return true;
    } catch (err) {
      shownIn.value = errorMessage(err);
      notice.value = "";
      return false;
    }
  }

  /** The list with one preset replaced by a changed copy. */
  const replaced = (name: string, change: (p: Preset) => Preset) =>
    presets.value.map((p) => (p.name === name ? change(plain(p)) : p));

  /** Saves the clients on screen as a new preset (Duplicate copies a preset whole, with its emits and scenarios). */
  function saveAs(name: string): boolean {
    return attempt(() => {
      const n = check(name);
      if (find(n)) throw new Error(`A preset named “${n}” exists: choose another name, or Update it`);
      commit([...presets.value, presetFrom(n, forms.clients, [], [], viewSettings())]);
      selected.value = n;
      return `Saved “${n}”`;
    });
  }

  function update(): boolean {
    return attempt(() => {
      const p = find(selected.value);
      if (!p) throw new Error("Choose a preset to update");
      const next = presetFrom(p.name, forms.clients, [], [], viewSettings());
      commit(
        replaced(p.name, ({ serverView: _old, ...copy }) => ({
          ...copy,
          clients: next.clients,
          ...(next.serverView ? { serverView: next.serverView } : {}),
        })),
      );
      return `Updated “${p.name}”`;
    });
  }

  function rename(to: string): boolean {
    return attempt(() => {
      const p = find(selected.value);
      if (!p) throw new Error("Choose a preset to rename");
      const n = check(to);
      if (n !== p.name && find(n)) throw new Error(`A preset named “${n}” exists`);
      commit(replaced(p.name, (copy) => ({ ...copy, name: n })));
      selected.value = n;
      return `Renamed to “${n}”`;
    });
  }

  function duplicate(): boolean {
    return attempt(() => {
      const p = find(selected.value);
      if (!p) throw new Error("Choose a preset to duplicate");
      const copy = { ...plain(p), name: freeName(`${p.name} copy`, names()) };
      commit([...presets.value, copy]);
      selected.value = copy.name;
      return `Duplicated as “${copy.name}”`;
    });
  }

  /** Deletes the selected preset; the toast that says so can bring it back. */
  function remove(): boolean {
    return attempt(() => {
      const name = selected.value;
      const index = presets.value.findIndex((p) => p.name === name);
      const gone = presets.value[index];
      if (!gone) throw new Error("Choose a preset to delete");
      commit(presets.value.filter((p) => p.name !== name));
      selected.value = presets.value[0]?.name ?? "";
      toasts.show(`Deleted “${name}”`, { undo: () => putBack(plain(gone), index) });
    });
  }

  /** Puts a preset back at its place; under a free name if one of its name was made since. */
  function putBack(preset: Preset, index: number): void {
    attempt(() => {
      const back = { ...preset, name: freeName(preset.name, names()) };
      const next = [...presets.value];
      next.splice(Math.min(index, next.length), 0, back);
      commit(next);
      selected.value = back.name;
      return back.name === preset.name ? `Restored “${back.name}”` : `Restored as “${back.name}”`;
    });
  }

  /** The name of the shipped demo preset, and whether it is missing (deleted, or renamed away). */
  const demoMissing = computed(() => {
    const demo = demoPreset();
    return !!demo && !find(demo.name);
  });

  /** Brings back the shipped demo preset, as it was shipped. */
  function restoreDemo(): boolean {
    return attempt(() => {
      const demo = demoPreset();
      if (!demo)
        throw new Error("This page was told of no demo server (?demo=<url>): there is no demo preset to restore");
      if (find(demo.name)) throw new Error(`“${demo.name}” is there already`);
      commit([...presets.value, demo]);
      selected.value = demo.name;
      return `Restored “${demo.name}”`;
    });
  }

  /** Fills the clients' forms (and the composer, with the first saved emit) from a preset. Does not connect. */
  function apply(preset: Preset): void {
    composer.learnAcks(preset.emits);
    forms.setClients(clientsFrom(preset));
    serverView.applyPreset(preset.serverView);
    const first = preset.emits[0];
    if (first) composer.load(plain(first));
  }

  function load(): boolean {
    return attempt(() => {
      const p = find(selected.value);
      if (!p) throw new Error("Choose a preset to load");
      apply(plain(p));
      return `Loaded “${p.name}”: press Connect to connect`;
    });
  }

  /** Keeps the composed emit in the selected preset. */
  function saveEmit(): boolean {
    return attempt(() => {
      const p = find(selected.value);
      if (!p) throw new Error("Choose or save a preset first");
      const saved: SavedEmit = { ...plain(composer.draft), ...(composer.client ? { client: composer.client } : {}) };
      commit(replaced(p.name, (copy) => ({ ...copy, emits: [...copy.emits, saved] })));
      return `Saved the emit “${composer.draft.event}” in “${p.name}”`;
    });
  }

  /** Keeps a scenario in the selected preset, replacing one of the same name. */
  function saveScenario(scenario: Scenario): boolean {
    return attempt(() => {
      const p = find(selected.value);
      if (!p) throw new Error("Choose or save a preset first: scenarios are kept in presets");
      const existed = (p.scenarios ?? []).some((s) => s.name === scenario.name);
      commit(
        replaced(p.name, (copy) => ({
          ...copy,
          scenarios: existed
            ? (copy.scenarios ?? []).map((s) => (s.name === scenario.name ? plain(scenario) : s))
            : [...(copy.scenarios ?? []), plain(scenario)],
        })),
      );
      return `${existed ? "Replaced" : "Saved"} the scenario “${scenario.name}” in “${p.name}”`;
    });
  }

  function removeEmit(index: number): void {
    attempt(() => {
      const p = find(selected.value);
      if (!p?.emits[index]) return;
      commit(replaced(p.name, (copy) => ({ ...copy, emits: copy.emits.filter((_e, i) => i !== index) })));
    });
  }

  /** Sends a saved emit in one action; its text also goes to the composer, to edit and send again. */
  function fireEmit(index: number): void {
    const e = find(selected.value)?.emits[index];
    if (!e) return;
    composer.load(plain(e));
    const result = connection.emit(
      e.nsp,
      e.event,
      e.args,
      { ack: e.expectAck ? { timeout: e.ackTimeout } : undefined, volatile: e.volatile, compress: e.compress },
      e.client && forms.names.includes(e.client) ? e.client : undefined,
    );
    composer.report(result, plain(e));
  }

  /**
   * A share link of what is on screen: the clients as the form has them, with the selected preset's name, saved emits
   * and scenarios (a form edited since the preset was loaded is shared as edited). Secrets stay out unless asked for.
   */
  async function shareLink(
    includeSecrets: boolean,
    base = `${location.origin}${location.pathname}`,
  ): Promise<{ link: string; stripped: boolean }> {
    const p = find(selected.value);
    const raw = plain(
      presetFrom(p?.name ?? "Shared connection", forms.clients, p?.emits ?? [], p?.scenarios ?? [], viewSettings()),
    );
    const stripped = !includeSecrets && hasSecrets(raw);
    const { encodePresetFragment } = await presetFiles();
    return { link: base + (await encodePresetFragment(includeSecrets ? raw : stripSecrets(raw))), stripped };
  }

  /**
   * Uses the preset of a link: it fills the form and is saved with the presets (under a free name if one of its name
   * exists), so that its scenarios and emits are there like any preset's. Storage refusing it still fills the form.
   */
  function acceptLink(): void {
    const p = pendingLink.value && plain(pendingLink.value);
    if (!p) return;
    apply(p);
    pendingLink.value = null;
    if (typeof history !== "undefined") history.replaceState(null, "", location.pathname + location.search);
    const saved = { ...p, name: freeName(p.name, names()) };
    attempt(() => {
      commit([...presets.value, saved]);
      selected.value = saved.name;
      return `Saved “${saved.name}” from the link${saved.name === p.name ? "" : ` (“${p.name}” exists)`}: press Connect to connect`;
    });
  }

  function dismissLink(): void {
    pendingLink.value = null;
    if (typeof history !== "undefined") history.replaceState(null, "", location.pathname + location.search);
  }

  /** The JSON of an export file: the selected preset, or all of them. */
  function exportJson(all: boolean): string {
    const list = all ? presets.value : presets.value.filter((p) => p.name === selected.value);
    if (list.length === 0) throw new Error("Nothing to export: choose a preset");
    return JSON.stringify(loadedFiles().toCollection(plain(list)), null, 2);
  }

  /** Imports from file or pasted text. All or nothing; never overwrites a saved preset. */
  function importText(text: string, where: string): boolean {
    return attempt(() => {
      const { parseImport, mergePresets } = loadedFiles();
      const incoming = parseImport(text, where);
      const { presets: merged, renamed } = mergePresets(plain(presets.value), incoming);
      try {
        commit(merged);
      } catch (err) {
        throw new Error(`Nothing imported. ${errorMessage(err)}`, { cause: err });
      }
      const added = merged.slice(presets.value.length - incoming.length).map((p) => `“${p.name}”`);
      const notes = [
        `Imported and saved ${incoming.length} preset${incoming.length === 1 ? "" : "s"}: ${added.join(", ")}`,
      ];
      for (const [from, to] of renamed) notes.push(`“${from}” exists already: imported as “${to}”`);
      for (const p of incoming) {
        const extra = unknownFieldNames(p);
        if (extra.length)
          notes.push(`“${p.name}” has fields this version does not know, kept as they are: ${extra.join(", ")}`);
      }
      return notes.join(". ");
    }, importError);
  }

  return {
    presets,
    selected,
    problems,
    notice,
    error,
    importError,
    demoMissing,
    pendingLink,
    init,
    saveAs,
    update,
    rename,
    duplicate,
    remove,
    restoreDemo,
    load,
    saveEmit,
    saveScenario,
    removeEmit,
    fireEmit,
    shareLink,
    acceptLink,
    dismissLink,
    exportJson,
    importText,
  };
});
