/**
 * Values made afresh at each use, named as Postman names them: `{{$timestamp}}` (Unix seconds), `{{$isoTimestamp}}`,
 * `{{$guid}}` and `{{$randomUUID}}` (a version 4 UUID), `{{$randomInt}}` (0 to 1000). Each reference is a new value:
 * two emits, two timestamps and two UUIDs.
 */

/** A version 4 UUID from the platform's random bytes (getRandomValues works on pages that are not secure contexts). */
function uuid(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] as number) & 0x0f) | 0x40;
  b[8] = ((b[8] as number) & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const DYNAMIC_VALUES: Readonly<Record<string, () => string>> = {
  $timestamp: () => String(Math.floor(Date.now() / 1000)),
  $isoTimestamp: () => new Date().toISOString(),
  $guid: uuid,
  $randomUUID: uuid,
  $randomInt: () => String(crypto.getRandomValues(new Uint32Array(1))[0]! % 1001),
};

/** Whether a name is a dynamic value's. */
export const isDynamic = (name: string): boolean => Object.hasOwn(DYNAMIC_VALUES, name);
