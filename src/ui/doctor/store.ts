import { defineStore } from "pinia";
import { computed, ref, shallowRef } from "vue";
import { cloneConfig, type ConnectionConfig } from "../../core/connection/config.js";
import { useConnectionStore } from "../connection/store.js";
import { useClientsStore } from "../connection/clients-store.js";
import type { TimelineRecord } from "../../core/feed/records.js";
import { useFeedStore, type ClientEvent } from "../feed/store.js";
import { takeDoctorInbox } from "./inbox.js";
import { clockTime } from "../../core/shared/dates.js";
import { SessionWatch, type Finding } from "../../core/doctor/session-watch.js";
import { problemOf, words } from "../../core/shared/errors.js";
import { CLOSE_REASONS } from "../../core/shared/peer-words.js";
import { resolveConnection } from "../../core/variables/resolve.js";
import { useEnvironmentsStore } from "../environments/store.js";
import { whileAlive } from "../shared/scope.js";
import { useServerViewStore } from "../server-view/store.js";
import { serverViewFindings } from "../../core/server-view/findings.js";

/** What the doctor knows of one client: its watch over the records, and what its checks found. */
interface ClientCase {
  watch: SessionWatch;
  checks: Finding[];
  checked: boolean;
  connectedOnce: boolean;
  /** Bumped at each new connection of the client: a check that started before it is not shown after it. */
  run: number;
  /** The server answered a handshake on this connection. */
  handshaken?: boolean;
}

/** How long a connection may wait for the server's handshake before the doctor checks the server itself. */
const SILENCE_MS = 4000;

/**
 * The checks and their diagnosis, a chunk of their own: fetched as the store starts, read when the panel shows or a
 * connection fails (the first screen draws without them).
 */
const loadDiagnosis = () =>
  Promise.all([import("../../core/doctor/diagnose.js"), import("./checks.js")]).then(([diagnose, checks]) => ({
    ...diagnose,
    runChecks: checks.runChecks,
  }));
type Diagnosis = Awaited<ReturnType<typeof loadDiagnosis>>;

/** Findings of the client, each shown with the client's name when there are several. */
export type ClientFinding = Finding & { client?: string };

/**
 * The connection doctor: reads each client's records as they come (rule by rule, with a life cycle: a finding is
 * resolved when its condition goes away) and, when a client's connection does not even open, checks its server over
 * HTTP and WebSocket. It listens to the live feed, not to the timeline's view, so Pause does not stop it.
 */
export const useDoctorStore = defineStore("doctor", () => {
  const connection = useConnectionStore();
  const serverView = useServerViewStore();
  const forms = useClientsStore();
  const feed = useFeedStore();
  const cases = new Map<string, ClientCase>();
  /** The timer of each client's wait for a handshake: all cleared with the store. */
  const silences = new Map<string, ReturnType<typeof setTimeout>>();
  whileAlive(() => silences.forEach((timer) => clearTimeout(timer)));
  /** Bumped when any client's findings change: the panel reads through it. */
  const changes = shallowRef(0);
  const probing = ref(false);
  /** Checks of a server run to their end (whatever they found): what says that a check asked for is done. */
  const checksFinished = ref(0);
  /** The rules, once their chunk is here: before, the findings from a connection's settings are not listed yet. */
  const diagnosis = shallowRef<Diagnosis>();
  const diagnosisLoaded = loadDiagnosis().then((d) => (diagnosis.value = d));
  // A failed fetch is said by the check that needs it ("The checks could not run"), not as an unhandled rejection.
  diagnosisLoaded.catch(() => undefined);

  function caseOf(client: string): ClientCase {
    let c = cases.get(client);
    if (!c) {
      const config = forms.clients.find((x) => x.name === client)?.config;
      c = {
        watch: new SessionWatch({
          parser: config?.parser ?? "default",
          serverVersion: config?.serverVersion ?? "auto",
        }),
        checks: [],
        checked: false,
        connectedOnce: false,
        run: 0,
      };
      cases.set(client, c);
    }
    return c;
  }

  function onRecords(records: readonly TimelineRecord[]): void {
    let changed = false;
    const byClient = new Map<string, TimelineRecord[]>();
    for (const r of records) {
      const list = byClient.get(r.client ?? "") ?? [];
      list.push(r);
      byClient.set(r.client ?? "", list);
    }
    for (const [client, list] of byClient) {
      const c = caseOf(client);
      changed = c.watch.ingest(list) || changed;
      if (list.some((r) => r.kind === "handshake")) c.handshaken = true;
      const connected = list.find((r) => r.kind === "connect");
      if (connected) {
        c.connectedOnce = true;
        // The connection works now: what the checks found before is over.
        if (c.checks.some((f) => f.resolvedAt === undefined)) {
          c.checks = c.checks.map((f) =>
            f.resolvedAt === undefined
              ? { ...f, resolvedAt: connected.t, resolution: `connected at ${clockTime(connected.t)}` }
              : f,
          );
          changed = true;
        }
      }
      // A connection that fails to open says little by itself ("xhr poll error", "parse error"): ask the server
      // directly, once per connection.
      const failedToOpen =
        !c.connectedOnce &&
        list.some((r) => r.kind === "error" || (r.kind === "close" && r.reason !== CLOSE_REASONS.forcedClose));
      if (!c.checked && failedToOpen) {
        c.checked = true;
        void check(client);
      }
    }
    if (changed) changes.value++;
  }

  // Each new connection of a client (a Connect, Connect all, a scenario's connect step) starts with a clean slate
  // for it; a renamed client keeps its findings under its new name.
  function onClientEvent(event: ClientEvent): void {
    if (event.kind === "started") {
      const run = (cases.get(event.client)?.run ?? 0) + 1;
      cases.delete(event.client);
      caseOf(event.client).run = run;
      // A server that never answers the handshake gives no record to read for as long as the connect timeout
      // (20 s by default): the checks start after a few seconds of silence instead.
      clearTimeout(silences.get(event.client));
      const timer = setTimeout(() => {
        const c = cases.get(event.client);
        if (c && c.run === run && !c.handshaken && !c.checked) {
          c.checked = true;
          void check(event.client);
        }
      }, SILENCE_MS);
      silences.set(event.client, timer);
    } else if (event.kind === "renamed") {
      const c = cases.get(event.from);
      cases.delete(event.from);
      if (c) cases.set(event.to, c);
    } else return;
    changes.value++;
  }

  const pageProtocol = () => (typeof location === "undefined" ? "http:" : location.protocol);
  const pageOrigin = () => (typeof location === "undefined" ? "this page's origin" : location.origin);

  /** Open findings first, then the resolved ones (newest first), for the panel. */
  const diagnoses = computed<ClientFinding[]>(() => {
    void changes.value;
    const several = forms.clients.length > 1;
    const all: ClientFinding[] = [];
    for (const client of forms.clients) {
      const named = (f: Finding): ClientFinding =>
        several ? { ...f, client: client.name, title: `${client.name}: ${f.title}` } : f;
      for (const d of diagnosis.value?.diagnoseConfig(client.config, pageProtocol()) ?? [])
        all.push(named({ ...d, since: 0 }));
      const c = cases.get(client.name);
      if (c) for (const f of [...c.watch.list(), ...c.checks]) all.push(named(f));
    }
    for (const f of serverViewFindings(serverView.status, serverView.settings.namespace)) all.push(f);
    const resolved = all
      .filter((f) => f.resolvedAt !== undefined)
      .sort((a, b) => (b.resolvedAt as number) - (a.resolvedAt as number));
    return [...all.filter((f) => f.resolvedAt === undefined), ...resolved];
  });

  /** Checks a client's Engine.IO path over HTTP and WebSocket (and /socket.io when the path differs). */
  function check(client: string): Promise<void> {
    return checkServer(client).finally(() => checksFinished.value++);
  }

  async function checkServer(client: string): Promise<void> {
    const entry = forms.clients.find((c) => c.name === client);
    if (!entry) return;
    let config: ConnectionConfig;
    try {
      // The server the client reaches: its {{variables}} resolved as its connection's are (one that cannot be is
      // said by Connect, which refuses it).
      config = resolveConnection(cloneConfig(entry.config), useEnvironmentsStore().variables(), client);
    } catch {
      return;
    }
    // Through the local server, the page's own requests would test another path than the connection's: the relay
    // says why it could not reach the server instead (an "unreachable" note, read by the watch).
    if (config.route === "relay") return;
    const c = caseOf(client);
    const run = c.run;
    probing.value = true;
    try {
      const { runChecks, diagnoseChecks, againstWorkingConnection } = await diagnosisLoaded;
      const report = await runChecks(config, pageProtocol());
      if (caseOf(client).run !== run) return;
      const now = Date.now();
      const working = connection.statuses[client]?.state === "open";
      const found = diagnoseChecks(report, config, pageOrigin());
      c.checks = (working ? againstWorkingConnection(found) : found).map((d) => ({
        ...d,
        id: `check:${d.id}`,
        since: now,
      }));
    } catch (err) {
      c.checks = [
        {
          id: "check:failed",
          severity: "unchecked",
          title: "The checks could not run",
          explanation: words(problemOf(err)),
          evidence: [],
          fix: "Check the server URL.",
          since: Date.now(),
        },
      ];
    } finally {
      probing.value = false;
      changes.value++;
    }
  }

  /** Runs the checks for the active client now. */
  const runChecksNow = () => check(forms.activeName);

  // What came before the doctor's code arrived (the page keeps it from its start), read first and in order.
  for (const early of takeDoctorInbox()) {
    if (early.kind === "records") onRecords(early.records);
    else onClientEvent(early.event);
  }
  whileAlive(feed.subscribe(onRecords));
  whileAlive(feed.onClient(onClientEvent));

  const rulesLoaded = computed(() => diagnosis.value !== undefined);

  return { diagnoses, probing, checksFinished, rulesLoaded, runChecks: runChecksNow };
});
