import { defineStore } from "pinia";
import { ref, shallowRef, watch } from "vue";
import type { TimelineRecord } from "../feed/records.js";
import { EventNameSuggestions } from "../composer/event-names.js";
import { parseArgs, parseJson, type ArgDraft } from "../composer/typed-args.js";
import {
  cloneConfig,
  defaultConfig,
  normalizeNamespace,
  parseAuth,
  type ConnectionConfig,
  type NamespaceConfig,
} from "./config.js";
import { LiveSession, loadV2, type EmitOptions, type ManagerStatus, type SocketStatus } from "../feed/live-session.js";
import { useTimelineStore } from "../timeline/store.js";

/** The server the inspector opens with: the embedded demo server under `npm run dev`. */
export const INITIAL_URL: string = import.meta.env.VITE_DEMO_URL ?? "http://127.0.0.1:3001";

/**
 * The form at start: the demo server, or what the page's query names (`?url=...&path=...`, as the same-origin
 * proxy opens it). A query only fills the form; nothing connects before the user asks.
 */
function initialConfig(): ConnectionConfig {
  const params = typeof location !== "undefined" ? new URLSearchParams(location.search) : new URLSearchParams();
  const config = defaultConfig(params.get("url") ?? INITIAL_URL);
  const path = params.get("path");
  if (path) config.path = path;
  if (params.has("url")) config.namespaces = [{ nsp: "/", auth: "" }];
  return config;
}

/** Whether two URLs name the same origin (false when either is not a URL). */
function sameOrigin(a: string | undefined, b: string): boolean {
  try {
    return !!a && new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}

/** What became of an emit: `error` when nothing was sent, `warning` for what the user should know; "" for none. */
export interface EmitResult {
  error: string;
  warning: string;
}

const IDLE: ManagerStatus = {
  state: "idle",
  transport: "",
  engineId: "",
  upgrade: "",
  maxPayload: 0,
  protocol: "auto",
};

/**
 * The connection: the form (plain data), the status snapshots, and the actions. The live session
 * (Manager, sockets) is held in this closure, never in reactive state.
 */
export const useConnectionStore = defineStore("connection", () => {
  const config = ref<ConnectionConfig>(initialConfig());
  const error = ref("");
  const status = shallowRef<ManagerStatus>(IDLE);
  const sockets = shallowRef<SocketStatus[]>([]);
  /** Event names seen, for the composer's suggestions: bounded, since the server decides what it sends. */
  const seenEvents = shallowRef<string[]>([]);
  const suggestions = new EventNameSuggestions();
  let session: LiveSession | undefined;

  const timeline = useTimelineStore();
  // The status and the suggestions follow the session itself: Pause freezes the timeline's view only.
  timeline.onRecords((records) => {
    refresh();
    let added = false;
    for (const r of records) if (r.kind === "packet" && r.event !== undefined && suggestions.add(r.event)) added = true;
    if (added) seenEvents.value = suggestions.list();
  });
  function forgetEventNames(): void {
    suggestions.clear();
    seenEvents.value = [];
  }
  timeline.$onAction(({ name, after }) => {
    if (name === "clear") after(forgetEventNames);
  });

  /** Takes fresh snapshots, but replaces them only when they changed: an unchanged status re-renders nothing. */
  function refresh(): void {
    const nextStatus = session ? session.status() : IDLE;
    if (JSON.stringify(nextStatus) !== JSON.stringify(status.value)) status.value = nextStatus;
    const nextSockets = session ? session.socketStatus() : [];
    if (JSON.stringify(nextSockets) !== JSON.stringify(sockets.value)) sockets.value = nextSockets;
  }

  /** Runs an action; a thrown error becomes the message the form shows, and nothing else changes. */
  function attempt(action: () => void): boolean {
    // Cleared first: the action may report a partial failure of its own (a namespace that could not open).
    error.value = "";
    try {
      action();
      return true;
    } catch (err) {
      error.value = (err as Error).message;
      return false;
    } finally {
      refresh();
    }
  }

  function connect(): boolean {
    return attempt(() => {
      timeline.goLive();
      forgetEventNames();
      const next = new LiveSession(cloneConfig(config.value), {
        onRecord: (r: TimelineRecord) => timeline.ingest(r),
        onError: (message) => (error.value = message),
      });
      // Started before the old one goes: a bad option throws here, and the live session stays as it was.
      next.start(cloneConfig(config.value).namespaces);
      session?.dispose();
      session = next;
    });
  }

  function disconnect(): void {
    attempt(() => session?.closeAll());
  }

  function dropTransport(): void {
    attempt(() => session?.dropTransport());
  }

  function addNamespace(name: string, auth: string): boolean {
    return attempt(() => {
      const nsp = normalizeNamespace(name);
      if (nsp === "/" && name.trim() === "") throw new Error("Give the namespace a name, for example /admin");
      if (config.value.namespaces.some((n) => n.nsp === nsp))
        throw new Error(`Namespace ${nsp} is already in the list`);
      const ns = { nsp, auth };
      parseAuth(ns); // refuses an auth that is not a JSON object, naming the namespace

      if (session && status.value.state !== "closed") session.open(ns);
      config.value.namespaces.push(ns);
    });
  }

  function removeNamespace(nsp: string): void {
    attempt(() => {
      session?.close(nsp);
      config.value.namespaces = config.value.namespaces.filter((n) => n.nsp !== nsp);
    });
  }

  function openNamespace(nsp: string): void {
    attempt(() => {
      const ns = config.value.namespaces.find((n) => n.nsp === nsp);
      if (!ns) throw new Error(`Unknown namespace ${nsp}`);
      if (!session) throw new Error("Connect first");
      session.open(ns);
    });
  }

  /** Changes the auth of a namespace; it is sent on its next (re)connection. */
  function setNamespaceAuth(nsp: string, auth: string): void {
    const ns = config.value.namespaces.find((n) => n.nsp === nsp);
    if (ns) ns.auth = auth;
  }

  /** Changes the query of a namespace (what a v2 server reads); it is sent on its next connection. */
  function setNamespaceQuery(nsp: string, query: string): void {
    const ns = config.value.namespaces.find((n) => n.nsp === nsp);
    if (ns) ns.query = query;
  }

  /**
   * First run: the form starts with the demo server's namespaces. Pointed at another server, they would be opened
   * there by accident: the list starts from "/" alone, and the user may keep the demo's instead.
   */
  const leftOut = shallowRef<NamespaceConfig[] | null>(null);
  /** Sets the Server URL as the user types it (a preset sets the whole form instead, namespaces included). */
  function setUrl(url: string): void {
    const previous = config.value.url;
    config.value.url = url;
    if (!sameOrigin(previous, INITIAL_URL) || sameOrigin(url, INITIAL_URL)) return;
    const demo = defaultConfig(INITIAL_URL).namespaces;
    const untouched =
      config.value.namespaces.length === demo.length &&
      config.value.namespaces.every((n, i) => n.nsp === demo[i]?.nsp && !n.auth && !n.query);
    if (!untouched) return;
    leftOut.value = config.value.namespaces.filter((n) => n.nsp !== "/");
    config.value.namespaces = [{ nsp: "/", auth: "" }];
  }
  /** Puts back the demo's namespaces that were left out for another server. */
  function keepDemoNamespaces(): void {
    const extra = leftOut.value ?? [];
    config.value.namespaces = [
      ...config.value.namespaces,
      ...extra.filter((n) => !config.value.namespaces.some((m) => m.nsp === n.nsp)),
    ];
    leftOut.value = null;
  }

  // Chosen by hand, the v2 mode is fetched at once, so that Connect does not wait for it.
  watch(
    () => config.value.serverVersion,
    (version) => {
      if (version === "v2") loadV2().catch(() => undefined);
    },
    { immediate: true },
  );

  function closeNamespace(nsp: string): void {
    attempt(() => session?.close(nsp));
  }

  /**
   * Parses and sends an emit. On any error nothing is sent and the error says what is wrong; a warning says what the
   * user should know about what was sent (buffered, or over the usual size limit).
   */
  function emit(nsp: string, event: string, args: readonly ArgDraft[], options: EmitOptions): EmitResult {
    if (!event.trim()) return { error: "Give the event a name", warning: "" };
    const parsed = parseArgs(args);
    if (!parsed.ok) return { error: parsed.error, warning: "" };
    if (!session) return { error: "Connect first", warning: "" };
    try {
      return { error: "", warning: session.emit(nsp, event, parsed.values, options) };
    } catch (err) {
      return { error: (err as Error).message, warning: "" };
    }
  }

  const canAnswer = (pair: number): boolean => !!session?.canAnswer(pair);

  /** Answers a server emit that asked for an ack; `argsJson` is a JSON array of the ack's arguments. */
  function answer(pair: number, argsJson: string): string {
    const parsed = parseJson(argsJson);
    if (!parsed.ok) return `Ack arguments: ${parsed.error}`;
    if (!Array.isArray(parsed.value)) return 'Ack arguments: must be a JSON array, for example ["ok"]';
    try {
      session?.answer(pair, parsed.value);
      return "";
    } catch (err) {
      return (err as Error).message;
    }
  }

  return {
    leftOut,
    keepDemoNamespaces,
    setUrl,
    config,
    error,
    status,
    sockets,
    seenEvents,
    connect,
    disconnect,
    dropTransport,
    addNamespace,
    removeNamespace,
    openNamespace,
    closeNamespace,
    setNamespaceAuth,
    setNamespaceQuery,
    emit,
    canAnswer,
    answer,
  };
});
