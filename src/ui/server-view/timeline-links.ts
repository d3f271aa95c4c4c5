// From the Server view to the timeline: the rows about a socket, or a room's comings and goings, by the timeline's
// own filter (what the user can read, change and clear in its toolbar).
import { EMPTY_FILTER } from "../timeline/timeline";
import { useTimelineStore } from "../timeline/store";
import { useLayoutStore } from "../shell/store";

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function filterTimeline(text: string, regex: boolean): void {
  const timeline = useTimelineStore();
  Object.assign(timeline.filter, {
    ...EMPTY_FILTER,
    namespaces: [],
    categories: [],
    directions: [],
    clients: [],
    text,
    regex,
  });
  // On a phone the Server view takes the timeline's place: the rows show once it is closed.
  if (useLayoutStore().mode === "phone") useLayoutStore().serverOpen = false;
}

/** The server's rows about one socket: its connect, rooms, events and disconnect (each names its id). */
export function showInTimeline(sid: string): void {
  filterTimeline(sid, false);
}

/** Who joined and left a room, in the timeline: the server's rows about it (their text ends with its namespace). */
export function showRoomHistory(room: string, nsp: string): void {
  filterTimeline(`(joined|left) room ${escape(room)} on ${escape(nsp)}$`, true);
}
