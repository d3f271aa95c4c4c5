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

export const useComposerStore = defineStore("composer", () => {
  const draft = ref<EmitDraft>(emptyDraft());
  const error = ref("");
  /** About the last emit that went out: buffered, or larger than the server may take. */
  const warning = ref("");
  return { draft, error, warning };
});
