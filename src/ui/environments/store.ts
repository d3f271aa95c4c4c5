import { defineStore } from "pinia";
import { computed, ref, watch } from "vue";
import {
  mergeEnvironments,
  missingSecrets,
  readEnvironmentFile,
  toEnvironmentsFile,
  toPostman,
} from "../../core/variables/environment-file.js";
import { redactorOf } from "../../core/variables/resolve.js";
import { Variables, type Environment, type Variable } from "../../core/variables/variables.js";
import { fail, problem, problemOf, type Problem } from "../../core/shared/errors.js";
import { plain } from "../../core/presets/format.js";
import { usePageEvents } from "../shell/page-events.js";

export const ENVIRONMENTS_KEY = "socketio-inspector:environments";
/** Where storage that could not be read is kept before anything is written over it: nothing is lost. */
const UNREADABLE_KEY = "socketio-inspector:environments:unreadable";

const storage = (): Storage | undefined => (typeof localStorage === "undefined" ? undefined : localStorage);

/**
 * The environments: named sets of variables, one active at a time, kept in this browser (secrets included: they are
 * the user's own, as the presets' headers are). Switching is announced on the page's events (running clients
 * connect again with the other values); what resolves a `{{name}}` is `variables()`. Files in and out: Postman's
 * environment export and the inspector's own, secrets' values out only when asked.
 */
export const useEnvironmentsStore = defineStore("environments", () => {
  const environments = ref<Environment[]>([]);
  /** The active environment's name; "" for none. */
  const active = ref("");
  const notice = ref("");
  const error = ref<Problem>();
  const events = usePageEvents();

  function load(): void {
    const raw = storage()?.getItem(ENVIRONMENTS_KEY);
    if (!raw) return;
    try {
      environments.value = readEnvironmentFile(raw, "Saved environments");
      const chosen = (JSON.parse(raw) as { active?: unknown }).active;
      active.value = typeof chosen === "string" && environments.value.some((e) => e.name === chosen) ? chosen : "";
    } catch (err) {
      storage()?.setItem(UNREADABLE_KEY, raw);
      error.value = problem("environments-unreadable", { cause: problemOf(err), keptAt: UNREADABLE_KEY });
    }
  }
  load();

  function save(): void {
    try {
      storage()?.setItem(
        ENVIRONMENTS_KEY,
        JSON.stringify({ ...toEnvironmentsFile(plain(environments.value), true), active: active.value }),
      );
    } catch (err) {
      error.value = problem("environments-not-saved", { cause: problemOf(err) });
    }
  }
  watch([environments, active], save, { deep: true });

  const current = computed(() => environments.value.find((e) => e.name === active.value));

  /** What `{{name}}` resolves with now: the active environment (a fresh set each time: a run captures into its own). */
  function variables(): Variables {
    return new Variables(current.value ? plain(current.value) : undefined);
  }

  /** Every environment's secrets that have a value: what a written text must not hold. */
  const secretValues = computed(() =>
    environments.value.flatMap((e) =>
      e.variables.filter((v) => v.secret && v.value !== "").map((v) => ({ name: v.key, value: v.value })),
    ),
  );
  /** Whether any secret has a value (else an export has nothing to hide, and no choice is offered). */
  const hasSecrets = computed(() => secretValues.value.length > 0);

  /** Hides every environment's secrets in a text (a session file): each becomes its {{name}}. */
  function redact(text: string): string {
    return redactorOf(secretValues.value)(text);
  }

  /** Makes an environment active ("" for none); running clients connect again with its values. */
  function choose(name: string): void {
    if (name === active.value || (name !== "" && !environments.value.some((e) => e.name === name))) return;
    active.value = name;
    events.announce("environmentChosen", { name });
  }

  function checkName(name: string, except?: string): string {
    const n = name.trim();
    if (!n || n.length > 100) fail("environment-name-empty");
    if (n !== except && environments.value.some((e) => e.name === n)) fail("environment-name-taken", { name: n });
    return n;
  }

  /** Runs an action; an error becomes the panel's message, and nothing changes. */
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

  const create = (name: string) =>
    attempt(() => {
      const n = checkName(name);
      environments.value = [...environments.value, { name: n, variables: [] }];
      if (!active.value) choose(n);
      return `Made “${n}”`;
    });

  const rename = (from: string, to: string) =>
    attempt(() => {
      const n = checkName(to, from);
      environments.value = environments.value.map((e) => (e.name === from ? { ...e, name: n } : e));
      if (active.value === from) active.value = n;
      return `Renamed to “${n}”`;
    });

  const remove = (name: string) =>
    attempt(() => {
      environments.value = environments.value.filter((e) => e.name !== name);
      if (active.value === name) choose("");
      return `Deleted “${name}”`;
    });

  /** A new, empty variable for an environment. */
  function addVariable(name: string): void {
    const env = environments.value.find((e) => e.name === name);
    env?.variables.push({ key: "", value: "", secret: false, enabled: true } satisfies Variable);
  }

  /** The names of the active environment's secrets that have no value yet (what the user is asked for). */
  const missing = computed(() => (current.value ? missingSecrets(current.value) : []));

  /**
   * Adds environments (an import, a link's, a preset's) without overwriting any: a clashing name gets a free one.
   * `values`: what the user gave for their secrets, by environment and variable. The first becomes active when none is.
   * @returns what was added, in words (also the panel's notice)
   */
  function add(incoming: readonly Environment[], values: Record<string, Record<string, string>> = {}): string {
    const filled = incoming.map((e) => ({
      name: e.name,
      variables: e.variables.map((v) => {
        const given = values[e.name]?.[v.key];
        return v.secret && v.value === "" && given ? { ...v, value: given } : { ...v };
      }),
    }));
    const { environments: merged, renamed } = mergeEnvironments(plain(environments.value), filled);
    const added = merged.slice(merged.length - filled.length);
    environments.value = merged;
    if (!active.value && added[0]) choose(added[0].name);
    const notes = [
      `Added the environment${added.length === 1 ? "" : "s"} ${added.map((e) => `“${e.name}”`).join(", ")}`,
    ];
    for (const [from, to] of renamed) notes.push(`“${from}” exists already: added as “${to}”`);
    for (const e of added) {
      const empty = missingSecrets(e);
      if (empty.length)
        notes.push(`“${e.name}” needs a value for ${empty.join(", ")} (secret): fill it in Environments`);
    }
    error.value = undefined;
    notice.value = notes.join(". ");
    return notice.value;
  }

  /** Imports a file (Postman's environment export, the inspector's, or presets carrying environments). */
  const importText = (text: string, where: string) => attempt(() => add(readEnvironmentFile(text, where)));

  /** The text of an export: Postman's format (the active one) or the inspector's (all); secrets only when asked. */
  function exportText(format: "postman" | "inspector", includeSecrets: boolean): string {
    const data =
      format === "postman"
        ? current.value && toPostman(plain(current.value), includeSecrets)
        : toEnvironmentsFile(plain(environments.value), includeSecrets);
    if (!data) fail("choose-environment-to-export");
    return JSON.stringify(data, null, 2);
  }

  return {
    environments,
    active,
    current,
    notice,
    error,
    missing,
    variables,
    hasSecrets,
    redact,
    choose,
    create,
    rename,
    remove,
    addVariable,
    add,
    importText,
    exportText,
  };
});
