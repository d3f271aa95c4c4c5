import { defineStore } from "pinia";
import { computed, ref, shallowRef, watch } from "vue";
import type { OwedAckHandle } from "../../client/observe/records.js";
import { EventNameSuggestions } from "../../core/composer/event-names.js";
import { parseArgs, parseJson, type ArgDraft } from "../../core/composer/typed-args.js";
import {
  LiveClient,
  loadV2,
  type EmitOptions,
  type ManagerStatus,
  type SocketStatus,
} from "../../core/feed/live-client.js";
import { useFeedStore } from "../feed/store.js";
import { useTimelineStore } from "../timeline/store.js";
import { browserRegexEngine } from "../scenario/browser-regex.js";
import type { ScenarioHost } from "../../core/scenario/runner.js";
import {
  cloneConfig,
  defaultConfig,
  normalizeNamespace,
  parseAuth,
  type ClientConfig,
  type ConnectionConfig,
  type NamespaceConfig,
} from "../../core/connection/config.js";
import { errorMessage } from "../../core/shared/errors.js";
import { whileAlive } from "../shared/scope.js";

/** The server the inspector opens with: the embedded demo server under `npm run dev`. */
export const INITIAL_URL: string = import.meta.env.VITE_DEMO_URL ?? "http://127.0.0.1:3001";

/** The name of the first client, and the stem of the names offered to the next ones. */
export const FIRST_CLIENT = "client 1";

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

export const IDLE: ManagerStatus = {
  state: "idle",
  transport: "",
  engineId: "",
  upgrade: "",
  maxPayload: 0,
  protocol: "auto",
};

/**
 * The clients: their forms (plain data), their status snapshots, and the actions. Each client is its own Manager,
 * a live source of the feed; the live objects are held in this closure, never in reactive state. The form and the
 * namespace list edit the active client; with one client the screen is as it always was.
 */
export const useConnectionStore = defineStore("connection", () => {
  const feed = useFeedStore();
  const timeline = useTimelineStore();
  const clients = ref<ClientConfig[]>([{ name: FIRST_CLIENT, config: initialConfig() }]);
  const activeName = ref(FIRST_CLIENT);
  const error = ref("");
  /** An error about the namespace list, shown under it (next to the control it is about), not in the form. */
  const namespaceError = ref("");
  const statuses = shallowRef<Record<string, ManagerStatus>>({});
  const socketsByClient = shallowRef<Record<string, SocketStatus[]>>({});
  /** Event names seen, for the composer's suggestions: bounded, since the server decides what it sends. */
  const seenEvents = shallowRef<string[]>([]);
  const suggestions = new EventNameSuggestions();
  const live = new Map<string, { client: LiveClient; undo: () => void }>();

  const active = computed(
    () => clients.value.find((c) => c.name === activeName.value) ?? (clients.value[0] as ClientConfig),
  );
  /** The active client's form: what the connection form and the namespace list edit. */
  const config = computed<ConnectionConfig>({
    get: () => active.value.config,
    set: (next) => (active.value.config = next),
  });
  const status = computed(() => statuses.value[active.value.name] ?? IDLE);
  const sockets = computed(() => socketsByClient.value[active.value.name] ?? []);
  const names = computed(() => clients.value.map((c) => c.name));

  // The status and the suggestions follow the clients themselves: Pause freezes the timeline's view only.
  whileAlive(
    feed.subscribe((records) => {
      refresh();
      let added = false;
      for (const r of records)
        if (r.kind === "packet" && r.event !== undefined && suggestions.add(r.event)) added = true;
      if (added) seenEvents.value = suggestions.list();
    }),
  );
  function forgetEventNames(): void {
    suggestions.clear();
    seenEvents.value = [];
  }
  whileAlive(feed.onClient((event) => event.kind === "cleared" && forgetEventNames()));

  /** Takes fresh snapshots, but replaces them only when they changed: an unchanged status re-renders nothing. */
  function refresh(): void {
    const nextStatuses: Record<string, ManagerStatus> = {};
    const nextSockets: Record<string, SocketStatus[]> = {};
    for (const [name, { client }] of live) {
      nextStatuses[name] = client.status();
      nextSockets[name] = client.socketStatus();
    }
    if (JSON.stringify(nextStatuses) !== JSON.stringify(statuses.value)) statuses.value = nextStatuses;
    if (JSON.stringify(nextSockets) !== JSON.stringify(socketsByClient.value)) socketsByClient.value = nextSockets;
  }

  /**
   * Runs an action; a thrown error becomes the message shown where the action was asked for (the form by default),
   * and nothing else changes.
   */
  function attempt(action: () => void, shownIn = error): boolean {
    // Cleared first: the action may report a partial failure of its own (a namespace that could not open).
    shownIn.value = "";
    try {
      action();
      return true;
    } catch (err) {
      shownIn.value = errorMessage(err);
      return false;
    } finally {
      refresh();
    }
  }

  const clientOf = (name: string) => clients.value.find((c) => c.name === name);

  /** Starts (or starts again) one client. @throws Error when its URL or an option is invalid; it stays as it was. */
  function start(entry: ClientConfig): void {
    const config = cloneConfig(entry.config);
    const next = new LiveClient(entry.name, config, {
      sequence: feed.sequence(),
      onError: (message) =>
        (error.value =
          entry.name === activeName.value || clients.value.length === 1 ? message : `${entry.name}: ${message}`),
    });
    // In the feed before it starts (a namespace refused at start says so in a record); started before the old one
    // goes: a bad option throws here, and the client stays as it was.
    const undo = feed.add(next);
    try {
      next.start(config.namespaces);
    } catch (err) {
      undo();
      throw err;
    }
    stop(entry.name);
    live.set(entry.name, { client: next, undo });
    feed.announce({ kind: "started", client: entry.name });
  }

  /** Stops a client and takes it out of the feed (its rows stay in the timeline). */
  function stop(name: string): void {
    const old = live.get(name);
    if (!old) return;
    old.client.dispose();
    // Its last records (the disconnect) reach the timeline before the source leaves the feed.
    feed.flush();
    old.undo();
    live.delete(name);
    feed.announce({ kind: "stopped", client: name });
  }

  /** Connects the active client (again: a new connection). */
  function connect(): boolean {
    return attempt(() => {
      timeline.goLive();
      if (live.size === 0) forgetEventNames();
      start(active.value);
    });
  }

  /** Connects every client; one that cannot start (a bad URL) does not stop the others, and says why. */
  function connectAll(): boolean {
    return attempt(() => {
      timeline.goLive();
      const failures: string[] = [];
      for (const entry of clients.value) {
        try {
          start(entry);
        } catch (err) {
          failures.push(`${entry.name}: ${errorMessage(err)}`);
        }
      }
      if (failures.length) throw new Error(failures.join("\n"));
    });
  }

  const current = () => live.get(active.value.name)?.client;

  function disconnect(): void {
    attempt(() => current()?.closeAll());
  }

  function dropTransport(): void {
    attempt(() => current()?.dropTransport());
  }

  /** Adds a client with its own name and a form like the active one's (it connects when asked). */
  function addClient(name: string): boolean {
    return attempt(() => {
      const n = checkClientName(name);
      const copy = cloneConfig(active.value.config);
      clients.value.push({ name: n, config: copy });
      activeName.value = n;
    });
  }

  /**
   * What a scenario runs on: the inspector's own clients, so that its run is in the timeline. A name the clients
   * lack is added as a copy of the first client. Live objects are handed out, never kept in reactive state.
   */
  const scenarioHost: ScenarioHost = {
    connect(name: string) {
      if (!clientOf(name)) clients.value.push({ name, config: cloneConfig((clients.value[0] as ClientConfig).config) });
      timeline.goLive();
      start(clientOf(name) as ClientConfig);
      refresh();
      return live.get(name)?.client as LiveClient;
    },
    running: (name: string) => live.get(name)?.client,
    namespace: (name: string, nsp: string) =>
      clientOf(name)?.config.namespaces.find((n) => n.nsp === nsp) ?? { nsp, auth: "" },
    // As the records come, not per frame: an ack's row is known by the time its callback runs.
    subscribe: (listener) => feed.tap((record) => listener([record])),
    regex: browserRegexEngine(),
  };

  /** A name for the next client that is not taken: "client 2", "client 3", ... */
  function freeClientName(): string {
    for (let i = clients.value.length + 1; ; i++) if (!clientOf(`client ${i}`)) return `client ${i}`;
  }

  function checkClientName(name: string, except?: string): string {
    const n = name.trim();
    if (!n) throw new Error("Give the client a name, for example alice");
    if (n.length > 60) throw new Error("A client name has at most 60 characters");
    if (n !== except && clientOf(n)) throw new Error(`A client named “${n}” exists: choose another name`);
    return n;
  }

  /**
   * Renames the active client, connected or not: a name is a label. Its rows so far keep the old name; what follows
   * carries the new one. @throws Error naming what is wrong with the name (nothing changes then)
   */
  function renameClient(name: string): void {
    const from = active.value.name;
    const n = checkClientName(name, from);
    if (n === from) return;
    const running = live.get(from);
    if (running) {
      live.delete(from);
      live.set(n, running);
      running.client.rename(n);
    }
    active.value.name = n;
    activeName.value = n;
    feed.announce({ kind: "renamed", from, to: n });
    refresh();
  }

  /** Removes the active client (disconnecting it); the last client stays. */
  function removeClient(): boolean {
    return attempt(() => {
      if (clients.value.length === 1) throw new Error("The last client stays: there is nothing to inspect without one");
      const name = active.value.name;
      stop(name);
      clients.value = clients.value.filter((c) => c.name !== name);
      activeName.value = (clients.value[0] as ClientConfig).name;
    });
  }

  function selectClient(name: string): void {
    if (clientOf(name)) activeName.value = name;
  }

  /** Replaces every client (a preset): running ones are disconnected first. */
  function setClients(next: ClientConfig[]): void {
    for (const name of [...live.keys()]) stop(name);
    clients.value = next.length ? next : [{ name: FIRST_CLIENT, config: defaultConfig(INITIAL_URL) }];
    activeName.value = (clients.value[0] as ClientConfig).name;
    leftOut.value = null;
    refresh();
  }

  function addNamespace(name: string, auth: string): boolean {
    return attempt(() => {
      const nsp = normalizeNamespace(name);
      if (nsp === "/" && name.trim() === "") throw new Error("Give the namespace a name, for example /admin");
      if (config.value.namespaces.some((n) => n.nsp === nsp))
        throw new Error(`Namespace ${nsp} is already in the list`);
      const ns = { nsp, auth };
      parseAuth(ns); // refuses an auth that is not a JSON object, naming the namespace

      const client = current();
      if (client && status.value.state !== "closed") client.open(ns);
      config.value.namespaces.push(ns);
    }, namespaceError);
  }

  function removeNamespace(nsp: string): void {
    attempt(() => {
      current()?.close(nsp);
      config.value.namespaces = config.value.namespaces.filter((n) => n.nsp !== nsp);
    }, namespaceError);
  }

  function openNamespace(nsp: string): void {
    attempt(() => {
      const ns = config.value.namespaces.find((n) => n.nsp === nsp);
      if (!ns) throw new Error(`Unknown namespace ${nsp}`);
      const client = current();
      if (!client) throw new Error("Connect first");
      client.open(ns);
    }, namespaceError);
  }

  function closeNamespace(nsp: string): void {
    attempt(() => current()?.close(nsp), namespaceError);
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
    () => clients.value.some((c) => c.config.serverVersion === "v2"),
    (v2) => {
      if (v2) loadV2().catch(() => undefined);
    },
    { immediate: true },
  );

  /**
   * Parses and sends an emit from a client (the active one by default). On any error nothing is sent and the error
   * says what is wrong; a warning says what the user should know about what was sent (buffered, or over the usual
   * size limit).
   */
  function emit(
    nsp: string,
    event: string,
    args: readonly ArgDraft[],
    options: EmitOptions,
    client?: string,
  ): EmitResult {
    if (!event.trim()) return { error: "Give the event a name", warning: "" };
    const parsed = parseArgs(args);
    if (!parsed.ok) return { error: parsed.error, warning: "" };
    const name = client ?? active.value.name;
    const target = live.get(name)?.client;
    if (!target) return { error: clients.value.length > 1 ? `Connect ${name} first` : "Connect first", warning: "" };
    try {
      return { error: "", warning: target.emit(nsp, event, parsed.values, options) };
    } catch (err) {
      return { error: errorMessage(err), warning: "" };
    }
  }

  /** Answers a server emit that asked for an ack, through its record's handle; `argsJson` is a JSON array. */
  function answer(reply: OwedAckHandle, argsJson: string): string {
    const parsed = parseJson(argsJson);
    if (!parsed.ok) return `Ack arguments: ${parsed.error}`;
    if (!Array.isArray(parsed.value)) return 'Ack arguments: must be a JSON array, for example ["ok"]';
    try {
      reply.answer(...parsed.value);
      return "";
    } catch (err) {
      return errorMessage(err);
    }
  }

  return {
    // A function, so that the host (and the live clients it hands out) never pass through the store's reactivity.
    scenarioHost: (): ScenarioHost => scenarioHost,
    clients,
    activeName,
    names,
    statuses,
    leftOut,
    keepDemoNamespaces,
    setUrl,
    config,
    error,
    namespaceError,
    status,
    sockets,
    seenEvents,
    connect,
    connectAll,
    disconnect,
    dropTransport,
    addClient,
    freeClientName,
    renameClient,
    removeClient,
    selectClient,
    setClients,
    addNamespace,
    removeNamespace,
    openNamespace,
    closeNamespace,
    setNamespaceAuth,
    setNamespaceQuery,
    emit,
    answer,
  };
});
