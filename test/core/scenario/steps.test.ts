import { describe, expect, it } from "vitest";
import { describeStep, readStepAlone, type Step } from "../../../src/core/scenario/format.js";
import { STEP_KINDS, STEPS } from "../../../src/core/scenario/steps/index.js";
import { withCode } from "../../helpers/codes.js";

/** One step of each kind, as a preset stores it. */
const EXAMPLES: { [K in Step["kind"]]: Extract<Step, { kind: K }> } = {
  connect: { kind: "connect", client: "alice", nsp: "/chat", timeout: 2000 },
  emit: { kind: "emit", client: "alice", nsp: "/", event: "add", args: [1, 2], ack: { timeout: 1000, match: [3] } },
  expect: { kind: "expect", client: "bob", nsp: "/", event: "hello", args: [{ $any: true }], within: 500 },
  wait: { kind: "wait", ms: 200 },
  drop: { kind: "drop", client: "alice" },
  disconnect: { kind: "disconnect", client: "alice", nsp: "/chat" },
  assert: { kind: "assert", client: "alice", nsp: "/", connected: true, sameId: true },
  "server-state": { kind: "server-state", nsp: "/", client: "alice", room: "lobby", inRoom: false, sockets: 2 },
  "server-received": { kind: "server-received", client: "bob", nsp: "/", event: "join", args: ["lobby"], within: 500 },
};

describe("the step kinds' registry", () => {
  it("holds every kind, each under its own name", () => {
    expect(STEP_KINDS).toEqual([
      "connect",
      "emit",
      "expect",
      "wait",
      "drop",
      "disconnect",
      "assert",
      "server-state",
      "server-received",
    ]);
    for (const kind of STEP_KINDS) expect(STEPS[kind].kind).toBe(kind);
  });

  it.each(STEP_KINDS)("a %s step reads back as it is stored, and reads in one line", (kind) => {
    const step = EXAMPLES[kind];
    expect(readStepAlone(JSON.parse(JSON.stringify(step)))).toEqual(step);
    expect(describeStep(step)).toMatch(/\S/);
  });

  it.each(STEP_KINDS)("a %s step refuses a field of no kind, naming the kind's fields", (kind) => {
    expect(() => readStepAlone({ ...EXAMPLES[kind], colour: "red" })).toThrow(
      withCode("value-invalid", {
        where: "Step",
        path: "colour",
        cause: withCode("not-a-field", {
          of: `${/^[aeiou]/.test(kind) ? "an" : "a"} ${kind} step`,
          fields: [...STEPS[kind].fields],
        }),
      }),
    );
  });

  it("the page offers a template for the kinds not made from the composer or a row", () => {
    const offered = STEP_KINDS.filter((k) => STEPS[k].template !== undefined);
    expect(offered).toEqual(["connect", "wait", "drop", "disconnect", "assert", "server-state", "server-received"]);
    for (const kind of offered) expect(readStepAlone(STEPS[kind].template?.("carol"))).toMatchObject({ kind });
  });
});
