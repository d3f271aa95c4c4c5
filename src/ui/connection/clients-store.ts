import { defineStore } from "pinia";
import { computed, ref, shallowRef } from "vue";
import {
  cloneConfig,
  defaultConfig,
  normalizeNamespace,
  parseAuth,
  type ClientConfig,
  type ConnectionConfig,
  type NamespaceConfig,
} from "../../core/connection/config.js";
import { fail } from "../../core/shared/errors.js";
import { clientsFrom } from "../../core/presets/format.js";
import { useFeedStore } from "../feed/store.js";
import { DEMO_NAMESPACES, demoUrl, startUrl } from "./demo.js";
import { usePageEvents } from "../shell/page-events.js";
import { whileAlive } from "../shared/scope.js";

/** The name of the first client, and the stem of the names offered to the next ones. */
export const FIRST_CLIENT = "client 1";

/** A form for `url`: the demo's namespaces when it is the demo's, else "/" alone. */
function formFor(url: string): ConnectionConfig {
  const config = defaultConfig(url);
  const demo = demoUrl();
  config.namespaces =
    demo !== undefined && sameOrigin(url, demo)
      ? DEMO_NAMESPACES.map((nsp) => ({ nsp, auth: "" }))
      : [{ nsp: "/", auth: "" }];
  return config;
}

/**
 * The form at start: what the page's query names (`?url=...&path=...`, as the same-origin proxy opens it), else the
 * demo server the page was told of, else Socket.IO's default address (demo.ts). A query only fills the form; nothing
 * connects before the user asks.
 */
function initialConfig(): ConnectionConfig {
  const params = typeof location !== "undefined" ? new URLSearchParams(location.search) : new URLSearchParams();
  const config = params.has("url") ? defaultConfig(params.get("url") as string) : formFor(startUrl());
  const path = params.get("path");
  if (path) config.path = path;
  if (params.has("url")) config.namespaces = [{ nsp: "/", auth: "" }];
  return config;
}

/** Whether two URLs name the same origin (false when either is not a URL). */
export function sameOrigin(a: string | undefined, b: string): boolean {
  try {
    return !!a && new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}

/**
 * The clients' forms: plain data, one per client, and the one on screen (the active client). What a change means
 * for a running client (a rename, a removal, every client replaced by a preset's) is announced through the feed,
 * and the connection store (the live clients) acts on it. A preset applied is heard on the page's events. Actions that can be refused throw an Error naming why.
 */
export const useClientsStore = defineStore("clients", () => {
  const feed = useFeedStore();
  const clients = ref<ClientConfig[]>([{ name: FIRST_CLIENT, config: initialConfig() }]);
  const activeName = ref(FIRST_CLIENT);

  const active = computed(
    () => clients.value.find((c) => c.name === activeName.value) ?? (clients.value[0] as ClientConfig),
  );
  /** The active client's form: what the connection form and the namespace list edit. */
  const config = computed<ConnectionConfig>({
    get: () => active.value.config,
    set: (next) => (active.value.config = next),
  });
  const names = computed(() => clients.value.map((c) => c.name));
  const clientOf = (name: string) => clients.value.find((c) => c.name === name);

  /** A name for the next client that is not taken: "client 2", "client 3", ... */
  function freeClientName(): string {
    for (let i = clients.value.length + 1; ; i++) if (!clientOf(`client ${i}`)) return `client ${i}`;
  }

  function checkClientName(name: string, except?: string): string {
    const n = name.trim();
    if (!n) fail("client-name-missing");
    if (n.length > 60) fail("client-name-too-long", { max: 60 });
    if (n !== except && clientOf(n)) fail("client-name-taken", { name: n });
    return n;
  }

  /** Adds a client with its own name and a form like the active one's (it connects when asked). @throws Error */
  function addClient(name: string): void {
    const n = checkClientName(name);
    clients.value.push({ name: n, config: cloneConfig(active.value.config) });
    activeName.value = n;
  }

  /** The client of a name, made as a copy of the first when there is none (a scenario's step may name it). */
  function ensureClient(name: string): ClientConfig {
    const found = clientOf(name);
    if (found) return found;
    const made = { name, config: cloneConfig((clients.value[0] as ClientConfig).config) };
    clients.value.push(made);
    return made;
  }

  /**
   * Renames the active client, connected or not: a name is a label. Its rows so far keep the old name; what follows
   * carries the new one. @throws Error naming what is wrong with the name (nothing changes then)
   */
  function renameClient(name: string): void {
    const from = active.value.name;
    const n = checkClientName(name, from);
    if (n === from) return;
    active.value.name = n;
    activeName.value = n;
    feed.announce({ kind: "renamed", from, to: n });
  }

  /** Removes the active client (a running one stops); the last client stays. @throws Error */
  function removeClient(): void {
    if (clients.value.length === 1) fail("last-client-stays");
    const name = active.value.name;
    feed.announce({ kind: "removed", client: name });
    clients.value = clients.value.filter((c) => c.name !== name);
    activeName.value = (clients.value[0] as ClientConfig).name;
  }

  function selectClient(name: string): void {
    if (clientOf(name)) activeName.value = name;
  }

  /** Replaces every client (a preset): running ones stop first. */
  function setClients(next: ClientConfig[]): void {
    feed.announce({ kind: "replaced" });
    clients.value = next.length ? next : [{ name: FIRST_CLIENT, config: formFor(startUrl()) }];
    activeName.value = (clients.value[0] as ClientConfig).name;
    leftOut.value = null;
  }

  /** Adds a namespace to the active client's list. @throws Error naming what is wrong (a duplicate, bad auth) */
  function addNamespace(name: string, auth: string): NamespaceConfig {
    const nsp = normalizeNamespace(name);
    if (nsp === "/" && name.trim() === "") fail("namespace-name-missing");
    if (config.value.namespaces.some((n) => n.nsp === nsp)) fail("namespace-in-list", { nsp });
    const ns = { nsp, auth };
    parseAuth(ns); // refuses an auth that is not a JSON object, naming the namespace
    config.value.namespaces.push(ns);
    return ns;
  }

  function removeNamespace(nsp: string): void {
    config.value.namespaces = config.value.namespaces.filter((n) => n.nsp !== nsp);
  }

  /** A namespace of the active client's list. */
  const namespaceOf = (nsp: string) => config.value.namespaces.find((n) => n.nsp === nsp);

  /** Changes the auth of a namespace; it is sent on its next (re)connection. */
  function setNamespaceAuth(nsp: string, auth: string): void {
    const ns = namespaceOf(nsp);
    if (ns) ns.auth = auth;
  }

  /** Changes the query of a namespace (what a v2 server reads); it is sent on its next connection. */
  function setNamespaceQuery(nsp: string, query: string): void {
    const ns = namespaceOf(nsp);
    if (ns) ns.query = query;
  }

  /**
   * A page told of a demo starts with the demo server's namespaces. Pointed at another server, they would be opened
   * there by accident: the list starts from "/" alone, and the user may keep the demo's instead.
   */
  const leftOut = shallowRef<NamespaceConfig[] | null>(null);
  /** Sets the Server URL as the user types it (a preset sets the whole form instead, namespaces included). */
  function setUrl(url: string): void {
    const previous = config.value.url;
    config.value.url = url;
    const demoAt = demoUrl();
    if (demoAt === undefined || !sameOrigin(previous, demoAt) || sameOrigin(url, demoAt)) return;
    const demo = formFor(demoAt).namespaces;
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

  // A preset applied (Load, a link's Use this preset) replaces every client by its own. Last: a preset applied
  // before this store was made is taken at once, with everything above in place.
  whileAlive(usePageEvents().on("presetApplied", (preset) => setClients(clientsFrom(preset)), { replay: true }));

  return {
    clients,
    activeName,
    active,
    names,
    config,
    leftOut,
    clientOf,
    namespaceOf,
    freeClientName,
    addClient,
    ensureClient,
    renameClient,
    removeClient,
    selectClient,
    setClients,
    addNamespace,
    removeNamespace,
    setNamespaceAuth,
    setNamespaceQuery,
    setUrl,
    keepDemoNamespaces,
  };
});
