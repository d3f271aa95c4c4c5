import { createPinia, setActivePinia } from "pinia";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { TimelineRecord } from "../../../src/core/feed/records.js";
import { usePresetsStore } from "../../../src/ui/presets/store.js";
import { useScenarioStore } from "../../../src/ui/scenario/store.js";
import { freshLocalStorage } from "../../helpers/memory-storage.js";
import { toldOfDemo } from "../../helpers/demo-page.js";
import { problem } from "../../../src/core/shared/errors.js";

afterEach(() => vi.unstubAllGlobals());
beforeEach(() => {
  freshLocalStorage();
  setActivePinia(createPinia());
});

/** An event a server sent with connection state recovery: its last argument is the offset, not data. */
const tick = {
  seq: 7,
  t: 1,
  kind: "packet",
  dir: "in",
  nsp: "/metrics",
  type: "BINARY_EVENT",
  event: "snapshot",
  args: [new Uint8Array([1, 2]), "Q8r7mpm"],
  attachments: 1,
  client: "client 1",
  offset: "Q8r7mpm",
} as TimelineRecord;

describe("the scenario's store", () => {
  it("Expect this on an event makes an expect step of its exact arguments, the recovery offset left out", () => {
    const scenario = useScenarioStore();
    expect(scenario.expectRow(tick)).toBe(true);
    const [connect, expectStep] = scenario.draft.steps;
    expect(connect).toEqual({ kind: "connect", client: "client 1" });
    expect(expectStep).toMatchObject({ kind: "expect", client: "client 1", nsp: "/metrics", event: "snapshot" });
    expect((expectStep as { args: unknown[] }).args).toEqual([{ $binary: "0102" }]);
  });

  it("Save in preset with no preset says so, and the message goes once a preset is chosen", async () => {
    toldOfDemo(); // its preset is the one chosen
    const presets = usePresetsStore();
    await presets.init();
    presets.selected = "";
    const scenario = useScenarioStore();
    scenario.expectRow(tick);
    expect(scenario.saveToPreset()).toBe(false);
    expect(scenario.error).toEqual(problem("choose-or-save-preset", { scenarios: true }));
    presets.selected = "Demo server";
    await Promise.resolve();
    expect(scenario.error).toBeUndefined();
    expect(scenario.saveToPreset()).toBe(true);
    expect(presets.presets.find((p) => p.name === "Demo server")?.scenarios?.map((s) => s.name)).toContain(
      scenario.draft.name,
    );
  });
});
