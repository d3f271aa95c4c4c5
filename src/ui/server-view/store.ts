import { defineStore } from "pinia";
import { computed, reactive, ref, shallowRef, watch } from "vue";
import type { ServerSocket } from "../../core/server-view/admin-protocol.js";
import type { RoomView } from "../../core/server-view/server-model.js";
import type { ServerOperation, ServerView, ServerViewStatus } from "../../core/server-view/server-view.js";
import { DEFAULT_SERVER_VIEW, type ServerViewSettings } from "../../core/server-view/settings.js";
import { lazyModule } from "../shell/lazy.js";
import { cloneConfig } from "../../core/connection/config.js";
import type { PresetServerView } from "../../core/presets/format.js";
import { capture, errorMessage } from "../../core/shared/errors.js";
import { INITIAL_URL, sameOrigin, useClientsStore } from "../connection/clients-store.js";
import { DEMO_ADMIN_UI_NAMESPACE } from "../../core/presets/shipped.js";
import { useConnectionStore } from "../connection/store.js";
import { useFeedStore } from "../feed/store.js";
import { whileAlive } from "../shared/scope.js";

/** A socket as the panel lists it: the server's description, and our client's name when it is ours. */
export interface SocketRow extends ServerSocket {
  of?: string;
}

/** Our clients' Engine.IO connections, by the first 12 characters of their ids (what the server reports). */
const MAX_OWNERS = 1_000;

/** The view's code: its own chunk, fetched when the page is idle (the first screen does not need it). */
const viewCode = lazyModule(() => import("../../core/server-view/server-view.js"));
let loadedView: typeof import("../../core/server-view/server-view.js") | undefined;
/** Why the view's code could not be fetched (a network gone, a page older than its server's files). */
let loadFailure = "";

const IDLE: ServerViewStatus = { state: "closed", message: "", features: [], mode: "unknown" };

/**
 * The server's own view (Admin UI protocol): its settings, the running view (held in this closure, never in
 * reactive state), plain snapshots of what it knows for the Server panel, and the operations it offers.
 */
export const useServerViewStore = defineStore("server-view", () => {
  const feed = useFeedStore();
  const forms = useClientsStore();
  const connection = useConnectionStore();
  // The demo server's admin UI has a namespace of its own; another server gets the admin UI's default. The
  // namespace follows the URL typed, as the demo's namespaces do, unless the user chose one.
  const forDemo = (url: string) => sameOrigin(url, INITIAL_URL);
  const settings = reactive<ServerViewSettings>({
    ...DEFAULT_SERVER_VIEW,
    ...(forDemo(forms.active.config.url) ? { namespace: DEMO_ADMIN_UI_NAMESPACE } : {}),
  });
  watch(
    () => forms.active.config.url,
    (url) => {
      if (settings.namespace === DEMO_ADMIN_UI_NAMESPACE && !forDemo(url))
        settings.namespace = DEFAULT_SERVER_VIEW.namespace;
      else if (settings.namespace === DEFAULT_SERVER_VIEW.namespace && forDemo(url))
        settings.namespace = DEMO_ADMIN_UI_NAMESPACE;
    },
    // At once: a preset applied sets the URL first and its own settings after, which then stand.
    { flush: "sync" },
  );
  const error = ref("");
  const status = shallowRef<ServerViewStatus>(IDLE);
  const sockets = shallowRef<SocketRow[]>([]);
  const rooms = shallowRef<RoomView[]>([]);
  const namespaces = shallowRef<Array<{ name: string; socketsCount: number }>>([]);
  const overflow = ref(0);
  let running: { view: ServerView; undo: () => void } | undefined;

  // Which of the server's sockets are ours: our clients' handshakes name their Engine.IO connections.
  const owners = new Map<string, string>();
  whileAlive(
    feed.tap((r) => {
      if (r.kind !== "handshake" || r.client === undefined) return;
      owners.delete(r.sid.slice(0, 12));
      owners.set(r.sid.slice(0, 12), r.client);
      if (owners.size > MAX_OWNERS) owners.delete(owners.keys().next().value as string);
    }),
  );
  whileAlive(
    feed.onClient((event) => {
      if (event.kind !== "renamed") return;
      for (const [id, name] of owners) if (name === event.from) owners.set(id, event.to);
      schedule();
    }),
  );

  /** Snapshots at most every 100 ms: a flood of admin events re-renders the panel ten times a second, not per event. */
  let timer: ReturnType<typeof setTimeout> | undefined;
  function schedule(): void {
    timer ??= setTimeout(() => {
      timer = undefined;
      refresh();
    }, 100);
  }
  whileAlive(() => clearTimeout(timer));

  function refresh(): void {
    const view = running?.view;
    if (!view) return;
    status.value = view.status();
    sockets.value = view.model.list().map((s) => {
      const of = view.ownerOf(s);
      return of ? { ...s, of } : { ...s };
    });
    rooms.value = view.model.rooms();
    namespaces.value = view.model.stats?.namespaces ?? [];
    overflow.value = view.model.overflow;
  }

  /** Fetches the view's code (once); a scenario with server steps waits for it before it runs. */
  async function ready(): Promise<void> {
    try {
      loadedView ??= await viewCode();
    } catch (err) {
      loadFailure = `The server view could not be loaded: ${errorMessage(err)}`;
      throw err;
    }
  }

  /** Connects the view to the active client's server, with its path, transports, route and headers. */
  async function connect(): Promise<boolean> {
    try {
      await ready();
    } catch {
      error.value = loadFailure;
      return false;
    }
    return connectNow();
  }

  function connectNow(): boolean {
    error.value = capture(() => {
      disconnect();
      if (!loadedView) throw new Error(loadFailure || "The server view is still loading");
      const view = new loadedView.ServerView(
        cloneConfig(forms.active.config),
        { ...settings },
        {
          ownerOf: (clientId) => owners.get(clientId),
          onChange: schedule,
          ...(connection.relay() ? { relay: connection.relay() } : {}),
        },
      );
      const undo = feed.add(view);
      running = { view, undo };
      view.start();
      refresh();
    });
    return error.value === "";
  }

  function disconnect(): void {
    if (!running) return;
    running.view.dispose();
    feed.flush();
    running.undo();
    running = undefined;
    status.value = IDLE;
  }
  whileAlive(disconnect);

  /**
   * The view a scenario's server steps read, connected with the panel's settings if it is not running (a function's
   * result: the live view never enters reactive state). @throws Error when it cannot start
   */
  function forScenario(): ServerView {
    if (!running && !connectNow()) throw new Error(error.value);
    return (running as { view: ServerView }).view;
  }

  /** Asks the server to act; a refusal is shown in the panel. */
  function act(
    operation: ServerOperation,
    nsp: string,
    target: { sid?: string; room?: string; event?: string; args?: unknown[] },
  ): boolean {
    error.value = capture(() => {
      if (!running) throw new Error("Connect the server view first");
      running.view.act(operation, nsp, target);
    });
    return error.value === "";
  }

  /** Read through the status, so that the panel follows the server's features as they come. */
  const allows = (operation: ServerOperation) => (void status.value, running?.view.allows(operation) ?? false);
  const connected = computed(() => status.value.state === "open");

  /** The settings a preset keeps: none while they are the defaults; never the password. */
  function presetSettings(): PresetServerView | undefined {
    const { namespace, username } = settings;
    if (namespace === DEFAULT_SERVER_VIEW.namespace && username === "") return undefined;
    return { namespace, username };
  }

  /** A preset's settings (the defaults when it has none); the password typed for another server goes. */
  function applyPreset(saved: PresetServerView | undefined): void {
    const next = saved ?? { namespace: DEFAULT_SERVER_VIEW.namespace, username: "" };
    if (next.username !== settings.username || next.namespace !== settings.namespace) settings.password = "";
    settings.namespace = next.namespace;
    settings.username = next.username;
  }

  return {
    presetSettings,
    applyPreset,
    forScenario,
    ready,
    settings,
    error,
    status,
    connected,
    sockets,
    rooms,
    namespaces,
    overflow,
    connect,
    disconnect,
    act,
    allows,
  };
});
