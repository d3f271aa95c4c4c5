/**
 * Engine.IO protocol 3 framing, as Socket.IO v2 servers (and v3/v4 servers with `allowEIO3`) speak it.
 * It differs from protocol 4 in three places only, so the rest is left to engine.io-parser:
 * - a polling payload is a run of `<length>:<packet>` (length in UTF-16 code units), not packets joined by "\x1e";
 * - binary sent as text is `b<type><base64>`, not `b<base64>`;
 * - a binary WebSocket frame starts with the packet type byte (4 for a message).
 */
import { decodePacket, encodePacket, type BinaryType, type Packet, type RawData } from "engine.io-parser";

/** What engine.io-parser returns for anything it cannot read; the engine turns it into a "parser error". */
const PARSER_ERROR: Packet = { type: "error", data: "parser error" };
const MESSAGE = "4";

/** Decodes one EIO3 text packet. */
export function decodeText3(text: string, binaryType: BinaryType): Packet {
  if (text.charAt(0) !== "b") return decodePacket(text, binaryType);
  // Only messages carry binary; engine.io-parser reads the base64 once the type digit is gone.
  return text.charAt(1) === MESSAGE ? decodePacket(`b${text.slice(2)}`, binaryType) : PARSER_ERROR;
}

/** Decodes an EIO3 binary WebSocket frame: the type byte, then the data. */
export function decodeFrame3(data: ArrayBuffer | ArrayBufferView, binaryType: BinaryType): Packet {
  const view =
    data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (view[0] !== 4) return PARSER_ERROR;
  // A Node Buffer is a view: subarray keeps its kind, so the decoder gets a Buffer as the v2 client in Node does.
  const rest = data instanceof ArrayBuffer ? data.slice(1) : (data as Uint8Array).subarray(1);
  return decodePacket(rest as RawData, binaryType);
}

/** Encodes one packet for a WebSocket: text as `<type><data>`, binary behind its type byte. */
export function encodeFrame3(packet: Packet, callback: (frame: RawData) => void): void {
  encodePacket(packet, true, (encoded) => {
    if (typeof encoded === "string") return callback(encoded);
    if (typeof Blob !== "undefined" && encoded instanceof Blob)
      return callback(new Blob([new Uint8Array([4]), encoded]));
    const bytes =
      encoded instanceof ArrayBuffer
        ? new Uint8Array(encoded)
        : new Uint8Array(
            (encoded as ArrayBufferView).buffer,
            (encoded as ArrayBufferView).byteOffset,
            (encoded as ArrayBufferView).byteLength,
          );
    const frame = new Uint8Array(bytes.length + 1);
    frame[0] = 4;
    frame.set(bytes, 1);
    callback(frame);
  });
}

/** Encodes packets as one polling payload (binary as base64 text, which every EIO3 server reads). */
export function encodePayload3(packets: Packet[], callback: (payload: string) => void): void {
  const parts = new Array<string>(packets.length);
  let left = packets.length;
  if (!left) return callback("");
  packets.forEach((packet, i) => {
    // Binary may be a Blob, encoded asynchronously: the payload is written once every part is ready.
    encodePacket(packet, false, (encoded) => {
      const text =
        (encoded as string).charAt(0) === "b" ? `b${MESSAGE}${(encoded as string).slice(1)}` : (encoded as string);
      parts[i] = `${text.length}:${text}`;
      if (--left === 0) callback(parts.join(""));
    });
  });
}

/**
 * Decodes a polling payload. A malformed payload yields a single parser error, which closes the engine
 * as it does for a malformed EIO4 payload.
 */
export function decodePayload3(payload: string, binaryType: BinaryType): Packet[] {
  const packets: Packet[] = [];
  let i = 0;
  while (i < payload.length) {
    const colon = payload.indexOf(":", i);
    const digits = payload.slice(i, colon);
    const length = Number(digits);
    if (colon === -1 || digits === "" || !/^\d+$/.test(digits) || colon + 1 + length > payload.length)
      return [PARSER_ERROR];
    const text = payload.substr(colon + 1, length);
    if (text.length) {
      const packet = decodeText3(text, binaryType);
      if (packet.type === "error") return [PARSER_ERROR];
      packets.push(packet);
    }
    i = colon + 1 + length;
  }
  return packets;
}
