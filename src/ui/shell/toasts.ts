import { defineStore } from "pinia";
import { ref } from "vue";

export interface Toast {
  id: number;
  text: string;
  /** The undo of what the toast reports, when it has one. */
  undo?: () => void;
  /** "ok" for what was done, "error" for what failed: distinct styles. */
  kind: "ok" | "error";
}

/** Short messages about actions, with an undo where one exists (a deleted preset comes back). */
export const useToastsStore = defineStore("toasts", () => {
  const toasts = ref<Toast[]>([]);
  let next = 0;

  function show(text: string, options: { undo?: () => void; kind?: "ok" | "error"; ms?: number } = {}): void {
    const toast: Toast = {
      id: ++next,
      text,
      kind: options.kind ?? "ok",
      ...(options.undo ? { undo: options.undo } : {}),
    };
    toasts.value = [...toasts.value.slice(-3), toast];
    setTimeout(() => dismiss(toast.id), options.ms ?? (options.undo ? 10_000 : 5_000));
  }

  function dismiss(id: number): void {
    toasts.value = toasts.value.filter((t) => t.id !== id);
  }

  function undo(id: number): void {
    const toast = toasts.value.find((t) => t.id === id);
    dismiss(id);
    toast?.undo?.();
  }

  return { toasts, show, dismiss, undo };
});
