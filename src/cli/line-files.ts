// Files of lines written and read a piece at a time: a session, or the command line's working files, may be hundreds
// of MB, and none of it is ever one string.
import { closeSync, openSync, readSync, writeSync } from "node:fs";
import { MB } from "../core/shared/size.js";

/** Appends lines to a file a megabyte at a time; knows how many bytes are written so far (where the next line goes). */
export class LineWriter {
  private readonly fd: number;
  private parts: string[] = [];
  private buffered = 0;
  /** Bytes of the lines written so far: the offset of the next one. */
  bytes = 0;
  lines = 0;

  constructor(readonly path: string) {
    this.fd = openSync(path, "w");
  }

  write(line: string): void {
    this.parts.push(line, "\n");
    const size = Buffer.byteLength(line) + 1;
    this.bytes += size;
    this.buffered += size;
    this.lines++;
    if (this.buffered > MB) this.flush();
  }

  flush(): void {
    if (this.parts.length) writeSync(this.fd, this.parts.join(""));
    this.parts = [];
    this.buffered = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

/** Writes lines to a file a megabyte at a time, never holding the whole text. */
export function writeLines(file: string, lines: Iterable<string>): void {
  const writer = new LineWriter(file);
  try {
    for (const line of lines) writer.write(line);
  } finally {
    writer.close();
  }
}

const NEWLINE = 0x0a;

/**
 * The lines of an open file between two byte offsets (a line's end included), read 64 KB at a time. A line is cut at
 * its bytes' newline and decoded whole, so a character split between two reads stays whole.
 */
export function* readLines(fd: number, start = 0, end = Number.POSITIVE_INFINITY): Generator<string> {
  const buffer = Buffer.allocUnsafe(64 * 1024);
  let position = start;
  /** The start of a line that goes on in the next read (a long line: several). */
  let carried: Buffer[] = [];
  while (position < end) {
    const n = readSync(fd, buffer, 0, Math.min(buffer.length, end - position), position);
    if (n === 0) break;
    position += n;
    let from = 0;
    for (let at = buffer.indexOf(NEWLINE, 0); at !== -1 && at < n; at = buffer.indexOf(NEWLINE, from)) {
      const piece = buffer.subarray(from, at);
      yield carried.length ? Buffer.concat([...carried, piece]).toString("utf8") : piece.toString("utf8");
      carried = [];
      from = at + 1;
    }
    if (from < n) carried.push(Buffer.from(buffer.subarray(from, n)));
  }
  if (carried.length) yield Buffer.concat(carried).toString("utf8");
}

/** Copies one file's bytes onto the end of an open file, a megabyte at a time. */
export function appendFile(into: number, from: string): void {
  const fd = openSync(from, "r");
  try {
    const buffer = Buffer.allocUnsafe(MB);
    for (let n = readSync(fd, buffer, 0, MB, null); n > 0; n = readSync(fd, buffer, 0, MB, null))
      writeSync(into, buffer, 0, n);
  } finally {
    closeSync(fd);
  }
}
