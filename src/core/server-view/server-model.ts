// What the server's view knows now: its stats, its sockets, the rooms with their members. Fed by the admin
// namespace's events (admin-protocol.ts). Indexed, so that an event costs what it touches and not what the server
// holds: sockets by namespace and id, each socket's rooms, each room's members, sockets per namespace; sockets and
// rooms in arrival order, for lists that show a slice at a time. Bounded by bytes, since the server decides
// how many sockets it has and how many rooms each is in.
import { MB } from "../shared/size.js";
import type { ServerSecond } from "../feed/records.js";
import { MAX_ROOMS, type ServerSocket, type ServerStats } from "./admin-protocol.js";
import { removeSorted } from "./sorted.js";

/**
 * What the kept sockets and rooms may cost, estimated as below, which is within a few percent of the heap they take
 * (bench/server-model.mjs). 100,000 sockets of browsers (a 850-byte handshake, a room of their own and a shared
 * one) take about 180 MB: a fleet's view keeps them all, with room for handshakes a third larger. A server that
 * reports more, or a hostile one (13 MB of all_sockets is 1.5 million room memberships: 60 MB), is kept up to this
 * and counted beyond. The timeline's default budget: the page's two big stores bound alike.
 */
export const MODEL_BYTE_BUDGET = 256 * MB;
/**
 * What one socket costs beyond its handshake (its entry and strings, the index's map entries, its place in the
 * list), one room membership (its place in the socket's list and in the room's member set) and one room (its entry,
 * set and names): measured with 100,000 synthetic sockets in Node (bench/server-model.mjs), rounded up.
 */
export const SOCKET_OVERHEAD = 400;
export const MEMBERSHIP_BYTES = 48;
export const ROOM_OVERHEAD = 280;

export interface SocketEntry {
  /** Namespace and id, one string: the index's key. */
  readonly key: string;
  /** Arrival order: the socket list's order, and what searches keep. */
  readonly seq: number;
  readonly id: string;
  readonly nsp: string;
  /** The Engine.IO connection's id (its first 12 characters): several sockets of one connection share it. */
  readonly clientId: string;
  /** The node it said it lives on ("" when unsaid: see nodeOf). */
  readonly node: string;
  /** Its data (socket.data) as compact JSON text, "" for none. */
  readonly data: string;
  transport: string;
  readonly address: string;
  /** The handshake as compact JSON text. */
  readonly handshake: string;
  /** The rooms it is in, in the order it joined them; its own room (named after its id) is not among them. */
  readonly rooms: RoomEntry[];
  /** Whether it is in its own room (the server puts every socket there; the view lists it with no other room). */
  ownRoom: boolean;
  /** False once the socket left the view: a list still holding it drops it when it next looks. */
  alive: boolean;
  /** What it costs, its memberships left out (they are counted as they come and go). */
  readonly bytes: number;
}

export interface RoomEntry {
  readonly key: string;
  /** When the view first saw it: the room list's order. */
  readonly seq: number;
  readonly nsp: string;
  readonly name: string;
  /** Its members, in the order they joined. */
  readonly members: Set<SocketEntry>;
  alive: boolean;
}

/** A node of the fleet, as its `server_stats` describe it. */
export interface NodeEntry {
  readonly id: string;
  stats: ServerStats;
  /** When its stats last came, on the inspector's clock. */
  seen: number;
  /** Its traffic per second over its last stats (their counts over the time since the stats before). */
  rates: Omit<ServerSecond, "t">;
}

/** Nodes kept (a fleet of a thousand is far beyond what one admin namespace serves; a hostile one names more). */
export const MAX_NODES = 1_000;
/** The stats' period: the first stats of a node spread its counts over it. */
const STATS_PERIOD_MS = 2_000;

/** What changed: a socket (came, went, joined or left a room, changed transport), a room (came or went), or all. */
export type ModelChange =
  { kind: "socket"; entry: SocketEntry } | { kind: "room"; entry: RoomEntry } | { kind: "cleared" };

/** A room with its members' ids, as a scenario's check reads it. */
export interface RoomView {
  nsp: string;
  name: string;
  members: string[];
}

const keyOf = (nsp: string, name: string) => `${nsp}\u0000${name}`;

/** Sockets in arrival order. */
export const bySeq = (a: SocketEntry, b: SocketEntry) => a.seq - b.seq;
/**
 * Rooms in the order the view first saw them. Not by name: a fleet with a room per user has 100,000 of them, and
 * keeping those sorted moved the whole list at each new one (4 s to read 100,000 sockets); the room search finds
 * one by name.
 */
export const byRoomSeq = (a: RoomEntry, b: RoomEntry) => a.seq - b.seq;

export class ServerModel {
  /** Sockets the server reported that are not kept (past the byte budget): counted, as the server's stats count them. */
  overflow = 0;
  /** Room joins of kept sockets not kept (past the byte budget, or past MAX_ROOMS of one socket's description). */
  joinsNotKept = 0;
  /** Grows with every change: a list reads again when it moved. */
  version = 0;
  /** What the kept sockets and rooms cost, estimated (see MODEL_BYTE_BUDGET). */
  bytes = 0;

  private readonly sockets = new Map<string, SocketEntry>();
  private readonly roomIndex = new Map<string, RoomEntry>();
  private readonly order: SocketEntry[] = [];
  private readonly roomOrder: RoomEntry[] = [];
  private readonly perNamespace = new Map<string, number>();
  private readonly perNode = new Map<string, number>();
  private readonly nodeIndex = new Map<string, NodeEntry>();
  /** Stats of nodes past MAX_NODES, not kept. */
  nodesNotKept = 0;
  private readonly listeners = new Set<(change: ModelChange) => void>();
  private nextSeq = 0;
  private nextRoomSeq = 0;

  constructor(private readonly byteBudget = MODEL_BYTE_BUDGET) {}

  /** Told of every change, as it happens (a search keeps its matches with it). */
  listen(listener: (change: ModelChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(change: ModelChange): void {
    this.version++;
    for (const listener of this.listeners) listener(change);
  }

  /** Forgets every socket and room (the server's `all_sockets` follows, read a slice at a time). */
  clear(): void {
    for (const entry of this.order) entry.alive = false;
    for (const room of this.roomOrder) room.alive = false;
    this.sockets.clear();
    this.roomIndex.clear();
    this.order.length = 0;
    this.roomOrder.length = 0;
    this.perNamespace.clear();
    this.perNode.clear();
    this.overflow = 0;
    this.joinsNotKept = 0;
    this.bytes = 0;
    this.changed({ kind: "cleared" });
  }

  /** Replaces every socket at once (tests, and servers with few sockets). */
  reset(sockets: readonly ServerSocket[]): void {
    this.clear();
    for (const s of sockets) this.add(s);
  }

  /** A socket the server described (`all_sockets`, `socket_connected`): the description replaces what was known. */
  add(socket: ServerSocket): void {
    const key = keyOf(socket.nsp, socket.id);
    if (this.sockets.has(key)) this.remove(socket.nsp, socket.id);
    const bytes =
      SOCKET_OVERHEAD +
      2 *
        (key.length +
          socket.id.length +
          socket.clientId.length +
          socket.transport.length +
          socket.address.length +
          socket.node.length) +
      socket.handshake.length +
      socket.data.length;
    if (this.bytes + bytes > this.byteBudget) {
      this.overflow++;
      return;
    }
    const entry: SocketEntry = {
      key,
      seq: this.nextSeq++,
      id: socket.id,
      nsp: socket.nsp,
      clientId: socket.clientId,
      node: socket.node,
      data: socket.data,
      transport: socket.transport,
      address: socket.address,
      handshake: socket.handshake,
      rooms: [],
      ownRoom: false,
      alive: true,
      bytes,
    };
    this.bytes += bytes;
    this.sockets.set(key, entry);
    this.order.push(entry);
    this.perNamespace.set(socket.nsp, (this.perNamespace.get(socket.nsp) ?? 0) + 1);
    this.perNode.set(socket.node, (this.perNode.get(socket.node) ?? 0) + 1);
    for (const room of socket.rooms) this.enter(entry, room);
    // A list of the size it holds: pushed onto, an array keeps room for 16 (70 bytes a socket, measured).
    if (entry.rooms.length) (entry as { rooms: RoomEntry[] }).rooms = entry.rooms.slice();
    this.changed({ kind: "socket", entry });
  }

  /** A `socket_updated`: only what it names changes. */
  update(nsp: string, id: string, change: { transport?: string }): void {
    const entry = this.sockets.get(keyOf(nsp, id));
    if (!entry || !change.transport || change.transport === entry.transport) return;
    entry.transport = change.transport;
    this.changed({ kind: "socket", entry });
  }

  remove(nsp: string, id: string): void {
    const entry = this.sockets.get(keyOf(nsp, id));
    if (!entry) {
      if (this.overflow > 0) this.overflow--;
      return;
    }
    for (const room of entry.rooms) this.exitRoom(entry, room);
    entry.rooms.length = 0;
    entry.alive = false;
    this.sockets.delete(entry.key);
    removeSorted(this.order, entry, bySeq);
    const left = (this.perNamespace.get(nsp) ?? 1) - 1;
    if (left > 0) this.perNamespace.set(nsp, left);
    else this.perNamespace.delete(nsp);
    const onNode = (this.perNode.get(entry.node) ?? 1) - 1;
    if (onNode > 0) this.perNode.set(entry.node, onNode);
    else this.perNode.delete(entry.node);
    this.bytes -= entry.bytes;
    this.changed({ kind: "socket", entry });
  }

  join(nsp: string, id: string, room: string): void {
    const entry = this.sockets.get(keyOf(nsp, id));
    if (entry && this.enter(entry, room)) this.changed({ kind: "socket", entry });
  }

  leave(nsp: string, id: string, room: string): void {
    const entry = this.sockets.get(keyOf(nsp, id));
    if (!entry) return;
    if (room === entry.id) {
      if (!entry.ownRoom) return;
      entry.ownRoom = false;
    } else {
      const at = entry.rooms.findIndex((r) => r.name === room);
      if (at < 0) return;
      const [left] = entry.rooms.splice(at, 1);
      this.exitRoom(entry, left as RoomEntry);
    }
    this.changed({ kind: "socket", entry });
  }

  /** Puts a socket in a room; whether it was not there before. */
  private enter(entry: SocketEntry, name: string): boolean {
    if (name === entry.id) {
      if (entry.ownRoom) return false;
      entry.ownRoom = true;
      return true;
    }
    const key = keyOf(entry.nsp, name);
    let room = this.roomIndex.get(key);
    if (room?.members.has(entry)) return false;
    if (entry.rooms.length >= MAX_ROOMS) {
      this.joinsNotKept++;
      return false;
    }
    const cost = MEMBERSHIP_BYTES + (room ? 0 : ROOM_OVERHEAD + 2 * (key.length + name.length));
    if (this.bytes + cost > this.byteBudget) {
      this.joinsNotKept++;
      return false;
    }
    if (!room) {
      room = { key, seq: this.nextRoomSeq++, nsp: entry.nsp, name, members: new Set(), alive: true };
      this.roomIndex.set(key, room);
      this.roomOrder.push(room);
      this.changed({ kind: "room", entry: room });
    }
    room.members.add(entry);
    entry.rooms.push(room);
    this.bytes += cost;
    return true;
  }

  /**
   * Takes a socket out of a room's members (the socket's own list is the caller's, and so is telling of the socket's
   * change); an empty room goes.
   */
  private exitRoom(entry: SocketEntry, room: RoomEntry): void {
    if (!room.members.delete(entry)) return;
    this.bytes -= MEMBERSHIP_BYTES;
    if (room.members.size > 0) return;
    room.alive = false;
    this.roomIndex.delete(room.key);
    removeSorted(this.roomOrder, room, byRoomSeq);
    this.bytes -= ROOM_OVERHEAD + 2 * (room.key.length + room.name.length);
    this.changed({ kind: "room", entry: room });
  }

  socket(nsp: string, id: string): SocketEntry | undefined {
    return this.sockets.get(keyOf(nsp, id));
  }

  room(nsp: string, name: string): RoomEntry | undefined {
    return this.roomIndex.get(keyOf(nsp, name));
  }

  /** Whether a socket is in a room: undefined when the view does not know the socket. */
  inRoom(nsp: string, id: string, room: string): boolean | undefined {
    const entry = this.socket(nsp, id);
    if (!entry) return undefined;
    if (room === id) return entry.ownRoom;
    return this.room(nsp, room)?.members.has(entry) ?? false;
  }

  /** How many sockets a room holds (0 when the view knows no such room). */
  roomSize(nsp: string, name: string): number {
    return this.room(nsp, name)?.members.size ?? 0;
  }

  /** Sockets kept. */
  get socketCount(): number {
    return this.order.length;
  }

  /** The i-th socket kept, in arrival order. */
  socketAt(index: number): SocketEntry | undefined {
    return this.order[index];
  }

  /** Every socket kept, in arrival order: a copy, for a search to walk while the model moves on. */
  socketsInOrder(): SocketEntry[] {
    return this.order.slice();
  }

  get roomCount(): number {
    return this.roomOrder.length;
  }

  /** The i-th room, in the order the view first saw them. */
  roomAt(index: number): RoomEntry | undefined {
    return this.roomOrder[index];
  }

  roomsInOrder(): RoomEntry[] {
    return this.roomOrder.slice();
  }

  /** Sockets per namespace, from the view's own list (the stats' counts may be a moment older or newer). */
  countIn(nsp: string): number {
    return this.perNamespace.get(nsp) ?? 0;
  }

  /** The namespaces the kept sockets are in, with how many each. */
  namespaceCounts(): Array<{ name: string; count: number }> {
    return [...this.perNamespace].map(([name, count]) => ({ name, count }));
  }

  /**
   * A node's `server_stats`, heard at `now`: the node is listed (or its entry renewed) with its figures. A server
   * naming more than MAX_NODES nodes has the rest counted, not kept.
   */
  nodeStats(stats: ServerStats, now: number): NodeEntry | undefined {
    const known = this.nodeIndex.get(stats.serverId);
    if (!known && this.nodeIndex.size >= MAX_NODES) {
      this.nodesNotKept++;
      return undefined;
    }
    // Counts over the time since the node's stats before: a rate per second, whatever the node's period.
    const span = known ? Math.max(1, now - known.seen) : STATS_PERIOD_MS;
    const rates = { connections: 0, disconnections: 0, packetsIn: 0, packetsOut: 0, bytesIn: 0, bytesOut: 0 };
    const keys = Object.keys(rates) as Array<keyof typeof rates>;
    for (const second of stats.seconds) for (const key of keys) rates[key] += second[key];
    for (const key of keys) rates[key] = (rates[key] * 1000) / span;
    if (known) Object.assign(known, { stats, seen: now, rates });
    else this.nodeIndex.set(stats.serverId, { id: stats.serverId, stats, seen: now, rates });
    this.version++;
    return this.nodeIndex.get(stats.serverId);
  }

  /** The nodes heard from, in the order they were first heard. */
  nodes(): NodeEntry[] {
    return [...this.nodeIndex.values()];
  }

  get nodeCount(): number {
    return this.nodeIndex.size;
  }

  /**
   * The node a socket lives on: the one it says, or the only node there is (a single server); "" when a fleet's
   * socket does not say.
   */
  nodeOf(entry: { node: string }): string {
    if (entry.node) return entry.node;
    return this.nodeIndex.size === 1 ? (this.nodeIndex.keys().next().value as string) : "";
  }

  /** Kept sockets that say they live on `node` ("" counts those that do not say). */
  countOnNode(node: string): number {
    return this.perNode.get(node) ?? 0;
  }

  /** The server's namespaces with their sockets, summed over its nodes (each counts its own), in the order met. */
  namespaceTotals(): Array<{ name: string; socketsCount: number }> {
    const totals = new Map<string, number>();
    for (const node of this.nodeIndex.values())
      for (const n of node.stats.namespaces) totals.set(n.name, (totals.get(n.name) ?? 0) + n.socketsCount);
    return [...totals].map(([name, socketsCount]) => ({ name, socketsCount }));
  }

  /**
   * Every room with its members' ids, each socket's own room left out, as the server's UI does. It walks every
   * membership: for a check now and then, not for each frame (roomAt and roomSize are what lists use).
   */
  rooms(): RoomView[] {
    return this.roomOrder.map((r) => ({ nsp: r.nsp, name: r.name, members: [...r.members].map((m) => m.id) }));
  }

  /** Every socket as the server described it, its rooms as they are now (for tests and exports: it walks them all). */
  list(): ServerSocket[] {
    return this.order.map((s) => ({
      id: s.id,
      nsp: s.nsp,
      clientId: s.clientId,
      node: s.node,
      data: s.data,
      transport: s.transport,
      address: s.address,
      handshake: s.handshake,
      rooms: [...(s.ownRoom ? [s.id] : []), ...s.rooms.map((r) => r.name)],
    }));
  }
}
