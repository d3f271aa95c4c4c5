// The Server panel's two lists, framework-free: the kept sockets (or one room's members) and the rooms, narrowed by
// what the user typed and kept up to date event by event. The panel draws a slice of each by index and reads them
// again when `version` moves: nothing here is rebuilt per frame, and a search walks a fleet a slice at a time.
import { LiveSearch } from "./live-search.js";
import { byRoomSeq, bySeq, type RoomEntry, type ServerModel, type SocketEntry } from "./server-model.js";

/** The room whose members the socket list shows. */
export interface RoomScope {
  nsp: string;
  room: string;
}

/** How the socket list is ordered: as the sockets came, or by what never changes on a socket. */
export const SOCKET_SORTS = ["arrival", "id", "node", "address"] as const;
export type SocketSort = (typeof SOCKET_SORTS)[number];
export const ROOM_SORTS = ["arrival", "name"] as const;
export type RoomSort = (typeof ROOM_SORTS)[number];

/** Two texts in code-point order (not the locale's: the same on every machine, and ten times faster). */
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const SOCKET_ORDERS: Record<SocketSort, (a: SocketEntry, b: SocketEntry) => number> = {
  arrival: bySeq,
  id: (a, b) => byText(a.id, b.id) || bySeq(a, b),
  node: (a, b) => byText(a.node, b.node) || bySeq(a, b),
  address: (a, b) => byText(a.address, b.address) || bySeq(a, b),
};
const ROOM_ORDERS: Record<RoomSort, (a: RoomEntry, b: RoomEntry) => number> = {
  arrival: byRoomSeq,
  name: (a, b) => byText(a.name, b.name) || byText(a.nsp, b.nsp) || byRoomSeq(a, b),
};

/** What the user typed, as a pattern that ignores case (and takes every character literally). */
const patternOf = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "i");

/**
 * Whether a socket answers to a search: by its id, our client's name for it, namespace, node, transport, address, a
 * room it is in, anything of its handshake (a header, a query parameter, the URL) or of its data.
 */
export function socketMatches(s: SocketEntry, pattern: RegExp, name: string | undefined): boolean {
  return (
    pattern.test(s.id) ||
    (name !== undefined && pattern.test(name)) ||
    pattern.test(s.nsp) ||
    pattern.test(s.node) ||
    pattern.test(s.transport) ||
    pattern.test(s.address) ||
    s.rooms.some((r) => pattern.test(r.name)) ||
    pattern.test(s.handshake) ||
    pattern.test(s.data)
  );
}

export class ServerListing {
  readonly sockets = new LiveSearch<SocketEntry>(bySeq);
  readonly rooms = new LiveSearch<RoomEntry>(byRoomSeq);
  private socketQuery = "";
  private roomQuery = "";
  private socketSort: SocketSort = "arrival";
  private roomSort: RoomSort = "arrival";
  private scope: RoomScope | undefined;
  private moved = 0;
  private readonly unlisten: () => void;

  constructor(
    private readonly model: ServerModel,
    /** Our client's name for a socket's connection, when it is ours. */
    private readonly nameOf: (clientId: string) => string | undefined,
  ) {
    this.unlisten = model.listen((change) => {
      if (change.kind === "socket") this.sockets.touch(change.entry);
      else if (change.kind === "room") this.rooms.touch(change.entry);
      else this.restart();
    });
  }

  /** Grows whenever what the lists show may have changed. */
  get version(): number {
    return this.model.version + this.moved;
  }

  /** Whether a search is still walking the kept sockets or rooms. */
  get searching(): boolean {
    return !this.sockets.done || !this.rooms.done;
  }

  /** Walks the searches on until `due()`; whether they are done. */
  step(due: () => boolean): boolean {
    const done = this.sockets.step(due) && this.rooms.step(due);
    this.moved++;
    return done;
  }

  /** The socket list: every kept socket, or those answering `query` (within the room of `scope`, if given). */
  searchSockets(query: string, scope?: RoomScope): void {
    this.socketQuery = query.trim();
    this.scope = scope;
    this.restartSockets();
  }

  /** The socket list's order. */
  sortSockets(sort: SocketSort): void {
    if (sort === this.socketSort) return;
    this.socketSort = sort;
    this.restartSockets();
  }

  sortRooms(sort: RoomSort): void {
    if (sort === this.roomSort) return;
    this.roomSort = sort;
    this.restartRooms();
  }

  /** The room list: every room, or those whose name (or namespace) holds `query`. */
  searchRooms(query: string): void {
    this.roomQuery = query.trim();
    this.restartRooms();
  }

  get roomScope(): RoomScope | undefined {
    return this.scope;
  }

  /** Our clients' names changed (a client renamed, or one of them connected): the socket search judges anew. */
  namesChanged(): void {
    if (this.socketQuery) this.restartSockets();
  }

  get socketCount(): number {
    return this.sockets.active ? this.sockets.length : this.model.socketCount;
  }

  socketAt(index: number): SocketEntry | undefined {
    return this.sockets.active ? this.sockets.at(index) : this.model.socketAt(index);
  }

  get roomCount(): number {
    return this.rooms.active ? this.rooms.length : this.model.roomCount;
  }

  roomAt(index: number): RoomEntry | undefined {
    return this.rooms.active ? this.rooms.at(index) : this.model.roomAt(index);
  }

  /** The first `max` members of a room, by our client's name where they are ours, and how many more it holds. */
  membersOf(room: RoomEntry, max: number): { names: string[]; more: number } {
    const names: string[] = [];
    for (const member of room.members) {
      if (names.length >= max) break;
      names.push(this.nameOf(member.clientId) ?? member.id);
    }
    return { names, more: room.members.size - names.length };
  }

  nameOfSocket(s: SocketEntry): string | undefined {
    return this.nameOf(s.clientId);
  }

  dispose(): void {
    this.unlisten();
    this.sockets.stop();
    this.rooms.stop();
  }

  private restart(): void {
    this.restartSockets();
    this.restartRooms();
  }

  private restartSockets(): void {
    this.moved++;
    const scope = this.scope;
    if (!this.socketQuery && !scope && this.socketSort === "arrival") {
      this.sockets.stop();
      return;
    }
    const pattern = this.socketQuery ? patternOf(this.socketQuery) : undefined;
    const model = this.model;
    const inScope = scope
      ? (s: SocketEntry) => s.nsp === scope.nsp && (model.inRoom(s.nsp, s.id, scope.room) ?? false)
      : () => true;
    const room = scope ? model.room(scope.nsp, scope.room) : undefined;
    const items = scope ? (room ? [...room.members].sort(bySeq) : []) : model.socketsInOrder();
    this.sockets.start(
      items,
      (s) => s.alive && inScope(s) && (!pattern || socketMatches(s, pattern, this.nameOf(s.clientId))),
      SOCKET_ORDERS[this.socketSort],
    );
  }

  private restartRooms(): void {
    this.moved++;
    if (!this.roomQuery && this.roomSort === "arrival") {
      this.rooms.stop();
      return;
    }
    const pattern = this.roomQuery ? patternOf(this.roomQuery) : undefined;
    this.rooms.start(
      this.model.roomsInOrder(),
      (r) => r.alive && (!pattern || pattern.test(r.name) || pattern.test(r.nsp)),
      ROOM_ORDERS[this.roomSort],
    );
  }
}
