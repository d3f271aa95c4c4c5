import type { AckGoneRecord, ClientRecord, PacketRecord } from "../../client/observe/records.js";

/**
 * A note of the inspector itself, beside what the client observed: which protocol it chose and why, or a namespace
 * it could not open as configured.
 */
export interface NoteRecord {
  kind: "note";
  /** Negative: notes are numbered on their own, so that they never take a number of the client's records. */
  seq: number;
  t: number;
  /** The namespace it is about, if any. */
  nsp?: string;
  /**
   * `protocol`: which Socket.IO protocol the session speaks and why; `refused`: something was not sent;
   * `user`: something the user did on purpose that looks like a failure (Drop transport); `route`: how the
   * connection reaches the server (directly, or through the inspector's local server); `unreachable`: why the local
   * server could not reach it; `undecoded`: a captured frame (a HAR, a watched page) that is not Engine.IO or
   * Socket.IO, and why; `page`: a captured page loaded, reloaded or went elsewhere (the rows before it are kept).
   */
  topic: "protocol" | "refused" | "user" | "route" | "unreachable" | "undecoded" | "page";
  /** The words, as they were said when it happened (a file keeps them). */
  text: string;
  /** What logic reads: the code of the note's words in the error table, and their params (a file may have none). */
  code?: string;
  params?: unknown;
}

/** What a node's Engine.IO layer counts per second (its admin UI's aggregated events). */
export const SECOND_COUNTS = [
  "connections",
  "disconnections",
  "packetsIn",
  "packetsOut",
  "bytesIn",
  "bytesOut",
] as const;

/** One second of a node's traffic: `t` is the second's start on the server's clock, in ms. */
export type ServerSecond = { t: number } & Record<(typeof SECOND_COUNTS)[number], number>;

/**
 * What the server's own view reported (the Admin UI protocol): a socket connected or disconnected, a room joined or
 * left, an event the server received or sent; a node's figures (`stats`, every 2 s per node); or (`view`) how the
 * view itself fares. Its client is "server".
 */
export interface ServerRecord {
  kind: "server";
  /** Numbered with the notes (negative), on the inspector's side. */
  seq: number;
  /** When the inspector received it: the timeline's order. */
  t: number;
  /** The server's own time for it, when the server said. */
  serverTime?: number;
  what:
    | "socket_connected"
    | "socket_disconnected"
    | "room_joined"
    | "room_left"
    | "event_received"
    | "event_sent"
    | "stats"
    | "view";
  nsp: string;
  /** The node (its serverId): of `stats`, and of a socket that says its node. */
  node?: string;
  /** For `stats`: the node's Engine.IO connections now. */
  clients?: number;
  /** For `stats`: the node's traffic per second since its last stats, oldest first. */
  seconds?: ServerSecond[];
  /** The socket it is about. */
  sid?: string;
  room?: string;
  event?: string;
  args?: unknown[];
  reason?: string;
  transport?: string;
  /** The inspector's client whose socket it is, when it is one of ours. */
  of?: string;
  /** For `view`: what happened to the view, in words; `error` when it is a failure. */
  text?: string;
  error?: boolean;
  /** For `view`: what logic reads, the code of its words in the error table and their params. */
  code?: string;
  params?: unknown;
}

/**
 * What the timeline shows: the clients' records and the inspector's notes, each with the name of the client it came
 * from (absent in session files made before several clients existed).
 */
export type TimelineRecord = (ClientRecord | NoteRecord | ServerRecord) & {
  client?: string;
  /**
   * An incoming event on a namespace with connection state recovery: its last argument is the server's offset,
   * which the client keeps to send back on reconnection (and passes to listeners as an argument). Set by the
   * inspector so that the row labels it as an offset, not as data.
   */
  offset?: string;
};

/**
 * A CONNECT answered without a session id: Socket.IO v3 and v4 servers always send one, v2 servers never do. Read
 * off the packet itself (its shape), so that neither the library's words nor a server's decide it.
 */
export function isSidlessConnect(r: TimelineRecord): boolean {
  if (r.kind !== "packet" || r.dir !== "in" || r.type !== "CONNECT") return false;
  const data = r.data as { sid?: unknown } | undefined;
  return typeof data?.sid !== "string";
}

/** An ack, or the news that none will come: what answers an emit that asked for an ack. */
export function isReply(r: TimelineRecord): r is PacketRecord | AckGoneRecord {
  return (
    r.kind === "ack_timeout" ||
    r.kind === "ack_discarded" ||
    (r.kind === "packet" && (r.type === "ACK" || r.type === "BINARY_ACK"))
  );
}

/** The server's time of a server record, or its arrival when the server gave none. */
export const serverTimeOf = (r: ServerRecord): number => r.serverTime ?? r.t;
