import { createPinia, setActivePinia } from "pinia";
import { beforeEach, describe, expect, it } from "vitest";
import { useComposerStore } from "../../../src/ui/composer/store.js";
import { useFeedStore } from "../../../src/ui/feed/store.js";
import { freshLocalStorage } from "../../helpers/memory-storage.js";
import { problem } from "../../../src/core/shared/errors.js";

beforeEach(() => {
  freshLocalStorage();
  setActivePinia(createPinia());
});

const sent = (event: string, expectAck: boolean) => ({
  nsp: "/",
  event,
  args: [],
  expectAck,
  ackTimeout: 5000,
  volatile: false,
  compress: true,
});

describe("the composer's store", () => {
  it("Expect ack follows the event typed: the choice last sent, or saved, for that name", async () => {
    const composer = useComposerStore();
    composer.learnAcks([sent("ask-me", false)]);
    composer.draft.event = "ask-me";
    await Promise.resolve(); // the watcher runs on the next tick
    expect(composer.draft.expectAck).toBe(false);
    composer.draft.event = "never-seen";
    await Promise.resolve();
    expect(composer.draft.expectAck).toBe(false); // a name never seen keeps the current choice
    composer.draft.expectAck = true;
    composer.report({}, sent("never-seen", true));
    composer.draft.event = "ask-me";
    await Promise.resolve();
    expect(composer.draft.expectAck).toBe(false);
    composer.draft.event = "never-seen";
    await Promise.resolve();
    expect(composer.draft.expectAck).toBe(true);
  });

  it("what went out joins the history, kept in the browser; a failed emit does not", () => {
    const composer = useComposerStore();
    composer.report({}, sent("echo", true));
    composer.report({ problem: problem("connect-first", {}) }, sent("lost", true));
    expect(composer.history.map((h) => h.event)).toEqual(["echo"]);
    expect(localStorage.getItem("socketio-inspector:history")).toContain("echo");
  });

  it("the client chosen for the emit follows its rename", () => {
    const composer = useComposerStore();
    composer.client = "alice";
    useFeedStore().announce({ kind: "renamed", from: "alice", to: "carol" });
    expect(composer.client).toBe("carol");
  });
});
