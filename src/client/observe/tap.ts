import type { Socket as Engine } from "engine.io-client";
import type { Packet } from "socket.io-parser";

/** What the observer reads of a socket when it emits an event. */
export interface SocketState {
  readonly id: string | undefined;
  readonly active: boolean;
  readonly recovered: boolean;
}

/**
 * The inside view of a Manager and its sockets, for the observer. A Manager holds at most one tap;
 * when it holds none, every call site is a single `undefined` check, so nothing is built or recorded.
 * Calls are made after the fact and must not throw or change what they are given.
 */
export interface ClientTap {
  /** A new engine.io-client socket was made (the observer subscribes to its own events). */
  engineCreated(engine: Engine): void;
  /** The Manager emitted one of its events. */
  managerEvent(event: string, args: readonly unknown[]): void;
  /** A reconnection attempt was scheduled after `delay` ms. */
  reconnectScheduled(attempt: number, delay: number): void;
  /** A packet is handed to the encoder. */
  packetOut(packet: Packet): void;
  /** A packet came out of the decoder. */
  packetIn(packet: Packet): void;
  /** A socket emitted one of its reserved events; `state` is the socket after the change. */
  socketEvent(nsp: string, event: string, args: readonly unknown[], state: SocketState): void;
  /** An emit was kept in the send buffer because the socket is not connected. */
  sendBuffered(nsp: string, packet: Packet): void;
  /** The send buffer was flushed on connect. */
  sendBufferFlushed(nsp: string, count: number): void;
  /** A volatile emit was dropped because the transport could not write. */
  volatileDropped(nsp: string, packet: Packet): void;
  /** No ack came for packet `id` in time. */
  ackTimedOut(nsp: string, id: number): void;
  /** Acks still expected for these packet ids were dropped on disconnect. */
  acksDiscarded(nsp: string, ids: number[]): void;
}
