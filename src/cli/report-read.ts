import { closeSync, createReadStream, openSync, readSync, statSync } from "node:fs";
import { HarError, isHarText } from "../core/capture/har.js";
import { openRecordFile } from "../core/files/open-records.js";
import { createInterface } from "node:readline";
import { SessionLineReader } from "../core/files/session-stream.js";
import type { TimelineRecord } from "../core/feed/records.js";
import { SessionFileError } from "../core/files/session-file.js";
import { usage, usageError } from "./args.js";
import type { Output } from "./terminal.js";

/** Files bigger than this tell how far reading has come (a line per tenth, on standard error), as `har` does. */
const PROGRESS_FROM_BYTES = 20 * 1024 * 1024;

/**
 * Reads a recorded file and hands each record on. A session file is read line by line, never holding more than the
 * line being read: a session of a million records (hundreds of MB) costs what its consumer keeps. A HAR is opened as
 * the page opens one (core/files/open-records.ts: its records in memory, within the file limit). A missing,
 * unreadable or malformed file is a UsageError naming the file (and the line), for exit code 2.
 * @returns how many records were read
 */
export async function streamRecordFile(
  file: string,
  onRecord: (record: TimelineRecord) => void,
  o: Output,
): Promise<number> {
  const stat = statSync(file, { throwIfNoEntry: false });
  if (stat === undefined) usage("file-missing", { file });
  if (!stat.isFile()) usage("not-a-file", { file });
  if (isHarText(readStart(file), file)) return openHar(file, stat.size, onRecord);
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
    if (err instanceof SessionFileError) throw usageError(err.problem);
    const code = (err as NodeJS.ErrnoException).code;
    if (code) usage("file-unreadable", { file, code });
    throw err;
  } finally {
    lines.close();
    stream.destroy();
  }
  return reader.records;
}

/** The first characters of a file, which tell a HAR from a session file. */
function readStart(file: string): string {
  const fd = openSync(file, "r");
  try {
    const buffer = Buffer.alloc(200);
    return buffer.toString("utf8", 0, readSync(fd, buffer, 0, 200, 0));
  } finally {
    closeSync(fd);
  }
}

async function openHar(file: string, size: number, onRecord: (record: TimelineRecord) => void): Promise<number> {
  try {
    const opened = await openRecordFile(createReadStream(file, { encoding: "utf8", highWaterMark: 1 << 20 }), file, {
      size,
    });
    for (const r of opened.records) onRecord(r);
    return opened.records.length;
  } catch (err) {
    if (err instanceof HarError || err instanceof SessionFileError) throw usageError(err.problem);
    throw err;
  }
}
