import { expect, test } from "vitest";
import { HISTORY_SIZE, loadHistory, saveHistory, withSent } from "../../../src/ui/composer/history.js";
import type { SavedEmit } from "../../../src/core/presets/format.js";
import { argumentsJson, emitCode } from "../../../src/ui/timeline/copy.js";
import { problem } from "../../../src/core/shared/errors.js";
import { withCode } from "../../helpers/codes.js";

test("copy as code: emit or emitWithAck, binary as a typed array; a look-alike string stays a string", () => {
  expect(emitCode("chat", [{ a: 1 }, "x"], false)).toBe('socket.emit("chat", {"a":1}, "x");');
  expect(emitCode("add", [2, 40], true)).toBe('const reply = await socket.emitWithAck("add", 2, 40);');
  expect(emitCode("bin", [{ b: new Uint8Array([1, 2]) }], false)).toBe(
    'socket.emit("bin", {"b":new Uint8Array([1, 2])});',
  );
  expect(emitCode("s", ["\u0000bin:1, 2"], false)).toBe('socket.emit("s", "\\u0000bin:1, 2");');
});

test("copy as JSON: binary as hex; too deep is refused with a reason", () => {
  expect(JSON.parse(argumentsJson([new Uint8Array([0xca, 0xfe])]))).toEqual([{ $binary: "cafe" }]);
  let deep: unknown = 1;
  for (let i = 0; i < 300; i++) deep = [deep];
  expect(() => argumentsJson([deep])).toThrow(withCode("args-too-deep-to-copy", { max: 200 }));
});

const emit = (event: string): SavedEmit => ({
  nsp: "/",
  event,
  args: [{ type: "text", value: event }],
  expectAck: false,
  ackTimeout: 5000,
  volatile: false,
  compress: true,
});

test("history: newest first, a repeat moves to the top, bounded; damaged entries are left out on load", () => {
  let h = withSent([], emit("a"));
  h = withSent(h, emit("b"));
  h = withSent(h, emit("a"));
  expect(h.map((e) => e.event)).toEqual(["a", "b"]);
  for (let i = 0; i < 80; i++) h = withSent(h, emit(`e${i}`));
  expect(h).toHaveLength(HISTORY_SIZE);

  const store = new Map<string, string>();
  const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => store.set(k, v) };
  expect(
    saveHistory([emit("ok"), { ...emit("big"), args: [{ type: "text", value: "x".repeat(70_000) }] }], storage),
  ).toBeUndefined();
  const saved = JSON.parse(store.get("socketio-inspector:history")!) as unknown[];
  expect(saved).toHaveLength(1); // the large one is kept for the page only
  store.set("socketio-inspector:history", JSON.stringify([{ event: 5 }, emit("fine")]));
  expect(loadHistory(storage).map((e) => e.event)).toEqual(["fine"]);
  store.set("socketio-inspector:history", "{not json");
  expect(loadHistory(storage)).toEqual([]);
  const full = {
    setItem: () => {
      throw new Error("quota exceeded");
    },
  };
  expect(saveHistory([emit("a")], full)).toEqual(
    problem("history-not-saved", { cause: problem("thrown", { message: "quota exceeded" }) }),
  );
});
