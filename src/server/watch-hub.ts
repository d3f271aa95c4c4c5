// What `watch` captured, for the inspector page the local server serves: the records kept within a byte budget (the
// oldest let go, and counted) so that a page opened later sees what came before, told first how many were let go;
// and each new one sent to the pages that listen (server-sent events, one record per event, in the session file's
// own form).
import type { ServerResponse } from "node:http";
import type { TimelineRecord } from "../core/feed/records.js";
import { toTaggedJson } from "../core/files/session-file.js";
import { BoundedList } from "../core/shared/bounded-list.js";
import { MB, recordBytes } from "../core/shared/size.js";

/** What a page opened later is given of what came before, at most. */
export const WATCH_REPLAY_BYTES = 64 * MB;

/** How far a page may fall behind (bytes written to it that it has not read yet): past it, its stream ends. */
export const PAGE_BACKLOG_BYTES = 64 * MB;

/** The server-sent event that tells a page how many of the oldest records it will not get (`dropped`, then `mb`). */
export const DROPPED_EVENT = "dropped";
/** The last event to a page that fell too far behind: it stops listening (listening again would repeat rows). */
export const BEHIND_EVENT = "behind";

export class WatchHub {
  private readonly kept: BoundedList<TimelineRecord>;
  private readonly pages = new Set<ServerResponse>();

  /** `maxBytes`: what is kept for a page opened later; `backlogBytes`: how far a page may fall behind. */
  constructor(
    maxBytes = WATCH_REPLAY_BYTES,
    private readonly backlogBytes = PAGE_BACKLOG_BYTES,
  ) {
    this.kept = new BoundedList<TimelineRecord>(Number.POSITIVE_INFINITY, maxBytes, recordBytes);
  }

  push(record: TimelineRecord): void {
    this.kept.push(record);
    if (this.pages.size === 0) return; // no page listens: no event to make (a 1 MB record makes 1 MB of text)
    const line = eventOf(record);
    for (const page of this.pages) {
      if (page.writableLength <= this.backlogBytes) page.write(line);
      else {
        // A page that does not read (frozen, or slower than the watched traffic) would make this server hold all.
        this.pages.delete(page);
        page.end(`event: ${BEHIND_EVENT}\ndata: {}\n\n`);
      }
    }
  }

  /** How many records are kept for a page opened later, how many of the oldest were let go; pages listening. */
  get sizes(): { kept: number; bytes: number; dropped: number; pages: number } {
    return { kept: this.kept.items.length, bytes: this.kept.bytes, dropped: this.kept.dropped, pages: this.pages.size };
  }

  /** A page listens: how many were let go (if any), what is kept, then each record as it comes, until it goes. */
  listen(res: ServerResponse): void {
    res.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store",
      connection: "keep-alive",
    });
    if (this.kept.dropped)
      res.write(
        `event: ${DROPPED_EVENT}\ndata: ${JSON.stringify({ dropped: this.kept.dropped, mb: Math.round(this.kept.maxBytes / MB) })}\n\n`,
      );
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
