import { defineStore } from "pinia";
import { computed, ref, shallowRef } from "vue";
import { diagnoseChecks, diagnoseConfig, runChecks, type Diagnosis } from "./diagnose.js";
import { SessionWatch, type Finding } from "./session-watch.js";
import type { TimelineRecord } from "../feed/records.js";
import { cloneConfig } from "../connection/config.js";
import { useConnectionStore } from "../connection/store.js";
import { useTimelineStore } from "../timeline/store.js";

/**
 * The connection doctor: reads the session's records as they come (rule by rule, with a life cycle: a finding is
 * resolved when its condition goes away) and, when the connection does not even open, checks the server over HTTP
 * and WebSocket. It listens to the records themselves, not to the timeline's view, so Pause does not stop it.
 */
export const useDoctorStore = defineStore("doctor", () => {
  const connection = useConnectionStore();
  const timeline = useTimelineStore();
  let watch = new SessionWatch(connection.config.parser);
  const sessionFindings = shallowRef<Finding[]>([]);
  const checkFindings = shallowRef<Finding[]>([]);
  const probing = ref(false);
  let checked = false;
  let connectedOnce = false;
  let run = 0;

  timeline.onRecords((records: readonly TimelineRecord[]) => {
    if (watch.ingest(records)) sessionFindings.value = watch.list();
    for (const r of records) {
      if (r.kind !== "connect") continue;
      connectedOnce = true;
      // The connection works now: what the checks found before is over.
      const open = checkFindings.value.filter((f) => f.resolvedAt === undefined);
      if (open.length)
        checkFindings.value = checkFindings.value.map((f) =>
          f.resolvedAt === undefined
            ? { ...f, resolvedAt: r.t, resolution: `connected at ${new Date(r.t).toISOString().slice(11, 23)}` }
            : f,
        );
    }
    // A connection that fails to open says little by itself ("xhr poll error", "parse error"): ask the server
    // directly, once per connection.
    const failedToOpen =
      !connectedOnce && records.some((r) => r.kind === "error" || (r.kind === "close" && r.reason !== "forced close"));
    if (!checked && failedToOpen) {
      checked = true;
      void runAllChecks();
    }
  });

  // Each new connection starts with a clean slate.
  connection.$onAction(({ name, after }) => {
    if (name !== "connect") return;
    after(() => {
      watch = new SessionWatch(connection.config.parser);
      sessionFindings.value = [];
      checkFindings.value = [];
      checked = connectedOnce = false;
      run++;
    });
  });

  const pageProtocol = () => (typeof location === "undefined" ? "http:" : location.protocol);
  const pageOrigin = () => (typeof location === "undefined" ? "this page's origin" : location.origin);

  /** Open findings first, then the resolved ones (newest first), for the panel. */
  const diagnoses = computed<Finding[]>(() => {
    const all: Finding[] = [
      ...diagnoseConfig(connection.config, pageProtocol()).map((d) => ({ ...d, since: 0 })),
      ...sessionFindings.value,
      ...checkFindings.value,
    ];
    return [
      ...all.filter((f) => f.resolvedAt === undefined),
      ...all
        .filter((f) => f.resolvedAt !== undefined)
        .sort((a, b) => (b.resolvedAt as number) - (a.resolvedAt as number)),
    ];
  });

  /** Checks the configured Engine.IO path over HTTP and WebSocket (and /socket.io when the path differs). */
  async function runAllChecks(): Promise<void> {
    const config = cloneConfig(connection.config);
    const thisRun = run;
    probing.value = true;
    try {
      const report = await runChecks(config, pageProtocol());
      if (thisRun !== run) return;
      const now = Date.now();
      checkFindings.value = diagnoseChecks(report, config, pageOrigin()).map((d: Diagnosis) => ({
        ...d,
        id: `check:${d.id}`,
        since: now,
      }));
    } catch (err) {
      checkFindings.value = [
        {
          id: "check:failed",
          severity: "unchecked",
          title: "The checks could not run",
          explanation: (err as Error).message,
          evidence: [],
          fix: "Check the server URL.",
          since: Date.now(),
        },
      ];
    } finally {
      probing.value = false;
    }
  }

  return { diagnoses, probing, runChecks: runAllChecks };
});
