import type { Direction } from "../../client/observe/records.js";
import type { LatencySummary } from "./latency-histogram.js";
import { payloadChanges, type DiffLimits, type PayloadChange } from "./payload-diff.js";
import { alignSequences, DEFAULT_MAX_EDITS, type AlignStep } from "./sequence-align.js";
import type { SequenceEvent, SessionDigest } from "./session-digest.js";

/**
 * Two sessions side by side: how many of each event, the two sequences of events aligned (what is missing from b,
 * extra in b, in another order, and for events that match, where their payloads differ), and ack latency per event.
 *
 * Events are matched on their direction, namespace and name. When both sessions have the same clients (two runs of
 * one scenario), each client's events are aligned on their own, so that two clients' events interleaving a little
 * differently is not called a difference; otherwise all events are aligned as one sequence.
 */
export interface EventRef {
  /** Its place among its session's events, from 1. */
  index: number;
  client: string;
  dir: Direction;
  nsp: string;
  event: string;
  t: number;
}

export interface ChangedEvent {
  a: EventRef;
  b: EventRef;
  changes: PayloadChange[];
  /** More changes than listed. */
  more: boolean;
}

export interface CountComparison {
  event: string;
  a: { in: number; out: number };
  b: { in: number; out: number };
}

export interface LatencyComparison {
  event: string;
  dir: Direction;
  a?: LatencySummary & { timeouts: number };
  b?: LatencySummary & { timeouts: number };
}

export interface SideInfo {
  name: string;
  records: number;
  events: number;
  /** Events aligned (the first ones, up to the sequence's bound). */
  compared: number;
}

export interface Alignment {
  /** False when the sequences differ in too many places to align (the counts still compare). */
  aligned: boolean;
  /** Why the alignment is partial or absent, in words. */
  notes: string[];
  /** Aligned client by client (both sessions have the same clients), or as one sequence. */
  byClient: boolean;
  matched: number;
  /** In a, not in b. */
  missing: EventRef[];
  /** In b, not in a. */
  extra: EventRef[];
  /** In both, at other places. */
  reordered: Array<{ a: EventRef; b: EventRef }>;
  /** Matched events whose arguments or reply differ. */
  changed: ChangedEvent[];
  /** The full counts (the lists above are cut at `maxListed`). */
  totals: { missing: number; extra: number; reordered: number; changed: number };
}

export interface SessionComparison {
  a: SideInfo;
  b: SideInfo;
  counts: CountComparison[];
  /** Names left out of `counts` past `maxListed`, and how many of them differ. */
  countsLeftOut: { names: number; differing: number };
  alignment: Alignment;
  latency: LatencyComparison[];
}

export interface CompareOptions {
  /** Differences past which the alignment gives up (see alignSequences). */
  maxEdits?: number;
  /** Rows of each list kept (missing, extra, reordered, changed, counts). Default 50. */
  maxListed?: number;
  diff?: Partial<DiffLimits>;
}

const refOf = (e: SequenceEvent): EventRef => ({
  index: e.index,
  client: e.client,
  dir: e.dir,
  nsp: e.nsp,
  event: e.event,
  t: e.t,
});

const keyText = (e: SequenceEvent) => `${e.dir}\u0000${e.nsp}\u0000${e.event}`;

function compareCounts(a: SessionDigest, b: SessionDigest, maxListed: number) {
  const rows = new Map<string, CountComparison>();
  const row = (event: string) => {
    let r = rows.get(event);
    if (!r) rows.set(event, (r = { event, a: { in: 0, out: 0 }, b: { in: 0, out: 0 } }));
    return r;
  };
  for (const c of a.figures.eventCounts()) row(c.name).a = { in: c.in, out: c.out };
  for (const c of b.figures.eventCounts()) row(c.name).b = { in: c.in, out: c.out };
  const differs = (r: CountComparison) => r.a.in !== r.b.in || r.a.out !== r.b.out;
  const gap = (r: CountComparison) => Math.abs(r.a.in + r.a.out - r.b.in - r.b.out);
  const sorted = [...rows.values()].sort(
    (x, y) =>
      Number(differs(y)) - Number(differs(x)) ||
      gap(y) - gap(x) ||
      y.a.in + y.a.out + y.b.in + y.b.out - (x.a.in + x.a.out + x.b.in + x.b.out) ||
      x.event.localeCompare(y.event),
  );
  // Names whose counts differ come first: what is cut at `maxListed` is the equal ones, unless too many differ.
  const rest = sorted.slice(maxListed);
  return {
    counts: sorted.slice(0, maxListed),
    countsLeftOut: { names: rest.length, differing: rest.filter(differs).length },
  };
}

function compareLatency(a: SessionDigest, b: SessionDigest): LatencyComparison[] {
  const rows = new Map<string, LatencyComparison>();
  const put = (side: "a" | "b", digest: SessionDigest) => {
    for (const r of digest.figures.ackLatency()) {
      const key = `${r.dir}\u0000${r.event}`;
      let row = rows.get(key);
      if (!row) rows.set(key, (row = { event: r.event, dir: r.dir }));
      const { event: _e, dir: _d, bins: _b, ...summary } = r;
      row[side] = summary;
    }
  };
  put("a", a);
  put("b", b);
  const count = (r: LatencyComparison) => (r.a?.count ?? 0) + (r.b?.count ?? 0);
  return [...rows.values()].sort((x, y) => count(y) - count(x) || x.event.localeCompare(y.event));
}

/** The groups aligned on their own: per client when both sessions name the same clients, else one. */
function groupsOf(
  a: SequenceEvent[],
  b: SequenceEvent[],
): { byClient: boolean; groups: Array<[SequenceEvent[], SequenceEvent[]]> } {
  const clientsA = new Set(a.map((e) => e.client));
  const clientsB = new Set(b.map((e) => e.client));
  const same = clientsA.size > 1 && clientsA.size === clientsB.size && [...clientsA].every((c) => clientsB.has(c));
  if (!same) return { byClient: false, groups: [[a, b]] };
  return {
    byClient: true,
    groups: [...clientsA].map((c) => [a.filter((e) => e.client === c), b.filter((e) => e.client === c)]),
  };
}

/** Compares two sessions (each read whole into its digest). */
export function compareSessions(a: SessionDigest, b: SessionDigest, options: CompareOptions = {}): SessionComparison {
  const maxEdits = options.maxEdits ?? DEFAULT_MAX_EDITS;
  const maxListed = options.maxListed ?? 50;
  const eventsA = a.events.events;
  const eventsB = b.events.events;
  const notes: string[] = [];
  for (const [name, seq] of [
    [a.name, a.events],
    [b.name, b.events],
  ] as const)
    if (seq.total > seq.events.length)
      notes.push(`${name} has ${seq.total} events, too long to align whole: compared the first ${seq.events.length}.`);
  if (a.events.payloadsLeftOut || b.events.payloadsLeftOut)
    notes.push("Some payloads were past the memory budget and are not compared.");

  const keys = new Map<string, number>();
  const keyOf = (e: SequenceEvent) => {
    const text = keyText(e);
    let k = keys.get(text);
    if (k === undefined) keys.set(text, (k = keys.size));
    return k;
  };

  const alignment: Alignment = {
    aligned: true,
    notes,
    byClient: false,
    matched: 0,
    missing: [],
    extra: [],
    reordered: [],
    changed: [],
    totals: { missing: 0, extra: 0, reordered: 0, changed: 0 },
  };
  const listed = <T>(list: T[], item: T) => {
    if (list.length < maxListed) list.push(item);
  };
  const diffPair = (x: SequenceEvent, y: SequenceEvent) => {
    const found = [];
    let more = false;
    if (x.args && y.args) {
      const d = payloadChanges(x.args, y.args, "args", options.diff);
      found.push(...d.changes);
      more ||= d.more;
    }
    if (x.asked || y.asked) {
      const d = payloadChanges(x.reply, y.reply, "reply", options.diff);
      found.push(...d.changes);
      more ||= d.more;
    }
    if (found.length === 0) return;
    alignment.totals.changed++;
    listed(alignment.changed, { a: refOf(x), b: refOf(y), changes: found, more });
  };

  const { byClient, groups } = groupsOf(eventsA, eventsB);
  alignment.byClient = byClient;
  const aligned: Array<{ xs: SequenceEvent[]; ys: SequenceEvent[]; steps: AlignStep[] }> = [];
  for (const [xs, ys] of groups) {
    const steps = alignSequences(Int32Array.from(xs, keyOf), Int32Array.from(ys, keyOf), maxEdits);
    if (!steps) {
      alignment.aligned = false;
      notes.push(
        `The event sequences differ in more than ${maxEdits} places${byClient ? ` (client ${xs[0]?.client ?? ""})` : ""}: too different to align; compare the counts.`,
      );
      break;
    }
    aligned.push({ xs, ys, steps });
  }
  if (alignment.aligned) {
    for (const { xs, ys, steps } of aligned) {
      const missing: SequenceEvent[] = [];
      const extra = new Map<string, SequenceEvent[]>();
      for (const step of steps) {
        if (step.kind === "same") {
          alignment.matched++;
          diffPair(xs[step.a] as SequenceEvent, ys[step.b] as SequenceEvent);
        } else if (step.kind === "missing") missing.push(xs[step.a] as SequenceEvent);
        else {
          const e = ys[step.b] as SequenceEvent;
          const list = extra.get(keyText(e));
          if (list) list.push(e);
          else extra.set(keyText(e), [e]);
        }
      }
      // An event missing at one place and extra at another is the same event, moved.
      for (const x of missing) {
        const y = extra.get(keyText(x))?.shift();
        if (y) {
          alignment.totals.reordered++;
          listed(alignment.reordered, { a: refOf(x), b: refOf(y) });
          diffPair(x, y);
        } else {
          alignment.totals.missing++;
          listed(alignment.missing, refOf(x));
        }
      }
      for (const y of [...extra.values()].flat().sort((p, q) => p.index - q.index)) {
        alignment.totals.extra++;
        listed(alignment.extra, refOf(y));
      }
    }
    alignment.missing.sort((p, q) => p.index - q.index);
    alignment.reordered.sort((p, q) => p.a.index - q.a.index);
    alignment.changed.sort((p, q) => p.a.index - q.a.index);
  }

  return {
    a: { name: a.name, records: a.records, events: a.events.total, compared: eventsA.length },
    b: { name: b.name, records: b.records, events: b.events.total, compared: eventsB.length },
    ...compareCounts(a, b, maxListed),
    alignment,
    latency: compareLatency(a, b),
  };
}
