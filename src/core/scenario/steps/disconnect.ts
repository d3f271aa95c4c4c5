import { read, strip, type StepKind } from "./kind.js";
import { problem } from "../../shared/errors.js";

/** Disconnects one namespace of a client, or the whole client. */
export interface DisconnectStep {
  kind: "disconnect";
  client: string;
  nsp?: string;
}

export const disconnect: StepKind<DisconnectStep> = {
  kind: "disconnect",
  fields: ["kind", "client", "nsp"],
  read: (r, o, at) => ({
    kind: "disconnect",
    client: read.client(r, o.client, at("client")),
    ...strip({ nsp: read.optional(o.nsp, () => read.nsp(r, o.nsp, at("nsp"))) }),
  }),
  describe: (step) => `disconnect ${step.client}${step.nsp ? ` ${step.nsp}` : ""}`,
  template: (client) => ({ kind: "disconnect", client }),
  async run(step, ctx) {
    const c = ctx.client(step.client);
    if (step.nsp) c.close(step.nsp);
    else c.closeAll();
  },
  artillery: (_step, ctx) => ctx.untranslated(problem("artillery-no-such-step")),
};
