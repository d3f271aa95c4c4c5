// What the panel (in DevTools, or its tab form) and the background worker say to each other over a runtime port.
// The worker owns the debugger's attachment to a tab: it attaches when the first panel of that tab connects and
// detaches when the last one goes (a port closes with its page, whatever way the page ends), and forwards the
// tab's network events to every panel of it.

import type { Problem } from "../core/shared/errors.js";

export const PORT_NAME = "socketio-inspector:record";

/** From a panel. */
export type PanelMessage =
  /** Record this tab (the first message of a port). */
  | { type: "record"; tabId: number }
  /** A CDP command the capture needs (a body to read): only those cdp-methods.ts lists are sent on. */
  | { type: "command"; id: number; method: string; params: Record<string, unknown> };

/** The tab being recorded, as the browser names it. */
export interface RecordedTab {
  id: number;
  title: string;
  url: string;
}

/** From the worker. */
export type WorkerMessage =
  | { type: "recording"; tab: RecordedTab }
  | { type: "event"; method: string; params: Record<string, unknown> }
  | { type: "result"; id: number; result?: unknown; error?: string }
  /** An event that could not be passed on (over the message size limit): the panel says so in a row. */
  | { type: "dropped"; method: string; why: string }
  /** Why the recording stopped: its problem (the extension family of the error table). */
  | { type: "stopped"; problem: Problem };

/** Whether a value is a message of the worker's (the port carries only ours; checked all the same). */
export function isWorkerMessage(value: unknown): value is WorkerMessage {
  const type = (value as { type?: unknown } | null)?.type;
  return type === "recording" || type === "event" || type === "result" || type === "dropped" || type === "stopped";
}
