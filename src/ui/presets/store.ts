import { defineStore } from "pinia";
import { computed, ref } from "vue";
import { freeName, plain, presetFrom, type Preset, type SavedEmit } from "../../core/presets/format.js";
import { shippedPresets } from "../../core/presets/shipped.js";
import type { Scenario } from "../../core/scenario/format.js";
import { fail, InspectorError, problem, problemOf, type Problem } from "../../core/shared/errors.js";
import { useClientsStore } from "../connection/clients-store.js";
import { demoTold, demoUrl } from "../connection/demo.js";
import { usePageEvents } from "../shell/page-events.js";
import { useToastsStore } from "../shell/toasts.js";
import { loadedFiles, presetFiles } from "./files.js";
import { pagePreset } from "./page-preset.js";

/** The demo server's preset, when the page was told of a demo server (none is shipped without one: demo.ts). */
const demoPreset = (): Preset | undefined => {
  const url = demoUrl();
  return url === undefined ? undefined : shippedPresets(url)[0];
};

/**
 * The saved presets: the collection (plain data, persisted in localStorage) and what changes it. Applying one is
 * announced on the page's events, and each store takes its part; share links (links-store.ts) and files
 * (transfer-store.ts) hand what they read to the actions here. Nothing from storage is used before it passed the
 * format checks.
 */
export const usePresetsStore = defineStore("presets", () => {
  const presets = ref<Preset[]>([]);
  const selected = ref<string>("");
  /** Problems found in storage; shown until dismissed. */
  const problems = ref<Problem[]>([]);
  /** What the last action did (renames on import, kept unknown fields). */
  const notice = ref("");
  /** Why the last action failed; nothing changed then. */
  const error = ref<Problem>();
  let rejected: unknown[] = [];

  const events = usePageEvents();
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

  /** Loads saved presets (first start: the demo's, when the page was told of a demo server; else none). */
  async function init(): Promise<void> {
    let loaded: Awaited<ReturnType<typeof presetFiles>>;
    try {
      loaded = await presetFiles();
    } catch (err) {
      // A network gone, or a page older than its server's files: said where presets' problems are said.
      problems.value = [...problems.value, problem("presets-not-loaded", { cause: problemOf(err) })];
      return;
    }
    const stored = loaded.loadPresets();
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
        problems.value = [...problems.value, problemOf(err)];
      }
    }
    // The picker names the preset on screen: one the form equals, or, on a page opened as it is (no ?url=), the
    // shipped demo preset, whose server the form shows (its saved emits and scenarios are the ones at hand).
    const untouched = typeof location === "undefined" || !new URLSearchParams(location.search).has("url");
    const shown = matchingPreset() ?? (untouched && demo ? find(demo.name) : undefined);
    selected.value = shown?.name ?? "";
    events.announce("presetsRead", { presets: plain(presets.value), shown: shown && plain(shown) });
  }

  const find = (name: string) => presets.value.find((p) => p.name === name);
  /** The preset the picker names, if any. */
  const current = computed(() => find(selected.value));
  /** The preset whose clients are the form's as it is, if one is. */
  function matchingPreset(): Preset | undefined {
    const form = JSON.stringify(presetFrom("", useClientsStore().clients, []).clients);
    return presets.value.find((p) => JSON.stringify(p.clients) === form);
  }
  const names = () => new Set(presets.value.map((p) => p.name));

  function check(name: string): string {
    const trimmed = name.trim();
    if (!trimmed) fail("preset-name-missing");
    if (trimmed.length > 200) fail("preset-name-too-long", { max: 200 });
    return trimmed;
  }

  /**
   * Runs an action; its result becomes the notice, an error becomes the message shown with the preset controls, and
   * nothing else changes.
   */
  function attempt(action: () => string | void): boolean {
    error.value = undefined;
    try {
      notice.value = action() ?? "";
      return true;
    } catch (err) {
      error.value = problemOf(err);
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
      if (find(n)) fail("preset-name-taken", { name: n, orUpdate: true });
      commit([...presets.value, pagePreset(n)]);
      selected.value = n;
      return `Saved “${n}”`;
    });
  }

  function update(): boolean {
    return attempt(() => {
      const p = find(selected.value);
      if (!p) fail("choose-preset", { to: "update" });
      const next = pagePreset(p.name);
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
      if (!p) fail("choose-preset", { to: "rename" });
      const n = check(to);
      if (n !== p.name && find(n)) fail("preset-name-taken", { name: n, orUpdate: false });
      commit(replaced(p.name, (copy) => ({ ...copy, name: n })));
      selected.value = n;
      return `Renamed to “${n}”`;
    });
  }

  function duplicate(): boolean {
    return attempt(() => {
      const p = find(selected.value);
      if (!p) fail("choose-preset", { to: "duplicate" });
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
      if (!gone) fail("choose-preset", { to: "delete" });
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
      if (!demo) fail("no-demo-told");
      if (find(demo.name)) fail("demo-there-already", { name: demo.name });
      commit([...presets.value, demo]);
      selected.value = demo.name;
      return `Restored “${demo.name}”`;
    });
  }

  /** Applies the selected preset: announced, and the forms, the composer and the server view take their parts. */
  function load(): boolean {
    return attempt(() => {
      const p = find(selected.value);
      if (!p) fail("choose-preset", { to: "load" });
      events.announce("presetApplied", plain(p));
      return `Loaded “${p.name}”: press Connect to connect`;
    });
  }

  /** Keeps an emit (the composer's) in the selected preset. */
  function saveEmit(saved: SavedEmit): boolean {
    return attempt(() => {
      const p = find(selected.value);
      if (!p) fail("choose-or-save-preset", { scenarios: false });
      commit(replaced(p.name, (copy) => ({ ...copy, emits: [...copy.emits, plain(saved)] })));
      return `Saved the emit “${saved.event}” in “${p.name}”`;
    });
  }

  /**
   * Keeps a scenario in the selected preset, replacing one of the same name.
   * @returns what was done, in words
   * @throws InspectorError saying why nothing was saved (no preset chosen, storage refused it)
   */
  function saveScenario(scenario: Scenario): string {
    const p = find(selected.value);
    if (!p) fail("choose-or-save-preset", { scenarios: true });
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
  }

  function removeEmit(index: number): void {
    attempt(() => {
      const p = find(selected.value);
      if (!p?.emits[index]) return;
      commit(replaced(p.name, (copy) => ({ ...copy, emits: copy.emits.filter((_e, i) => i !== index) })));
    });
  }

  /**
   * Keeps the preset of a link (already applied) with the others, under a free name if one of its name exists, so
   * that its scenarios and emits are there like any preset's. @returns whether storage took it
   */
  function saveFromLink(preset: Preset): boolean {
    const saved = { ...plain(preset), name: freeName(preset.name, names()) };
    return attempt(() => {
      commit([...presets.value, saved]);
      selected.value = saved.name;
      return `Saved “${saved.name}” from the link${saved.name === preset.name ? "" : ` (“${preset.name}” exists)`}: press Connect to connect`;
    });
  }

  /**
   * Adds imported presets to the saved ones, never overwriting one: a clashing name gets a free one. All or nothing.
   * @param more what the reader noticed (fields kept unread), said after what was imported
   * @returns what was imported, in words (also the notice)
   * @throws InspectorError saying why nothing was imported (storage refused it)
   */
  function addImported(incoming: Preset[], more: readonly string[] = []): string {
    const { presets: merged, renamed } = loadedFiles().mergePresets(plain(presets.value), incoming);
    try {
      commit(merged);
    } catch (err) {
      throw new InspectorError(problem("nothing-imported", { cause: problemOf(err) }), { cause: err });
    }
    const added = merged.slice(merged.length - incoming.length).map((p) => `“${p.name}”`);
    const notes = [
      `Imported and saved ${incoming.length} preset${incoming.length === 1 ? "" : "s"}: ${added.join(", ")}`,
    ];
    for (const [from, to] of renamed) notes.push(`“${from}” exists already: imported as “${to}”`);
    error.value = undefined;
    notice.value = [...notes, ...more].join(". ");
    return notice.value;
  }

  return {
    presets,
    selected,
    current,
    problems,
    notice,
    error,
    demoMissing,
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
    saveFromLink,
    addImported,
  };
});
