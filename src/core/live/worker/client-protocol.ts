// The messages between the page and the worker that runs its live clients (client-host.ts on the worker's side,
// remote-client.ts on the page's). Plain data only: everything crosses by structured clone.
import type { ConnectionConfig, NamespaceConfig } from "../../connection/config.js";
import type { ManagerStatus, SocketStatus } from "../live-client.js";
import type { TimelineRecord } from "../../feed/records.js";
import type { Problem } from "../../shared/errors.js";

/** What the page asks of the worker, each about one client (`id`, the page's number for it). */
export type ClientCommand =
  | {
      op: "start";
      id: number;
      name: string;
      config: ConnectionConfig;
      namespaces: NamespaceConfig[];
      /** The local server's origin, when the page came from one that relays. */
      relayOrigin?: string;
    }
  | { op: "open"; id: number; ns: NamespaceConfig }
  | { op: "close"; id: number; nsp: string }
  | { op: "closeAll"; id: number }
  | { op: "drop"; id: number }
  | { op: "rename"; id: number; name: string }
  | { op: "dispose"; id: number }
  | {
      op: "emit";
      id: number;
      nsp: string;
      event: string;
      args: unknown[];
      volatile?: boolean;
      compress?: boolean;
      /** Asks for an ack: its time-out, and the number its reply comes back under. */
      ack?: { timeout: number; call: number };
    }
  /** Answers a server emit that asked for an ack: `owed` is the number its record came with. */
  | { op: "answer"; id: number; owed: number; args: unknown[] };

/** Where a client stands: its status, its sockets, and what its emits are checked against. */
export interface ClientState {
  status: ManagerStatus;
  sockets: SocketStatus[];
  maxPayload: number;
  handshakeSeen: boolean;
}

/** The state of an answer the server is owed, as the worker last saw it. */
export interface OwedState {
  state: "waiting" | "answered" | "gone";
  ready: boolean;
}

/** What the worker tells the page, in order, in batches. */
export type ClientReport =
  /** A record, numbered by the worker; `owed`: the record asks for an ack, answered through this number. */
  | { type: "record"; id: number; record: TimelineRecord; owed?: { n: number } & OwedState }
  | { type: "state"; id: number; state: ClientState }
  /** The reply to an emit that asked for an ack (`err`: its time-out, or why it was not sent). */
  | { type: "reply"; id: number; call: number; err?: Problem; args: unknown[] }
  | { type: "owed"; id: number; n: number; owed: OwedState }
  /** Something failed after the command was taken (loading the v2 mode, a namespace, an emit, an answer). */
  | { type: "error"; id: number; problem: Problem }
  /** A report structured clone refused (nested too deep for it), as a session file writes a record. */
  | { type: "encoded"; id: number; json: string }
  /** The client is closed and its last records were sent before this. */
  | { type: "disposed"; id: number };

/** The two ends' common ground: a worker, or a MessagePort (the tests). */
export interface MessageEnd {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent) => void) | null;
}
