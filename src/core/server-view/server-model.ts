// What the server's view knows now: its stats, its sockets with their rooms, the rooms with their members. Fed by
// the admin namespace's events (admin-protocol.ts); bounded, since the server decides how many sockets it has.
import { MAX_ROOMS, type ServerSocket, type ServerStats } from "./admin-protocol.js";

/** Sockets kept: beyond, the view counts them and says so (the server's own stats still give the totals). */
export const MAX_SOCKETS = 5_000;

const key = (nsp: string, id: string) => `${nsp}\u0000${id}`;

export interface RoomView {
  nsp: string;
  name: string;
  members: string[];
}

export class ServerModel {
  stats: ServerStats | undefined;
  private readonly sockets = new Map<string, ServerSocket>();
  /** Sockets the server reported beyond MAX_SOCKETS: not kept. */
  overflow = 0;

  /** Replaces every socket (the server's `all_sockets`, sent once the view connects). */
  reset(sockets: readonly ServerSocket[]): void {
    this.sockets.clear();
    this.overflow = 0;
    for (const s of sockets) this.add(s);
  }

  add(socket: ServerSocket): void {
    const k = key(socket.nsp, socket.id);
    if (!this.sockets.has(k) && this.sockets.size >= MAX_SOCKETS) {
      this.overflow++;
      return;
    }
    this.sockets.set(k, socket);
  }

  /** A `socket_updated`: only what it names changes. */
  update(nsp: string, id: string, change: { transport?: string }): void {
    const socket = this.sockets.get(key(nsp, id));
    if (socket && change.transport) socket.transport = change.transport;
  }

  remove(nsp: string, id: string): void {
    if (!this.sockets.delete(key(nsp, id)) && this.overflow > 0) this.overflow--;
  }

  join(nsp: string, id: string, room: string): void {
    const socket = this.sockets.get(key(nsp, id));
    if (socket && !socket.rooms.includes(room) && socket.rooms.length < MAX_ROOMS) socket.rooms.push(room);
  }

  leave(nsp: string, id: string, room: string): void {
    const socket = this.sockets.get(key(nsp, id));
    if (socket) socket.rooms = socket.rooms.filter((r) => r !== room);
  }

  socket(nsp: string, id: string): ServerSocket | undefined {
    return this.sockets.get(key(nsp, id));
  }

  /** Whether a socket is in a room: undefined when the view does not know the socket. */
  inRoom(nsp: string, id: string, room: string): boolean | undefined {
    return this.socket(nsp, id)?.rooms.includes(room);
  }

  list(): ServerSocket[] {
    return [...this.sockets.values()];
  }

  /** Sockets per namespace, from the view's own list (the stats' counts may be a moment older or newer). */
  countIn(nsp: string): number {
    let n = 0;
    for (const s of this.sockets.values()) if (s.nsp === nsp) n++;
    return n;
  }

  /** The rooms with their members; each socket's own room (named after its id) is left out, as the server's UI does. */
  rooms(): RoomView[] {
    const byRoom = new Map<string, RoomView>();
    for (const s of this.sockets.values()) {
      for (const room of s.rooms) {
        if (room === s.id) continue;
        const k = key(s.nsp, room);
        let view = byRoom.get(k);
        if (!view) byRoom.set(k, (view = { nsp: s.nsp, name: room, members: [] }));
        view.members.push(s.id);
      }
    }
    return [...byRoom.values()].sort((a, b) => a.nsp.localeCompare(b.nsp) || a.name.localeCompare(b.name));
  }
}
