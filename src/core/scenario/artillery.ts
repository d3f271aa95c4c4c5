import type { ClientConfig } from "../connection/config.js";
import type { ArtilleryPart } from "../shared/error-words/scenario.js";
import { fail, problem, type Problem } from "../shared/errors.js";
import { stringsIn, referencesIn, hasReference } from "../variables/template.js";
import { Variables, type Environment } from "../variables/variables.js";
import { templateIn, templateName, templateNote, withTemplates, type Templates } from "./artillery-values.js";
import { describeStep, type Scenario, type Step } from "./format.js";
import { stepKind } from "./steps/index.js";
import type { ArtilleryContext } from "./steps/kind.js";

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
 * Strings that hold `{{` are not sent: Artillery would run them as templates (see artillery-values.ts), except our
 * `{{variables}}`: the environments' become Artillery's own (`config.variables` of the chosen environment,
 * `config.environments` for `artillery run -e <name>`), a secret a `{{ $env.NAME }}` the runner's environment fills
 * (never its value), `{{$randomInt}}` Artillery's `$randomNumber`; a capture's, the captured variable.
 * What does not: other expects, drop, disconnect, assert, `$regex`/`$type`/`$any`/`$binary` checks (not checked),
 * and anything that uses a value captured by a step that did not translate. Each client becomes one Artillery
 * scenario (virtual users share out among them); they do not meet in rooms the way the scenario's clients do.
 */
export { thinkTime } from "./artillery-values.js";

export interface ArtilleryExport {
  script: Record<string, unknown>;
  /** What did not translate, or translated loosely: the connection's, then step by step (artillery-step). */
  notes: Problem[];
  /** How many steps translated (artillery-translated: "9 of 12 steps translated"). */
  translated: Problem;
}

/** A step's note: which step (from 1), and whether it translated at all. */
interface StepNote {
  step: number;
  translated: boolean;
  note: Problem;
}

/** One client's steps as an Artillery flow: each step kind translates itself (steps/), in step order. */
function flowOf(clientName: string, steps: readonly Step[], notes: StepNote[], templates: Templates): unknown[] {
  const ctx: ArtilleryContext = {
    flow: [],
    known: new Map(templates),
    untranslated: () => undefined,
    note: () => undefined,
    lastEmit: undefined,
  };
  steps.forEach((step, index) => {
    // A wait belongs to every client's flow (the clients run side by side); the rest to the step's own client.
    const owner = "client" in step ? step.client : undefined;
    if (owner !== undefined && owner !== clientName) return;
    // A step of no client that is not a wait (a server check) is said once, not in every client's flow.
    if (owner === undefined && step.kind !== "wait" && notes.some((n) => n.step === index + 1)) return;
    const said = (translated: boolean) => (cause: Problem) =>
      void notes.push({
        step: index + 1,
        translated,
        note: problem("artillery-step", { step: index + 1, described: describeStep(step), translated, cause }),
      });
    ctx.untranslated = said(false);
    ctx.note = said(true);
    stepKind(step).artillery(step, ctx);
  });
  return ctx.flow;
}

/**
 * The Artillery script of a scenario, for the preset's first client's connection (server, path, transports,
 * headers, query); each client of the scenario is one Artillery scenario.
 */
export function toArtillery(
  scenario: Scenario,
  clients: readonly ClientConfig[],
  load: { duration: number; arrivalRate: number } = { duration: 10, arrivalRate: 2 },
  variables: { environments: readonly Environment[]; active?: string } = { environments: [] },
): ArtilleryExport {
  const notes: Problem[] = [];
  const first = clients[0]?.config;
  if (!first) fail("preset-no-client");
  const { templates, config: variableConfig, target } = artilleryVariables(scenario, first, variables, notes);
  const names = [...new Set(scenario.steps.flatMap((s) => ("client" in s && s.client ? [s.client] : [])))];
  const config = (name: string) => (clients.find((c) => c.name === name) ?? clients[0])?.config ?? first;
  const socketio: Record<string, unknown> = { path: first.path, transports: first.transports };
  /** The connection's own strings go through Artillery's templates too: one that holds `{{` is left out. */
  const literal = (what: ArtilleryPart, value: unknown): boolean => {
    const where = templateIn(value, templates);
    if (where) notes.push(problem("artillery-left-out", { cause: templateNote(what, where) }));
    return where === undefined;
  };
  if (templateIn(first.url) && target === undefined)
    fail("artillery-template", { what: { part: "server-url" }, where: "the value" });
  if (!literal({ part: "path" }, first.path)) delete socketio.path;
  else socketio.path = withTemplates(first.path, templates);
  const headers = Object.fromEntries(
    first.extraHeaders
      .filter((h) => h.name.trim() && literal({ part: "header", name: h.name.trim() }, [h.name, h.value]))
      .map((h) => [withTemplates(h.name.trim(), templates), withTemplates(h.value, templates)]),
  );
  if (Object.keys(headers).length) socketio.extraHeaders = headers;
  const query = Object.fromEntries(
    first.query
      .filter((q) => q.key && literal({ part: "query", key: q.key }, [q.key, q.value]))
      .map((q) => [withTemplates(q.key, templates), withTemplates(q.value, templates)]),
  );
  if (Object.keys(query).length) socketio.query = query;
  // Artillery gives every namespace the same options: one auth for all, only when every namespace the scenario uses
  // has that same auth (a token is not sent to a namespace that did not ask for it).
  const used = new Set(scenario.steps.flatMap((s) => ("nsp" in s && s.nsp ? [s.nsp] : [])));
  const auths = [...new Set(first.namespaces.filter((n) => used.has(n.nsp)).map((n) => n.auth.trim()))];
  if (auths.length === 1 && auths[0]) {
    try {
      const auth: unknown = JSON.parse(auths[0]);
      if (literal({ part: "auth" }, auth)) socketio.auth = withTemplates(auth, templates);
    } catch {
      notes.push(problem("artillery-auth-not-json"));
    }
  } else if (auths.length > 1) notes.push(problem("artillery-auth-differs"));
  if (names.some((n) => config(n).url !== first.url)) notes.push(problem("artillery-servers-differ"));
  const stepNotes: StepNote[] = [];
  const scenarios = names.map((name) => ({
    name: `${scenario.name}: ${name}`,
    engine: "socketio",
    flow: flowOf(name, scenario.steps, stepNotes, templates),
  }));
  // In step order (the flows are made client by client).
  stepNotes.sort((a, b) => a.step - b.step);
  const left = new Set(stepNotes.filter((n) => !n.translated).map((n) => n.step)).size;
  return {
    script: {
      config: {
        target: target ?? first.url,
        phases: [{ duration: load.duration, arrivalRate: load.arrivalRate }],
        socketio,
        ...variableConfig,
      },
      scenarios,
    },
    notes: [...notes, ...stepNotes.map((n) => n.note)],
    translated: problem("artillery-translated", {
      translated: scenario.steps.length - left,
      of: scenario.steps.length,
    }),
  };
}

/** The runner's environment variable that holds a secret: its name in capitals, `_` for the rest (token: TOKEN). */
export const envNameOf = (name: string): string => name.toUpperCase().replace(/[^A-Z0-9_]/g, "_");

/**
 * Our variables as Artillery's: how each used one is written (`templates`), the script's `config.variables` (the
 * chosen environment's values) and `config.environments` (each environment's, for `-e <name>`), and the target (a
 * URL with variables, resolved per environment: Artillery's target is not a template per user). Secrets are never
 * written: a secret is read from the runner's environment, named in the notes.
 * @throws InspectorError when the server URL uses a secret (its value would be written: artillery-url-secret) or
 * cannot be resolved (variable-undefined)
 */
function artilleryVariables(
  scenario: Scenario,
  connection: ClientConfig["config"],
  { environments, active }: { environments: readonly Environment[]; active?: string },
  notes: Problem[],
): { templates: Templates; config: Record<string, unknown>; target: string | undefined } {
  const templates = new Map<string, string>([["$randomInt", "{{ $randomNumber(0, 1000) }}"]]);
  const used = new Set<string>();
  for (const part of [scenario.steps, connection])
    for (const [text] of stringsIn(part)) for (const n of referencesIn(text)) used.add(n);
  const stack: unknown[] = [scenario.steps];
  while (stack.length) {
    const v = stack.pop();
    if (Array.isArray(v)) stack.push(...v);
    else if (typeof v === "object" && v !== null) {
      const o = v as Record<string, unknown>;
      if (typeof o.$var === "string") used.add(o.$var);
      stack.push(...Object.values(o));
    }
  }
  const secret = new Set(environments.flatMap((e) => e.variables.filter((x) => x.secret).map((x) => x.key)));
  const defined = new Set(environments.flatMap((e) => e.variables.filter((x) => x.enabled).map((x) => x.key)));
  const names = [...used].filter((n) => defined.has(n)).sort();
  for (const name of names)
    templates.set(name, secret.has(name) ? `{{ $env.${envNameOf(name)} }}` : `{{ ${templateName(name)} }}`);
  const chosen = environments.find((e) => e.name === active) ?? environments[0];
  const plainValues = (env: Environment | undefined) =>
    Object.fromEntries(
      (env?.variables ?? [])
        .filter((v) => v.enabled && !secret.has(v.key) && names.includes(v.key))
        .map((v) => [templateName(v.key), v.value]),
    );
  let target: string | undefined;
  const urlNames = referencesIn(connection.url);
  if (hasReference(connection.url) && chosen) {
    const leaks = urlNames.filter((n) => secret.has(n));
    if (leaks.length) fail("artillery-url-secret", { name: leaks[0] as string });
    target = new Variables(chosen).resolve(connection.url, "the server URL");
  }
  const config: Record<string, unknown> = {};
  if (names.some((n) => !secret.has(n))) config.variables = plainValues(chosen);
  if (environments.length > 1 || (environments.length === 1 && names.length)) {
    config.environments = Object.fromEntries(
      environments.map((e) => {
        let envTarget: string | undefined;
        if (target !== undefined) {
          try {
            envTarget = new Variables(e).resolve(connection.url, "the server URL");
          } catch {
            notes.push(problem("artillery-environment-url", { environment: e.name, target: target as string }));
          }
        }
        return [e.name, { ...(envTarget ? { target: envTarget } : {}), variables: plainValues(e) }];
      }),
    );
    notes.push(
      problem("artillery-environments", { names: environments.map((e) => e.name), chosen: chosen?.name ?? "" }),
    );
  }
  for (const name of names.filter((n) => secret.has(n)))
    notes.push(problem("artillery-secret-from-env", { name, envName: envNameOf(name) }));
  return { templates, config, target };
}
