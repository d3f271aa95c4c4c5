import { show } from "../matchers.js";
import { DEFAULT_TIMEOUT, POLL_MS, StepFailure, now, read, strip, type StepContext, type StepKind } from "./kind.js";
import { problem, type Problem } from "../../shared/errors.js";

/** Checks a namespace's state, waiting up to `within` ms for it to hold. */
export interface AssertStep {
  kind: "assert";
  client: string;
  nsp: string;
  connected?: boolean;
  recovered?: boolean;
  /** The socket id is the one it had before the last drop of this client (connection state recovery kept it). */
  sameId?: boolean;
  within?: number;
}

/** What does not hold of the state asked for, now. */
function problems(step: AssertStep, ctx: StepContext): Problem[] {
  const s = ctx
    .running(step.client)
    ?.socketStatus()
    .find((x) => x.nsp === step.nsp);
  const out: Problem[] = [];
  const connected = !!s?.connected;
  if (step.connected !== undefined && connected !== step.connected)
    out.push(problem(step.connected ? "state-not-connected" : "state-still-connected"));
  if (step.recovered !== undefined && !!s?.recovered !== step.recovered)
    out.push(problem(step.recovered ? "state-not-recovered" : "state-recovered"));
  if (step.sameId !== undefined) {
    const before = ctx.idsAtDrop(step.client)?.get(step.nsp);
    if (before === undefined) out.push(problem("state-no-drop"));
    else if ((s?.id === before) !== step.sameId)
      out.push(
        step.sameId
          ? problem("state-new-id", { id: show(s?.id), before: show(before) })
          : problem("state-same-id", { id: before }),
      );
  }
  return out;
}

export const assert: StepKind<AssertStep> = {
  kind: "assert",
  fields: ["kind", "client", "nsp", "connected", "recovered", "sameId", "within"],
  read(r, o, at, path) {
    const step: AssertStep = {
      kind: "assert",
      client: read.client(r, o.client, at("client")),
      nsp: read.nsp(r, o.nsp, at("nsp")),
      ...strip({
        connected: read.optional(o.connected, () => r.boolean(o.connected, at("connected"))),
        recovered: read.optional(o.recovered, () => r.boolean(o.recovered, at("recovered"))),
        sameId: read.optional(o.sameId, () => r.boolean(o.sameId, at("sameId"))),
        within: read.optional(o.within, () => read.ms(r, o.within, at("within"))),
      }),
    };
    if (step.connected === undefined && step.recovered === undefined && step.sameId === undefined)
      r.fail(path || "the step", problem("checks-nothing", { give: "connected, recovered or sameId" }));
    return step;
  },
  describe(step) {
    const checks = [
      step.connected === undefined ? "" : step.connected ? "connected" : "not connected",
      step.recovered === undefined ? "" : step.recovered ? "recovered" : "not recovered",
      step.sameId ? "same id as before the drop" : step.sameId === false ? "a new id" : "",
    ].filter(Boolean);
    return `${step.client} ${step.nsp} is ${checks.join(", ")}`;
  },
  template: (client) => ({ kind: "assert", client, nsp: "/", connected: true }),
  async run(step, ctx) {
    const within = step.within ?? DEFAULT_TIMEOUT;
    const deadline = now() + within;
    for (;;) {
      const found = problems(step, ctx);
      if (found.length === 0) return;
      if (now() >= deadline)
        throw new StepFailure(problem("assert-failed", { within, client: step.client, nsp: step.nsp, found }));
      await ctx.pause(Math.min(POLL_MS, deadline - now()));
    }
  },
  artillery: (_step, ctx) => ctx.untranslated(problem("artillery-no-such-step")),
};
