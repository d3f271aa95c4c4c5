import { defineStore } from "pinia";
import { ref, watch } from "vue";
import type { EmitDraft } from "../../core/composer/emit-draft.js";
import { loadHistory, saveHistory, withSent } from "./history.js";
import { useFeedStore } from "../feed/store.js";
import { plain, type SavedEmit } from "../../core/presets/format.js";
import { useClientsStore } from "../connection/clients-store.js";
import { useConnectionStore, type EmitResult } from "../connection/store.js";
import type { Problem } from "../../core/shared/errors.js";
import { usePageEvents } from "../shell/page-events.js";
import { whileAlive } from "../shared/scope.js";

export type { EmitDraft };

export function emptyDraft(): EmitDraft {
  return {
    nsp: "/",
    event: "echo",
    args: [{ type: "text", value: "hello" }],
    expectAck: true,
    ackTimeout: 5000,
    volatile: false,
    compress: true,
  };
}

/** The emit being composed (plain data, kept when sending fails), which client sends it, and what became of it. */
export const useComposerStore = defineStore("composer", () => {
  const draft = ref<EmitDraft>(emptyDraft());
  /** The client that sends it, when there are several (undefined: the active one). */
  const client = ref<string | undefined>(undefined);
  const error = ref<Problem>();
  /** About the last emit that went out: buffered, or larger than the server may take. */
  const warning = ref<Problem>();

  // The chosen client follows a rename.
  whileAlive(
    useFeedStore().onClient((event) => {
      if (event.kind === "renamed" && client.value === event.from) client.value = event.to;
    }),
  );

  /**
   * Whether each event name was last sent expecting an ack: "Expect ack" follows the event typed (an event that
   * never answers, like the demo's ask-me, does not inherit the tick of the emit before it). From the history, the
   * preset's saved emits and what is sent; a name never seen keeps the current choice.
   */
  const ackChoices = new Map<string, boolean>();
  function learnAcks(emits: ReadonlyArray<{ event: string; expectAck: boolean }>): void {
    // Oldest first, so that the newest choice of a name wins.
    for (const e of [...emits].reverse()) ackChoices.set(e.event, e.expectAck);
  }
  watch(
    () => draft.value.event,
    (event) => {
      const known = ackChoices.get(event);
      if (known !== undefined) draft.value.expectAck = known;
    },
  );

  /** Fills the composer with a saved emit, to edit and send again. */
  function load(saved: EmitDraft & { client?: string }): void {
    const { client: from, ...rest } = saved;
    draft.value = rest;
    if (from !== undefined) client.value = from;
  }

  /** The draft as a preset keeps it, with the client that sends it when one was chosen. */
  function savedEmit(): SavedEmit {
    return { ...plain(draft.value), ...(client.value ? { client: client.value } : {}) };
  }

  /** The emits sent, newest first: one click refills the composer. Kept in this browser, like the presets. */
  const history = ref<SavedEmit[]>(typeof localStorage === "undefined" ? [] : loadHistory());
  const historyError = ref<Problem>();
  learnAcks(history.value);

  function remember(sent: SavedEmit): void {
    ackChoices.set(sent.event, sent.expectAck);
    history.value = withSent(history.value, JSON.parse(JSON.stringify(sent)) as SavedEmit);
    if (typeof localStorage !== "undefined") historyError.value = saveHistory(history.value);
  }

  function clearHistory(): void {
    history.value = [];
    if (typeof localStorage !== "undefined") historyError.value = saveHistory([]);
  }

  /** What became of an emit: its problem (nothing was sent) or its warning; one that went out joins the history. */
  function report(result: EmitResult, sent?: SavedEmit): void {
    error.value = result.problem;
    warning.value = result.warning;
    if (sent && !result.problem) remember(sent);
  }

  /**
   * Sends a saved emit in one action (a preset's); its text also comes here, to edit and send again. Its client
   * sends it when it is one of the clients, else the active one.
   */
  function fire(saved: SavedEmit): void {
    load(plain(saved));
    const connection = useConnectionStore();
    const result = connection.emit(
      saved.nsp,
      saved.event,
      saved.args,
      {
        ack: saved.expectAck ? { timeout: saved.ackTimeout } : undefined,
        volatile: saved.volatile,
        compress: saved.compress,
      },
      saved.client && useClientsStore().names.includes(saved.client) ? saved.client : undefined,
    );
    report(result, plain(saved));
  }

  // A preset's saved emits teach the ack choices (after the history's: theirs win); a preset applied fills the
  // composer with its first emit. Last: what was announced before this store was made is taken with all above set.
  const events = usePageEvents();
  whileAlive(
    events.on(
      "presetsRead",
      ({ presets, shown }) => {
        for (const p of presets) learnAcks(p.emits);
        if (shown) learnAcks(shown.emits);
      },
      { replay: true },
    ),
  );
  whileAlive(
    events.on(
      "presetApplied",
      (preset) => {
        learnAcks(preset.emits);
        const first = preset.emits[0];
        if (first) load(plain(first));
      },
      { replay: true },
    ),
  );

  return {
    draft,
    client,
    error,
    warning,
    history,
    historyError,
    load,
    report,
    clearHistory,
    learnAcks,
    savedEmit,
    fire,
  };
});
