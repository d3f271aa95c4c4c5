import { fail } from "./errors.js";

/** Binary values as the client hands them over: ArrayBuffer, typed arrays and DataView, Blob, Node's Buffer. */
export function isBinary(value: unknown): value is ArrayBuffer | ArrayBufferView | Blob {
  return (
    value instanceof ArrayBuffer || ArrayBuffer.isView(value) || (typeof Blob !== "undefined" && value instanceof Blob)
  );
}

/** The bytes of an ArrayBuffer or view (a Blob's bytes are not readable synchronously: undefined). */
export function bytesOf(value: unknown): Uint8Array | undefined {
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  return undefined;
}

export function byteLength(value: ArrayBuffer | ArrayBufferView | Blob): number {
  return value instanceof Blob ? value.size : value.byteLength;
}

/** Formats a size for people: 512 B, 1.5 KB, 10.0 MB. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Hex of the first `limit` bytes, two digits a byte, space-separated. */
export function toHex(bytes: Uint8Array, limit = bytes.length): string {
  const n = Math.min(limit, bytes.length);
  const parts = new Array<string>(n);
  for (let i = 0; i < n; i++) parts[i] = (bytes[i] as number).toString(16).padStart(2, "0");
  return parts.join(" ");
}

/**
 * Parses hex typed by a person: pairs of hex digits, with optional spaces, colons, dashes or a 0x prefix.
 * @throws InspectorError that says what is wrong and where (hex-not-hex, hex-odd-digits).
 */
export function parseHex(text: string): Uint8Array {
  const cleaned = text.replace(/^0x/i, "").replace(/[\s:,-]/g, "");
  const bad = cleaned.search(/[^0-9a-f]/i);
  if (bad !== -1) fail("hex-not-hex", { character: cleaned[bad] as string, digit: bad + 1 });
  if (cleaned.length % 2) fail("hex-odd-digits", { digits: cleaned.length });
  const out = new Uint8Array(cleaned.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(cleaned.slice(i * 2, i * 2 + 2), 16);
  return out;
}
