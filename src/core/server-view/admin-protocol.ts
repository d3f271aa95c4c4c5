// The Socket.IO Admin UI protocol (npm @socket.io/admin-ui, `instrument(io, { auth, mode })` on socket.io 3.1 and 4),
// as its admin namespace speaks it: what the server sends, read from untrusted payloads into bounded plain values.
// Each reader returns undefined for a payload of the wrong shape (the view says so once, and goes on).

import { nameText } from "../../client/observe/name-text.js";
import { MAX_SECONDS } from "../files/record-check.js";
import { SECOND_COUNTS, type ServerSecond } from "../feed/records.js";

/** Features the server announces in `config`: operations it accepts, and whether it sends every event. */
export type Feature =
  "EMIT" | "JOIN" | "LEAVE" | "DISCONNECT" | "MJOIN" | "MLEAVE" | "MDISCONNECT" | "AGGREGATED_EVENTS" | "ALL_EVENTS";

/**
 * One node's `server_stats` (each node of a fleet sends its own every 2 s, through the adapter, whichever node the
 * view is connected to): its name, its connections, and what its Engine.IO layer counted since its last stats.
 */
export interface ServerStats {
  /** The node's name: `instrument(io, { serverId })`, else its hostname (with its pid in a cluster's worker). */
  serverId: string;
  hostname: string;
  pid: number;
  uptime: number;
  clientsCount: number;
  pollingClientsCount: number;
  namespaces: Array<{ name: string; socketsCount: number }>;
  /** Its traffic per second since its last stats (the AGGREGATED_EVENTS feature), oldest first. */
  seconds: ServerSecond[];
}

/** A socket as the server describes it. */
export interface ServerSocket {
  /**
   * The node it lives on, when the server says: the admin protocol does not, so a fleet names it in the socket's
   * data (`socket.data.serverId`, set by a middleware to the node's `serverId`). Empty when unsaid.
   */
  node: string;
  /** The socket's data (`socket.data`, what the app keeps on it), as compact JSON text; "" when it has none. */
  data: string;
  id: string;
  nsp: string;
  /** The Engine.IO connection's id (its first 12 characters): several sockets of one connection share it. */
  clientId: string;
  transport: string;
  rooms: string[];
  address: string;
  /** The handshake as the server sent it (headers, query, url...), as compact JSON text: shown on demand only. */
  handshake: string;
}

/** Strings the server names things with: clipped, since the server decides their length. */
const MAX_NAME = 500;
/** Rooms kept per socket. */
export const MAX_ROOMS = 1_000;
const MAX_HANDSHAKE = 16_384;
const MAX_DATA = 4_096;
const MAX_NAMESPACES = 1_000;
/** Aggregated counts read from one `server_stats` (6 kinds a second: 2 s of them is 12; a late node's are more). */
const MAX_AGGREGATED = 2_000;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const text = (v: unknown): string => (typeof v === "string" ? v.slice(0, MAX_NAME) : "");
const count = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) && v >= 0 ? v : 0);

/** A server time (a Date sent as its ISO text, or ms), in ms; undefined when absent or not a time. */
export function readTime(v: unknown): number | undefined {
  const ms = typeof v === "number" ? v : typeof v === "string" ? Date.parse(v) : NaN;
  return Number.isFinite(ms) ? ms : undefined;
}

export function readFeatures(v: unknown): Feature[] | undefined {
  if (!isObject(v) || !Array.isArray(v.supportedFeatures)) return undefined;
  return v.supportedFeatures.filter((f): f is Feature => typeof f === "string").slice(0, 20);
}

export function readStats(v: unknown): ServerStats | undefined {
  if (!isObject(v)) return undefined;
  const namespaces = Array.isArray(v.namespaces) ? v.namespaces.slice(0, MAX_NAMESPACES) : [];
  return {
    serverId: text(v.serverId) || text(v.hostname),
    hostname: text(v.hostname),
    pid: count(v.pid),
    uptime: count(v.uptime),
    clientsCount: count(v.clientsCount),
    pollingClientsCount: count(v.pollingClientsCount),
    namespaces: namespaces.filter(isObject).map((n) => ({ name: text(n.name), socketsCount: count(n.socketsCount) })),
    seconds: readSeconds(v.aggregatedEvents),
  };
}

/** The admin UI's names of what its Engine.IO layer counts, and ours (a disconnection's reasons are summed). */
const AGGREGATED: Record<string, keyof Omit<ServerSecond, "t">> = {
  rawConnection: "connections",
  rawDisconnection: "disconnections",
  packetsIn: "packetsIn",
  packetsOut: "packetsOut",
  bytesIn: "bytesIn",
  bytesOut: "bytesOut",
};

/**
 * `aggregatedEvents` ({timestamp of its second, type, subType, count}, several per second) as one entry per second,
 * oldest first, the latest MAX_SECONDS; counts of unknown types are left out.
 */
function readSeconds(v: unknown): ServerSecond[] {
  if (!Array.isArray(v)) return [];
  const bySecond = new Map<number, ServerSecond>();
  for (const e of v.slice(0, MAX_AGGREGATED)) {
    if (!isObject(e) || typeof e.type !== "string") continue;
    const field = Object.hasOwn(AGGREGATED, e.type) ? AGGREGATED[e.type] : undefined;
    const t = readTime(e.timestamp);
    if (!field || t === undefined) continue;
    let second = bySecond.get(t);
    if (!second) {
      second = { t, ...Object.fromEntries(SECOND_COUNTS.map((k) => [k, 0])) } as ServerSecond;
      bySecond.set(t, second);
    }
    second[field] += count(e.count);
  }
  return [...bySecond.values()].sort((a, b) => a.t - b.t).slice(-MAX_SECONDS);
}

/**
 * The handshake as text, without walking it: bounded by its JSON's length, which the encoder already paid for.
 * Compact: a fleet's view keeps one per socket (prettyHandshake lays one out to be read).
 */
function handshakeText(v: unknown): string {
  try {
    const json = JSON.stringify(v ?? null) ?? "null";
    return json.length > MAX_HANDSHAKE ? `${json.slice(0, MAX_HANDSHAKE)}\n… (${json.length} characters)` : json;
  } catch {
    return "(not JSON)";
  }
}

/** The socket's data as compact JSON text, bounded; "" for none (an empty object: the admin UI sends one). */
function dataText(v: unknown): string {
  if (v === undefined || v === null || (isObject(v) && Object.keys(v).length === 0)) return "";
  try {
    const json = JSON.stringify(v) ?? "";
    return json.length > MAX_DATA ? `${json.slice(0, MAX_DATA)}… (${json.length} characters)` : json;
  } catch {
    return "(not JSON)";
  }
}

/** A kept handshake laid out to be read (one that was clipped stays as it is). */
export function prettyHandshake(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

export function readSocket(v: unknown): ServerSocket | undefined {
  if (!isObject(v) || typeof v.id !== "string" || typeof v.nsp !== "string") return undefined;
  const handshake = isObject(v.handshake) ? v.handshake : {};
  const address = handshake.address;
  const node = isObject(v.data) ? text(v.data.serverId) : "";
  return {
    node,
    data: dataText(v.data),
    id: text(v.id),
    nsp: text(v.nsp),
    clientId: text(v.clientId),
    transport: text(v.transport),
    rooms: Array.isArray(v.rooms) ? v.rooms.slice(0, MAX_ROOMS).map(text) : [],
    address: Array.isArray(address) ? text(address[0]) : text(address),
    handshake: handshakeText(v.handshake),
  };
}

/** An event record's arguments: the event's name first, as onAny and onAnyOutgoing give them. */
export function readEventArgs(v: unknown): { event: string; args: unknown[] } | undefined {
  if (!Array.isArray(v) || v.length === 0) return undefined;
  const [event, ...args] = v;
  return { event: nameText(event), args };
}
