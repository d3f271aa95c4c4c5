import { defineStore } from "pinia";
import { computed, ref, shallowRef } from "vue";
import type { TimelineRecord } from "../model/records.js";
import { diagnoseProbe, diagnoseRecords, type Diagnosis } from "../doctor/diagnose.js";
import { handshakeUrl, probe } from "../doctor/probe.js";
import { useConnectionStore } from "./connection.js";
import { useTimelineStore } from "./timeline.js";

const NOTABLE = new Set<TimelineRecord["kind"]>(["connect_error", "close", "error", "reconnect_error"]);

/**
 * The connection doctor: reads the failures of the session (and, on the first transport error, probes the
 * Engine.IO path over HTTP) and says what is wrong, with the evidence and the fix.
 */
export const useDoctorStore = defineStore("doctor", () => {
  const connection = useConnectionStore();
  const timeline = useTimelineStore();
  const notable = shallowRef<TimelineRecord[]>([]);
  const probeFindings = shallowRef<Diagnosis[]>([]);
  const probing = ref(false);
  let probed = false;
  let connectedOnce = false;

  timeline.onFlush((records) => {
    const picked = records.filter((r) => NOTABLE.has(r.kind));
    if (picked.length) notable.value = [...notable.value, ...picked].slice(-50);
    if (records.some((r) => r.kind === "connect")) connectedOnce = true;
    // A connection that fails to open says little by itself ("xhr poll error", "parse error"): ask the server
    // directly, once.
    const failedToOpen = !connectedOnce && records.some((r) => r.kind === "error" || (r.kind === "close" && r.reason !== "forced close"));
    if (!probed && failedToOpen) {
      probed = true;
      void runChecks();
    }
  });

  // Each new connection starts with a clean slate.
  connection.$onAction(({ name, after }) => {
    if (name === "connect") {
      after(() => {
        notable.value = [];
        probeFindings.value = [];
        probed = false;
        connectedOnce = false;
      });
    }
  });

  const diagnoses = computed(() => [
    ...diagnoseRecords(notable.value, connection.config, typeof location === "undefined" ? "http:" : location.protocol),
    ...probeFindings.value,
  ]);

  /** Probes the configured Engine.IO path, and the default one when they differ. */
  async function runChecks(): Promise<void> {
    const { url, path } = connection.config;
    probing.value = true;
    try {
      const main = await probe(handshakeUrl(url, path || "/socket.io"));
      const normalized = `/${(path || "/socket.io").replace(/^\/+|\/+$/g, "")}`;
      const fallback = normalized !== "/socket.io" && main.kind !== "unreachable" ? await probe(handshakeUrl(url, "/socket.io")) : undefined;
      probeFindings.value = diagnoseProbe(main, connection.config, fallback);
    } catch (err) {
      probeFindings.value = [{ id: "probe-failed", title: "The checks could not run", explanation: (err as Error).message, evidence: [], fix: "Check the server URL." }];
    } finally {
      probing.value = false;
    }
  }

  return { diagnoses, probing, runChecks };
});
