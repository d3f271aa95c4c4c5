import { PacketType, type Packet } from "socket.io-parser";
import type { Manager } from "../manager.js";
import type { SocketOptions } from "../options.js";
import { Socket, refusalMessage } from "../socket.js";

/** Options of a namespace on a Socket.IO v2 server. */
export interface SocketV2Options extends Omit<SocketOptions, "auth"> {
  /** Sent with the namespace's CONNECT: a v2 server's middleware reads credentials there (`socket.handshake.query`). */
  query?: Record<string, string> | string;
}

/**
 * The client side of one namespace in Socket.IO protocol 4 (servers of v2.x), with the API of the v4 Socket:
 * - the server joins the default namespace by itself on each new connection (and only then); other namespaces
 *   send a CONNECT whose namespace carries the query (`/admin?token=abc`);
 * - the socket's id is the engine's id (`/admin#<engine id>` outside the default namespace);
 * - a refusal is an ERROR packet whose payload is a string or an object: it becomes `connect_error`.
 * There is no `auth` and no connection state recovery in protocol 4: `auth` is refused with a TypeError.
 */
export class SocketV2 extends Socket {
  constructor(io: Manager, nsp: string, opts: Partial<SocketV2Options> & { auth?: unknown } = {}) {
    if (opts.auth !== undefined) {
      throw new TypeError(
        `Option "auth" is not available with Socket.IO v2 servers (namespace ${nsp}): they have no auth payload; send credentials in the namespace's query`,
      );
    }
    super(io, nsp, opts as Partial<SocketOptions>);
  }

  /** The query sent with this namespace's CONNECT, as text. */
  get query(): string {
    const query = (this._opts as SocketV2Options).query;
    return typeof query === "string" ? query.replace(/^\?/, "") : new URLSearchParams(query ?? {}).toString();
  }

  /** Changes the query of the next CONNECT (as the official v2 client's `socket.query`): credentials after a refusal. */
  set query(value: Record<string, string> | string) {
    (this._opts as SocketV2Options).query = value;
  }

  protected override onopen(): void {
    // A v2 server joins "/" by itself, once per connection: after a client-side disconnect of "/", it joins again
    // on the next connection (a v2 server does not answer a second CONNECT of "/" on the same connection).
    if (this.nsp === "/") return;
    const query = this.query;
    this.io._packet({ type: PacketType.CONNECT, nsp: query ? `${this.nsp}?${query}` : this.nsp });
  }

  protected override onpacket(packet: Packet): void {
    if (packet.nsp !== this.nsp) return;
    if (packet.type === PacketType.CONNECT) {
      const engineId = this.io.engine?.id ?? "";
      this.onconnect(this.nsp === "/" ? engineId : `${this.nsp}#${engineId}`, undefined);
    } else if (packet.type === PacketType.CONNECT_ERROR) {
      // A v2 server may send an ERROR to a live socket too (socket.error()): that closes nothing, and the
      // observer shows it. Before connect it is a refusal.
      if (this.connected) return;
      this.destroy();
      const data: unknown = packet.data;
      const err = new Error(refusalMessage(data)) as Error & { data?: unknown };
      if (typeof data === "object" && data !== null) err.data = data;
      this.emitReserved("connect_error", err);
    } else super.onpacket(packet);
  }
}
