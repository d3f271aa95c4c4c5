import { createPinia, setActivePinia } from "pinia";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { encodePresetFragment } from "../../../src/core/presets/link.js";
import { shippedPresets } from "../../../src/core/presets/shipped.js";
import { useClientsStore } from "../../../src/ui/connection/clients-store.js";
import { useComposerStore } from "../../../src/ui/composer/store.js";
import { usePresetLinks } from "../../../src/ui/presets/links-store.js";
import { usePresetsStore } from "../../../src/ui/presets/store.js";
import { useServerViewStore } from "../../../src/ui/server-view/store.js";
import { usePageEvents } from "../../../src/ui/shell/page-events.js";
import type { Preset } from "../../../src/core/presets/format.js";
import { freshLocalStorage } from "../../helpers/memory-storage.js";
import { pageAt, toldOfDemo } from "../../helpers/demo-page.js";
import { problem } from "../../../src/core/shared/errors.js";

beforeEach(() => {
  freshLocalStorage();
  setActivePinia(createPinia());
  toldOfDemo(); // the page of `npm run dev`, or of a test given the demo: its preset is there
});
afterEach(() => vi.unstubAllGlobals());

describe("the presets' store", () => {
  it("on a page opened as it is, the picker names the demo preset", async () => {
    const presets = usePresetsStore();
    await presets.init();
    expect(presets.selected).toBe("Demo server");
  });

  it("Use this preset saves a link's preset with its scenarios, under a free name when its own is taken", async () => {
    const shared = shippedPresets("http://127.0.0.1:4000")[0]!; // named "Demo server", as the one already there
    shared.scenarios = [{ ...shared.scenarios![0]!, name: "From a colleague" }];
    const presets = usePresetsStore();
    const links = usePresetLinks();
    await presets.init();
    await links.readFragment(await encodePresetFragment(shared));
    expect(links.pendingLink?.name).toBe("Demo server");
    links.acceptLink();
    const saved = presets.presets.find((p) => p.name === presets.selected);
    expect(saved?.name).not.toBe("Demo server");
    expect(saved?.scenarios?.map((s) => s.name)).toEqual(["From a colleague"]);
    expect(useClientsStore().config.url).toBe("http://127.0.0.1:4000");
    expect(presets.notice).toContain("from the link");
  });

  it("Save as new keeps the clients on screen, not the emits of the preset picked before", async () => {
    const presets = usePresetsStore();
    await presets.init();
    useClientsStore().setUrl("http://127.0.0.1:4999");
    expect(presets.saveAs("Mine")).toBe(true);
    const mine = presets.presets.find((p) => p.name === "Mine");
    expect(mine?.emits).toEqual([]);
    expect(mine?.clients[0]?.connection.url).toBe("http://127.0.0.1:4999");
  });

  it("a share link carries the form as edited, with the picked preset's name and scenarios", async () => {
    await usePresetsStore().init();
    useClientsStore().setUrl("http://127.0.0.1:4998");
    const { link } = await usePresetLinks().shareLink(false, "http://inspector.test/");
    setActivePinia(createPinia());
    await usePresetsStore().init();
    const fresh = usePresetLinks();
    await fresh.readFragment(new URL(link).hash);
    expect(fresh.pendingLink?.name).toBe("Demo server");
    expect(fresh.pendingLink?.clients[0]?.connection.url).toBe("http://127.0.0.1:4998");
    expect(fresh.pendingLink?.scenarios?.length).toBe(1);
  });

  it("Load is announced, and the forms, the composer and the server view each take their part of the preset", async () => {
    const presets = usePresetsStore();
    await presets.init();
    const applied: Preset[] = [];
    usePageEvents().on("presetApplied", (p) => applied.push(p));
    const demo = presets.current!;
    expect(presets.load()).toBe(true);
    expect(applied.map((p) => p.name)).toEqual([demo.name]);
    expect(useClientsStore().clients.map((c) => c.name)).toEqual(demo.clients.map((c) => c.name));
    expect(useComposerStore().draft.event).toBe(demo.emits[0]?.event);
    expect(useServerViewStore().settings.namespace).toBe(demo.serverView?.namespace);
  });

  it("a store made after a preset was applied starts from that preset", () => {
    const preset = shippedPresets("http://127.0.0.1:4000")[0]!;
    preset.serverView = { namespace: "/ops", username: "admin" };
    usePageEvents().announce("presetApplied", preset);
    // Made only now: they hear the preset applied before they existed.
    expect(useClientsStore().config.url).toBe("http://127.0.0.1:4000");
    expect(useServerViewStore().settings).toMatchObject({ namespace: "/ops", username: "admin" });
  });
});

describe("the presets on the first screen (issue 34)", () => {
  it("a page told of no demo starts with no preset, and no demo preset to restore", async () => {
    pageAt("");
    const presets = usePresetsStore();
    await presets.init();
    expect(presets.presets).toEqual([]);
    expect(presets.selected).toBe("");
    expect(presets.demoMissing).toBe(false);
    expect(presets.restoreDemo()).toBe(false);
    expect(presets.error).toEqual(problem("no-demo-told"));
    expect(presets.presets).toEqual([]);
  });

  it("a page told of a demo with ?demo= starts with the demo's preset, pointed at it, and picked", async () => {
    toldOfDemo("http://127.0.0.1:4555");
    const presets = usePresetsStore();
    await presets.init();
    expect(presets.presets.map((p) => p.name)).toEqual(["Demo server"]);
    expect(presets.presets[0]?.clients[0]?.connection.url).toBe("http://127.0.0.1:4555");
    expect(presets.selected).toBe("Demo server");
  });

  it("a ?demo= that is not an http(s) URL is said, and no demo preset comes", async () => {
    pageAt("?demo=ftp%3A%2F%2Fx");
    const presets = usePresetsStore();
    await presets.init();
    expect(presets.presets).toEqual([]);
    expect(presets.problems).toEqual([problem("demo-url-invalid", { asked: "ftp://x" })]);
  });
});
