import { RecordedNumbering } from "../feed/feed.js";
import type { TimelineRecord } from "../feed/records.js";
import { checkHeader, readRecordLine, SessionFileError } from "./session-file.js";
import { problem } from "../shared/errors.js";

/**
 * A session file read one line at a time, for files too big to hold (a million records, hundreds of MB): feed it
 * each line as it is read, and it gives each record, checked as `decodeSession` checks a whole file's (the header's
 * format and version, each record's shape), with the same messages naming the line, and numbered and paired as
 * `decodeSession` gives them.
 * The header and line checks are session-file.ts's own.
 */
export class SessionLineReader {
  /** Lines read, the header included. */
  lines = 0;
  records = 0;
  private readonly numbering = new RecordedNumbering();

  constructor(private readonly name = "The file") {}

  /** The record on the next line, or undefined for the header and blank lines. @throws SessionFileError */
  read(line: string): TimelineRecord | undefined {
    const n = ++this.lines;
    if (line.endsWith("\r")) line = line.slice(0, -1);
    if (n === 1) {
      checkHeader(line, this.name);
      return undefined;
    }
    if (line.trim() === "") return undefined;
    const record = readRecordLine(line, n, this.name);
    this.records++;
    return this.numbering.take(record);
  }

  /** After the last line: an empty file has no header. @throws SessionFileError */
  end(): void {
    if (this.lines === 0) throw new SessionFileError(problem("session-empty", { name: this.name }));
  }
}
