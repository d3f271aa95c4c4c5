import { assert } from "./assert.js";
import { connect } from "./connect.js";
import { disconnect } from "./disconnect.js";
import { drop } from "./drop.js";
import { emit } from "./emit.js";
import { expect } from "./expect.js";
import type { StepKind } from "./kind.js";
import { serverReceived } from "./server-received.js";
import { serverState } from "./server-state.js";
import { wait } from "./wait.js";

import type { AssertStep } from "./assert.js";
import type { ConnectStep } from "./connect.js";
import type { DisconnectStep } from "./disconnect.js";
import type { DropStep } from "./drop.js";
import type { EmitStep } from "./emit.js";
import type { ExpectStep } from "./expect.js";
import type { ServerReceivedStep } from "./server-received.js";
import type { ServerStateStep } from "./server-state.js";
import type { WaitStep } from "./wait.js";

export type {
  AssertStep,
  ConnectStep,
  DisconnectStep,
  DropStep,
  EmitStep,
  ExpectStep,
  ServerReceivedStep,
  ServerStateStep,
  WaitStep,
};

/** A step of any kind. */
export type Step =
  | ConnectStep
  | EmitStep
  | ExpectStep
  | WaitStep
  | DropStep
  | DisconnectStep
  | AssertStep
  | ServerStateStep
  | ServerReceivedStep;

/**
 * Every kind of scenario step, by its name. A kind is one module (fields, reader, run, description, Artillery
 * translation). The type makes the compiler check the registry: a kind of the union without its entry, or an entry
 * that is not the kind of its name, does not compile. Adding a kind: its module, its member of Step, its line here.
 */
export const STEPS: { readonly [K in Step["kind"]]: StepKind<Extract<Step, { kind: K }>> } = {
  connect,
  emit,
  expect,
  wait,
  drop,
  disconnect,
  assert,
  "server-state": serverState,
  "server-received": serverReceived,
};

/** The kinds, in the order the page offers them. */
export const STEP_KINDS = Object.keys(STEPS) as Array<Step["kind"]>;

/** The module of a step's kind (typed for that kind). */
export const stepKind = <S extends Step>(step: S): StepKind<S> => STEPS[step.kind] as unknown as StepKind<S>;
