// Engine.IO's polling payloads cut into their packets, as a captured request or response holds them (a HAR, a
// watched page). Framework-free.
import { fromBase64 } from "../shared/base64.js";

/**
 * A polling request's or response's body as captured (text, or base64 of its bytes) cut into its packets: Engine.IO
 * 3's binary payloads by their own framing, the rest as text. `problem`: a body marked base64 that is not.
 */
export function pollingPackets(
  body: string,
  base64: boolean,
  eio: number,
): { packets: Array<string | Uint8Array> } | { problem: "not base64" } {
  let bytes: Uint8Array | undefined;
  try {
    bytes = base64 ? fromBase64(body) : undefined;
  } catch {
    return { problem: "not base64" };
  }
  if (bytes && eio === 3 && (bytes[0] === 0 || bytes[0] === 1)) return { packets: splitBinaryPayload(bytes) };
  return { packets: splitPayload(bytes ? new TextDecoder().decode(bytes) : body, eio) };
}

/** The packets of a polling payload: Engine.IO 4 separates them with \x1e; Engine.IO 3 prefixes each with its length. */
export function splitPayload(text: string, eio: number): string[] {
  if (eio !== 3) return text.split("\x1e").filter((p) => p !== "");
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    const colon = text.indexOf(":", i);
    const length = Number(text.slice(i, colon));
    if (colon === -1 || !Number.isInteger(length)) {
      out.push(text.slice(i)); // not a length: the rest as one packet, for the decoder to name
      break;
    }
    out.push(text.slice(colon + 1, colon + 1 + length));
    i = colon + 1 + length;
  }
  return out;
}

/** Engine.IO 3's binary polling payload: per packet a 0/1 (text/binary) byte, its length in digits, 255, the bytes. */
export function splitBinaryPayload(bytes: Uint8Array): Array<string | Uint8Array> {
  const out: Array<string | Uint8Array> = [];
  let i = 0;
  while (i < bytes.length) {
    const binary = bytes[i] === 1;
    let j = i + 1;
    let length = 0;
    while (j < bytes.length && bytes[j] !== 255) length = length * 10 + (bytes[j++] as number);
    const body = bytes.subarray(j + 1, j + 1 + length);
    out.push(binary ? body : new TextDecoder().decode(body));
    i = j + 1 + length;
  }
  return out;
}
