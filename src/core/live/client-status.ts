// What a live client's status line and namespace list show: snapshots read off the Manager and its sockets.
import type { Manager, Socket } from "../../client/index.js";
import type { TimelineRecord } from "../feed/records.js";

export interface ManagerStatus {
  state: "idle" | "connecting" | "open" | "reconnecting" | "closed";
  transport: string;
  engineId: string;
  /** "upgrading", "upgraded", or "" */
  upgrade: string;
  /** The largest packet the server accepts (from its handshake): 0 before one, "not announced" when it had none. */
  maxPayload: number | "not announced";
  /** The protocol spoken: "v4" (Socket.IO v3/v4) or "v2"; with auto, "auto" until the server told. */
  protocol: "v4" | "v2" | "auto";
}

export interface SocketStatus {
  nsp: string;
  connected: boolean;
  active: boolean;
  recovered: boolean;
  id: string;
}

/** Records that change nothing a status says: the traffic itself. Any other record may. */
const KEEPS_STATUS = new Set<TimelineRecord["kind"]>([
  "packet",
  "ping",
  "pong",
  "buffered",
  "flush",
  "volatile_dropped",
  "ack_timeout",
  "ack_discarded",
]);

export const changesStatus = (record: TimelineRecord): boolean => !KEEPS_STATUS.has(record.kind);

/** The Manager's status; `failed`: no Manager will be made (its route could not be). */
export function managerStatus(
  m: Manager | undefined,
  {
    failed,
    upgrade,
    maxPayload,
    protocol,
  }: { failed: boolean; upgrade: string; maxPayload: number | undefined; protocol: ManagerStatus["protocol"] },
): ManagerStatus {
  const state = !m
    ? failed
      ? "closed"
      : "connecting"
    : m.reconnecting
      ? "reconnecting"
      : m.readyState === "opening"
        ? "connecting"
        : m.readyState === "open"
          ? "open"
          : "closed";
  // Closed (or between attempts): the last session's transport and upgrade are history, in the timeline; the header
  // says only what is true now.
  const current = state === "open" || state === "connecting";
  const engine = m?.engine;
  return {
    state,
    transport: current ? (engine?.transport?.name ?? "") : "",
    engineId: current ? (engine?.id ?? "") : "",
    upgrade: current ? upgrade : "",
    maxPayload: current && maxPayload !== undefined ? maxPayload || "not announced" : 0,
    protocol,
  };
}

export function socketStatuses(sockets: ReadonlyMap<string, Socket>): SocketStatus[] {
  return [...sockets.entries()].map(([nsp, s]) => ({
    nsp,
    connected: s.connected,
    active: s.active,
    recovered: s.recovered,
    id: s.id ?? "",
  }));
}
