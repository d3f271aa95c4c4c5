// Words for scenarios: a scenario's steps refused as read, a step that failed as it ran (and what it waited for), the
// matchers' expectations in a mismatch, and what an Artillery export could not translate.
import type { Cause, Say, Words } from "./say.js";

const quoted = (names: readonly string[]) => names.map((e) => `“${e}”`).join(", ");
const list = (values: readonly (string | number)[]) => values.join(", ");

/** A namespace a connect step waited for, and its last refusal (connect-refused, connect-timed-out). */
export interface Waited {
  nsp: string;
  refusal?: Cause;
}
const waited = (list: readonly Waited[], say: Say) =>
  list.map((w) => `${w.nsp}${w.refusal ? ` (connect_error: ${say(w.refusal)})` : ""}`).join(", ");

/** A part of a scenario or of its connection that Artillery would run as a template (artillery-template). */
export type ArtilleryPart =
  | { part: "event" | "namespace" | "args" | "expected-args" | "expected-ack" | "server-url" | "path" | "auth" }
  | { part: "header"; name: string }
  | { part: "query"; key: string };
const PART = {
  event: "the event name",
  namespace: "the namespace",
  args: "the arguments",
  "expected-args": "the expected arguments",
  "expected-ack": "the expected ack",
  "server-url": "the server URL",
  path: "the path",
  auth: "the namespace auth",
} as const;
const part = (p: ArtilleryPart) =>
  p.part === "header" ? `header ${p.name}` : p.part === "query" ? `query parameter ${p.key}` : PART[p.part];

/** A place of an ack's arguments that Artillery does not check, and why (artillery-ack-loose). */
export interface Loose {
  path: string;
  /** The matcher it has no form for, or the `$var` captured by a step that did not translate. */
  matcher?: string;
  uncaptured?: string;
}
const loose = (l: Loose) =>
  l.uncaptured !== undefined
    ? `${l.path} ($var ${l.uncaptured}: captured by a step that did not translate)`
    : `${l.path} (${l.matcher ?? ""})`;

export const SCENARIO_WORDS = {
  // Reading a scenario (predicates after a path: value-invalid).
  "not-a-scenario-field": () => "is not a field of a scenario",
  "scenario-name-again": (p: { name: string }) =>
    `is “${p.name}” again: each scenario of a preset has a name of its own`,
  "checks-nothing": (p: { give: string }) => `checks nothing: give ${p.give}`,
  "needed-with": (p: { with: string }) => `is needed with ${p.with}`,
  "needs-fields": (p: { fields: string }) => `needs ${p.fields}`,
  "matcher-companion-alone": () => "has $flags or $match without the matcher they belong to",
  "not-a-matcher": (p: { key: string; matchers: string[] }) =>
    `uses ${p.key}, which is not a matcher (${list(p.matchers)}); {"$literal": ...} matches it as data`,
  "matcher-in-emit": (p: { key: string }) =>
    `uses ${p.key}: emit arguments take values ($var, $binary, $literal), not matchers`,
  "matcher-extra-keys": (p: { extra: string[]; key: string }) =>
    `has ${list(p.extra)} beside ${p.key}: a matcher is one $ key`,
  "must-be-true": () => "must be true",
  "flags-invalid": () => "must be made of i, m, s, u",
  "regex-invalid": (p: { message: string }) => `is not a regular expression: ${p.message}`,
  "capture-name-invalid": () => "must be a name of letters, digits, _ and -, at most 60",
  "binary-invalid": (p: { cause?: Cause }, say: Say) =>
    `must be hex, for example cafe${p.cause ? `: ${say(p.cause)}` : ""}`,

  // A step that failed as it ran.
  "step-interrupted": () => "Interrupted while it ran",
  "client-not-connected": (p: { client: string }) => `${p.client} is not connected: a connect step for it comes first`,
  "no-server-view": () => "This run has no server view: server steps cannot run here",
  "server-view-not-started": (p: { cause: Cause }, say: Say) => `The server view could not start: ${say(p.cause)}`,
  "emit-not-sent": (p: { client: string; event: string; cause: Cause }, say: Say) =>
    `${p.client} could not send “${p.event}”: ${say(p.cause)}`,
  "ack-missing": (p: { event: string; nsp: string; timeout: number; cause: Cause }, say: Say) =>
    `No ack for “${p.event}” from ${p.nsp} within ${p.timeout} ms (${say(p.cause)})`,
  "ack-mismatch": (p: { event: string }) => `The ack for “${p.event}” did not match`,
  "expect-unchecked": (p: { client: string; event: string; nsp: string }) =>
    `${p.client} could not check “${p.event}” on ${p.nsp}`,
  "expect-mismatch": (p: { client: string; event: string; nsp: string }) =>
    `“${p.event}” came to ${p.client} on ${p.nsp}, but not with the expected arguments`,
  "expect-none": (p: { client: string; event: string; nsp: string; within: number; others: string[] }) =>
    `${p.client} got no “${p.event}” on ${p.nsp} within ${p.within} ms` +
    (p.others.length ? ` (it got ${quoted(p.others.slice(0, 8))})` : ""),
  "connect-refused": (p: { client: string; namespaces: Waited[] }, say: Say) =>
    `${p.client} was refused: ${waited(p.namespaces, say)}`,
  "connect-timed-out": (p: { client: string; timeout: number; namespaces: Waited[]; nsp?: string }, say: Say) =>
    `${p.client} did not connect within ${p.timeout} ms: ${waited(p.namespaces, say) || p.nsp || "no namespace"}`,
  "assert-failed": (p: { within: number; client: string; nsp: string; found: Cause[] }, say: Say) =>
    `After ${p.within} ms, ${p.client} ${p.nsp}: ${p.found.map(say).join("; ")}`,
  "server-state-failed": (p: { within: number; found: Cause[] }, say: Say) =>
    `After ${p.within} ms, the server: ${p.found.map(say).join("; ")}`,
  "server-received-unchecked": (p: { event: string; client: string }) => `the server's “${p.event}” from ${p.client}`,
  "server-received-mismatch": (p: { event: string; client: string; nsp: string }) =>
    `the server received “${p.event}” from ${p.client} on ${p.nsp}, but not with the expected arguments`,
  "server-received-none": (p: { event: string; client: string; nsp: string; within: number; why?: Cause }, say: Say) =>
    `the server received no “${p.event}” from ${p.client} on ${p.nsp} within ${p.within} ms` +
    (p.why ? ` (${say(p.why)})` : ""),
  /** A `$regex` outlasted the step: `context` says what was being checked. */
  "step-regex-timeout": (p: { context: Cause; cause: Cause }, say: Say) => `${say(p.context)}: ${say(p.cause)}`,
  "regex-timeout": (p: { source: string; flags: string; limitMs: number; textLength: number }) =>
    `the pattern /${p.source}/${p.flags} took longer than ${p.limitMs} ms on a ${p.textLength}-character string and was ` +
    "stopped: it backtracks too much (nested quantifiers such as (a+)+ do); write it so that each character " +
    "can match one way",
  "regex-worker-closed": () => "the regular expression worker was closed",
  "regex-refused": (p: { message: string }) => p.message,

  // What does not hold of a state asked for (assert-failed, server-state-failed, server-received-none).
  "state-not-connected": () => "not connected",
  "state-still-connected": () => "still connected",
  "state-not-recovered": () => "not recovered (a new session)",
  "state-recovered": () => "recovered",
  "state-no-drop": () => "sameId needs a drop step for this client before it",
  "state-new-id": (p: { id: string; before: string }) => `id ${p.id}, was ${p.before} before the drop`,
  "state-same-id": (p: { id: string }) => `the same id ${p.id}`,
  "view-not-open": (p: { state: string; cause?: Cause }, say: Say) =>
    `the server view is ${p.state}${p.cause ? `: ${say(p.cause)}` : ""}`,
  "view-production": (p: { mode: string }) =>
    `the server's admin UI runs in ${p.mode} mode: it tells no sockets or rooms`,
  "view-production-no-events": () => "the server's admin UI runs in production mode: it reports no events",
  "client-no-socket": (p: { client: string; nsp: string }) => `${p.client} has no socket on ${p.nsp}`,
  "client-no-connected-socket": (p: { client: string; nsp: string }) =>
    `${p.client} has no socket connected on ${p.nsp}`,
  "server-lists-no-socket": (p: { id: string; client: string; nsp: string }) =>
    `the server lists no socket ${p.id} (${p.client}) on ${p.nsp}`,
  "socket-room": (p: { client: string; id: string; inRoom: boolean; room: string }) =>
    `${p.client}'s socket ${p.id} is ${p.inRoom ? "in" : "not in"} room ${p.room}`,
  "socket-count": (p: { count: number; room?: string; nsp: string; want: number }) =>
    `${p.count} ${p.count === 1 ? "socket" : "sockets"} ${p.room !== undefined ? `in room ${p.room}` : `on ${p.nsp}`}, not ${p.want}`,

  // Why a namespace was refused, as one line (connect_error): the server's message and what the engine said.
  "refused-bare": () => "refused",
  "refused-message": (p: { message: string }) => p.message,
  "refused-no-answer": (p: { message: string; first: string; nothingListens: boolean }) =>
    `${p.message} (${p.first || "no HTTP answer"}${p.nothingListens ? ": nothing listens there" : ""})`,
  "refused-http": (p: { message: string; status: number }) =>
    `${p.message} (HTTP ${p.status}${p.status === 404 ? ": no Engine.IO server at this path" : ""})`,
  "refused-with-text": (p: { message: string; text: string }) => `${p.message} (${p.text})`,

  // What a matcher expected, in a mismatch.
  "expected-type": (p: { type: string }) => `a value of type ${p.type}`,
  "expected-regex": (p: { source: string; flags: string }) => `a string matching /${p.source}/${p.flags}`,
  "expected-variable-undefined": (p: { name: string }) => `the variable “${p.name}” (none was captured or defined)`,
  "expected-variable": (p: { value: string; name: string }) => `${p.value} (the variable “${p.name}”)`,
  "expected-bytes": (p: { hex: string }) => `bytes ${p.hex}`,
  "expected-list": (p: { length: number }) => `a list of ${p.length}`,
  "expected-fields": () => "an object with these fields",
  "expected-no-field": () => "no such field",
  "expected-value": (p: { value: string }) => p.value,

  // The command line's and the page's runs.
  "preset-no-client": () => "The preset has no client",
  "client-failed": (p: { client: string; cause: Cause }, say: Say) => `${p.client}: ${say(p.cause)}`,

  // An Artillery export: what did not translate, or translated loosely.
  "artillery-step": (p: { step: number; described: string; translated: boolean; cause: Cause }, say: Say) =>
    `step ${p.step} (${p.described}): ${p.translated ? "" : "not translated: "}${say(p.cause)}`,
  "artillery-template": (p: { what: ArtilleryPart; where: string }) =>
    `${part(p.what)} holds “{{” at ${p.where}, which Artillery would run as a template (it can read environment variables); ` +
    "it has no way to send it literally",
  "artillery-left-out": (p: { cause: Cause }, say: Say) => `${say(p.cause)}: left out`,
  "artillery-auth-not-json": () => "the namespace auth is not JSON: left out",
  "artillery-auth-differs": () =>
    "the namespaces used have different auth, and Artillery sends one to all: auth left out",
  "artillery-servers-differ": () => "clients on different servers: all go to the first one's",
  "artillery-no-such-step": () => "Artillery has no such step",
  "artillery-server-side": () => "Artillery cannot see the server's side",
  "artillery-needs-response-args": () => "Artillery needs the response's arguments",
  "artillery-response-only": () => "Artillery waits for an event only as the exact response to the emit before it",
  "artillery-emit-shape": () => "Artillery's emit carries one argument, or several strings",
  "artillery-var-uncaptured": (p: { name: string }) => `$var ${p.name} is captured by a step that did not translate`,
  "artillery-no-form": (p: { key: string }) => `${p.key} has no Artillery form`,
  "artillery-ack-loose": (p: { places: Loose[] }) => `the ack is not checked at ${p.places.map(loose).join(", ")}`,
  "artillery-translated": (p: { translated: number; of: number }) => `${p.translated} of ${p.of} steps translated`,
  // Our variables as Artillery's (environments, secrets).
  "artillery-url-secret": (p: { name: string }) =>
    `The server URL uses the secret {{${p.name}}}: Artillery's target is written in the script, so it cannot be a secret`,
  "artillery-environment-url": (p: { environment: string; target: string }) =>
    `the environment “${p.environment}” cannot fill the server URL: it keeps ${p.target}`,
  "artillery-environments": (p: { names: string[]; chosen: string }) =>
    `environments ${quoted(p.names)} as config.environments (artillery run -e <name>); config.variables are “${p.chosen}”'s`,
  "artillery-secret-from-env": (p: { name: string; envName: string }) =>
    `the secret {{${p.name}}} is read from the runner's environment as $${p.envName} (set it before artillery run; its value is not in the script)`,
} satisfies Record<string, Words>;
