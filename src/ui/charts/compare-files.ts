import { SessionDigest } from "../../core/charts/session-digest.js";
import type { TimelineRecord } from "../../core/feed/records.js";
import { sliceClock } from "../../core/shared/slices.js";

/**
 * One side of a comparison read into its digest: a session file (checked and decoded in slices by session-file.ts,
 * loaded when first needed), or records the page already holds (the live rows). Either way the digest is fed in
 * slices too, so that a large session never holds the page for long.
 */
const CHUNK = 2000;

export async function digestOfRecords(
  name: string,
  records: readonly TimelineRecord[],
  onProgress?: (share: number) => void,
): Promise<SessionDigest> {
  const digest = new SessionDigest(name);
  const clock = sliceClock();
  for (let at = 0; at < records.length; at += CHUNK) {
    const end = Math.min(records.length, at + CHUNK);
    for (let i = at; i < end; i++) digest.add(records[i] as TimelineRecord);
    if (clock.due()) {
      onProgress?.(end / records.length);
      await clock.next();
    }
  }
  return digest;
}

/** A session file's digest: half the progress reading it, half digesting it. @throws Error naming what is wrong */
export async function digestOfFile(file: File, onProgress?: (share: number) => void): Promise<SessionDigest> {
  const { decodeSessionInSlices, MAX_SESSION_BYTES, SessionFileError, tooLarge } =
    await import("../../core/files/session-file.js");
  if (file.size > MAX_SESSION_BYTES) throw new SessionFileError(tooLarge(file.name));
  const records = await decodeSessionInSlices(await file.text(), file.name, {
    onProgress: (share) => onProgress?.(share / 2),
  });
  return digestOfRecords(file.name, records, (share) => onProgress?.(0.5 + share / 2));
}
