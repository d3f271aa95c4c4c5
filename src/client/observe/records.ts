/**
 * What an observer reports: one typed, timestamped record per fact, as a discriminated union on `kind`.
 * Records carry the values the client itself handled (parsed once, kept structured), never re-serialised text.
 */

export type PacketTypeName =
  "CONNECT" | "DISCONNECT" | "EVENT" | "ACK" | "CONNECT_ERROR" | "BINARY_EVENT" | "BINARY_ACK";

export type Direction = "in" | "out";

/** An error reduced to what can be shown and stored: its message and the engine's plain details. */
export interface ErrorInfo {
  message: string;
  /** The engine's description: an HTTP status, a close code, or a message. */
  description?: string | number;
  /** The error's `type` (engine.io: "TransportError"). */
  type?: string;
  /** The error's `code`: engine.io-client's "server error" carries the engine's reason ("parser error"). */
  code?: string;
  /** `data` sent by the server's middleware with a refusal. */
  data?: unknown;
  /** The first bytes of the HTTP response behind a transport error, when the page may read them. */
  body?: string;
}

interface Base {
  /** Increases by one per record of an observer, across all kinds. */
  seq: number;
  /** When it happened, in ms since the epoch, with sub-ms precision where the platform has it. */
  t: number;
}

export interface HandshakeRecord extends Base {
  kind: "handshake";
  sid: string;
  pingInterval: number;
  pingTimeout: number;
  /** The largest packet the server accepts; servers before Socket.IO 4.1 (and python-socketio) do not announce it. */
  maxPayload?: number;
  upgrades: string[];
  transport: string;
  /** The Engine.IO protocol spoken: 4 (Socket.IO v3/v4), or 3 (Socket.IO v2, the v2 mode). */
  eio: 3 | 4;
  /** The handshake's field names in the order the server sent them: servers differ in it (a fingerprint). */
  fields: string[];
}

export interface TransportRecord extends Base {
  /** `upgrading`: probing a better transport; `upgrade`: switched to it; `upgrade_error`: the probe failed. */
  kind: "upgrading" | "upgrade" | "upgrade_error";
  transport: string;
  error?: ErrorInfo;
}

export interface PingRecord extends Base {
  kind: "ping";
  /** Who sent it: the server in Engine.IO 4, the client in Engine.IO 3 (v2). */
  from: "server" | "client";
  /** ms since the previous ping of the same engine connection; absent for the first. */
  sinceLast?: number;
}

export interface PongRecord extends Base {
  /** The server's answer to a ping of the client (Engine.IO 3 only). */
  kind: "pong";
  /** ms from the ping to its pong. */
  rtt: number;
}

export interface PacketRecord extends Base {
  kind: "packet";
  dir: Direction;
  nsp: string;
  type: PacketTypeName;
  /** The event name, for EVENT and BINARY_EVENT. */
  event?: string;
  /** Event arguments (without the name) or ack arguments, as the client handled them. */
  args?: unknown[];
  /** The payload of CONNECT (auth, or sid/pid from the server) and CONNECT_ERROR. */
  data?: unknown;
  /** The packet's ack id. */
  ackId?: number;
  /** How many binary attachments (ArrayBuffer, typed arrays, Blob, Buffer) the arguments hold. */
  attachments: number;
  /**
   * Ties an emit that asked for an ack to that ack: the `seq` of the record of the asking emit
   * (or of its `buffered` record when it waited in the send buffer).
   */
  pair?: number;
  /** For an ack: ms from the emit leaving the client to the ack coming back (or the reverse for acks we send). */
  latency?: number;
  /** For emits we send: whether they may be compressed. */
  compress?: boolean;
  /**
   * For a server emit that asks for an ack: the handle to answer it. Not part of the record's data (not enumerable:
   * a copy or an export leaves it out).
   */
  readonly reply?: OwedAckHandle;
}

/** See `OwedAck` in observer.ts: the answer a server emit is owed. */
export interface OwedAckHandle {
  readonly state: "waiting" | "answered" | "gone";
  readonly ready: boolean;
  answer(...args: unknown[]): void;
}

export interface BufferedRecord extends Base {
  /** An emit kept in the send buffer while the socket was disconnected. */
  kind: "buffered";
  nsp: string;
  event: string;
  args: unknown[];
  ackId?: number;
  pair?: number;
}

export interface FlushRecord extends Base {
  /** The send buffer was sent on connect. */
  kind: "flush";
  nsp: string;
  count: number;
}

export interface DroppedRecord extends Base {
  /** A volatile emit that the transport could not take. */
  kind: "volatile_dropped";
  nsp: string;
  event: string;
  args: unknown[];
}

export interface AckGoneRecord extends Base {
  /** `ack_timeout`: no ack in time; `ack_discarded`: the socket disconnected before the ack came. */
  kind: "ack_timeout" | "ack_discarded";
  nsp: string;
  ackId: number;
  pair?: number;
  /** ms since the emit was made. */
  elapsed?: number;
}

export interface ReconnectScheduledRecord extends Base {
  kind: "reconnect_scheduled";
  attempt: number;
  /** The backoff delay chosen, in ms. */
  delay: number;
}

export interface ManagerRecord extends Base {
  kind: "open" | "error" | "close" | "reconnect_attempt" | "reconnect" | "reconnect_error" | "reconnect_failed";
  attempt?: number;
  reason?: string;
  error?: ErrorInfo;
}

export interface SocketRecord extends Base {
  kind: "connect" | "connect_error" | "disconnect";
  nsp: string;
  /** The socket's id after connect. */
  id?: string;
  recovered?: boolean;
  reason?: string;
  error?: ErrorInfo;
  /** Whether the socket will try again by itself. */
  active: boolean;
}

export type ClientRecord =
  | HandshakeRecord
  | TransportRecord
  | PingRecord
  | PongRecord
  | PacketRecord
  | BufferedRecord
  | FlushRecord
  | DroppedRecord
  | AckGoneRecord
  | ReconnectScheduledRecord
  | ManagerRecord
  | SocketRecord;

export type RecordKind = ClientRecord["kind"];

/** A record before the observer numbers and stamps it. */
export type RecordDraft = ClientRecord extends infer R
  ? R extends ClientRecord
    ? Omit<R, "seq" | "t">
    : never
  : never;
