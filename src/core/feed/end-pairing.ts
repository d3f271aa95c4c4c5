// Both ends of one message: our client's record of an event it sent or received, and the server view's record of the
// server receiving or sending it (the Admin UI protocol's event_received / event_sent, named after our client). Two
// records are the same message when they are about the same client, namespace, event, direction and arguments, and
// were seen close in time; of several such, the nearest in time. Order alone is not enough: the view may connect
// in the middle of a stream, after either end reconnects, or miss some events, and a tick with another payload is
// another message. Run by the feed once per record, as records come; readers ask links.ts.
import { preview } from "../shared/preview.js";
import { linkEnds } from "./links.js";
import type { TimelineRecord } from "./records.js";

/**
 * How far apart both ends of one message may be seen, on the inspector's clock (both records are stamped when the
 * inspector got them: the client's as it sent or received, the server's as the view was told, a moment after).
 */
export const END_WINDOW_MS = 5_000;
/** Records waiting for their other end, per key; a server that sends more in the window than this leaves some out. */
const MAX_WAITING = 2_000;
/** Keys (client, namespace, event, direction) waiting at once, per side. */
const MAX_KEYS = 10_000;
/** How often (in records read) every key is swept of what waited too long. */
const SWEEP_EVERY = 1_000;
/** How much of the arguments tells two messages apart. */
const ARGS_KEY_CHARS = 2_000;

interface Waiting {
  record: TimelineRecord;
  /** The arguments' bounded text, made when first compared. */
  args?: string;
}

type EndSide = "client" | "server";

/** Who, where, what and which way a record is about, with its side; undefined for a record with no other end. */
function endKey(r: TimelineRecord): { key: string; side: EndSide; args: unknown[] } | undefined {
  if (r.kind === "packet") {
    if ((r.type !== "EVENT" && r.type !== "BINARY_EVENT") || r.client === undefined) return undefined;
    return { key: `${r.client}\u0000${r.nsp}\u0000${r.event ?? ""}\u0000${r.dir}`, side: "client", args: r.args ?? [] };
  }
  if (r.kind === "server" && (r.what === "event_received" || r.what === "event_sent") && r.of !== undefined) {
    // What the server received went out of our client, and the other way round.
    const dir = r.what === "event_received" ? "out" : "in";
    return { key: `${r.of}\u0000${r.nsp}\u0000${r.event ?? ""}\u0000${dir}`, side: "server", args: r.args ?? [] };
  }
  return undefined;
}

const argsText = (w: Waiting, args: unknown[]) => (w.args ??= preview(args, ARGS_KEY_CHARS));

export class EndPairing {
  /** Records of each side waiting for the other, by key, oldest first. */
  private readonly waiting: Record<EndSide, Map<string, Waiting[]>> = { client: new Map(), server: new Map() };

  private taken = 0;

  /** Reads one record; when it is the other end of a waiting one, both are linked. */
  take(record: TimelineRecord): void {
    const end = endKey(record);
    if (!end) return;
    if (++this.taken % SWEEP_EVERY === 0) this.sweep(record.t);
    const other = end.side === "client" ? "server" : "client";
    const candidates = this.waiting[other].get(end.key);
    const mine: Waiting = { record };
    if (candidates) {
      dropOld(candidates, record.t);
      let best = -1;
      for (let i = 0; i < candidates.length; i++) {
        const c = candidates[i] as Waiting;
        if (argsText(c, argsOf(c.record)) !== argsText(mine, end.args)) continue;
        if (best === -1 || gap(c, record) < gap(candidates[best] as Waiting, record)) best = i;
      }
      if (best !== -1) {
        const [found] = candidates.splice(best, 1);
        if (candidates.length === 0) this.waiting[other].delete(end.key);
        linkEnds((found as Waiting).record, record);
        return;
      }
      if (candidates.length === 0) this.waiting[other].delete(end.key);
    }
    let list = this.waiting[end.side].get(end.key);
    if (!list) {
      if (this.waiting[end.side].size >= MAX_KEYS) return; // the server names more events than anyone reads
      this.waiting[end.side].set(end.key, (list = []));
    }
    dropOld(list, record.t);
    list.push(mine);
    if (list.length > MAX_WAITING) list.shift();
  }

  /** Drops, under every key, what waited past the window (keys nobody uses again would otherwise keep theirs). */
  private sweep(now: number): void {
    for (const side of Object.values(this.waiting))
      for (const [key, list] of side) {
        dropOld(list, now);
        if (list.length === 0) side.delete(key);
      }
  }

  /** Forgets what waits (the feed's sources were cleared). */
  clear(): void {
    this.waiting.client.clear();
    this.waiting.server.clear();
  }
}

const gap = (w: Waiting, r: TimelineRecord) => Math.abs(w.record.t - r.t);

function argsOf(r: TimelineRecord): unknown[] {
  return ("args" in r ? r.args : undefined) ?? [];
}

/** Drops what waited longer than the window: its other end will not come now. */
function dropOld(list: Waiting[], now: number): void {
  let n = 0;
  while (n < list.length && now - (list[n] as Waiting).record.t > END_WINDOW_MS) n++;
  if (n) list.splice(0, n);
}
