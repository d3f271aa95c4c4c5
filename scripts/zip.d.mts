export function crc32(bytes: Uint8Array): number;
export function zip(entries: Array<{ name: string; data: Buffer }>): Buffer;
