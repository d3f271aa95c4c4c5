// From capture to check: what an app did (a HAR, a watched page, a session file) as a scenario the inspector's own
// clients can run against the server. Each captured connection becomes a client; its namespaces are connected;
// its emits become emit steps (an ack it got, as a matcher), the events it received expect steps. Values are matched
// exactly, but for what changes per connection (its ids, UUIDs, times: loosen.ts), which a replay against the same
// server gets anew; the notes say which and why. The rest is easy to loosen in the editor.
import { replyOf } from "../feed/links.js";
import type { TimelineRecord } from "../feed/records.js";
import { MAX_EXACT_DEPTH } from "../scenario/matchers.js";
import type { Scenario } from "../scenario/format.js";
import type { Step } from "../scenario/steps/index.js";
import { nestedDeeperThan } from "../composer/typed-args.js";
import { connectionIds, Loosener } from "./loosen.js";
import { problem, type Problem } from "../shared/errors.js";

/** How long a made step waits for its ack or event: room for a server slower than the one captured. */
const WAIT_MS = 5000;
/** Steps made at most: a long capture makes a long scenario, not an endless one. */
export const MAX_MADE_STEPS = 500;

export interface MadeScenario {
  scenario: Scenario;
  /** The scenario's clients, by the captured connection they stand for. */
  clients: Array<{ name: string; connection: string; namespaces: string[] }>;
  /** What was left out (deep values, steps past the limit), and what was loosened and why. */
  notes: Problem[];
}

/** A client name for a captured connection: "app", or "app 2" and on when there are several. */
const clientName = (index: number, count: number) => (count === 1 ? "app" : `app ${index + 1}`);

export function scenarioFromCapture(records: readonly TimelineRecord[], name: string): MadeScenario {
  const connections = [...new Set(records.flatMap((r) => (r.kind === "packet" && r.client ? [r.client] : [])))];
  const nameOf = new Map(connections.map((c, i) => [c, clientName(i, connections.length)]));
  const namespaces = new Map<string, string[]>(connections.map((c) => [c, []]));
  // Every namespace a connection used, in the order it appeared ("/" sends no CONNECT in Socket.IO 2).
  const used = new Map<string, string[]>(connections.map((c) => [c, []]));
  for (const r of records) {
    const list = r.kind === "packet" && r.client !== undefined ? used.get(r.client) : undefined;
    if (list && r.kind === "packet" && !list.includes(r.nsp)) list.push(r.nsp);
  }
  const steps: Step[] = [];
  const notes: Problem[] = [];
  const loose = new Loosener(connectionIds(records, (c) => nameOf.get(c) ?? c));
  const deep = (value: unknown) => nestedDeeperThan(value, MAX_EXACT_DEPTH);
  for (const r of records) {
    if (r.kind !== "packet" || r.client === undefined) continue;
    const client = nameOf.get(r.client) as string;
    const opened = namespaces.get(r.client) as string[];
    if (r.type === "CONNECT" && r.dir === "out" && !opened.includes(r.nsp)) {
      steps.push(opened.length === 0 ? { kind: "connect", client } : { kind: "connect", client, nsp: r.nsp });
      opened.push(r.nsp);
      continue;
    }
    if (!r.type.endsWith("EVENT") || r.event === undefined) continue;
    if (deep(r.args)) {
      notes.push(problem("made-args-too-deep", { event: r.event, nsp: r.nsp }));
      continue;
    }
    const where = { event: r.event, nsp: r.nsp, ack: false };
    if (r.dir === "out") {
      // The ack the emit got, as the feed paired them.
      const reply = r.ackId === undefined ? undefined : replyOf(r);
      const ack = reply?.kind === "packet" && reply.type.endsWith("ACK") ? (reply.args ?? []) : undefined;
      const args = loose.sent(r.args ?? [], where) as unknown[];
      const match = reply && ack && !deep(ack) ? { match: loose.expected(ack, reply.t, { ...where, ack: true }) } : {};
      steps.push({
        kind: "emit",
        client,
        nsp: r.nsp,
        event: r.event,
        args,
        ...(r.ackId === undefined ? {} : { ack: { timeout: WAIT_MS, ...match } }),
      });
    } else {
      steps.push({
        kind: "expect",
        client,
        nsp: r.nsp,
        event: r.event,
        args: loose.expected(r.args ?? [], r.t, where),
        within: WAIT_MS,
      });
    }
  }
  if (steps.length > MAX_MADE_STEPS) {
    notes.push(problem("made-too-many-steps", { count: steps.length, kept: MAX_MADE_STEPS }));
    steps.length = MAX_MADE_STEPS;
  }
  return {
    scenario: { name, steps },
    clients: connections.map((c) => ({
      name: nameOf.get(c) as string,
      connection: c,
      namespaces: used.get(c) as string[],
    })),
    notes: [...notes, ...loose.notes],
  };
}
