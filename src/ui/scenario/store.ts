import { defineStore } from "pinia";
import { computed, ref, shallowRef, watch } from "vue";
import { nestedDeeperThan, parseArgs } from "../../core/composer/typed-args.js";
import { useComposerStore } from "../composer/store.js";
import { useServerViewStore } from "../server-view/store.js";
import { useConnectionStore } from "../connection/store.js";
import { useClientsStore } from "../connection/clients-store.js";
import { requestOf } from "../../core/feed/links.js";
import type { TimelineRecord } from "../../core/feed/records.js";
import { plain } from "../../core/presets/format.js";
import { usePresetsStore } from "../presets/store.js";
import { downloadText } from "../shared/download.js";
import { useToastsStore } from "../shell/toasts.js";
import { toArtillery } from "../../core/scenario/artillery.js";
import { readScenarios, readStepAlone, type EmitStep, type Scenario, type Step } from "../../core/scenario/format.js";
import { Reader } from "../../core/shared/reader.js";
import { exactMatcher, MAX_EXACT_DEPTH } from "../../core/scenario/matchers.js";
import { ScenarioRun, tally, type RunOptions, type StepResult } from "../../core/scenario/runner.js";
import { fail, InspectorError, problem, problemOf, words, type Problem } from "../../core/shared/errors.js";
import { resolveConnection } from "../../core/variables/resolve.js";
import { useEnvironmentsStore } from "../environments/store.js";

/** The last item that passes, or undefined. */
function lastOf<T>(items: readonly T[], pass: (item: T) => boolean): T | undefined {
  for (let i = items.length - 1; i >= 0; i--) if (pass(items[i] as T)) return items[i];
  return undefined;
}

/** How long a step made from a row waits, by default: long enough for a dev server, short enough to fail fast. */
const DEFAULT_WITHIN = 2000;

/**
 * The scenario being written and run in the page: plain data (the steps), the results of the last run, and the
 * actions that build it from the composer and from timeline rows. The run itself (live objects) stays in this
 * closure; it drives the inspector's own clients, so the timeline shows every step.
 */
export const useScenarioStore = defineStore("scenario", () => {
  const connection = useConnectionStore();
  const serverView = useServerViewStore();
  const forms = useClientsStore();
  const composer = useComposerStore();
  const presets = usePresetsStore();
  const toasts = useToastsStore();
  const environments = useEnvironmentsStore();

  const draft = ref<Scenario>({ name: "My scenario", steps: [] });
  /** The results of the run under way or the last one, per step (empty before a run). */
  const results = shallowRef<StepResult[]>([]);
  const running = ref(false);
  /** What the last action said: a problem names what is wrong; nothing changed then. */
  const error = ref<Problem>();
  const notice = ref("");
  /** What the last Artillery export could not translate, step by step. */
  const exportNotes = ref<Problem[]>([]);
  let run: ScenarioRun | undefined;
  let abort: AbortController | undefined;

  const summary = computed(() => {
    if (!results.value.length) return "";
    const t = tally(results.value);
    return `${t.passed} passed, ${t.failed} failed${t.interrupted ? ", interrupted" : ""}, ${t.skipped + t.pending} not run`;
  });

  // "Choose or save a preset first" is over once a preset is chosen or saved.
  watch(
    () => presets.selected,
    (name) => {
      if (name) error.value = undefined;
    },
  );

  function say(action: () => string | void): boolean {
    error.value = undefined;
    notice.value = "";
    exportNotes.value = [];
    try {
      notice.value = action() ?? "";
      return true;
    } catch (err) {
      error.value = problemOf(err);
      return false;
    }
  }

  /** A change to the steps ends the last run's results (they were of other steps). */
  function edit(change: (steps: Step[]) => Step[]): void {
    reset();
    draft.value = { ...draft.value, steps: change([...draft.value.steps]) };
  }

  /** Adds a step; the first step about a client that nothing connected yet is preceded by its connect step. */
  function add(step: Step): void {
    edit((steps) => {
      const client = "client" in step ? step.client : undefined;
      const connected = steps.some((s) => s.kind === "connect" && s.client === client);
      if (client !== undefined && step.kind !== "connect" && !connected) steps.push({ kind: "connect", client });
      steps.push(step);
      return steps;
    });
  }

  function move(index: number, by: -1 | 1): void {
    const to = index + by;
    if (to < 0 || to >= draft.value.steps.length) return;
    edit((steps) => {
      const [step] = steps.splice(index, 1);
      steps.splice(to, 0, step as Step);
      return steps;
    });
  }

  function remove(index: number): void {
    edit((steps) => steps.filter((_s, i) => i !== index));
  }

  /**
   * Replaces a step by the user's edit of its JSON: checked first, named by field; nothing changes if wrong.
   * @returns why it was refused (shown next to the editor), or undefined when done.
   */
  function replace(index: number, json: string): Problem | undefined {
    let value: unknown;
    try {
      value = JSON.parse(json);
    } catch (err) {
      return problem("step-not-json", { step: index + 1, cause: problemOf(err) });
    }
    try {
      const step = readStepAlone(value, `Step ${index + 1}`);
      edit((steps) => steps.map((s, i) => (i === index ? step : s)));
      return undefined;
    } catch (err) {
      return problemOf(err);
    }
  }

  const sender = () => composer.client ?? forms.activeName;

  /**
   * Says what a step added from elsewhere (composer, row) did, in a toast as well: the panel may be out of sight
   * (a phone shows one part at a time).
   */
  function tell(done: boolean): boolean {
    toasts.show(done || !error.value ? notice.value : words(error.value), { kind: done ? "ok" : "error" });
    return done;
  }

  /** The composer's emit as a step (its ack awaited; "Expect this" on the ack row checks it). */
  function addComposedEmit(): boolean {
    return tell(
      say(() => {
        const d = composer.draft;
        if (!d.event.trim()) fail("event-name-missing-first");
        const parsed = parseArgs(d.args);
        if (!parsed.ok) throw new InspectorError(parsed.problem);
        if (nestedDeeperThan(parsed.values, MAX_EXACT_DEPTH)) fail("args-too-deep-for-step", { max: MAX_EXACT_DEPTH });
        const step: EmitStep = {
          kind: "emit",
          client: sender(),
          nsp: d.nsp,
          event: d.event,
          args: parsed.values.map(exactMatcher),
          ...(d.expectAck ? { ack: { timeout: d.ackTimeout || DEFAULT_WITHIN } } : {}),
        };
        add(step);
        return `Added: ${step.client} emits “${step.event}”`;
      }),
    );
  }

  /** The arguments of a received packet, without the recovery offset, as an exact matcher. */
  function argsMatcher(r: TimelineRecord & { kind: "packet" }): unknown {
    const args = r.offset !== undefined && r.args ? r.args.slice(0, -1) : (r.args ?? []);
    if (nestedDeeperThan(args, MAX_EXACT_DEPTH)) fail("args-too-deep-to-expect", { max: MAX_EXACT_DEPTH });
    return exactMatcher(args);
  }

  /**
   * "Expect this" on a row: an event the server sent becomes an expect step; an ack becomes the ack check of its
   * emit's step (added, with the emit's arguments, when the scenario has none for it). Exact values, to loosen after.
   */
  function expectRow(record: TimelineRecord): boolean {
    return tell(
      say(() => {
        if (record.kind !== "packet" || record.dir !== "in") fail("expect-server-only");
        const client = record.client ?? forms.activeName;
        if (record.type === "EVENT" || record.type === "BINARY_EVENT") {
          add({
            kind: "expect",
            client,
            nsp: record.nsp,
            event: record.event ?? "",
            args: argsMatcher(record),
            within: DEFAULT_WITHIN,
          });
          return `Added: ${client} expects “${record.event}” with exactly these arguments (ids and times differ on the next run: loosen them in Edit)`;
        }
        if (record.type !== "ACK" && record.type !== "BINARY_ACK") fail("row-not-event-or-ack");
        // The emit it answers, as the feed paired them.
        const asked = requestOf(record);
        const emit = asked?.kind === "packet" && asked.dir === "out" ? asked : undefined;
        if (!emit?.event) fail("ack-emit-gone");
        const match = argsMatcher(record);
        const steps = draft.value.steps;
        const at = steps.indexOf(
          lastOf(
            steps,
            (s) => s.kind === "emit" && s.client === client && s.nsp === emit.nsp && s.event === emit.event,
          ) as Step,
        );
        if (at >= 0) {
          const step = steps[at] as EmitStep;
          edit((all) =>
            all.map((s, i) =>
              i === at ? { ...step, ack: { timeout: step.ack?.timeout ?? DEFAULT_WITHIN, match } } : s,
            ),
          );
          return `Step ${at + 1} now checks the ack of “${emit.event}”`;
        }
        if (nestedDeeperThan(emit.args ?? [], MAX_EXACT_DEPTH)) fail("emit-args-too-deep");
        add({
          kind: "emit",
          client,
          nsp: emit.nsp,
          event: emit.event,
          args: (emit.args ?? []).map(exactMatcher),
          ack: { timeout: DEFAULT_WITHIN, match },
        });
        return `Added: ${client} emits “${emit.event}” and checks its ack`;
      }),
    );
  }

  function reset(): void {
    stop();
    run?.stop();
    run = undefined;
    results.value = [];
  }

  function startRun(): ScenarioRun {
    if (!run || run.done) {
      run?.stop();
      // The server steps read the server view: started with the Server panel's settings when a step needs it.
      run = new ScenarioRun(
        plain(draft.value),
        { ...connection.scenarioHost(), serverView: serverView.forScenario },
        environments.variables(),
      );
      results.value = run.results.map((r) => ({ ...r }));
    }
    return run;
  }

  const onStep = (r: StepResult) => {
    results.value = results.value.map((old) => (old.index === r.index ? r : old));
  };

  /** Drives the run (a new one after a finished run): every step left, or the next one. */
  async function drive(how: (current: ScenarioRun, options: RunOptions) => Promise<unknown>): Promise<void> {
    if (running.value || !draft.value.steps.length) return;
    running.value = true;
    // Made first: Stop works while the server view's code is still being fetched.
    const controller = (abort = new AbortController());
    let current: ScenarioRun | undefined;
    try {
      // Server steps read the server view, whose code is fetched when first needed (a failure fails those steps,
      // with its reason).
      if (draft.value.steps.some((s) => s.kind.startsWith("server-"))) await serverView.ready().catch(() => undefined);
      // The clients' code (fetched when the page was idle; a failure is said in the connection form).
      if (!(await connection.ready()) || controller.signal.aborted) return;
      if (run?.done) run = undefined;
      // Before anything is sent: every client the scenario uses must resolve its {{variables}} (its steps' own are
      // checked by the run, before its first step).
      if (!run) {
        const vars = environments.variables();
        const used = new Set(draft.value.steps.flatMap((s) => ("client" in s && s.client ? [s.client] : [])));
        for (const name of used) {
          const entry = forms.clientOf(name) ?? forms.clients[0];
          if (!entry) continue;
          try {
            resolveConnection(entry.config, vars, name);
          } catch (err) {
            error.value = problemOf(err);
            return;
          }
        }
      }
      current = startRun();
      await how(current, { onStep, signal: controller.signal });
    } finally {
      running.value = false;
      if (current) results.value = current.results.map((r) => ({ ...r }));
    }
  }

  const runAll = () => drive((current, options) => current.runAll(options));
  const runStep = () => drive((current, options) => current.step(options));

  function stop(): void {
    abort?.abort();
  }

  /** Keeps the scenario in the selected preset (replacing one of the same name). */
  function saveToPreset(): boolean {
    return say(() => {
      const name = draft.value.name.trim();
      if (!name) fail("scenario-name-missing");
      readScenarios(new Reader("Scenario"), [{ ...plain(draft.value), name }]); // names the step and field if wrong
      return presets.saveScenario({ ...plain(draft.value), name });
    });
  }

  function load(scenario: Scenario): void {
    reset();
    draft.value = plain(scenario);
    notice.value = `Loaded “${scenario.name}”`;
    error.value = undefined;
  }

  function clear(): void {
    reset();
    draft.value = { name: "My scenario", steps: [] };
  }

  /** Downloads the scenario as an Artillery script; what did not translate is listed under the panel. */
  function exportArtillery(): boolean {
    return say(() => {
      // The preset's {{variables}} become Artillery's: the environments' values, secrets read from the runner's
      // environment (never written).
      const { script, notes, translated } = toArtillery(plain(draft.value), forms.clients, undefined, {
        environments: plain(environments.environments),
        ...(environments.active ? { active: environments.active } : {}),
      });
      const name = `${draft.value.name.replace(/[^\w.-]+/g, "_")}.artillery.json`;
      downloadText(name, JSON.stringify(script, null, 2), "application/json");
      exportNotes.value = notes;
      return `Saved ${name}: ${words(translated)}`;
    });
  }

  return {
    draft,
    results,
    running,
    error,
    notice,
    exportNotes,
    summary,
    add,
    move,
    remove,
    replace,
    addComposedEmit,
    expectRow,
    runAll,
    runStep,
    stop,
    reset,
    saveToPreset,
    load,
    clear,
    exportArtillery,
  };
});
