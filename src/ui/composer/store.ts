import { defineStore } from "pinia";
import { ref } from "vue";
import type { EmitDraft } from "./emit-draft.js";

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

  /** Fills the composer with a saved emit, to edit and send again. */
  function load(saved: EmitDraft & { client?: string }): void {
    const { client: from, ...rest } = saved;
    draft.value = rest;
    if (from !== undefined) client.value = from;
  }

  /** What became of the last emit: the error (nothing was sent) or the warning. */
  function report(result: { error: string; warning: string }): void {
    error.value = result.error;
    warning.value = result.warning;
  }

  return { draft, client, error, warning, load, report };
});
