import type { EmitOptions } from "../../live/live-client.js";
import { problem, problemOf } from "../../shared/errors.js";
import {
  artilleryNamespace,
  plainData,
  templateProblem,
  translateArgs,
  translateMatcher,
  withTemplates,
} from "../artillery-values.js";
import { resolveValues } from "../matchers.js";
import { Interrupted, StepFailure, now, read, strip, type ScenarioClient, type StepKind } from "./kind.js";

/** Sends an event; with `ack`, waits for the ack and checks its arguments. */
export interface EmitStep {
  kind: "emit";
  client: string;
  nsp: string;
  event: string;
  /** JSON values; `{"$var": "name"}` is a variable (captured earlier, or the environment's), `{"$binary": "hex"}` bytes. */
  args: unknown[];
  ack?: {
    timeout: number;
    /** A matcher for the ack's argument list; absent: any ack passes. */
    match?: unknown;
  };
}

function send(c: ScenarioClient, step: EmitStep, values: unknown[], options: EmitOptions): void {
  try {
    c.emit(step.nsp, step.event, values, options);
  } catch (err) {
    throw new StepFailure(problem("emit-not-sent", { client: step.client, event: step.event, cause: problemOf(err) }));
  }
}

export const emit: StepKind<EmitStep> = {
  kind: "emit",
  fields: ["kind", "client", "nsp", "event", "args", "ack"],
  read(r, o, at) {
    const args = r.array(o.args, at("args"), (a, p) => read.value(r, a, p), 100);
    let ack: EmitStep["ack"];
    if (o.ack !== undefined) {
      const ao = r.object(o.ack, at("ack"));
      for (const key of Object.keys(ao))
        if (key !== "timeout" && key !== "match")
          r.fail(`${at("ack")}.${key}`, problem("not-a-field", { of: "ack", fields: ["timeout", "match"] }));
      ack = {
        timeout: read.ms(r, ao.timeout, `${at("ack")}.timeout`),
        ...strip({ match: read.optional(ao.match, () => read.matcher(r, ao.match, `${at("ack")}.match`)) }),
      };
    }
    return {
      kind: "emit",
      client: read.client(r, o.client, at("client")),
      nsp: read.nsp(r, o.nsp, at("nsp")),
      event: read.event(r, o.event, at("event")),
      args,
      ...strip({ ack }),
    };
  },
  describe: (step) => `${step.client} emits “${step.event}” on ${step.nsp}${step.ack ? " and expects an ack" : ""}`,
  async run(step, ctx) {
    const c = ctx.client(step.client);
    let values: unknown[];
    try {
      values = step.args.map((a) => resolveValues(a, ctx.variables));
    } catch (err) {
      throw new StepFailure(problemOf(err));
    }
    if (!step.ack) return send(c, step, values, {});
    const ack = step.ack;
    const ackBefore = ctx.lastAck(step.client, step.nsp) ?? 0;
    const sent = now();
    const reply = await new Promise<{ err: Error | null; args: unknown[] }>((resolve, reject) => {
      const abort = () => reject(new Interrupted());
      ctx.signal?.addEventListener("abort", abort, { once: true });
      send(c, step, values, {
        ack: {
          timeout: ack.timeout,
          onReply: (err, args) => {
            ctx.signal?.removeEventListener("abort", abort);
            resolve({ err, args });
          },
        },
      });
    });
    if (reply.err)
      throw new StepFailure(
        problem("ack-missing", {
          event: step.event,
          nsp: step.nsp,
          timeout: ack.timeout,
          cause: problemOf(reply.err),
        }),
      );
    if (ack.match === undefined) return;
    // The host hands records over as they happen: the ack's row came before its callback ran.
    const seq = ctx.lastAck(step.client, step.nsp);
    await ctx.check(
      ack.match,
      reply.args,
      problem("ack-mismatch", { event: step.event }),
      sent + ack.timeout,
      seq && seq > ackBefore ? seq : undefined,
    );
  },
  artillery(step, ctx) {
    const template = templateProblem(
      [
        [{ part: "event" }, step.event],
        [{ part: "namespace" }, step.nsp],
        [{ part: "args" }, step.args],
        [{ part: "expected-ack" }, step.ack?.match],
      ],
      ctx.known,
    );
    if (template) return ctx.untranslated(template);
    const translated = translateArgs(step.args, ctx.known);
    if (!("args" in translated)) return ctx.untranslated(translated.why);
    const { args } = translated;
    // Artillery's emit is { channel, data } (one argument) or a list of strings.
    let emitted: unknown;
    const event = withTemplates(step.event, ctx.known);
    if (args.length <= 1) emitted = { channel: event, ...(args.length ? { data: args[0] } : {}) };
    else if (args.every((a) => typeof a === "string")) emitted = [event, ...args];
    else return ctx.untranslated(problem("artillery-emit-shape"));
    const item: Record<string, unknown> = { emit: emitted, ...artilleryNamespace(withTemplates(step.nsp, ctx.known)) };
    if (step.ack) {
      const ack: Record<string, unknown> = {};
      if (step.ack.match !== undefined && plainData(step.ack.match))
        ack.data = withTemplates(step.ack.match, ctx.known);
      else if (step.ack.match !== undefined) {
        const t = translateMatcher(step.ack.match, ctx.known);
        if (t.match.length) ack.match = t.match;
        if (t.capture.length) ack.capture = t.capture;
        if (t.loose.length) ctx.note(problem("artillery-ack-loose", { places: t.loose }));
      }
      item.acknowledge = ack;
    }
    ctx.flow.push(item);
    ctx.lastEmit = step.ack ? undefined : { item, nsp: step.nsp };
  },
};
