import { createReadStream, statSync } from "node:fs";
import { createInterface } from "node:readline";
import { SessionLineReader } from "../core/charts/session-stream.js";
import type { TimelineRecord } from "../core/feed/records.js";
import { SessionFileError } from "../core/feed/session-file.js";
import { UsageError } from "./args.js";
import type { Output } from "./terminal.js";

/** Files bigger than this tell how far reading has come (a line per tenth, on standard error), as `har` does. */
const PROGRESS_FROM_BYTES = 20 * 1024 * 1024;

/**
 * Reads a session file line by line and hands each record on, never holding more than the line being read: a
 * session of a million records (hundreds of MB) costs what its consumer keeps. A missing, unreadable or malformed
 * file is a UsageError naming the file (and the line), for exit code 2.
 * @returns how many records were read
 */
export async function streamSessionFile(
  file: string,
  onRecord: (record: TimelineRecord) => void,
  o: Output,
): Promise<number> {
  const stat = statSync(file, { throwIfNoEntry: false });
  if (stat === undefined) throw new UsageError(`no file ${file}`);
  if (!stat.isFile()) throw new UsageError(`${file} is not a file`);
  const reader = new SessionLineReader(file);
  const stream = createReadStream(file, { encoding: "utf8", highWaterMark: 1 << 20 });
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  let told = 0;
  try {
    for await (const line of lines) {
      const record = reader.read(line);
      if (record) onRecord(record);
      if (stat.size >= PROGRESS_FROM_BYTES && (reader.lines & 0x3fff) === 0) {
        const tenth = Math.floor((stream.bytesRead / stat.size) * 10);
        if (tenth > told && tenth < 10) {
          told = tenth;
          o.err(`reading ${file}: ${tenth * 10}%`, "muted");
        }
      }
    }
    reader.end();
  } catch (err) {
    if (err instanceof SessionFileError) throw new UsageError(err.message);
    const code = (err as NodeJS.ErrnoException).code;
    if (code) throw new UsageError(`cannot read ${file} (${code})`);
    throw err;
  } finally {
    lines.close();
    stream.destroy();
  }
  return reader.records;
}
