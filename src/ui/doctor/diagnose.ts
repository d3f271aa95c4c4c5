import type { TimelineRecord } from "../model/records.js";
import { preview } from "../model/preview.js";
import type { ConnectionConfig } from "../session/config.js";
import type { ProbeResult } from "./probe.js";

/** One finding of the connection doctor: what happened in plain words, the evidence, and the fix. */
export interface Diagnosis {
  id: string;
  title: string;
  explanation: string;
  evidence: string[];
  fix: string;
}

function isLoopback(url: string): boolean {
  try {
    const host = new URL(url.replace(/^ws/i, "http")).hostname;
    return host === "localhost" || host.endsWith(".localhost") || /^127\./.test(host) || host === "[::1]";
  } catch {
    return false;
  }
}

const isEio4Handshake = (body: string) => /^0\{"sid":/.test(body);
/** Engine.IO 3 (Socket.IO v2) frames polling payloads with a length prefix: `96:0{"sid":...`. */
const isEio3Handshake = (body: string) => /^\d+:0\{"sid":/.test(body) || /^\d+:0\{/.test(body);

/** Findings from the records of the session: refusals, reasons for closing, error bodies. */
export function diagnoseRecords(records: readonly TimelineRecord[], config: ConnectionConfig, pageProtocol: string): Diagnosis[] {
  const out: Diagnosis[] = [];
  const seen = new Set<string>();
  const add = (d: Diagnosis) => {
    if (!seen.has(d.id)) {
      seen.add(d.id);
      out.push(d);
    }
  };
  // Browsers treat loopback as secure: an https page may still reach http://localhost or 127.0.0.1.
  if (pageProtocol === "https:" && /^(http|ws):/i.test(config.url) && !isLoopback(config.url)) {
    add({
      id: "mixed-content",
      title: "Mixed content: an https page cannot open http:// or ws:// connections",
      explanation: `This inspector page is served over https, and the server URL ${config.url} is not: the browser blocks such requests before they leave.`,
      evidence: [`page: ${pageProtocol}//`, `server URL: ${config.url}`],
      fix: "Use https:// (wss://) for the server, or open the inspector over http (npm run dev, or the same-origin proxy).",
    });
  }
  for (const r of records) {
    if (r.kind === "connect_error" && !r.active) {
      if (r.error?.message === "Invalid namespace") {
        add({
          id: `invalid-namespace:${r.nsp}`,
          title: `The server has no namespace ${r.nsp}`,
          explanation: `The server answered the CONNECT of ${r.nsp} with "Invalid namespace": nothing on the server serves that name.`,
          evidence: [`connect_error on ${r.nsp}: Invalid namespace`],
          fix: `Check the spelling, or create it on the server: io.of("${r.nsp}").`,
        });
      } else {
        add({
          id: `refused:${r.nsp}`,
          title: `The server's middleware refused ${r.nsp}`,
          explanation: `A middleware of ${r.nsp} called next(err): the socket will not retry by itself.`,
          evidence: [`message: ${r.error?.message ?? ""}`, ...(r.error?.data === undefined ? [] : [`data: ${preview(r.error.data)}`])],
          fix: "Send what the middleware expects (usually auth: set the namespace's Auth JSON), then connect the namespace again.",
        });
      }
    }
    if ((r.kind === "error" || r.kind === "close" || r.kind === "reconnect_error") && r.error?.body?.includes("Session ID unknown")) {
      add({
        id: "sticky",
        title: "Session ID unknown: requests reach a server that does not know this session",
        explanation: "The handshake went to one server process and a later polling request to another. This happens behind a load balancer without sticky sessions, with several processes or machines.",
        evidence: [`HTTP ${r.error.description ?? ""}: ${r.error.body}`],
        fix: "Enable sticky sessions on the load balancer (nginx: ip_hash or hash by sid), or use WebSocket only (untick polling): a WebSocket stays on one server.",
      });
    }
    if (r.kind === "close" && r.reason === "ping timeout") {
      add({
        id: "ping-timeout",
        title: "Ping timeout: the server stopped sending pings",
        explanation: "No ping came within pingInterval + pingTimeout. The server is paused, overloaded or unreachable, while the connection itself was not reported closed.",
        evidence: ["close: ping timeout"],
        fix: "Look at the server's event loop (a long synchronous task, a debugger pause) or at a proxy that buffers; the client reconnects by itself.",
      });
    }
    if (r.kind === "close" && (r.reason === "transport close" || r.reason === "transport error")) {
      add({
        id: "transport-cut",
        title: r.reason === "transport close" ? "The transport was closed" : "The transport failed",
        explanation: `The connection itself ended (${r.reason}${r.error ? `: ${r.error.message}` : ""}), unlike a ping timeout where it stays open but silent.`,
        evidence: [`close: ${r.reason}${r.error?.description !== undefined ? ` (${r.error.description})` : ""}`],
        fix: "A server restart, a network change or a proxy's idle timeout; the client reconnects by itself. Connection state recovery, if the server enables it, restores the session.",
      });
    }
  }
  return out;
}

/** Findings from HTTP probes: the configured path, and the default path when that differs. */
export function diagnoseProbe(result: ProbeResult, config: ConnectionConfig, defaultPathResult?: ProbeResult): Diagnosis[] {
  const where = result.url.replace(/\?.*$/, "");
  if (result.kind === "unreachable") {
    return [
      {
        id: "unreachable",
        title: `Nothing is listening at ${new URL(result.url).host}`,
        explanation: "The request did not get any answer: no server on that host and port (or a TLS handshake that failed).",
        evidence: [`GET ${where} failed after ${result.ms} ms: ${result.message}`],
        fix: "Start the server, or check the URL's host and port (and the certificate, for https).",
      },
    ];
  }
  if (defaultPathResult?.kind === "answer" && isEio4Handshake(defaultPathResult.body) && !(result.kind === "answer" && isEio4Handshake(result.body))) {
    return [
      {
        id: "wrong-path",
        title: `No Engine.IO server at ${config.path}; there is one at /socket.io`,
        explanation: `The server answers the default path /socket.io, not the path set here (${config.path}).`,
        evidence: [result.kind === "answer" ? `GET ${where}: HTTP ${result.status}` : `GET ${where}: no readable answer`, `GET ${defaultPathResult.url.replace(/\?.*$/, "")}: Engine.IO handshake`],
        fix: "Set Path to /socket.io (or to the path option of the server).",
      },
    ];
  }
  if (result.kind === "cors-blocked") {
    return [
      {
        id: "cors",
        title: "CORS: the server answers, but not to this page's origin",
        explanation: `The server responded to a request from ${typeof location === "undefined" ? "this page" : location.origin}, without the Access-Control-Allow-Origin header that lets the page read it. Polling fails this way (the error is a bare "xhr poll error"); WebSocket is not subject to CORS, so websocket-only would work.`,
        evidence: [`GET ${where}: the answer is opaque to the page (CORS)`, `took ${result.ms} ms`],
        fix: 'Allow the origin on the server (new Server(http, { cors: { origin: "<this origin>" } })), or untick polling, or use the same-origin proxy (npm run inspect -- <server url>).',
      },
    ];
  }
  if (isEio3Handshake(result.body)) {
    return [
      {
        id: "v2",
        title: "This is a Socket.IO v2 server (Engine.IO 3)",
        explanation: "Its handshake uses the Engine.IO 3 framing (a length prefix), and Server version is set to v3 / v4, which such a server does not understand.",
        evidence: [`GET ${where}: HTTP ${result.status}, body starts ${JSON.stringify(result.body.slice(0, 40))}`],
        fix: "Set Server version to auto or v2: the inspector then speaks Socket.IO v2 with it.",
      },
    ];
  }
  if (!isEio4Handshake(result.body)) {
    return [
      {
        id: "wrong-path",
        title: `No Engine.IO server at ${config.path}`,
        explanation: "Something answers on that host, but not an Engine.IO handshake.",
        evidence: [`GET ${where}: HTTP ${result.status}, body starts ${JSON.stringify(result.body.slice(0, 60))}`],
        fix: "Check Path (the server's path option, /socket.io by default) and that the URL points at the Socket.IO server.",
      },
    ];
  }
  return [];
}
