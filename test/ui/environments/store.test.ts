import { createPinia, setActivePinia } from "pinia";
import { beforeEach, describe, expect, it } from "vitest";
import { nextTick } from "vue";
import { ENVIRONMENTS_KEY, useEnvironmentsStore } from "../../../src/ui/environments/store.js";
import { usePageEvents } from "../../../src/ui/shell/page-events.js";
import { freshLocalStorage, type MemoryStorage } from "../../helpers/memory-storage.js";
import { withCode } from "../../helpers/codes.js";

let storage: MemoryStorage;
beforeEach(() => {
  storage = freshLocalStorage();
  setActivePinia(createPinia());
});

const postman = JSON.stringify({
  name: "staging",
  values: [
    { key: "host", value: "10.0.0.5:3000", type: "default", enabled: true },
    { key: "token", value: "", type: "secret", enabled: true },
  ],
  _postman_variable_scope: "environment",
});

describe("the environments' store", () => {
  it("an import becomes active when none was, says which secret needs a value, and is kept after a reload", async () => {
    const envs = useEnvironmentsStore();
    const chosen: string[] = [];
    usePageEvents().on("environmentChosen", (e) => chosen.push(e.name));
    expect(envs.importText(postman, "File staging.json")).toBe(true);
    expect(envs.active).toBe("staging");
    expect(chosen).toEqual(["staging"]);
    expect(envs.notice).toContain("“staging” needs a value for token (secret): fill it in Environments");
    expect(envs.missing).toEqual(["token"]);
    expect(() => envs.variables().resolve("{{token}}", "Auth of /")).toThrow(
      withCode("secret-without-value", { name: "token" }),
    );
    envs.current!.variables[1]!.value = "s3cret";
    await nextTick();
    setActivePinia(createPinia());
    const again = useEnvironmentsStore();
    expect(again.active).toBe("staging");
    expect(again.variables().resolve("http://{{host}}/?t={{token}}", "Server URL")).toBe(
      "http://10.0.0.5:3000/?t=s3cret",
    );
  });

  it("exports keep secrets' values out unless asked; a session's text loses them", async () => {
    const envs = useEnvironmentsStore();
    envs.add([{ name: "local", variables: [{ key: "token", value: "", secret: true, enabled: true }] }], {
      local: { token: "hunter22" },
    });
    await nextTick();
    expect(envs.exportText("postman", false)).not.toContain("hunter22");
    expect(envs.exportText("inspector", false)).not.toContain("hunter22");
    expect(envs.exportText("postman", true)).toContain("hunter22");
    expect(envs.redact('{"auth":{"token":"hunter22"}}')).toBe('{"auth":{"token":"{{token}}"}}');
    expect(storage.getItem(ENVIRONMENTS_KEY)).toContain("hunter22"); // the user's own browser keeps it
  });

  it("storage it cannot read is kept aside, not written over", () => {
    storage.setItem(ENVIRONMENTS_KEY, "{ not json");
    const envs = useEnvironmentsStore();
    expect(envs.error).toEqual(
      withCode("environments-unreadable", { keptAt: "socketio-inspector:environments:unreadable" }),
    );
    expect(storage.getItem(`${ENVIRONMENTS_KEY}:unreadable`)).toBe("{ not json");
  });
});
