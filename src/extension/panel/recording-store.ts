import { defineStore } from "pinia";
import { ref, shallowRef } from "vue";
import { CdpNetworkCapture } from "../../core/capture/cdp-network.js";
import { LiveCapture } from "../../core/capture/live-capture.js";
import { StreamSource } from "../../core/capture/stream-source.js";
import { TimeOrder } from "../../core/capture/time-order.js";
import type { TimelineRecord } from "../../core/feed/records.js";
import { recordBytes } from "../../core/shared/size.js";
import { useFeedStore } from "../../ui/feed/store.js";
import { whileAlive } from "../../ui/shared/scope.js";
import { useTimelineStore } from "../../ui/timeline/store.js";
import { chromeApi, type Port } from "../chrome-api.js";
import { isWorkerMessage, PORT_NAME, type RecordedTab, type WorkerMessage } from "../protocol.js";
import { InspectorError, problem, words, type Problem } from "../../core/shared/errors.js";

/** Body reads waiting for the worker's answer at most (each is one polling request of the page). */
const MAX_PENDING = 1000;

export type RecordingState = "idle" | "starting" | "recording" | "stopped";

/**
 * The panel's recording of one tab: a port to the background worker (which attaches the debugger while a panel of
 * the tab is open), the tab's network events read by the same code as `watch` (CdpNetworkCapture into a
 * LiveCapture), and its records a source of the page's one feed, so that the inspector's own timeline shows them.
 * Live objects (the port, the capture) stay in this closure, never in reactive state.
 */
export const useRecordingStore = defineStore("recording", () => {
  const feed = useFeedStore();
  const timeline = useTimelineStore();
  const state = ref<RecordingState>("idle");
  const tab = shallowRef<RecordedTab | undefined>();
  /** Why the recording stopped. */
  const reason = ref<Problem>();
  /** The Socket.IO connections seen so far. */
  const connections = ref(0);

  const source = new StreamSource("inspected page");
  whileAlive(feed.add(source));
  let flushQueued = false;
  // Rows in the order of the browser's times, not of its telling (see TimeOrder).
  const order = new TimeOrder<TimelineRecord>(
    (record) => {
      source.push(record);
      connections.value = capture.connectionCount;
      // A hidden panel (another DevTools tab, a background tab) gets no animation frames, and the feed would hold
      // every record until it is seen: it hands them to the timeline (bounded by Max MB) at once instead.
      if (document.hidden && !flushQueued) {
        flushQueued = true;
        queueMicrotask(() => {
          flushQueued = false;
          timeline.flush();
        });
      }
    },
    { sizeOf: recordBytes },
  );
  const capture = new LiveCapture((record) => order.push(record));

  let port: Port | undefined;
  let tabId: number | undefined;
  let network: CdpNetworkCapture | undefined;
  let nextId = 0;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  function send(method: string, params: Record<string, unknown>): Promise<unknown> {
    if (!port) return Promise.reject(new InspectorError(problem("not-recording")));
    if (pending.size >= MAX_PENDING) return Promise.reject(new InspectorError(problem("too-many-reads")));
    const id = ++nextId;
    port.postMessage({ type: "command", id, method, params });
    return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
  }

  /** A row of the recording's own: its words, and its code and params for logic. */
  function note(what: Problem, topic: "page" | "undecoded" = "page"): void {
    capture.note({ kind: "note", t: Date.now(), topic, text: words(what), code: what.code, params: what.params });
  }

  function onMessage(message: WorkerMessage): void {
    switch (message.type) {
      case "recording":
        state.value = "recording";
        tab.value = message.tab;
        network?.knownPage("", message.tab.url);
        note(problem("recording-started", { url: message.tab.url }));
        return;
      case "event":
        network?.event(message.method, message.params);
        return;
      case "result": {
        const waiting = pending.get(message.id);
        pending.delete(message.id);
        if (message.error === undefined) waiting?.resolve(message.result);
        else waiting?.reject(new Error(message.error));
        return;
      }
      case "dropped":
        note(problem("event-dropped", { method: message.method, why: message.why }), "undecoded");
        return;
      case "stopped":
        end(message.problem);
    }
  }

  /** Ends this recording (the rows stay); `why` says so in the panel and in a row. */
  function end(why: Problem): void {
    const wasRecording = state.value === "recording";
    const old = port;
    port = undefined;
    network = undefined;
    for (const waiting of pending.values()) waiting.reject(new InspectorError(why));
    pending.clear();
    old?.disconnect();
    state.value = "stopped";
    reason.value = why;
    if (wasRecording) note(problem("recording-stopped", { cause: why }));
  }

  /** Records a tab: the debugger attaches (through the background worker) until stop() or this page goes. */
  function start(id: number): void {
    if (port) return;
    tabId = id;
    state.value = "starting";
    reason.value = undefined;
    const mine = chromeApi().runtime.connect({ name: PORT_NAME });
    port = mine;
    network = new CdpNetworkCapture(capture, (method, params) => send(method, params));
    mine.onMessage.addListener((message) => {
      if (port === mine && isWorkerMessage(message)) onMessage(message);
    });
    mine.onDisconnect.addListener(() => {
      if (port === mine) end(problem("worker-gone"));
    });
    mine.postMessage({ type: "record", tabId: id });
  }

  function stop(): void {
    if (port) end(problem("stopped-by-you"));
  }

  /** Records the same tab again after a stop: the new rows follow the old ones. */
  function again(): void {
    if (tabId !== undefined) start(tabId);
  }

  whileAlive(() => port?.disconnect());

  return { state, tab, reason, connections, start, stop, again };
});
