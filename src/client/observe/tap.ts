import type { Socket as Engine } from "engine.io-client";
import type { Packet } from "socket.io-parser";

/** What the observer reads of a socket when it emits an event. */
export interface SocketState {
  readonly id: string | undefined;
  readonly active: boolean;
  readonly recovered: boolean;
}

/**
 * One fact from inside a Manager or a Socket, as the tap receives it.
 * A tuple rather than an object, so that a call site builds nothing it would not build anyway.
 */
export type TapFact =
  /** A new engine.io-client socket was made (the observer subscribes to its own events). */
  | [fact: "engine", engine: Engine]
  /** The Manager emitted one of its events. */
  | [fact: "manager", event: string, args: readonly unknown[]]
  /** A reconnection attempt was scheduled after `delay` ms. */
  | [fact: "scheduled", attempt: number, delay: number]
  /** A packet handed to the encoder, or one that came out of the decoder. */
  | [fact: "out" | "in", packet: Packet]
  /** A socket emitted one of its reserved events; `state` is the socket after the change. */
  | [fact: "socket", nsp: string, event: string, args: readonly unknown[], state: SocketState]
  /** An emit kept in the send buffer (socket not connected), or a volatile one dropped (transport busy). */
  | [fact: "buffered" | "dropped", packet: Packet]
  /** The send buffer was flushed on connect. */
  | [fact: "flushed", nsp: string, count: number]
  /** No ack came for packet `id` in time. */
  | [fact: "timeout", nsp: string, id: number]
  /** Acks still expected for these packet ids were dropped on disconnect. */
  | [fact: "discarded", nsp: string, ids: number[]]
  /** The socket delivered a server emit that asks for an ack: this function sends the ack (once). */
  | [fact: "owed", nsp: string, id: number, ack: (...args: unknown[]) => void];

/**
 * The inside view of a Manager and its sockets, for the observer. A Manager holds at most one tap;
 * when it holds none, every call site is a single `undefined` check, so nothing is built or recorded.
 * Calls are made after the fact and must not throw or change what they are given.
 */
export type ClientTap = (...fact: TapFact) => void;
