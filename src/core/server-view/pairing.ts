// Both ends of one event: our client's emit and the server's record of receiving it, or the server's emit to one of
// our sockets and our client's record of receiving it. Paired by who (our client, named on the server's record by
// its connection), where (the namespace) and what (the event's name), in order (one connection keeps its order),
// within a few seconds of each other: emits made before the server view connected have no receipt, and are passed.
import type { PacketRecord } from "../../client/observe/records.js";
import type { ServerRecord, TimelineRecord } from "../feed/records.js";

type EventPacket = PacketRecord & { client?: string };

const isEvent = (r: TimelineRecord): r is EventPacket & TimelineRecord =>
  r.kind === "packet" && (r.type === "EVENT" || r.type === "BINARY_EVENT");

/** The question a record asks of the other end: which client, namespace and event, and which side it is on. */
function endOf(
  r: TimelineRecord,
): { client: string; nsp: string; event: string; side: "client" | "server"; dir: "out" | "in" } | undefined {
  if (isEvent(r)) {
    if (r.client === undefined || r.event === undefined) return undefined;
    return { client: r.client, nsp: r.nsp, event: r.event, side: "client", dir: r.dir };
  }
  if (r.kind === "server" && (r.what === "event_received" || r.what === "event_sent") && r.of !== undefined) {
    // What the server received went out of our client, and the other way round.
    return {
      client: r.of,
      nsp: r.nsp,
      event: r.event ?? "",
      side: "server",
      dir: r.what === "event_received" ? "out" : "in",
    };
  }
  return undefined;
}

/**
 * The other end of an event record among `records` (in the order they came), or undefined when it has none there
 * (no server view, a server in production mode, a socket not ours, or the other end not come yet or gone).
 */
export function otherEnd(record: TimelineRecord, records: Iterable<TimelineRecord>): TimelineRecord | undefined {
  const end = endOf(record);
  if (!end) return undefined;
  const same = (r: TimelineRecord) => {
    const e = endOf(r);
    return !!e && e.client === end.client && e.nsp === end.nsp && e.event === end.event && e.dir === end.dir;
  };
  const mine: TimelineRecord[] = [];
  const theirs: TimelineRecord[] = [];
  for (const r of records) {
    if (!same(r)) continue;
    (endOf(r)?.side === end.side ? mine : theirs).push(r);
  }
  // Two ordered lists aligned: a pair is close in time; of two that are not, the older one has no other end here.
  for (let i = 0, j = 0; i < mine.length && j < theirs.length;) {
    const a = mine[i] as TimelineRecord;
    const b = theirs[j] as TimelineRecord;
    if (Math.abs(a.t - b.t) <= PAIR_WINDOW_MS) {
      if (a === record) return b;
      i++;
      j++;
    } else if (a.t < b.t) {
      if (a === record) return undefined;
      i++;
    } else j++;
  }
  return undefined;
}

/** How far apart both ends of one event may be seen (the two connections' delays differ, not by seconds). */
const PAIR_WINDOW_MS = 5_000;

/** The server's time of a server record, or its arrival when the server gave none. */
export const serverTimeOf = (r: ServerRecord): number => r.serverTime ?? r.t;
