import { DEFAULT_TIMEOUT, POLL_MS, now, read, type StepKind } from "./kind.js";
import { problem } from "../../shared/errors.js";

/** Closes the client's transport as a network failure would (reconnection and recovery follow). */
export interface DropStep {
  kind: "drop";
  client: string;
}

export const drop: StepKind<DropStep> = {
  kind: "drop",
  fields: ["kind", "client"],
  read: (r, o, at) => ({ kind: "drop", client: read.client(r, o.client, at("client")) }),
  describe: (step) => `drop ${step.client}'s transport`,
  template: (client) => ({ kind: "drop", client }),
  async run(step, ctx) {
    const c = ctx.client(step.client);
    // A transport in the middle of its upgrade is let finish first: the drop is of the settled connection.
    const settle = now() + DEFAULT_TIMEOUT;
    while (c.status().upgrade.startsWith("upgrading") && now() < settle) await ctx.pause(POLL_MS);
    ctx.rememberIdsAtDrop(step.client, new Map(c.socketStatus().map((s) => [s.nsp, s.id])));
    c.dropTransport();
  },
  artillery: (_step, ctx) => ctx.untranslated(problem("artillery-no-such-step")),
};
