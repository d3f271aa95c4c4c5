// The extension's background worker: the one owner of the debugger's attachment to each recorded tab. A panel (in
// DevTools, or its tab form) connects a port and asks to record a tab; the first one attaches chrome.debugger and
// enables the network events, and every panel of that tab gets them. When a panel's page goes (DevTools closed, the
// tab form closed, a reload of the panel), its port closes and, with the last one, the debugger is detached: an
// attachment made by a page itself would outlive it. The toolbar button opens the tab chooser.
import { CDP_NETWORK_COMMANDS, CDP_NETWORK_EVENTS } from "../core/capture/cdp-methods.js";
import { chromeApi, type Port, type TargetInfo } from "./chrome-api.js";
import { PORT_NAME, type PanelMessage, type RecordedTab, type WorkerMessage } from "./protocol.js";
import { problem } from "../core/shared/errors.js";
import { isDebuggerAlreadyAttached } from "../core/shared/peer-words.js";

const chrome = chromeApi();
const debug = chrome.debugger as NonNullable<typeof chrome.debugger>;
const FORWARDED = new Set<string>(CDP_NETWORK_EVENTS);
/** What a panel may send: the body reads (the enabling commands are the worker's own). */
const PANEL_COMMANDS = new Set<string>(
  CDP_NETWORK_COMMANDS.filter((c) => c === "Network.getResponseBody" || c === "Network.getRequestPostData"),
);
/** The protocol version asked of chrome.debugger (every Chromium of the last decade speaks it). */
const PROTOCOL = "1.3";

interface Recording {
  ports: Set<Port>;
  /** Settles once attached and enabled (rejects with why not). */
  ready: Promise<void>;
}

const recordings = new Map<number, Recording>();
/** Detaches under way, by tab: an attach to the same tab waits for them. */
const leaving = new Map<number, Promise<void>>();

const post = (port: Port, message: WorkerMessage) => {
  try {
    port.postMessage(message);
  } catch (err) {
    // Over the messaging limit (64 MiB of JSON): the panel is told what was left out rather than nothing.
    if (message.type === "event")
      port.postMessage({ type: "dropped", method: message.method, why: (err as Error).message } as WorkerMessage);
  }
};

async function attach(tabId: number): Promise<void> {
  await leaving.get(tabId);
  try {
    await debug.attach({ tabId }, PROTOCOL);
  } catch (err) {
    // Left attached by a worker that was stopped and started again (this one knows nothing of it): taken over.
    if (!isDebuggerAlreadyAttached((err as Error).message)) throw err;
    await debug.detach({ tabId }).catch(() => undefined);
    await debug.attach({ tabId }, PROTOCOL);
  }
  await debug.sendCommand({ tabId }, "Network.enable", {});
  await debug.sendCommand({ tabId }, "Page.enable", {});
}

/** The tab as it is now (a panel joining a recording under way gets today's title and address, not the first's). */
async function describe(tabId: number): Promise<RecordedTab> {
  const targets: TargetInfo[] = await debug.getTargets();
  const target = targets.find((t) => t.tabId === tabId && t.type === "page");
  return { id: tabId, title: target?.title ?? "", url: target?.url ?? "" };
}

async function record(port: Port, tabId: number): Promise<void> {
  let recording = recordings.get(tabId);
  if (!recording) {
    recording = { ports: new Set(), ready: attach(tabId) };
    recordings.set(tabId, recording);
  }
  recording.ports.add(port);
  try {
    await recording.ready;
    post(port, { type: "recording", tab: await describe(tabId) });
  } catch (err) {
    if (recordings.get(tabId) === recording) recordings.delete(tabId);
    post(port, { type: "stopped", problem: problem("debugger-not-attached", { message: (err as Error).message }) });
  }
}

function leave(port: Port, tabId: number | undefined): void {
  if (tabId === undefined) return;
  const recording = recordings.get(tabId);
  if (!recording?.ports.delete(port) || recording.ports.size > 0) return;
  recordings.delete(tabId);
  const done = recording.ready
    .then(() => debug.detach({ tabId }))
    .catch(() => undefined)
    .finally(() => leaving.delete(tabId));
  leaving.set(tabId, done);
}

async function command(port: Port, tabId: number | undefined, m: Extract<PanelMessage, { type: "command" }>) {
  if (tabId === undefined || !PANEL_COMMANDS.has(m.method)) {
    post(port, { type: "result", id: m.id, error: `${m.method} is not a command this extension sends` });
    return;
  }
  try {
    post(port, { type: "result", id: m.id, result: await debug.sendCommand({ tabId }, m.method, m.params) });
  } catch (err) {
    post(port, { type: "result", id: m.id, error: (err as Error).message });
  }
}

chrome.runtime.onConnect.addListener((port) => {
  // Only this extension's own pages connect (no externally_connectable, no content scripts): checked all the same.
  if (port.name !== PORT_NAME || port.sender?.id !== chrome.runtime.id) return port.disconnect();
  let tabId: number | undefined;
  port.onMessage.addListener((message) => {
    const m = message as PanelMessage;
    if (m?.type === "record" && tabId === undefined && Number.isInteger(m.tabId)) {
      tabId = m.tabId;
      void record(port, tabId);
    } else if (m?.type === "command" && Number.isInteger(m.id)) void command(port, tabId, m);
  });
  port.onDisconnect.addListener(() => leave(port, tabId));
});

debug.onEvent.addListener((source, method, params) => {
  const recording = source.tabId === undefined ? undefined : recordings.get(source.tabId);
  if (!recording || !FORWARDED.has(method)) return;
  for (const port of recording.ports)
    post(port, { type: "event", method, params: (params ?? {}) as Record<string, unknown> });
});

debug.onDetach.addListener((source, reason) => {
  const recording = source.tabId === undefined ? undefined : recordings.get(source.tabId);
  if (!recording || source.tabId === undefined) return;
  recordings.delete(source.tabId);
  for (const port of recording.ports)
    post(port, { type: "stopped", problem: problem("debugger-detached", { reason }) });
});

// The toolbar button: the tab chooser, in a tab of its own.
chrome.action?.onClicked.addListener(() => void chrome.tabs?.create({ url: chrome.runtime.getURL("panel.html") }));
