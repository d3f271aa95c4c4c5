import { Reader, checkPlainJson, type Json } from "../shared/reader.js";
import { checkMatcher } from "./matchers.js";

/**
 * A scenario: ordered steps across a preset's clients and namespaces, kept in the preset as plain JSON data.
 * Arguments and expectations are JSON values in which objects with one `$` key are matchers or references
 * (see matchers.ts); nothing in a scenario is ever evaluated as code.
 */
export interface Scenario {
  name: string;
  steps: Step[];
}

/** Opens a client (all its namespaces, as Connect does), or one namespace of it; waits until connected. */
export interface ConnectStep {
  kind: "connect";
  client: string;
  nsp?: string;
  /** ms to wait for the connection; default {@link DEFAULT_TIMEOUT}. */
  timeout?: number;
}

/** Sends an event; with `ack`, waits for the ack and checks its arguments. */
export interface EmitStep {
  kind: "emit";
  client: string;
  nsp: string;
  event: string;
  /** JSON values; `{"$var": "name"}` is a value captured earlier, `{"$binary": "hex"}` bytes. */
  args: unknown[];
  ack?: {
    timeout: number;
    /** A matcher for the ack's argument list; absent: any ack passes. */
    match?: unknown;
  };
}

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

export interface WaitStep {
  kind: "wait";
  ms: number;
}

/** Closes the client's transport as a network failure would (reconnection and recovery follow). */
export interface DropStep {
  kind: "drop";
  client: string;
}

/** Disconnects one namespace of a client, or the whole client. */
export interface DisconnectStep {
  kind: "disconnect";
  client: string;
  nsp?: string;
}

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

export type Step = ConnectStep | EmitStep | ExpectStep | WaitStep | DropStep | DisconnectStep | AssertStep;
export const STEP_KINDS = ["connect", "emit", "expect", "wait", "drop", "disconnect", "assert"] as const;

export const DEFAULT_TIMEOUT = 5000;
const MAX_MS = 600_000;
export const MAX_STEPS = 500;
const VALUE_LIMITS = { depth: 32, chars: 200_000, what: "a scenario keeps values only" };

/** Every field a step of each kind may have: anything else is refused by name (a typo would silently do nothing). */
const FIELDS: Record<Step["kind"], readonly string[]> = {
  connect: ["kind", "client", "nsp", "timeout"],
  emit: ["kind", "client", "nsp", "event", "args", "ack"],
  expect: ["kind", "client", "nsp", "event", "args", "within"],
  wait: ["kind", "ms"],
  drop: ["kind", "client"],
  disconnect: ["kind", "client", "nsp"],
  assert: ["kind", "client", "nsp", "connected", "recovered", "sameId", "within"],
};

function nsp(r: Reader, v: unknown, path: string): string {
  const n = r.string(v, path, { max: 500 });
  if (!n.startsWith("/")) r.fail(path, 'must start with "/"');
  return n;
}

const ms = (r: Reader, v: unknown, path: string) => r.number(v, path, { max: MAX_MS }) as number;
const client = (r: Reader, v: unknown, path: string) => r.string(v, path, { max: 60, empty: false });
const optional = <T>(v: unknown, read: () => T): T | undefined => (v === undefined ? undefined : read());

/** A matcher: plain JSON within bounds, its matchers well formed. */
function matcher(r: Reader, v: unknown, path: string): unknown {
  checkPlainJson(r, v, path, VALUE_LIMITS);
  checkMatcher(v, (where, what) => r.fail(`${path}${where}`, what));
  return v;
}

/** An emit argument: a value, with references ($var, $binary, $literal) but no tests. */
function value(r: Reader, v: unknown, path: string): unknown {
  checkPlainJson(r, v, path, VALUE_LIMITS);
  checkMatcher(v, (where, what) => r.fail(`${path}${where}`, what), true);
  return v;
}

/** Reads a step at `path` ("scenarios[0].steps[3]"; "" for a step on its own, whose fields are named alone). */
function readStep(r: Reader, v: unknown, path: string): Step {
  const o = r.object(v, path || "the step");
  const at = (field: string) => (path ? `${path}.${field}` : field);
  const kind = o.kind as Step["kind"];
  if (!STEP_KINDS.includes(kind)) r.fail(at("kind"), `must be one of ${STEP_KINDS.join(", ")}`);
  for (const key of Object.keys(o))
    if (!FIELDS[kind].includes(key))
      r.fail(
        at(key),
        `is not a field of ${/^[aeiou]/.test(kind) ? "an" : "a"} ${kind} step (${FIELDS[kind].join(", ")})`,
      );
  switch (kind) {
    case "connect":
      return {
        kind,
        client: client(r, o.client, at("client")),
        ...strip({ nsp: optional(o.nsp, () => nsp(r, o.nsp, at("nsp"))) }),
        ...strip({ timeout: optional(o.timeout, () => ms(r, o.timeout, at("timeout"))) }),
      };
    case "emit": {
      const args = r.array(o.args, at("args"), (a, p) => value(r, a, p), 100);
      let ack: EmitStep["ack"];
      if (o.ack !== undefined) {
        const ao = r.object(o.ack, at("ack"));
        for (const key of Object.keys(ao))
          if (key !== "timeout" && key !== "match")
            r.fail(`${at("ack")}.${key}`, "is not a field of ack (timeout, match)");
        ack = {
          timeout: ms(r, ao.timeout, `${at("ack")}.timeout`),
          ...strip({ match: optional(ao.match, () => matcher(r, ao.match, `${at("ack")}.match`)) }),
        };
      }
      return {
        kind,
        client: client(r, o.client, at("client")),
        nsp: nsp(r, o.nsp, at("nsp")),
        event: r.string(o.event, at("event"), { max: 500, empty: false }),
        args,
        ...strip({ ack }),
      };
    }
    case "expect":
      return {
        kind,
        client: client(r, o.client, at("client")),
        nsp: nsp(r, o.nsp, at("nsp")),
        event: r.string(o.event, at("event"), { max: 500, empty: false }),
        ...strip({ args: optional(o.args, () => matcher(r, o.args, at("args"))) }),
        within: ms(r, o.within, at("within")),
      };
    case "wait":
      return { kind, ms: ms(r, o.ms, at("ms")) };
    case "drop":
      return { kind, client: client(r, o.client, at("client")) };
    case "disconnect":
      return {
        kind,
        client: client(r, o.client, at("client")),
        ...strip({ nsp: optional(o.nsp, () => nsp(r, o.nsp, at("nsp"))) }),
      };
    case "assert": {
      const step: AssertStep = {
        kind,
        client: client(r, o.client, at("client")),
        nsp: nsp(r, o.nsp, at("nsp")),
        ...strip({
          connected: optional(o.connected, () => r.boolean(o.connected, at("connected"))),
          recovered: optional(o.recovered, () => r.boolean(o.recovered, at("recovered"))),
          sameId: optional(o.sameId, () => r.boolean(o.sameId, at("sameId"))),
          within: optional(o.within, () => ms(r, o.within, at("within"))),
        }),
      };
      if (step.connected === undefined && step.recovered === undefined && step.sameId === undefined)
        r.fail(path || "the step", "checks nothing: give connected, recovered or sameId");
      return step;
    }
  }
}

/** Leaves out the fields whose value is undefined (JSON has no undefined; a stored step keeps only what it has). */
function strip<T extends Json>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Checks a preset's scenarios. Errors name the scenario and step: "scenarios[0].steps[3].within must be a number".
 * A step may name a client the preset does not have: it is made, when the scenario runs, as a copy of the first.
 */
export function readScenarios(r: Reader, v: unknown, path = "scenarios"): Scenario[] {
  const seen = new Set<string>();
  return r.array(
    v,
    path,
    (s, p) => {
      const so = r.object(s, p);
      for (const key of Object.keys(so))
        if (key !== "name" && key !== "steps") r.fail(`${p}.${key}`, "is not a field of a scenario");
      const name = r.string(so.name, `${p}.name`, { max: 200, empty: false }).trim();
      if (seen.has(name)) r.fail(`${p}.name`, `is “${name}” again: each scenario of a preset has a name of its own`);
      seen.add(name);
      return { name, steps: r.array(so.steps, `${p}.steps`, (step, sp) => readStep(r, step, sp), MAX_STEPS) };
    },
    100,
  );
}

/** Checks one step on its own (the page's step editor). @throws ReadError naming the field. */
export function readStepAlone(value: unknown, where = "Step"): Step {
  return readStep(new Reader(where), value, "");
}

/** A step in one line, for lists, reports and the command line. */
export function describeStep(step: Step): string {
  switch (step.kind) {
    case "connect":
      return `connect ${step.client}${step.nsp ? ` ${step.nsp}` : ""}`;
    case "emit":
      return `${step.client} emits “${step.event}” on ${step.nsp}${step.ack ? " and expects an ack" : ""}`;
    case "expect":
      return `${step.client} expects “${step.event}” on ${step.nsp} within ${step.within} ms`;
    case "wait":
      return `wait ${step.ms} ms`;
    case "drop":
      return `drop ${step.client}'s transport`;
    case "disconnect":
      return `disconnect ${step.client}${step.nsp ? ` ${step.nsp}` : ""}`;
    case "assert": {
      const checks = [
        step.connected === undefined ? "" : step.connected ? "connected" : "not connected",
        step.recovered === undefined ? "" : step.recovered ? "recovered" : "not recovered",
        step.sameId ? "same id as before the drop" : step.sameId === false ? "a new id" : "",
      ].filter(Boolean);
      return `${step.client} ${step.nsp} is ${checks.join(", ")}`;
    }
  }
}
