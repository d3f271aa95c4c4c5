/**
 * The toasts (src/ui/shell/toasts.ts): short messages about actions, at most four at a time, each leaving by itself
 * after its time (5 s, or 10 s when it offers an undo), or at once when dismissed or undone. The timers are Vitest's
 * fake ones: a toast's time is its own setting, not the machine's speed.
 */
import { createPinia, setActivePinia } from "pinia";
import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { useToastsStore } from "../../../src/ui/shell/toasts.js";

beforeEach(() => {
  vi.useFakeTimers();
  setActivePinia(createPinia());
});
afterEach(() => {
  vi.useRealTimers();
});

const texts = () => useToastsStore().toasts.map((t) => t.text);

test("a toast says what was done, as an ok message unless told it is an error", () => {
  const toasts = useToastsStore();
  toasts.show("Saved");
  toasts.show("Could not save", { kind: "error" });
  expect(toasts.toasts.map((t) => [t.text, t.kind, "undo" in t])).toEqual([
    ["Saved", "ok", false],
    ["Could not save", "error", false],
  ]);
});

test("at most four show at once: a fifth pushes the oldest out", () => {
  const toasts = useToastsStore();
  for (const n of [1, 2, 3, 4, 5]) toasts.show(`toast ${n}`);
  expect(texts()).toEqual(["toast 2", "toast 3", "toast 4", "toast 5"]);
});

test("a toast leaves by itself after 5 s", () => {
  useToastsStore().show("Saved");
  vi.advanceTimersByTime(4999);
  expect(texts()).toEqual(["Saved"]);
  vi.advanceTimersByTime(1);
  expect(texts()).toEqual([]);
});

test("a toast with an undo stays 10 s, the time to use it", () => {
  useToastsStore().show("Preset deleted", { undo: () => undefined });
  vi.advanceTimersByTime(9999);
  expect(texts()).toEqual(["Preset deleted"]);
  vi.advanceTimersByTime(1);
  expect(texts()).toEqual([]);
});

test("a toast's own time, when given, is its time", () => {
  useToastsStore().show("Copied", { ms: 800 });
  vi.advanceTimersByTime(800);
  expect(texts()).toEqual([]);
});

test("dismissing a toast takes that one away, and no other", () => {
  const toasts = useToastsStore();
  toasts.show("one");
  toasts.show("two");
  toasts.dismiss(toasts.toasts[0]!.id);
  expect(texts()).toEqual(["two"]);
});

test("undo runs the toast's undo once and takes the toast away", () => {
  const toasts = useToastsStore();
  let undone = 0;
  toasts.show("Preset deleted", { undo: () => undone++ });
  const { id } = toasts.toasts[0]!;
  toasts.undo(id);
  toasts.undo(id);
  expect([undone, texts()]).toEqual([1, []]);
});

test("each toast has an id of its own, also after others left", () => {
  const toasts = useToastsStore();
  toasts.show("a");
  const first = toasts.toasts[0]!.id;
  toasts.dismiss(first);
  toasts.show("b");
  expect(toasts.toasts[0]!.id).not.toBe(first);
});
