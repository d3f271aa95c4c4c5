import { Emitter } from "@socket.io/component-emitter";
import * as msgpackParser from "socket.io-msgpack-parser";
import type { ParserModule } from "../../client/index.js";
import { nameText } from "../../client/observe/name-text.js";
import { outOfRangeDate } from "../shared/dates.js";
import type { MsgpackRefusal } from "../shared/error-words/live.js";
import { fail } from "../shared/errors.js";

/**
 * The msgpack parser the inspector connects with: socket.io-msgpack-parser's encoder, and a decoder of our own that
 * reads what notepack.io (that parser's codec) writes the way notepack reads it, with three differences an
 * inspector needs, since it shows whatever a server sends:
 * - a timestamp out of the range of a JavaScript Date (notepack's `new Date(hi + lo)` gives an Invalid Date and
 *   loses the value) is an Invalid Date that keeps the raw milliseconds, exactly (shared/dates.ts);
 * - a map key `__proto__` is a key, not the object's prototype;
 * - nesting is bounded, so a hostile frame cannot overflow the stack.
 * Binary is an ArrayBuffer on every platform (notepack gives a Buffer in Node).
 */

/** How deep arrays and maps may nest in one packet. */
export const MAX_MSGPACK_DEPTH = 1000;

class Reader {
  private offset = 0;
  private readonly view: DataView;

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** Reads the whole buffer as one value. @throws InspectorError naming what is wrong (the engine shows it as a parser error). */
  readAll(): unknown {
    const value = this.value(0);
    if (this.offset !== this.bytes.length) fail("msgpack-trailing-bytes", { bytes: this.bytes.length - this.offset });
    return value;
  }

  private take(n: number): number {
    const at = this.offset;
    if (at + n > this.bytes.length) fail("msgpack-cut", { at });
    this.offset += n;
    return at;
  }

  private u8 = () => this.view.getUint8(this.take(1));
  private u16 = () => this.view.getUint16(this.take(2));
  private u32 = () => this.view.getUint32(this.take(4));

  private str(length: number): string {
    const at = this.take(length);
    return new TextDecoder().decode(this.bytes.subarray(at, at + length));
  }

  private bin(length: number): ArrayBuffer {
    const at = this.take(length);
    return this.bytes.slice(at, at + length).buffer;
  }

  private array(length: number, depth: number): unknown[] {
    const out = new Array<unknown>(length);
    for (let i = 0; i < length; i++) out[i] = this.value(depth + 1);
    return out;
  }

  private map(length: number, depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (let i = 0; i < length; i++) {
      // A key may be any value (a map, whose toString may be anything): as text, as an event name would be.
      const key = nameText(this.value(depth + 1));
      Object.defineProperty(out, key, {
        value: this.value(depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }

  /** notepack's ext forms: type 0 of fixext 1 is undefined, type 0 of fixext 8 a Date; the rest [type, bytes]. */
  private ext(length: number): unknown {
    const type = this.view.getInt8(this.take(1));
    if (type === 0 && length === 1) {
      this.take(1);
      return undefined;
    }
    if (type === 0 && length === 8) {
      const at = this.take(8);
      const ms = (BigInt(this.view.getInt32(at)) << 32n) | BigInt(this.view.getUint32(at + 4));
      const date = new Date(Number(ms));
      return Number.isNaN(date.getTime()) ? outOfRangeDate(ms.toString()) : date;
    }
    return [type, this.bin(length)];
  }

  private value(depth: number): unknown {
    if (depth > MAX_MSGPACK_DEPTH) fail("msgpack-too-deep", { max: MAX_MSGPACK_DEPTH });
    const prefix = this.u8();
    if (prefix < 0x80) return prefix;
    if (prefix < 0x90) return this.map(prefix & 0x0f, depth);
    if (prefix < 0xa0) return this.array(prefix & 0x0f, depth);
    if (prefix < 0xc0) return this.str(prefix & 0x1f);
    if (prefix >= 0xe0) return prefix - 0x100;
    const v = this.view;
    switch (prefix) {
      case 0xc0:
        return null;
      case 0xc2:
        return false;
      case 0xc3:
        return true;
      case 0xc4:
        return this.bin(this.u8());
      case 0xc5:
        return this.bin(this.u16());
      case 0xc6:
        return this.bin(this.u32());
      case 0xc7:
        return this.ext(this.u8());
      case 0xc8:
        return this.ext(this.u16());
      case 0xc9:
        return this.ext(this.u32());
      case 0xca:
        return v.getFloat32(this.take(4));
      case 0xcb:
        return v.getFloat64(this.take(8));
      case 0xcc:
        return this.u8();
      case 0xcd:
        return this.u16();
      case 0xce:
        return this.u32();
      case 0xcf: {
        const at = this.take(8);
        return v.getUint32(at) * 2 ** 32 + v.getUint32(at + 4);
      }
      case 0xd0:
        return v.getInt8(this.take(1));
      case 0xd1:
        return v.getInt16(this.take(2));
      case 0xd2:
        return v.getInt32(this.take(4));
      case 0xd3: {
        const at = this.take(8);
        return v.getInt32(at) * 2 ** 32 + v.getUint32(at + 4);
      }
      case 0xd4:
        return this.ext(1);
      case 0xd5:
        return this.ext(2);
      case 0xd6:
        return this.ext(4);
      case 0xd7:
        return this.ext(8);
      case 0xd8:
        return this.ext(16);
      case 0xd9:
        return this.str(this.u8());
      case 0xda:
        return this.str(this.u16());
      case 0xdb:
        return this.str(this.u32());
      case 0xdc:
        return this.array(this.u16(), depth);
      case 0xdd:
        return this.array(this.u32(), depth);
      case 0xde:
        return this.map(this.u16(), depth);
      case 0xdf:
        return this.map(this.u32(), depth);
    }
    return fail("msgpack-bad-byte", { byte: prefix });
  }
}

/** Decodes one msgpack value (see the module's comment for how it differs from notepack.io). */
export function decodeMsgpack(data: ArrayBuffer | ArrayBufferView): unknown {
  const bytes =
    data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return new Reader(bytes).readAll();
}

const PACKET_TYPES = { CONNECT: 0, DISCONNECT: 1, EVENT: 2, ACK: 3, CONNECT_ERROR: 4 } as const;

/** Why a decoded value is not a Socket.IO packet, as socket.io-msgpack-parser checks it, or undefined. */
function packetProblem(p: unknown): MsgpackRefusal | undefined {
  if (typeof p !== "object" || p === null) return "packet";
  const { type, nsp, data, id } = p as Record<string, unknown>;
  if (!Number.isInteger(type) || (type as number) < 0 || (type as number) > 4) return "type";
  if (typeof nsp !== "string") return "namespace";
  const isPlainObject = Object.prototype.toString.call(data) === "[object Object]";
  const validData =
    type === PACKET_TYPES.CONNECT
      ? data === undefined || isPlainObject
      : type === PACKET_TYPES.DISCONNECT
        ? data === undefined
        : type === PACKET_TYPES.CONNECT_ERROR
          ? typeof data === "string" || isPlainObject
          : Array.isArray(data);
  if (!validData) return "payload";
  if (id !== undefined && !Number.isInteger(id)) return "id";
  return undefined;
}

class Decoder extends Emitter<Record<string, never>, Record<string, never>, { decoded: (packet: unknown) => void }> {
  add(chunk: unknown): void {
    if (!(chunk instanceof ArrayBuffer) && !ArrayBuffer.isView(chunk)) fail("msgpack-text-frame");
    const packet = decodeMsgpack(chunk);
    const refusal = packetProblem(packet);
    if (refusal) fail("msgpack-packet-refused", { refusal });
    this.emitReserved("decoded", packet);
  }

  destroy(): void {}
}

/** The parser module for a Manager's `parser` option. */
export const inspectorMsgpackParser = {
  protocol: msgpackParser.protocol,
  Encoder: msgpackParser.Encoder,
  Decoder,
} as unknown as ParserModule;
