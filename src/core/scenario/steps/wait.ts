import { thinkTime } from "../artillery-values.js";
import { read, type StepKind } from "./kind.js";

export interface WaitStep {
  kind: "wait";
  ms: number;
}

export const wait: StepKind<WaitStep> = {
  kind: "wait",
  fields: ["kind", "ms"],
  read: (r, o, at) => ({ kind: "wait", ms: read.ms(r, o.ms, at("ms")) }),
  describe: (step) => `wait ${step.ms} ms`,
  template: () => ({ kind: "wait", ms: 500 }),
  run: (step, ctx) => ctx.pause(step.ms, false),
  artillery(step, ctx) {
    ctx.flow.push({ think: thinkTime(step.ms) });
    ctx.lastEmit = undefined;
  },
};
