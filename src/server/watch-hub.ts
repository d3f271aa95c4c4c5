// What `watch` captured, for the inspector page the local server serves: every record kept (within a byte budget,
// the oldest let go) so that a page opened later sees what came before, and each new one sent to the pages that
// listen (server-sent events, one record per event, in the session file's own form).
import type { ServerResponse } from "node:http";
import type { TimelineRecord } from "../core/feed/records.js";
import { toTaggedJson } from "../core/feed/session-file.js";
import { BoundedList } from "../core/shared/bounded-list.js";
import { MB, recordBytes } from "../core/shared/size.js";

export class WatchHub {
  private readonly kept = new BoundedList<TimelineRecord>(Number.POSITIVE_INFINITY, 64 * MB, recordBytes);
  private readonly pages = new Set<ServerResponse>();

  push(record: TimelineRecord): void {
    this.kept.push(record);
    const line = eventOf(record);
    for (const page of this.pages) page.write(line);
  }

  /** A page listens: what came so far, then each record as it comes, until it goes. */
  listen(res: ServerResponse): void {
    res.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store",
      connection: "keep-alive",
    });
    for (const record of this.kept.items) res.write(eventOf(record));
    this.pages.add(res);
    res.on("close", () => this.pages.delete(res));
  }

  close(): void {
    for (const page of this.pages) page.end();
    this.pages.clear();
  }
}

/** A record as one server-sent event: its tagged JSON holds no line break (JSON escapes them). */
const eventOf = (record: TimelineRecord) => `data: ${toTaggedJson(record)}\n\n`;
