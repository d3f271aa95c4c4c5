import { isObject } from "../shared/reader.js";
import type { ClientConfig } from "../connection/config.js";
import { describeStep, type EmitStep, type Scenario, type Step } from "./format.js";
import { matcherKey } from "./matchers.js";

/**
 * A scenario as an Artillery test script (Artillery's built-in `socketio` engine, socket.io-client 4), so that the
 * conversation checked here runs as a load test. What translates:
 *   emit                 `emit: { channel, data }` (one argument) or `[event, ...strings]`, in the step's namespace
 *   emit with an ack     `acknowledge`: exact arguments as `data`; leaf values as `match` (JSONPath); `$capture` as
 *                        `capture`; `$var` as a `{{ template }}`
 *   expect right after an emit without ack, same client and namespace, exact arguments
 *                        that emit's `response` (Artillery waits for an event only as a response)
 *   wait                 `think` (whole seconds as a number, anything else as "200ms": Artillery reads 0.2 as 0.2 ms)
 *   connect              implicit: Artillery connects a namespace on its first emit
 * Strings that hold `{{` are not sent: Artillery would run them as templates (see TEMPLATE_OPENER).
 * What does not: other expects, drop, disconnect, assert, `$regex`/`$type`/`$any`/`$binary` checks (not checked),
 * and anything that uses a value captured by a step that did not translate. Each client becomes one Artillery
 * scenario (virtual users share out among them); they do not meet in rooms the way the scenario's clients do.
 */
export interface ArtilleryExport {
  script: Record<string, unknown>;
  /** What did not translate, or translated loosely, step by step. */
  notes: string[];
  /** "9 of 12 steps translated". */
  translated: string;
}

/**
 * Artillery runs every string it sends (values and keys, event names, namespaces, headers) as a template: `{{ x }}`
 * is replaced by a variable or the result of a function, and `$processEnvironment` reads the user's environment.
 * It has no escape for `{{`, so a string of the scenario that holds one cannot be sent literally: the step (or the
 * option) is left out, named, rather than sent as a template that a shared link could have put there.
 */
const TEMPLATE_OPENER = "{{";

/** Where in a value a string or key holds `{{` ("the value", ".a[0]", ...), or undefined. */
function templateIn(value: unknown): string | undefined {
  const stack: Array<[unknown, string]> = [[value, ""]];
  while (stack.length) {
    const [v, path] = stack.pop() as [unknown, string];
    if (typeof v === "string" && v.includes(TEMPLATE_OPENER)) return path || "the value";
    if (Array.isArray(v)) v.forEach((x, i) => stack.push([x, `${path}[${i}]`]));
    else if (isObject(v))
      for (const [k, x] of Object.entries(v)) {
        if (k.includes(TEMPLATE_OPENER)) return `${path} (a key)`;
        stack.push([x, `${path}.${k}`]);
      }
  }
  return undefined;
}

const templateNote = (what: string, where: string) =>
  `${what} holds “{{” at ${where}, which Artillery would run as a template (it can read environment variables); ` +
  "it has no way to send it literally";

/** Artillery's template names are word characters. */
const templateName = (name: string) => name.replace(/\W/g, "_");

/** Whether a value holds no matcher or reference at all (then it compares as data). */
function plainData(v: unknown): boolean {
  const stack = [v];
  while (stack.length) {
    const x = stack.pop();
    if (matcherKey(x)) return false;
    if (Array.isArray(x)) stack.push(...x);
    else if (isObject(x)) stack.push(...Object.values(x));
  }
  return true;
}

interface Translation {
  match: Array<{ json: string; value: unknown }>;
  capture: Array<{ json: string; as: string }>;
  loose: string[];
}

/** An ack matcher as JSONPath matches and captures over the ack's argument list (`$.0` is the first argument). */
function translateMatcher(pattern: unknown, known: Set<string>): Translation {
  const out: Translation = { match: [], capture: [], loose: [] };
  const walk = (p: unknown, path: string) => {
    const key = matcherKey(p);
    if (key && isObject(p)) {
      if (key === "$partial") return walk(p.$partial, path);
      if (key === "$capture") {
        out.capture.push({ json: path, as: templateName(p.$capture as string) });
        known.add(p.$capture as string);
        if (p.$match !== undefined) walk(p.$match, path);
        return;
      }
      if (key === "$var") {
        if (known.has(p.$var as string))
          out.match.push({ json: path, value: `{{ ${templateName(p.$var as string)} }}` });
        else out.loose.push(`${path} ($var ${String(p.$var)}: captured by a step that did not translate)`);
        return;
      }
      if (key === "$literal" && !isObject(p.$literal) && !Array.isArray(p.$literal))
        return out.match.push({ json: path, value: p.$literal });
      if (key !== "$any") out.loose.push(`${path} (${key})`);
      return;
    }
    if (Array.isArray(p)) return p.forEach((item, i) => walk(item, `${path}.${i}`));
    if (isObject(p)) return Object.entries(p).forEach(([k, v]) => walk(v, `${path}.${k}`));
    out.match.push({ json: path, value: p });
  };
  walk(pattern, "$");
  return out;
}

/** Emit arguments for Artillery: `$var` as a template (a string), `$literal` as is; `undefined` if one cannot go. */
function translateArgs(args: unknown[], known: Set<string>): { args?: unknown[]; why?: string } {
  let why: string | undefined;
  const walk = (v: unknown): unknown => {
    const key = matcherKey(v);
    if (key && isObject(v)) {
      if (key === "$var") {
        if (!known.has(v.$var as string)) why = `$var ${String(v.$var)} is captured by a step that did not translate`;
        return `{{ ${templateName(v.$var as string)} }}`;
      }
      if (key === "$literal") return v.$literal;
      why = `${key} has no Artillery form`;
      return null;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  const out = args.map(walk);
  return why ? { why } : { args: out };
}

const artilleryNamespace = (nsp: string) => (nsp === "/" ? {} : { namespace: nsp });

/** Why a step cannot go to Artillery as it is written: a string it would send or compare holds `{{`. */
function templateInStep(step: Step): string | undefined {
  const parts: Array<[string, unknown]> =
    step.kind === "emit"
      ? [
          ["the event name", step.event],
          ["the namespace", step.nsp],
          ["the arguments", step.args],
          ["the expected ack", step.ack?.match],
        ]
      : step.kind === "expect"
        ? [
            ["the event name", step.event],
            ["the namespace", step.nsp],
            ["the expected arguments", step.args],
          ]
        : [];
  for (const [what, value] of parts) {
    const where = templateIn(value);
    if (where) return templateNote(what, where);
  }
  return undefined;
}

/** A wait as Artillery's `think`: a whole number is seconds, anything else goes through `ms` ("200ms"). */
export const thinkTime = (ms: number): number | string => (ms % 1000 === 0 ? ms / 1000 : `${ms}ms`);

/** One client's steps as an Artillery flow. */
function flowOf(clientName: string, steps: readonly Step[], notes: string[]): unknown[] {
  const known = new Set<string>();
  const flow: Array<Record<string, unknown>> = [];
  const note = (index: number, text: string) =>
    notes.push(`step ${index + 1} (${describeStep(steps[index] as Step)}): ${text}`);
  let lastEmit: { item: Record<string, unknown>; step: EmitStep } | undefined;
  steps.forEach((step, index) => {
    if (step.kind === "wait") {
      flow.push({ think: thinkTime(step.ms) });
      lastEmit = undefined;
      return;
    }
    if (!("client" in step) || step.client !== clientName) return;
    const template = templateInStep(step);
    if (template) return note(index, `not translated: ${template}`);
    switch (step.kind) {
      case "connect":
        return; // Artillery connects a namespace on its first emit
      case "emit": {
        const { args, why } = translateArgs(step.args, known);
        if (!args) return note(index, `not translated: ${why}`);
        // Artillery's emit is { channel, data } (one argument) or a list of strings.
        let emit: unknown;
        if (args.length <= 1) emit = { channel: step.event, ...(args.length ? { data: args[0] } : {}) };
        else if (args.every((a) => typeof a === "string")) emit = [step.event, ...args];
        else return note(index, "not translated: Artillery's emit carries one argument, or several strings");
        const item: Record<string, unknown> = { emit, ...artilleryNamespace(step.nsp) };
        if (step.ack) {
          const ack: Record<string, unknown> = {};
          if (step.ack.match !== undefined && plainData(step.ack.match)) ack.data = step.ack.match;
          else if (step.ack.match !== undefined) {
            const t = translateMatcher(step.ack.match, known);
            if (t.match.length) ack.match = t.match;
            if (t.capture.length) ack.capture = t.capture;
            if (t.loose.length) note(index, `the ack is not checked at ${t.loose.join(", ")}`);
          }
          item.acknowledge = ack;
        }
        flow.push(item);
        lastEmit = step.ack ? undefined : { item, step };
        return;
      }
      case "expect":
        if (lastEmit && lastEmit.step.nsp === step.nsp && (step.args === undefined || plainData(step.args))) {
          // Artillery waits for an event only as the response to an emit (and needs its data to know it came).
          if (step.args === undefined) return note(index, "not translated: Artillery needs the response's arguments");
          lastEmit.item.response = { channel: step.event, data: step.args };
          lastEmit = undefined;
          return;
        }
        return note(
          index,
          "not translated: Artillery waits for an event only as the exact response to the emit before it",
        );
      default:
        return note(index, "not translated: Artillery has no such step");
    }
  });
  return flow;
}

/**
 * The Artillery script of a scenario, for the preset's first client's connection (server, path, transports,
 * headers, query); each client of the scenario is one Artillery scenario.
 */
export function toArtillery(
  scenario: Scenario,
  clients: readonly ClientConfig[],
  load: { duration: number; arrivalRate: number } = { duration: 10, arrivalRate: 2 },
): ArtilleryExport {
  const notes: string[] = [];
  const first = clients[0]?.config;
  if (!first) throw new Error("The preset has no client");
  const names = [...new Set(scenario.steps.flatMap((s) => ("client" in s ? [s.client] : [])))];
  const config = (name: string) => (clients.find((c) => c.name === name) ?? clients[0])?.config ?? first;
  const socketio: Record<string, unknown> = { path: first.path, transports: first.transports };
  /** The connection's own strings go through Artillery's templates too: one that holds `{{` is left out. */
  const literal = (what: string, value: unknown): boolean => {
    const where = templateIn(value);
    if (where) notes.push(`${templateNote(what, where)}: left out`);
    return where === undefined;
  };
  if (!literal("the server URL", first.url)) throw new Error(templateNote("the server URL", "the value"));
  if (!literal("the path", first.path)) delete socketio.path;
  const headers = Object.fromEntries(
    first.extraHeaders
      .filter((h) => h.name.trim() && literal(`header ${h.name.trim()}`, [h.name, h.value]))
      .map((h) => [h.name.trim(), h.value]),
  );
  if (Object.keys(headers).length) socketio.extraHeaders = headers;
  const query = Object.fromEntries(
    first.query
      .filter((q) => q.key && literal(`query parameter ${q.key}`, [q.key, q.value]))
      .map((q) => [q.key, q.value]),
  );
  if (Object.keys(query).length) socketio.query = query;
  // Artillery gives every namespace the same options: one auth for all, only when every namespace the scenario uses
  // has that same auth (a token is not sent to a namespace that did not ask for it).
  const used = new Set(scenario.steps.flatMap((s) => ("nsp" in s && s.nsp ? [s.nsp] : [])));
  const auths = [...new Set(first.namespaces.filter((n) => used.has(n.nsp)).map((n) => n.auth.trim()))];
  if (auths.length === 1 && auths[0]) {
    try {
      const auth: unknown = JSON.parse(auths[0]);
      if (literal("the namespace auth", auth)) socketio.auth = auth;
    } catch {
      notes.push("the namespace auth is not JSON: left out");
    }
  } else if (auths.length > 1)
    notes.push("the namespaces used have different auth, and Artillery sends one to all: auth left out");
  if (names.some((n) => config(n).url !== first.url))
    notes.push("clients on different servers: all go to the first one's");
  const stepNotes: string[] = [];
  const scenarios = names.map((name) => ({
    name: `${scenario.name}: ${name}`,
    engine: "socketio",
    flow: flowOf(name, scenario.steps, stepNotes),
  }));
  // In step order (the flows are made client by client).
  const stepOf = (note: string) => Number(/^step (\d+)/.exec(note)?.[1] ?? 0);
  stepNotes.sort((a, b) => stepOf(a) - stepOf(b));
  const left = new Set(stepNotes.filter((n) => n.includes(": not translated:")).map(stepOf)).size;
  return {
    script: {
      config: {
        target: first.url,
        phases: [{ duration: load.duration, arrivalRate: load.arrivalRate }],
        socketio,
      },
      scenarios,
    },
    notes: [...notes, ...stepNotes],
    translated: `${scenario.steps.length - left} of ${scenario.steps.length} steps translated`,
  };
}
