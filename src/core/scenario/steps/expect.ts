import { plainData, templateProblem, withTemplates } from "../artillery-values.js";
import { read, StepFailure, now, strip, type StepKind } from "./kind.js";
import { problem } from "../../shared/errors.js";

/** Waits for an event the server sends to a client, checking its arguments. */
export interface ExpectStep {
  kind: "expect";
  client: string;
  nsp: string;
  event: string;
  /** A matcher for the event's argument list (the recovery offset left out); absent: any arguments. */
  args?: unknown;
  /** ms to wait, from the step's start; an event that came earlier and was not taken by another step counts. */
  within: number;
}

export const expect: StepKind<ExpectStep> = {
  kind: "expect",
  fields: ["kind", "client", "nsp", "event", "args", "within"],
  read: (r, o, at) => ({
    kind: "expect",
    client: read.client(r, o.client, at("client")),
    nsp: read.nsp(r, o.nsp, at("nsp")),
    event: read.event(r, o.event, at("event")),
    ...strip({ args: read.optional(o.args, () => read.matcher(r, o.args, at("args"))) }),
    within: read.ms(r, o.within, at("within")),
  }),
  describe: (step) => `${step.client} expects “${step.event}” on ${step.nsp} within ${step.within} ms`,
  async run(step, ctx) {
    const deadline = now() + step.within;
    const same = (r: { taken: boolean; client: string; nsp: string; event: string }) =>
      !r.taken && r.client === step.client && r.nsp === step.nsp && r.event === step.event;
    for (;;) {
      for (const r of ctx.received()) {
        if (!same(r)) continue;
        if (step.args === undefined) {
          r.taken = true;
          return;
        }
        const result = await ctx.match(
          step.args,
          r.args,
          deadline,
          problem("expect-unchecked", { client: step.client, event: step.event, nsp: step.nsp }),
        );
        if (result.mismatches.length === 0) {
          r.taken = true;
          ctx.keep(result.captured);
          return;
        }
      }
      if (now() >= deadline) break;
      await ctx.pause(deadline - now());
    }
    // Nothing matched: the last one of that name is the closest to what was meant.
    const closest = ctx.received().filter(same).at(-1);
    if (closest) {
      await ctx.check(
        step.args,
        closest.args,
        problem("expect-mismatch", { client: step.client, event: step.event, nsp: step.nsp }),
        deadline,
        closest.seq,
      );
    }
    const others = [
      ...new Set(
        ctx
          .received()
          .filter((r) => r.client === step.client && !r.taken)
          .map((r) => r.event),
      ),
    ];
    throw new StepFailure(
      problem("expect-none", {
        client: step.client,
        event: step.event,
        nsp: step.nsp,
        within: step.within,
        others: others.slice(0, 8),
      }),
    );
  },
  artillery(step, ctx) {
    const template = templateProblem(
      [
        [{ part: "event" }, step.event],
        [{ part: "namespace" }, step.nsp],
        [{ part: "expected-args" }, step.args],
      ],
      ctx.known,
    );
    if (template) return ctx.untranslated(template);
    const last = ctx.lastEmit;
    if (last && last.nsp === step.nsp && (step.args === undefined || plainData(step.args))) {
      // Artillery waits for an event only as the response to an emit (and needs its data to know it came).
      if (step.args === undefined) return ctx.untranslated(problem("artillery-needs-response-args"));
      last.item.response = { channel: withTemplates(step.event, ctx.known), data: withTemplates(step.args, ctx.known) };
      ctx.lastEmit = undefined;
      return;
    }
    ctx.untranslated(problem("artillery-response-only"));
  },
};
