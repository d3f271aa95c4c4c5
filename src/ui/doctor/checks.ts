import type { ConnectionConfig } from "../../core/connection/config.js";
import {
  COMMON_PATHS,
  diagnoseConfig,
  isEngineHandshake,
  normalizePath,
  type CheckReport,
} from "../../core/doctor/diagnose.js";
import { handshakeUrl, probeHttp, probeWebSocket, type ProbeOptions } from "../../core/connection/engine-probe.js";

/**
 * Runs the checks a failed connection calls for: HTTP at the configured path (with the session's headers), then,
 * when that answer is unreadable or not Engine.IO, a WebSocket there, and both at /socket.io when the path differs.
 */
export async function runChecks(config: ConnectionConfig, pageProtocol: string): Promise<CheckReport> {
  const path = normalizePath(config.path);
  const options: ProbeOptions = { headers: headersOf(config), withCredentials: config.withCredentials };
  if (diagnoseConfig(config, pageProtocol).length) {
    return {
      path,
      polling: {
        kind: "not-made",
        url: handshakeUrl(config.url, path),
        reason: "the page is https and the server http: the browser blocks it (mixed content)",
      },
    };
  }
  const polling = await probeHttp(handshakeUrl(config.url, path), options);
  const report: CheckReport = { path, polling };
  const websocketOnly = !config.transports.includes("polling");
  if (polling.kind === "answer" && isEngineHandshake(polling.body)) {
    // Polling works; a session on WebSocket alone needs its WebSocket checked as well (a proxy may not upgrade).
    if (websocketOnly) report.websocket = await probeWebSocket(handshakeUrl(config.url, path, "websocket"));
    return report;
  }
  if (polling.kind === "unreachable") {
    // TLS to a server that speaks plain http fails like a closed port: ask the same host and port over http.
    if (/^(https|wss):/i.test(config.url))
      report.plainHttp = await probeHttp(handshakeUrl(config.url.replace(/^(https|wss):/i, "http:"), path), options);
    return report;
  }
  if (polling.kind === "cors-blocked" && config.withCredentials)
    report.withoutCredentials = await probeHttp(handshakeUrl(config.url, path), { ...options, withCredentials: false });
  // A server that hangs on HTTP (a bare http.createServer() has no answer for other paths) may still take a
  // WebSocket: the checks go on to the WebSocket and the usual paths, as for a 404.
  report.websocket = await probeWebSocket(handshakeUrl(config.url, path, "websocket"));
  if (report.websocket.kind === "handshake") return report;
  if (path !== "/socket.io") {
    const fallbackPolling = await probeHttp(handshakeUrl(config.url, "/socket.io"), options);
    const readable = fallbackPolling.kind === "answer" && isEngineHandshake(fallbackPolling.body);
    report.fallback = {
      polling: fallbackPolling,
      ...(readable ? {} : { websocket: await probeWebSocket(handshakeUrl(config.url, "/socket.io", "websocket")) }),
    };
    if (readable || report.fallback.websocket?.kind === "handshake") return report;
  }
  // Nothing at the configured path: look where servers are often mounted, all at once.
  const others = COMMON_PATHS.filter((p) => p !== path && p !== "/socket.io");
  const probes = await Promise.all(others.map((p) => probeWebSocket(handshakeUrl(config.url, p, "websocket"))));
  report.elsewhere = probes
    .map((probe, i) => ({ path: others[i] as string, probe }))
    .filter((e) => e.probe.kind === "handshake");
  return report;
}

/** The session's extra headers, as a probe sends them. */
function headersOf(config: ConnectionConfig): Record<string, string> | undefined {
  const list = (config.extraHeaders ?? []).filter((h) => h.name.trim());
  return list.length ? Object.fromEntries(list.map((h) => [h.name.trim(), h.value])) : undefined;
}
