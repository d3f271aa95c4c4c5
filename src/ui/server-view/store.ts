import { defineStore } from "pinia";
import { computed, reactive, ref, shallowRef, watch } from "vue";
import type { RoomSort, ServerListing, RoomScope, SocketSort } from "../../core/server-view/server-listing.js";
import type { NodeEntry, RoomEntry, SocketEntry } from "../../core/server-view/server-model.js";
import type { ServerOperation, ServerView, ServerViewStatus } from "../../core/server-view/server-view.js";
import { DEFAULT_SERVER_VIEW, NODE_SILENT_MS, type ServerViewSettings } from "../../core/server-view/settings.js";
import { sliceClock } from "../../core/shared/slices.js";
import { lazyModule } from "../shell/lazy.js";
import { cloneConfig } from "../../core/connection/config.js";
import type { PresetServerView } from "../../core/presets/format.js";
import { captureProblem, fail, InspectorError, problem, problemOf, type Problem } from "../../core/shared/errors.js";
import { sameOrigin, useClientsStore } from "../connection/clients-store.js";
import { demoUrl } from "../connection/demo.js";
import { DEMO_ADMIN_UI_NAMESPACE } from "../../core/presets/shipped.js";
import { useConnectionStore } from "../connection/store.js";
import { useFeedStore } from "../feed/store.js";
import { usePageEvents } from "../shell/page-events.js";
import { useEnvironmentsStore } from "../environments/store.js";
import { resolveConnection } from "../../core/variables/resolve.js";
import { whileAlive } from "../shared/scope.js";

/** Our clients' Engine.IO connections, by the first 12 characters of their ids (what the server reports). */
const MAX_OWNERS = 1_000;

/** The view's code: its own chunk, fetched when the page is idle (the first screen does not need it). */
const viewCode = lazyModule(async () => {
  const [view, listing] = await Promise.all([
    import("../../core/server-view/server-view.js"),
    import("../../core/server-view/server-listing.js"),
  ]);
  return { ...view, ...listing };
});
let loadedView: Awaited<ReturnType<typeof viewCode>> | undefined;
/** Why the view's code could not be fetched (a network gone, a page older than its server's files). */
let loadFailure: Problem | undefined;

const IDLE: ServerViewStatus = { state: "closed", features: [], mode: "unknown" };

/** Namespaces the panel lists at most (the server may report a thousand). */
export const SHOWN_NAMESPACES = 20;
/** Nodes the view's table lists at most (the model keeps a thousand). */
export const SHOWN_NODES = 50;

/** A node as the nodes table shows it: plain values, read through the version. */
export interface NodeRow {
  id: string;
  hostname: string;
  pid: number;
  clients: number;
  /** Kept sockets that say they are on it. */
  sockets: number;
  rates: NodeEntry["rates"];
  seen: number;
  /** No stats for longer than the admin UI's own threshold. */
  silent: boolean;
}

/**
 * The server's own view (Admin UI protocol): its settings, the running view and its lists (held in this closure,
 * never in reactive state: a fleet's sockets are a graph of a hundred thousand objects), a version the panel reads
 * them through, the searches, and the operations the view offers.
 */
export const useServerViewStore = defineStore("server-view", () => {
  const feed = useFeedStore();
  const forms = useClientsStore();
  const connection = useConnectionStore();
  // The demo server's admin UI has a namespace of its own; another server gets the admin UI's default. The
  // namespace follows the URL typed, as the demo's namespaces do, unless the user chose one.
  const demo = demoUrl();
  const forDemo = (url: string) => demo !== undefined && sameOrigin(url, demo);
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
  const error = ref<Problem | undefined>();
  const status = shallowRef<ServerViewStatus>(IDLE);
  /** Moves when what the panel shows may have changed: the panel reads the lists below through it. */
  const version = ref(0);
  const socketQuery = ref("");
  const roomQuery = ref("");
  const socketSort = ref<SocketSort>("arrival");
  const roomSort = ref<RoomSort>("arrival");
  const roomScope = shallowRef<RoomScope | undefined>();
  /** The socket whose detail the panel shows (by namespace and id: the entry itself stays out of reactive state). */
  const selected = shallowRef<{ nsp: string; id: string } | undefined>();
  /** The room whose detail the panel shows. */
  const selectedRoom = shallowRef<RoomScope | undefined>();
  let running: { view: ServerView; listing: ServerListing; undo: () => void } | undefined;

  // Which of the server's sockets are ours: our clients' handshakes name their Engine.IO connections.
  const owners = new Map<string, string>();
  whileAlive(
    feed.tap((r) => {
      if (r.kind !== "handshake" || r.client === undefined) return;
      const id = r.sid.slice(0, 12);
      const before = owners.get(id);
      owners.delete(id);
      owners.set(id, r.client);
      if (owners.size > MAX_OWNERS) owners.delete(owners.keys().next().value as string);
      if (before !== r.client) namesChanged();
    }),
  );
  whileAlive(
    feed.onClient((event) => {
      if (event.kind !== "renamed") return;
      for (const [id, name] of owners) if (name === event.from) owners.set(id, event.to);
      namesChanged();
    }),
  );
  function namesChanged(): void {
    running?.listing.namesChanged();
    search();
  }

  /**
   * The panel is told at most every 100 ms, and only when something moved: a flood of admin events costs the panel
   * ten looks a second at the rows it shows, whatever the server holds. A change after a quiet spell is told at once
   * (in the next task), as is the end of the server's list of sockets: waiting out the period there only delays
   * what a person waits for. While that list is read, the first look waits a period: a list read within it is
   * drawn once, whole, and a longer one shows its progress.
   */
  const PERIOD_MS = 100;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let told = Number.NEGATIVE_INFINITY;
  let readWaited = false;
  function tell(): void {
    timer = undefined;
    const reading = running?.view.readingProgress() !== undefined;
    if (reading && !readWaited) {
      readWaited = true;
      timer = setTimeout(tell, PERIOD_MS);
      return;
    }
    if (!reading) readWaited = false;
    told = performance.now();
    refresh();
  }
  function schedule(now = false): void {
    if (timer !== undefined) {
      if (!now) return;
      clearTimeout(timer);
    }
    timer = setTimeout(tell, now ? 0 : Math.max(0, told + PERIOD_MS - performance.now()));
  }
  whileAlive(() => clearTimeout(timer));

  let seen = -1;
  function refresh(): void {
    const view = running?.view;
    if (!view) return;
    const next = view.status();
    const was = status.value;
    // A new status object only when it says something new: the doctor's findings and the panel follow it.
    if (
      next.state !== was.state ||
      next.problem !== was.problem ||
      next.mode !== was.mode ||
      next.features.join() !== was.features.join()
    )
      status.value = next;
    const now = running?.listing.version ?? 0;
    if (now !== seen) {
      seen = now;
      version.value++;
    }
  }

  /** Walks the searches a slice at a time (the page draws in between) until they are done. */
  let walking = false;
  async function search(): Promise<void> {
    if (walking) return;
    walking = true;
    try {
      const clock = sliceClock();
      while (running && !running.listing.step(clock.due)) {
        refresh();
        await clock.next();
      }
      refresh();
    } finally {
      walking = false;
    }
  }
  watch([socketQuery, roomScope], ([query, scope]) => {
    running?.listing.searchSockets(query, scope);
    void search();
  });
  watch(roomQuery, (query) => {
    running?.listing.searchRooms(query);
    void search();
  });
  watch(socketSort, (sort) => {
    running?.listing.sortSockets(sort);
    void search();
  });
  watch(roomSort, (sort) => {
    running?.listing.sortRooms(sort);
    void search();
  });

  /** Reads through the version: a computed that calls these follows the lists. */
  const read = <T>(f: (listing: ServerListing, view: ServerView) => T, otherwise: T) => (
    void version.value,
    running ? f(running.listing, running.view) : otherwise
  );
  const socketCount = () => read((l) => l.socketCount, 0);
  const socketAt = (i: number) => read((l) => l.socketAt(i), undefined);
  const roomCount = () => read((l) => l.roomCount, 0);
  const roomAt = (i: number) => read((l) => l.roomAt(i), undefined);
  const membersOf = (room: RoomEntry, max: number) => read((l) => l.membersOf(room, max), { names: [], more: 0 });
  const nameOf = (s: SocketEntry) => read((l) => l.nameOfSocket(s), undefined);
  /** The node a socket lives on ("" when a fleet's socket does not say). */
  const nodeOf = (s: SocketEntry) => read((_, v) => v.model.nodeOf(s), "");
  /** Whether the server is a fleet: more than one node sends its stats. */
  const fleet = () => read((_, v) => v.model.nodeCount > 1, false);
  /** The nodes heard from, the first SHOWN_NODES; how many more; sockets that do not say their node. */
  const nodes = () =>
    read(
      (_, v) => {
        const all = v.model.nodes();
        const now = Date.now();
        const list: NodeRow[] = all.slice(0, SHOWN_NODES).map((n) => ({
          id: n.id,
          hostname: n.stats.hostname,
          pid: n.stats.pid,
          clients: n.stats.clientsCount,
          sockets: v.model.countOnNode(n.id),
          rates: n.rates,
          seen: n.seen,
          silent: now - n.seen > NODE_SILENT_MS,
        }));
        return {
          list,
          more: Math.max(0, all.length - SHOWN_NODES) + v.model.nodesNotKept,
          unsaid: all.length > 1 ? v.model.countOnNode("") : 0,
        };
      },
      { list: [] as NodeRow[], more: 0, unsaid: 0 },
    );
  const selectedSocket = () =>
    read((_, v) => (selected.value ? v.model.socket(selected.value.nsp, selected.value.id) : undefined), undefined);
  const selectedRoomEntry = () =>
    read(
      (_, v) => (selectedRoom.value ? v.model.room(selectedRoom.value.nsp, selectedRoom.value.room) : undefined),
      undefined,
    );
  /** What the view keeps and how far it is: the panel's counts. */
  const totals = () =>
    read(
      (l, v) => ({
        kept: v.model.socketCount,
        rooms: v.model.roomCount,
        overflow: v.model.overflow,
        joinsNotKept: v.model.joinsNotKept,
        reading: v.readingProgress(),
        searching: l.searching,
      }),
      { kept: 0, rooms: 0, overflow: 0, joinsNotKept: 0, reading: undefined, searching: false },
    );
  /** The server's namespaces (its stats), the first SHOWN_NAMESPACES, with how many the view keeps in each. */
  const namespaces = () =>
    read(
      (_, v) => {
        const all = v.model.namespaceTotals();
        return {
          shown: all.slice(0, SHOWN_NAMESPACES).map((n) => ({ ...n, kept: v.model.countIn(n.name) })),
          more: Math.max(0, all.length - SHOWN_NAMESPACES),
        };
      },
      { shown: [], more: 0 },
    );

  /** Fetches the view's code (once); a scenario with server steps waits for it before it runs. */
  async function ready(): Promise<void> {
    try {
      loadedView ??= await viewCode();
    } catch (err) {
      loadFailure = problem("server-view-load-failed", { cause: problemOf(err) });
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
    error.value = captureProblem(() => {
      disconnect();
      if (!loadedView) throw new InspectorError(loadFailure ?? problem("server-view-loading"));
      // The active client's server, its {{variables}} resolved as its connection's are.
      const config = resolveConnection(
        cloneConfig(forms.active.config),
        useEnvironmentsStore().variables(),
        forms.active.name,
      );
      const view = new loadedView.ServerView(
        config,
        { ...settings },
        {
          ownerOf: (clientId) => owners.get(clientId),
          onChange: schedule,
          ...(connection.relay() ? { relay: connection.relay() } : {}),
        },
      );
      const listing = new loadedView.ServerListing(view.model, (clientId) => owners.get(clientId));
      listing.sortSockets(socketSort.value);
      listing.sortRooms(roomSort.value);
      listing.searchSockets(socketQuery.value, roomScope.value);
      listing.searchRooms(roomQuery.value);
      const undo = feed.add(view);
      running = { view, listing, undo };
      view.start();
      refresh();
      void search();
    });
    return error.value === undefined;
  }

  function disconnect(): void {
    if (!running) return;
    running.view.dispose();
    running.listing.dispose();
    feed.flush();
    running.undo();
    running = undefined;
    status.value = IDLE;
    version.value++;
  }
  whileAlive(disconnect);

  /**
   * The view a scenario's server steps read, connected with the panel's settings if it is not running (a function's
   * result: the live view never enters reactive state). @throws Error when it cannot start
   */
  function forScenario(): ServerView {
    if (!running && !connectNow()) throw new InspectorError(error.value as Problem);
    return (running as { view: ServerView }).view;
  }

  /** Asks the server to act; a refusal is shown in the panel. */
  function act(
    operation: ServerOperation,
    nsp: string,
    target: { sid?: string; room?: string; event?: string; args?: unknown[] },
  ): boolean {
    error.value = captureProblem(() => {
      if (!running) fail("server-view-not-connected");
      running.view.act(operation, nsp, target);
    });
    return error.value === undefined;
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

  // Heard after the clients store has taken the preset (it was made first, and hears first): the URL's namespace
  // choice above ran, and the preset's own settings then stand.
  whileAlive(usePageEvents().on("presetApplied", (preset) => applyPreset(preset.serverView), { replay: true }));

  return {
    presetSettings,
    forScenario,
    ready,
    settings,
    error,
    status,
    connected,
    version,
    socketQuery,
    roomQuery,
    socketSort,
    roomSort,
    roomScope,
    selected,
    selectedRoom,
    selectedRoomEntry,
    socketCount,
    socketAt,
    roomCount,
    roomAt,
    membersOf,
    nameOf,
    nodeOf,
    fleet,
    nodes,
    selectedSocket,
    totals,
    namespaces,
    connect,
    disconnect,
    act,
    allows,
  };
});
