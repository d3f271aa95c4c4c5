// What the doctor's checks tried and saw (the probes' results, engine-probe.ts), and how a probe reads as evidence.
import type { ProbeResult, WebSocketProbe } from "../connection/engine-probe.js";

/** Where the browser's limits are what stands in the way: the route that lifts them. */
export const RELAY_FIX =
  "Or set Route to “through the inspector's server” (the inspector opened with npx socketio-inspector): the server " +
  "is reached from Node, with no CORS, and headers go on the WebSocket upgrade too.";

/** What the checks tried and saw, for the diagnosis and for its evidence. */
export interface CheckReport {
  path: string;
  polling: ProbeResult;
  websocket?: WebSocketProbe;
  /** The default path, probed when the configured one is not it and held no Engine.IO server. */
  fallback?: { polling?: ProbeResult; websocket?: WebSocketProbe };
  /** Paths servers are often given, tried over WebSocket when the configured one held nothing: those that answered. */
  elsewhere?: Array<{ path: string; probe: WebSocketProbe }>;
  /** With credentials on and an unreadable answer: the same request without them (does the origin pass alone?). */
  withoutCredentials?: ProbeResult;
  /** An https:// (wss://) URL that got no answer: the same host and port over plain http. */
  plainHttp?: ProbeResult;
}

/** Paths servers are often given, besides the default: a WebSocket handshake at one of them tells where the server is. */
export const COMMON_PATHS = ["/socket.io", "/ws", "/socket", "/io", "/realtime", "/sockets", "/api/socket.io"];

export const normalizePath = (path: string) => `/${(path || "/socket.io").replace(/^\/+|\/+$/g, "")}`;
export const where = (url: string) => url.replace(/\?.*$/, "");
export const isEngineHandshake = (body: string) => /^0\{"sid":/.test(body) || /^\d+:0\{/.test(body);

export function describeProbe(result: ProbeResult | WebSocketProbe | undefined): string {
  if (!result) return "";
  const ws = result.url.startsWith("ws");
  const head = `${ws ? "WebSocket" : "GET"} ${where(result.url)}`;
  switch (result.kind) {
    case "answer":
      return `${head}: HTTP ${result.status}, body starts ${JSON.stringify(result.body.slice(0, 60))} (${result.ms} ms)`;
    case "cors-blocked":
      return `${head}: answered, but unreadable from this page (no CORS header for its origin) (${result.ms} ms)`;
    case "unreachable":
      return `${head}: no answer (${result.message}) after ${result.ms} ms`;
    case "timeout":
      return `${head}: no answer within ${result.ms} ms`;
    case "not-made":
      return `${head}: not made (${result.reason})`;
    case "handshake":
      return (
        `${head}: Engine.IO handshake ${JSON.stringify(result.text.slice(0, 80))}` +
        `${result.next ? `, then ${JSON.stringify(result.next)}` : ""} (${result.ms} ms)`
      );
    case "refused":
      return `${head}: closed before any message: refused, or no WebSocket server there (${result.ms} ms)`;
  }
}
