import { defineStore } from "pinia";
import { computed, ref, shallowRef } from "vue";
import type { OwedAckHandle } from "../../client/observe/records.js";
import { EventNameSuggestions } from "../../core/composer/event-names.js";
import { parseArgs, parseJson, type ArgDraft } from "../../core/composer/typed-args.js";
import { cloneConfig, parseAuth, type ClientConfig, type NamespaceConfig } from "../../core/connection/config.js";
import { findRelay, type Relay } from "../../core/connection/relay.js";
import type { EmitOptions, ManagerStatus, SocketStatus } from "../../core/live/live-client.js";
import type { ScenarioHost } from "../../core/scenario/runner.js";
import { captureProblem, fail, problem, problemOf, type Problem } from "../../core/shared/errors.js";
import { clientCodeLoaded, loadClientCode, makeLiveClient, type PageClient } from "../feed/live-clients.js";
import { useFeedStore } from "../feed/store.js";
import { browserRegexEngine } from "../scenario/browser-regex.js";
import { whileAlive } from "../shared/scope.js";
import { useTimelineStore } from "../timeline/store.js";
import { useClientsStore } from "./clients-store.js";
import { useEnvironmentsStore } from "../environments/store.js";
import { usePageEvents } from "../shell/page-events.js";
import { resolveConnection, resolveJsonText } from "../../core/variables/resolve.js";

export { FIRST_CLIENT } from "./clients-store.js";

/** What became of an emit: `problem` when nothing was sent, `warning` for what the user should know. */
export interface EmitResult {
  problem?: Problem;
  /** The argument the problem is about (from 0), when it is about one. */
  argument?: number;
  warning?: Problem;
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
 * The live clients: each client's Manager as a source of the feed (held in this closure, never in reactive state),
 * their status snapshots, and what acts on them (connect, disconnect, emit, answer an ack, namespaces). The forms
 * are the clients store's; what it changes of a running client (a rename, a removal) comes through the feed.
 */
export const useConnectionStore = defineStore("connection", () => {
  const feed = useFeedStore();
  const timeline = useTimelineStore();
  const forms = useClientsStore();
  const environments = useEnvironmentsStore();
  const error = ref<Problem>();
  /** A problem of the namespace list, shown under it (next to the control it is about), not in the form. */
  const namespaceError = ref<Problem>();
  const statuses = shallowRef<Record<string, ManagerStatus>>({});
  const socketsByClient = shallowRef<Record<string, SocketStatus[]>>({});
  /** Event names seen, for the composer's suggestions: bounded, since the server decides what it sends. */
  const seenEvents = shallowRef<string[]>([]);
  const suggestions = new EventNameSuggestions();
  /** Each running client, and the version of its status last read (snapshots are taken again when it changes). */
  const live = new Map<string, { client: PageClient; undo: () => void; seen: number }>();
  /** The local server's relay, when this page came from `npx socketio-inspector` (Route: through it). */
  const relay = shallowRef<Relay | undefined>();
  const relayAvailable = computed(() => relay.value !== undefined);
  /** Whether the page knows yet if it has a relay (false while the local server is being asked). */
  const relayKnown = ref(false);
  if (typeof location !== "undefined" && location.protocol.startsWith("http"))
    void findRelay(location.origin).then((found) => {
      relay.value = found;
      relayKnown.value = true;
    });

  const status = computed(() => statuses.value[forms.activeName] ?? IDLE);
  const sockets = computed(() => socketsByClient.value[forms.activeName] ?? []);

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
  // What the forms change of a running client, and the live rows cleared.
  whileAlive(
    feed.onClient((event) => {
      if (event.kind === "cleared") forgetEventNames();
      else if (event.kind === "removed") stop(event.client);
      else if (event.kind === "replaced") for (const name of [...live.keys()]) stop(name);
      else if (event.kind === "renamed") {
        const running = live.get(event.from);
        if (!running) return;
        live.delete(event.from);
        live.set(event.to, running);
        running.client.rename(event.to);
      } else return;
      refresh();
    }),
  );

  // Another environment: each running client connects again with its values. One that cannot (a variable the
  // other environment lacks) stops, and says why: it must not stay on the old environment's server.
  whileAlive(
    usePageEvents().on("environmentChosen", () => {
      const failures: Problem[] = [];
      for (const name of [...live.keys()]) {
        const entry = forms.clientOf(name);
        try {
          if (entry) start(entry);
        } catch (err) {
          stop(name);
          failures.push(problemOf(err));
        }
      }
      if (failures.length) error.value = problem("clients-failed", { causes: failures });
      refresh();
    }),
  );

  /** Takes fresh snapshots of the clients whose status may have changed (their version moved), and only of those. */
  function refresh(): void {
    let changed = Object.keys(statuses.value).length !== live.size;
    for (const [name, running] of live) {
      if (running.seen === running.client.version && name in statuses.value) continue;
      running.seen = running.client.version;
      changed = true;
    }
    if (!changed) return;
    const nextStatuses: Record<string, ManagerStatus> = {};
    const nextSockets: Record<string, SocketStatus[]> = {};
    for (const [name, { client }] of live) {
      nextStatuses[name] = client.status();
      nextSockets[name] = client.socketStatus();
    }
    statuses.value = nextStatuses;
    socketsByClient.value = nextSockets;
  }

  /**
   * Runs an action; what it threw becomes the problem shown where the action was asked for (the form by default),
   * and nothing else changes. Cleared first: the action may report a partial failure of its own.
   */
  function attempt(action: () => void, shownIn = error): boolean {
    shownIn.value = undefined;
    const failure = captureProblem(action);
    if (failure) shownIn.value = failure;
    refresh();
    return failure === undefined;
  }

  /**
   * Starts (or starts again) one client, its `{{variables}}` resolved with the active environment.
   * @throws Error when a variable cannot be resolved (named, with its field: nothing is sent), or its URL or an option
   * is invalid; it stays as it was.
   */
  function start(entry: ClientConfig): void {
    const config = resolveConnection(cloneConfig(entry.config), environments.variables(), entry.name);
    const next = makeLiveClient(entry.name, config, {
      ...(relay.value ? { relay: relay.value } : {}),
      onError: (cause) =>
        (error.value =
          entry.name === forms.activeName || forms.clients.length === 1
            ? cause
            : problem("client-failed", { client: entry.name, cause })),
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
    live.set(entry.name, { client: next, undo, seen: -1 });
    feed.announce({ kind: "started", client: entry.name });
  }

  /** Stops a client and takes it out of the feed (its rows stay in the timeline). */
  function stop(name: string): void {
    const old = live.get(name);
    if (!old) return;
    // Its last records (the disconnect) reach the timeline before the source leaves the feed: they come a moment
    // later, from the host that runs it (the clients' worker, or this thread across a channel).
    old.client.dispose(() => {
      feed.flush();
      old.undo();
    });
    live.delete(name);
    feed.announce({ kind: "stopped", client: name });
  }

  /**
   * Fetches the client's code when it is not here yet (the page asks for it when idle, so this is rare); a failure
   * is shown in the form. Resolves to whether the code is here.
   */
  async function ready(): Promise<boolean> {
    if (clientCodeLoaded()) return true;
    try {
      await loadClientCode();
      return true;
    } catch (err) {
      error.value = problemOf(err);
      return false;
    }
  }

  /** Connects the active client (again: a new connection). */
  async function connect(): Promise<boolean> {
    if (!(await ready())) return false;
    return attempt(() => {
      timeline.goLive();
      if (live.size === 0) forgetEventNames();
      start(forms.active);
    });
  }

  /** Connects every client; one that cannot start (a bad URL) does not stop the others, and says why. */
  async function connectAll(): Promise<boolean> {
    if (!(await ready())) return false;
    return attempt(() => {
      timeline.goLive();
      const failures: Problem[] = [];
      for (const entry of forms.clients) {
        try {
          start(entry);
        } catch (err) {
          failures.push(problem("client-failed", { client: entry.name, cause: problemOf(err) }));
        }
      }
      if (failures.length) fail("clients-failed", { causes: failures });
    });
  }

  const current = () => live.get(forms.activeName)?.client;

  /** A namespace of a client's form as it opens: its `{{variables}}` resolved. @throws InspectorError naming them */
  function resolvedNamespace(client: string, ns: NamespaceConfig): NamespaceConfig {
    const config = forms.clientOf(client)?.config ?? forms.config;
    return resolveConnection({ ...config, namespaces: [ns] }, environments.variables(), client).namespaces[0] ?? ns;
  }

  function disconnect(): void {
    attempt(() => current()?.closeAll());
  }

  function dropTransport(): void {
    attempt(() => current()?.dropTransport());
  }

  /** Adds a namespace to the active client's list, and opens it when the client runs. */
  function addNamespace(name: string, auth: string): boolean {
    return attempt(() => {
      const ns = forms.addNamespace(name, auth);
      const client = current();
      if (client && status.value.state !== "closed") client.open(resolvedNamespace(forms.activeName, ns));
    }, namespaceError);
  }

  function removeNamespace(nsp: string): void {
    attempt(() => {
      current()?.close(nsp);
      forms.removeNamespace(nsp);
    }, namespaceError);
  }

  function openNamespace(nsp: string): void {
    attempt(() => {
      const ns = forms.namespaceOf(nsp);
      if (!ns) fail("namespace-unknown", { nsp });
      const resolved = resolvedNamespace(forms.activeName, ns);
      parseAuth(resolved);
      const client = current();
      if (!client) fail("connect-first", {});
      client.open(resolved);
    }, namespaceError);
  }

  function closeNamespace(nsp: string): void {
    attempt(() => current()?.close(nsp), namespaceError);
  }

  /**
   * What a scenario runs on: the inspector's own clients, so that its run is in the timeline. A name the clients
   * lack is added as a copy of the first client. Live objects are handed out, never kept in reactive state. The
   * client's code must be here (`ready()` before a run).
   */
  const scenarioHost: ScenarioHost = {
    connect(name: string) {
      const entry = forms.ensureClient(name);
      timeline.goLive();
      start(entry);
      refresh();
      return live.get(name)?.client as PageClient;
    },
    running: (name: string) => live.get(name)?.client,
    namespace: (name: string, nsp: string) =>
      resolvedNamespace(name, forms.clientOf(name)?.config.namespaces.find((n) => n.nsp === nsp) ?? { nsp, auth: "" }),
    // As the records come, not per frame: an ack's row is known by the time its callback runs.
    subscribe: (listener) => feed.tap((record) => listener([record])),
    regex: browserRegexEngine(),
  };

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
    if (!event.trim()) return { problem: problem("event-name-missing") };
    // Each emit resolves its variables anew: a dynamic value ({{$guid}}) is new at each one.
    let resolved: { nsp: string; event: string; args: ArgDraft[] };
    try {
      const vars = environments.variables();
      resolved = {
        nsp: vars.resolve(nsp, "Namespace"),
        event: vars.resolve(event, "Event name"),
        args: args.map((a, i) => ({
          ...a,
          value:
            a.type === "json"
              ? resolveJsonText(a.value, vars, `Argument ${i + 1}`)
              : vars.resolve(a.value, `Argument ${i + 1}`),
        })),
      };
    } catch (err) {
      return { problem: problemOf(err) };
    }
    ({ nsp, event, args } = resolved);
    const parsed = parseArgs(args);
    if (!parsed.ok) return { problem: parsed.problem, argument: parsed.index };
    const name = client ?? forms.activeName;
    const target = live.get(name)?.client;
    if (!target) return { problem: problem("connect-first", forms.clients.length > 1 ? { client: name } : {}) };
    try {
      const warning = target.emit(nsp, event, parsed.values, options);
      return warning ? { warning } : {};
    } catch (err) {
      return { problem: problemOf(err) };
    }
  }

  /**
   * Answers a server emit that asked for an ack, through its record's handle; `argsJson` is a JSON array.
   * @returns why it was not answered, or undefined when it was
   */
  function answer(reply: OwedAckHandle, argsJson: string): Problem | undefined {
    const parsed = parseJson(argsJson);
    if (!parsed.ok) return problem("ack-args-invalid", { cause: parsed.problem });
    const args = parsed.value;
    if (!Array.isArray(args)) return problem("ack-args-not-list");
    return captureProblem(() => reply.answer(...(args as unknown[])));
  }

  return {
    // A function, so that the host (and the live clients it hands out) never pass through the store's reactivity.
    scenarioHost: (): ScenarioHost => scenarioHost,
    ready,
    statuses,
    status,
    sockets,
    relayAvailable,
    relayKnown,
    /** The local server's relay (a function: live objects stay out of reactive state). */
    relay: (): Relay | undefined => relay.value,
    seenEvents,
    error,
    namespaceError,
    connect,
    connectAll,
    disconnect,
    dropTransport,
    addNamespace,
    removeNamespace,
    openNamespace,
    closeNamespace,
    emit,
    answer,
  };
});
