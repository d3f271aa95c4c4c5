import { DEFAULT_TIMEOUT, POLL_MS, StepFailure, now, read, strip, type ScenarioClient, type StepKind } from "./kind.js";
import { problem } from "../../shared/errors.js";

/** Opens a client (all its namespaces, as Connect does), or one namespace of it; waits until connected. */
export interface ConnectStep {
  kind: "connect";
  client: string;
  nsp?: string;
  /** ms to wait for the connection; default {@link DEFAULT_TIMEOUT}. */
  timeout?: number;
}

export const connect: StepKind<ConnectStep> = {
  kind: "connect",
  fields: ["kind", "client", "nsp", "timeout"],
  read: (r, o, at) => ({
    kind: "connect",
    client: read.client(r, o.client, at("client")),
    ...strip({ nsp: read.optional(o.nsp, () => read.nsp(r, o.nsp, at("nsp"))) }),
    ...strip({ timeout: read.optional(o.timeout, () => read.ms(r, o.timeout, at("timeout"))) }),
  }),
  describe: (step) => `connect ${step.client}${step.nsp ? ` ${step.nsp}` : ""}`,
  template: (client) => ({ kind: "connect", client }),
  async run(step, ctx) {
    let c = ctx.running(step.client);
    if (!step.nsp || !c) c = ctx.connect(step.client);
    if (step.nsp && !c.socketStatus().some((s) => s.nsp === step.nsp)) c.open(ctx.namespace(step.client, step.nsp));
    const timeout = step.timeout ?? DEFAULT_TIMEOUT;
    const deadline = now() + timeout;
    for (;;) {
      const sockets = (c as ScenarioClient).socketStatus().filter((s) => !step.nsp || s.nsp === step.nsp);
      const waiting = sockets.filter((s) => !s.connected);
      if (sockets.length && waiting.length === 0) return;
      // A namespace the server refused for good (middleware, unknown namespace) will not connect: no use waiting.
      const refused = waiting.filter((s) => !s.active && ctx.refusal(step.client, s.nsp) !== undefined);
      if (refused.length || now() >= deadline) {
        const namespaces = (refused.length ? refused : waiting).map((s) => {
          const refusal = ctx.refusal(step.client, s.nsp);
          return { nsp: s.nsp, ...(refusal ? { refusal } : {}) };
        });
        throw new StepFailure(
          refused.length
            ? problem("connect-refused", { client: step.client, namespaces })
            : problem("connect-timed-out", {
                client: step.client,
                timeout,
                namespaces,
                ...(step.nsp ? { nsp: step.nsp } : {}),
              }),
        );
      }
      await ctx.pause(Math.min(POLL_MS, deadline - now()));
    }
  },
  // Artillery connects a namespace on its first emit.
  artillery: () => undefined,
};
