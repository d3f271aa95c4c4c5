import { problem } from "../../shared/errors.js";
import { StepFailure, now, read, strip, type StepKind } from "./kind.js";

/** Waits for the server to have received an event from a client (its Admin UI view says so), checking its arguments. */
export interface ServerReceivedStep {
  kind: "server-received";
  client: string;
  nsp: string;
  event: string;
  /** A matcher for the event's argument list; absent: any arguments. */
  args?: unknown;
  /** ms to wait, from the step's start; a receipt seen earlier and not taken by another step counts. */
  within: number;
}

export const serverReceived: StepKind<ServerReceivedStep> = {
  kind: "server-received",
  fields: ["kind", "client", "nsp", "event", "args", "within"],
  read: (r, o, at) => ({
    kind: "server-received",
    client: read.client(r, o.client, at("client")),
    nsp: read.nsp(r, o.nsp, at("nsp")),
    event: read.event(r, o.event, at("event")),
    ...strip({ args: read.optional(o.args, () => read.matcher(r, o.args, at("args"))) }),
    within: read.ms(r, o.within, at("within")),
  }),
  describe: (step) => `the server receives “${step.event}” from ${step.client} on ${step.nsp} within ${step.within} ms`,
  template: (client) => ({ kind: "server-received", client, nsp: "/", event: "hello", within: 2000 }),
  async run(step, ctx) {
    const deadline = now() + step.within;
    const view = ctx.serverView();
    /** The client's socket on the namespace: what the server names the sender by. */
    const sid = () =>
      ctx
        .running(step.client)
        ?.socketStatus()
        .find((s) => s.nsp === step.nsp)?.id;
    const same = (r: { taken: boolean; sid: string; nsp: string; event: string }) =>
      !r.taken && r.sid === sid() && r.nsp === step.nsp && r.event === step.event;
    for (;;) {
      for (const r of ctx.serverReceived()) {
        if (!same(r)) continue;
        const result =
          step.args === undefined
            ? { mismatches: [], captured: {} }
            : await ctx.match(
                step.args,
                r.args,
                deadline,
                problem("server-received-unchecked", { event: step.event, client: step.client }),
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
    const closest = ctx.serverReceived().filter(same).at(-1);
    if (closest)
      await ctx.check(
        step.args,
        closest.args,
        problem("server-received-mismatch", { event: step.event, client: step.client, nsp: step.nsp }),
        deadline,
        closest.seq,
      );
    const status = view.status();
    const why =
      status.state !== "open"
        ? problem("view-not-open", { state: status.state, ...(status.problem ? { cause: status.problem } : {}) })
        : status.mode === "production"
          ? problem("view-production-no-events")
          : sid() === undefined
            ? problem("client-no-socket", { client: step.client, nsp: step.nsp })
            : undefined;
    throw new StepFailure(
      problem("server-received-none", {
        event: step.event,
        client: step.client,
        nsp: step.nsp,
        within: step.within,
        ...(why ? { why } : {}),
      }),
    );
  },
  artillery: (_step, ctx) => ctx.untranslated(problem("artillery-server-side")),
};
