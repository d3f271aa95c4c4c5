import { defineStore } from "pinia";
import { ref } from "vue";
import { StreamSource } from "../../core/capture/stream-source.js";
import { problemOf, type Problem } from "../../core/shared/errors.js";
import { useFeedStore } from "../feed/store.js";
import { whileAlive } from "../shared/scope.js";

/**
 * The traffic of a page `socketio-inspector watch` is watching, when this page came from that command's local
 * server: its records come as server-sent events (the session file's form, each checked as a file's record is)
 * and join the live timeline, each connection a client of its own. Elsewhere there is nothing to watch.
 */
export const useWatchStore = defineStore("watch", () => {
  const feed = useFeedStore();
  /** What the page shows of it: "" when nothing is watched. */
  const status = ref("");
  /** A record of the stream that could not be read (the rest still comes). */
  const problem = ref<Problem>();
  /** What the local server let go of before this page came (it keeps the newest within a budget): "" if nothing. */
  const left = ref("");

  async function start(): Promise<void> {
    if (typeof location === "undefined" || !location.protocol.startsWith("http")) return;
    const answer = await fetch("/_watch/", { credentials: "same-origin", cache: "no-store" }).catch(() => undefined);
    if (!answer?.ok || !(answer.headers.get("content-type") ?? "").startsWith("application/json")) return;
    // {"watch": 1} while a watch runs, {"watch": 0} when the local server runs without one.
    const told: unknown = await answer.json().catch(() => undefined);
    if (typeof told !== "object" || told === null || (told as { watch?: unknown }).watch !== 1) return;
    // The session file's reader, loaded only when there is a watch to read (the first screen does not need it).
    const { decodeRecordLine } = await import("../../core/files/session-file.js");
    const source = new StreamSource("watched page");
    whileAlive(feed.add(source));
    const connections = new Set<string>();
    const events = new EventSource("/_watch/events");
    whileAlive(() => events.close());
    status.value = "Watching a page: its traffic comes as it happens";
    events.onmessage = (message: MessageEvent<string>) => {
      try {
        const record = decodeRecordLine(message.data, "The watched page's stream");
        source.push(record);
        if (record.client !== undefined && !connections.has(record.client)) {
          connections.add(record.client);
          status.value = `Watching a page: ${connections.size} Socket.IO connection${connections.size === 1 ? "" : "s"} so far`;
        }
      } catch (err) {
        problem.value = problemOf(err);
      }
    };
    events.addEventListener("dropped", (message: MessageEvent<string>) => {
      const told = readDropped(message.data);
      if (told) left.value = `the oldest ${told.dropped} records were left out to stay within ${told.mb} MB`;
    });
    events.addEventListener("behind", () => {
      events.close();
      status.value = "The watch went faster than this page could read it: reload the page for the newest records";
    });
    events.onerror = () => {
      if (events.readyState === EventSource.CLOSED) status.value = "The watch ended: its rows stay";
    };
  }
  void start();

  return { status, problem, left };
});

/** The local server's count of records let go, checked (it is our own server's, but read as any input is). */
function readDropped(data: string): { dropped: number; mb: number } | undefined {
  try {
    const { dropped, mb } = JSON.parse(data) as { dropped?: unknown; mb?: unknown };
    return Number.isSafeInteger(dropped) && Number.isSafeInteger(mb)
      ? { dropped: dropped as number, mb: mb as number }
      : undefined;
  } catch {
    return undefined;
  }
}
