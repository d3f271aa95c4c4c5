import { defineStore } from "pinia";
import { ref } from "vue";
import type { ArgDraft } from "../model/typed-args.js";

/** An emit as composed: plain data, kept when sending fails, and what a preset saves. */
export interface EmitDraft {
  nsp: string;
  event: string;
  args: ArgDraft[];
  expectAck: boolean;
  ackTimeout: number;
  volatile: boolean;
  compress: boolean;
}

export function emptyDraft(): EmitDraft {
  return { nsp: "/", event: "echo", args: [{ type: "text", value: "hello" }], expectAck: true, ackTimeout: 5000, volatile: false, compress: true };
}

export const useComposerStore = defineStore("composer", () => {
  const draft = ref<EmitDraft>(emptyDraft());
  const error = ref("");
  const sent = ref(0);
  return { draft, error, sent };
});
