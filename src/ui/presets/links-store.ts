import { defineStore } from "pinia";
import { ref } from "vue";
import { hasSecrets, plain, stripSecrets, type Preset } from "../../core/presets/format.js";
import { problemOf, type Problem } from "../../core/shared/errors.js";
import { withEnvironments } from "../../core/variables/preset-environments.js";
import { holdsSecrets } from "../../core/variables/environment-file.js";
import { useEnvironmentsStore } from "../environments/store.js";
import { usePageEvents } from "../shell/page-events.js";
import { presetFiles } from "./files.js";
import { pagePreset } from "./page-preset.js";
import { usePresetsStore } from "./store.js";

/** The address bar without its fragment: a link's preset is not read twice (a reload, Back). */
function forgetFragment(): void {
  if (typeof history !== "undefined") history.replaceState(null, "", location.pathname + location.search);
}

/**
 * Share links: making one of what is on screen, and a link's preset waiting for the user's decision (a link never
 * connects by itself). What a link carries passes the format checks before it is shown.
 */
export const usePresetLinks = defineStore("preset-links", () => {
  /** A preset from a link, waiting for the user's decision. */
  const pendingLink = ref<Preset | null>(null);
  /** Why the link in the page's address could not be read. */
  const problem = ref<Problem>();
  const events = usePageEvents();
  const presets = usePresetsStore();
  const environments = useEnvironmentsStore();

  /** Reads a preset link from the page's own address, if it has one. */
  async function readFragment(hash = typeof location !== "undefined" ? location.hash : ""): Promise<void> {
    let files: Awaited<ReturnType<typeof presetFiles>>;
    try {
      files = await presetFiles();
    } catch {
      return; // said by the presets store, which fetches the same code
    }
    if (!files.hasPresetFragment(hash)) return;
    try {
      pendingLink.value = await files.decodePresetFragment(hash);
      problem.value = undefined;
    } catch (err) {
      problem.value = problemOf(err);
    }
  }

  /**
   * Opens a share link pasted by the user: made by any inspector (another run, another port, a colleague's), its
   * preset waits for the user's decision as a link opened in the address bar does.
   * @returns why it could not be read, undefined when it was
   */
  async function openLink(text: string): Promise<Problem | undefined> {
    try {
      const files = await presetFiles();
      pendingLink.value = await files.decodePresetFragment(files.presetFragmentOf(text));
      problem.value = undefined;
      return undefined;
    } catch (err) {
      return problemOf(err);
    }
  }

  /**
   * A share link of what is on screen: the clients as the form has them, with the selected preset's name, saved emits
   * and scenarios (a form edited since the preset was loaded is shared as edited), and of each environment the
   * variables they refer to. Secrets stay out unless asked for: a secret variable travels by its name, and the
   * receiver is asked for its value.
   */
  async function shareLink(
    includeSecrets: boolean,
    base = `${location.origin}${location.pathname}`,
  ): Promise<{ link: string; stripped: boolean; byName: string[] }> {
    const p = presets.current;
    const page = plain(pagePreset(p?.name ?? "Shared connection", p?.emits ?? [], p?.scenarios ?? []));
    const raw = withEnvironments(page, plain(environments.environments), true);
    const stripped = !includeSecrets && (hasSecrets(raw) || (raw.environments ?? []).some(holdsSecrets));
    const shared = includeSecrets ? raw : withEnvironments(stripSecrets(page), plain(environments.environments), false);
    const { encodePresetFragment } = await presetFiles();
    // The secret variables that travel by name only (the receiver is asked for them).
    const byName = includeSecrets
      ? []
      : (raw.environments ?? []).flatMap((e) => e.variables.filter((v) => v.secret).map((v) => v.key));
    return { link: base + (await encodePresetFragment(shared)), stripped, byName: [...new Set(byName)] };
  }

  /**
   * Uses the preset of a link: its environments join the user's (with the secrets' values the user gave: `values`, by
   * environment and variable), then it is applied (the forms, the composer and the server view take their parts) and
   * saved with the presets. Storage refusing it still leaves it applied.
   */
  function acceptLink(values: Record<string, Record<string, string>> = {}): void {
    const p = pendingLink.value && plain(pendingLink.value);
    if (!p) return;
    if (p.environments?.length) environments.add(p.environments, values);
    events.announce("presetApplied", p);
    pendingLink.value = null;
    forgetFragment();
    // The environments are the user's now (above): the saved preset keeps its own fields only.
    const { environments: _kept, ...preset } = p;
    presets.saveFromLink(preset);
  }

  function dismissLink(): void {
    pendingLink.value = null;
    forgetFragment();
  }

  return { pendingLink, problem, readFragment, openLink, shareLink, acceptLink, dismissLink };
});
