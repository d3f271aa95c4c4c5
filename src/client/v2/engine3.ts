/**
 * An Engine.IO protocol 3 connection, on engine.io-client's own engine and transports: the handshake, the upgrade
 * probe, buffering and closing are the same in both protocols. What differs is the framing (eio3-codec.ts) and the
 * heartbeat: in protocol 3 the client sends the pings and the server answers with pongs.
 */
import { NodeWebSocket, NodeXHR, Socket as Engine, nextTick, type SocketOptions } from "engine.io-client";
import type { Packet } from "engine.io-parser";
import { decodeFrame3, decodePayload3, decodeText3, encodeFrame3, encodePayload3 } from "./eio3-codec.js";

/** The members of engine.io-client this module relies on beyond its typed surface (stable across 6.x). */
interface EngineInternals {
  _pingInterval: number;
  _pingTimeout: number;
  _pingTimeoutTimer: ReturnType<typeof setTimeout> | undefined;
  _pingTimeoutTime: number;
  clearTimeoutFn: typeof clearTimeout;
  _sendPacket(type: "ping"): void;
  _onClose(reason: string): void;
}

interface PollingInternals {
  _polling: boolean;
  _poll(): void;
}

type TransportOptions = ConstructorParameters<typeof NodeXHR>[0] & { query: Record<string, unknown> };

/** Long-polling in protocol 3: binary always travels as base64 text (`b64=1`), which every EIO3 server accepts. */
class Polling3 extends NodeXHR {
  constructor(opts: TransportOptions) {
    opts.query.EIO = 3;
    super(opts);
    this.supportsBinary = false;
  }

  override onData(data: string): void {
    for (const packet of decodePayload3(String(data), this.socket.binaryType)) {
      if (this.readyState === "opening" && packet.type === "open") this.onOpen();
      if (packet.type === "close") {
        this.onClose({ description: "transport closed by the server" });
        return;
      }
      this.onPacket(packet);
    }
    if (this.readyState !== "closed") {
      // As the protocol 4 polling does after each answer: the poll is over, and the next one starts.
      const self = this as unknown as PollingInternals;
      self._polling = false;
      this.emitReserved("pollComplete");
      if (this.readyState === "open") self._poll();
    }
  }

  override write(packets: Packet[]): void {
    this.writable = false;
    encodePayload3(packets, (payload) =>
      this.doWrite(payload, () => {
        this.writable = true;
        this.emitReserved("drain");
      }),
    );
  }
}

class WebSocket3 extends NodeWebSocket {
  constructor(opts: TransportOptions) {
    opts.query.EIO = 3;
    super(opts);
  }

  protected override onData(data: string | ArrayBuffer | ArrayBufferView): void {
    this.onPacket(
      typeof data === "string" ? decodeText3(data, this.socket.binaryType) : decodeFrame3(data, this.socket.binaryType),
    );
  }

  override write(packets: Packet[]): void {
    this.writable = false;
    let left = packets.length;
    for (const packet of packets) {
      encodeFrame3(packet, (frame) => {
        try {
          this.doWrite(packet, frame);
        } catch {
          // The socket closed under us; the close event reports it.
        }
        // As the protocol 4 transport does: drain on the next tick, so that the engine can clear its buffer first.
        if (--left === 0) {
          nextTick(() => {
            this.writable = true;
            this.emitReserved("drain");
          }, this.setTimeoutFn);
        }
      });
    }
  }
}

const TRANSPORTS = { polling: Polling3, websocket: WebSocket3 } as const;

/**
 * The engine of the v2 mode. Events are engine.io-client's, with the heartbeat of protocol 3: `ping` when the
 * client sends one, `pong` (with the round trip in ms) when the server answers.
 */
export class Engine3 extends Engine {
  /** Which Engine.IO protocol this engine speaks (engine.io-client's own engine speaks 4). */
  readonly eio = 3;
  private pingTimer: ReturnType<typeof setTimeout> | undefined;
  private pingSentAt = 0;

  /** As the Manager makes its engine: a URL (undefined for the page's own origin) and the options. */
  constructor(uri: string | undefined, opts: Partial<SocketOptions> = {}) {
    const names = (opts.transports ?? ["polling", "websocket"]) as string[];
    const transports = names.map((name) => TRANSPORTS[name as keyof typeof TRANSPORTS]).filter(Boolean);
    super(uri as string, { ...opts, transports } as Partial<SocketOptions>);
    // Any packet proves the connection alive, as protocol 3 counts it.
    this.on("heartbeat", () => {
      if (this.readyState === "open") this.expectWithin(this.internals._pingInterval + this.internals._pingTimeout);
    });
    this.on("packet", (packet: Packet) => {
      if (packet.type !== "pong" || this.readyState !== "open") return;
      (this.emitReserved as (ev: "pong", rtt: number) => void)("pong", Date.now() - this.pingSentAt);
      this.schedulePing();
    });
    this.on("close", () => this.internals.clearTimeoutFn(this.pingTimer));
  }

  private get internals(): EngineInternals {
    return this as unknown as EngineInternals;
  }

  protected override onHandshake(data: Parameters<Engine["onHandshake"]>[0]): void {
    super.onHandshake(data);
    if (this.readyState === "closed") return;
    // The engine armed a protocol 4 deadline (a server ping within interval + timeout): keep it, and start pinging.
    this.schedulePing();
  }

  /** Sends the next ping after pingInterval; the pong must then come within pingTimeout. */
  private schedulePing(): void {
    const self = this.internals;
    self.clearTimeoutFn(this.pingTimer);
    this.pingTimer = this.setTimeoutFn(() => {
      self._sendPacket("ping");
      this.pingSentAt = Date.now();
      this.emitReserved("ping");
      this.expectWithin(self._pingTimeout);
    }, self._pingInterval);
    if (this.opts.autoUnref) (this.pingTimer as { unref?: () => void }).unref?.();
  }

  /** Closes with "ping timeout" unless a packet comes within `ms`. */
  private expectWithin(ms: number): void {
    const self = this.internals;
    self.clearTimeoutFn(self._pingTimeoutTimer);
    self._pingTimeoutTime = Date.now() + ms;
    self._pingTimeoutTimer = this.setTimeoutFn(() => self._onClose("ping timeout"), ms);
    if (this.opts.autoUnref) (self._pingTimeoutTimer as { unref?: () => void }).unref?.();
  }
}
