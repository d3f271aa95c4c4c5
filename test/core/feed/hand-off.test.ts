// What the inspector page accepts of a hand-off and from whom, and the addresses the panel opens and keeps.
import { describe, expect, test } from "vitest";
import {
  addressToKeep,
  HAND_OFF_SESSION,
  inspectorAddress,
  isExtensionOrigin,
  readHandOff,
} from "../../../src/core/feed/hand-off.js";
import { withCode } from "../../helpers/codes.js";
import { problem } from "../../../src/core/shared/errors.js";

describe("who may hand a session over", () => {
  test("a browser extension's page", () => {
    expect(isExtensionOrigin("chrome-extension://abcdefghijklmnopabcdefghijklmnop")).toBe(true);
  });

  test.each([
    ["a web site", "https://example.com"],
    ["the inspector's own origin", "http://127.0.0.1:5173"],
    ["an opaque origin", "null"],
    ["an extension id of the wrong length", "chrome-extension://abcdef"],
    ["an extension id with letters past p", "chrome-extension://abcdefghijklmnopabcdefghijklmnoz"],
    ["an extension origin with a path after it", "chrome-extension://abcdefghijklmnopabcdefghijklmnop/x"],
  ])("not %s (%s)", (_what, origin) => {
    expect(isExtensionOrigin(origin)).toBe(false);
  });
});

describe("a hand-off message", () => {
  test("its name and text", () => {
    expect(readHandOff({ type: HAND_OFF_SESSION, name: "DevTools panel: http://app", text: "{}\n" })).toEqual({
      name: "DevTools panel: http://app",
      text: "{}\n",
    });
  });

  test("a name of a megabyte is cut; none is named for what it is", () => {
    const long = readHandOff({ type: HAND_OFF_SESSION, name: "n".repeat(1_000_000), text: "" });
    expect("name" in long && long.name).toBe(`${"n".repeat(200)}…`);
    expect(readHandOff({ type: HAND_OFF_SESSION, text: "" })).toEqual({ name: "handed-over session", text: "" });
  });

  test.each([
    ["another message", { type: "something-else", text: "" }, "hand-off-not-message"],
    ["no object at all", "socketio-inspector:session", "hand-off-not-message"],
    ["nothing", null, "hand-off-not-message"],
    ["text that is not text", { type: HAND_OFF_SESSION, text: { lines: [] } }, "hand-off-without-text"],
  ] as const)("%s is refused, saying why", (_what, data, code) => {
    expect(readHandOff(data)).toEqual({ problem: problem(code) });
  });
});

describe("the inspector's address", () => {
  test("http and https, as typed (spaces around it dropped)", () => {
    expect(inspectorAddress(" http://127.0.0.1:5173/?token=abc ").href).toBe("http://127.0.0.1:5173/?token=abc");
    expect(inspectorAddress("https://inspector.test/").protocol).toBe("https:");
  });

  test.each([
    ["javascript:alert(1)", withCode("address-scheme", { protocol: "javascript:" })],
    ["file:///etc/passwd", withCode("address-scheme", { protocol: "file:" })],
    ["127.0.0.1:5173", withCode("address-no-scheme", { shown: "127.0.0.1:5173" })],
    ["localhost:5173", withCode("address-no-scheme", { shown: "localhost:5173" })],
    ["not an address", withCode("address-invalid", { shown: "not an address" })],
  ])("%s is refused, saying why", (typed, error) => {
    expect(() => inspectorAddress(typed)).toThrow(error);
  });

  test("what is kept of it leaves this run's token out (and the fragment), and keeps the rest", () => {
    expect(addressToKeep(new URL("http://127.0.0.1:4000/?token=secret&url=http%3A%2F%2Fapp#x"))).toBe(
      "http://127.0.0.1:4000/?url=http%3A%2F%2Fapp",
    );
  });
});
