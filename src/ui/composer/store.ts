import { defineStore } from "pinia";
import { ref, watch } from "vue";
import type { EmitDraft } from "../../core/composer/emit-draft.js";
import { loadHistory, saveHistory, withSent } from "./history.js";
import { useFeedStore } from "../feed/store.js";
import type { SavedEmit } from "../../core/presets/format.js";
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
  const error = ref("");
  /** About the last emit that went out: buffered, or larger than the server may take. */
  const warning = ref("");

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

  /** The emits sent, newest first: one click refills the composer. Kept in this browser, like the presets. */
  const history = ref<SavedEmit[]>(typeof localStorage === "undefined" ? [] : loadHistory());
  const historyError = ref("");
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

  /** What became of an emit: the error (nothing was sent) or the warning; one that went out joins the history. */
  function report(result: { error: string; warning: string }, sent?: SavedEmit): void {
    error.value = result.error;
    warning.value = result.warning;
    if (sent && !result.error) remember(sent);
  }

  return { draft, client, error, warning, history, historyError, load, report, clearHistory, learnAcks };
});
