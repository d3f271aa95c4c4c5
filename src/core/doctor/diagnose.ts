import type { ProbeResult, WebSocketProbe } from "../connection/engine-probe.js";
import type { ConnectionConfig } from "../connection/config.js";
import { FIXES, UNKNOWN_SERVER, identifyFromText, type ServerKind } from "./server-kind.js";

/** What a probe of the Engine.IO path saw (core/connection/engine-probe.ts makes them). */
export type { ProbeResult, WebSocketProbe };

/** One finding of the connection doctor: what happened in plain words, the evidence, and the fix. */
/** Where the browser's limits are what stands in the way: the route that lifts them. */
export const RELAY_FIX =
  "Or set Route to “through the inspector's server” (the inspector opened with npx socketio-inspector): the server " +
  "is reached from Node, with no CORS, and headers go on the WebSocket upgrade too.";

export interface Diagnosis {
  id: string;
  title: string;
  explanation: string;
  evidence: string[];
  fix: string;
  /** "problem": something is wrong; "unchecked": a check could not be made (said with its reason, never guessed). */
  severity?: "problem" | "unchecked";
  /** What the server is, when it could be told. */
  server?: string;
}

function isLoopback(url: string): boolean {
  try {
    const host = new URL(url.replace(/^ws/i, "http")).hostname;
    return host === "localhost" || host.endsWith(".localhost") || /^127\./.test(host) || host === "[::1]";
  } catch {
    return false;
  }
}

/** Findings from the configuration alone, before anything is sent. */
export function diagnoseConfig(config: ConnectionConfig, pageProtocol: string): Diagnosis[] {
  // Browsers treat loopback as secure: an https page may still reach http://localhost or 127.0.0.1. Through the
  // local server, the page talks to loopback only.
  if (
    config.route !== "relay" &&
    pageProtocol === "https:" &&
    /^(http|ws):/i.test(config.url) &&
    !isLoopback(config.url)
  ) {
    return [
      {
        id: "mixed-content",
        title: "Mixed content: an https page cannot open http:// or ws:// connections",
        explanation: `This inspector page is served over https, and the server URL ${config.url} is not: the browser blocks such requests before they leave.`,
        evidence: [`page: ${pageProtocol}//`, `server URL: ${config.url}`],
        fix: "Use https:// (wss://) for the server, or open the inspector over http (npm run dev, or the same-origin proxy).",
      },
    ];
  }
  return [];
}

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
const where = (url: string) => url.replace(/\?.*$/, "");
export const isEngineHandshake = (body: string) => /^0\{"sid":/.test(body) || /^\d+:0\{/.test(body);

function describeProbe(result: ProbeResult | WebSocketProbe | undefined): string {
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

/** Who answered, from whichever probe saw a handshake. */
function serverOf(report: CheckReport): ServerKind | undefined {
  for (const r of [report.polling, report.websocket, report.fallback?.polling, report.fallback?.websocket]) {
    if (r?.kind === "answer") {
      const kind = identifyFromText(r.body);
      if (kind) return kind;
    }
    if (r?.kind === "handshake") {
      const kind = identifyFromText(r.text, r.next);
      if (kind) return kind;
    }
  }
  return undefined;
}

/** Findings from the checks; each rests on what was seen, and each fix is given in the server's terms when known. */
export function diagnoseChecks(report: CheckReport, config: ConnectionConfig, pageOrigin: string): Diagnosis[] {
  const { polling, websocket, fallback, path } = report;
  const host = new URL(polling.url).host;
  const server = serverOf(report);
  const label = server?.label;
  const evidence = [polling, websocket, fallback?.polling, fallback?.websocket]
    .filter(Boolean)
    .map((r) => describeProbe(r));
  const finding = (d: Omit<Diagnosis, "evidence" | "server">): Diagnosis[] => [
    { ...d, evidence, ...(label ? { server: label } : {}) },
  ];

  if (polling.kind === "not-made") {
    return [
      {
        id: "unchecked",
        severity: "unchecked",
        title: `Could not check ${where(polling.url)}`,
        explanation: `The check was not made: ${polling.reason}.`,
        evidence,
        fix: "See the finding above; the check runs again with Run checks.",
      },
    ];
  }
  const wsWorks = websocket?.kind === "handshake";
  const fallbackWorks =
    (fallback?.polling?.kind === "answer" && isEngineHandshake(fallback.polling.body)) ||
    fallback?.websocket?.kind === "handshake";
  // Where an Engine.IO server was found instead of the configured path, if anywhere.
  const found = fallbackWorks ? "/socket.io" : report.elsewhere?.[0]?.path;
  for (const e of report.elsewhere ?? [])
    evidence.push(`${describeProbe(e.probe)} (tried: ${COMMON_PATHS.filter((p) => p !== path).join(", ")})`);
  if (report.plainHttp) evidence.push(`over plain http: ${describeProbe(report.plainHttp)}`);
  if (report.withoutCredentials) evidence.push(`without credentials: ${describeProbe(report.withoutCredentials)}`);

  if (polling.kind === "timeout" && found) {
    return finding({
      id: "wrong-path",
      title: `No Engine.IO server at ${path}; there is one at ${found}`,
      explanation:
        `Requests to ${path} get no answer at all (a server with no handler for other paths, such as a bare ` +
        `http.createServer(), leaves them hanging), while ${found} answers with an Engine.IO handshake.`,
      fix: `Set Path to ${found}.`,
    });
  }
  if (polling.kind === "timeout" && wsWorks) {
    return finding({
      id: "polling-hangs",
      title: `Polling at ${path} gets no answer; its WebSocket works`,
      explanation: `HTTP requests to ${path} hang, while a WebSocket there got the Engine.IO handshake: something between (a proxy) or the server holds plain HTTP requests.`,
      fix: "Untick polling (WebSocket-only works: checked), or look at what holds HTTP requests on the way.",
    });
  }
  if (polling.kind === "timeout") {
    return [
      {
        id: "unchecked",
        severity: "unchecked",
        title: `Could not check ${host}: no answer within ${Math.round(polling.ms / 1000)} s`,
        explanation:
          "The request neither failed nor got an answer: a server that hangs, or a network that drops the packets. Nothing more can be told from here.",
        evidence,
        fix: "Check that the server process is responsive (not paused in a debugger, not stuck), and that nothing between drops the traffic.",
      },
    ];
  }
  if (polling.kind === "unreachable" && report.plainHttp && report.plainHttp.kind !== "unreachable") {
    const http = config.url.replace(/^https:/i, "http:").replace(/^wss:/i, "ws:");
    return finding({
      id: "tls-mismatch",
      title: `${host} speaks plain http, not https`,
      explanation:
        `The https request got no answer (the TLS handshake failed), while the same host and port answer over ` +
        `plain http: the server has no TLS.`,
      fix: `Use ${http} as the server URL (or give the server a certificate).`,
    });
  }
  if (polling.kind === "unreachable") {
    return finding({
      id: "unreachable",
      title: `Nothing is listening at ${host}`,
      explanation:
        "The request did not get any answer: no server on that host and port (or a TLS handshake that failed).",
      fix: "Start the server, or check the URL's host and port (and the certificate, for https).",
    });
  }

  if (server?.kind === "v2" && config.serverVersion === "v4") {
    return finding({
      id: "v2",
      title: "This is a Socket.IO v2 server (Engine.IO 3)",
      explanation:
        "Its handshake is Engine.IO 3, and Server version is set to v3 / v4, which such a server does not understand.",
      fix: "Set Server version to auto or v2: the inspector then speaks Socket.IO v2 with it.",
    });
  }
  if (polling.kind === "answer" && isEngineHandshake(polling.body)) {
    if (!config.transports.includes("polling") && websocket && websocket.kind !== "handshake") {
      return finding({
        id: "websocket-blocked",
        title: `The WebSocket to ${path} fails, while polling there works`,
        explanation:
          `The session uses WebSocket only. Polling at ${path} got the Engine.IO handshake, but a WebSocket there ` +
          "did not: the upgrade does not get through, most often a reverse proxy that does not pass the Upgrade " +
          "and Connection headers.",
        fix:
          'Behind nginx: proxy_http_version 1.1; proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection "upgrade"; ' +
          "in the location of the Socket.IO path. Or tick polling: it works (checked).",
      });
    }
    return [];
  }

  if (polling.kind === "answer") {
    const engineError = /^\{"code":\d+,"message":"([^"]*)"/.exec(polling.body);
    if (/not an accepted origin/i.test(polling.body)) {
      return finding({
        id: "origin-refused",
        title: `The server refuses this page's origin (${pageOrigin})`,
        explanation:
          'python-socketio answers "not an accepted origin": by default it accepts only its own origin, on polling and on WebSocket alike.',
        fix: FIXES.cors({ kind: "python", label: "" }, pageOrigin),
      });
    }
    if (engineError?.[1] === "Transport unknown" && wsWorks) {
      return finding({
        id: "polling-not-allowed",
        title: `The server at ${path} takes WebSocket only: HTTP ${polling.status} Transport unknown for polling`,
        explanation:
          `Its answer to polling is "Transport unknown" (its transports option leaves polling out), and a WebSocket ` +
          `to ${path} got the Engine.IO handshake.`,
        fix: "Tick websocket in the form (and untick polling), or add polling to the server's transports.",
      });
    }
    if (engineError) {
      return finding({
        id: "engine-refused",
        title: `The Engine.IO server at ${path} refused the request: HTTP ${polling.status} ${engineError[1]}`,
        explanation:
          `An Engine.IO server answers at ${path}, and refused this handshake (code and message above). "Forbidden" ` +
          `comes from the server's allowRequest (a check of headers, cookies or origin); "Transport unknown" or "Bad ` +
          `request" from a transport it does not allow.`,
        fix: config.extraHeaders?.some((h) => h.name.trim())
          ? "The form's extra headers were sent with this check: see what the server's allowRequest expects (and that its CORS allows these headers)."
          : "See what the server's allowRequest expects: a header (Extra headers in the form, polling only), a cookie (With credentials), or an origin.",
      });
    }
    return finding({
      id: "wrong-path",
      title: found ? `No Engine.IO server at ${path}; there is one at ${found}` : `No Engine.IO server at ${path}`,
      explanation: found
        ? `Something answers on ${host} at ${path} (HTTP ${polling.status}), but not an Engine.IO handshake; ${found} does.`
        : `Something answers on ${host} (HTTP ${polling.status}), but not an Engine.IO handshake: the path is not the server's.`,
      fix: found
        ? `Set Path to ${found}.`
        : "Set Path to the server's path option (Node socket.io: new Server(http, { path }); python-socketio: socketio_path), /socket.io by default.",
    });
  }

  // polling.kind === "cors-blocked": the answer exists but is unreadable here. WebSocket tells more.
  const alone = report.withoutCredentials;
  if (config.withCredentials && alone?.kind === "answer") {
    return finding({
      id: "cors-credentials",
      title: "CORS: the server lets this page's origin in, but not with credentials",
      explanation:
        `With credentials is ticked, so the browser sends cookies and accepts an answer only if it names ` +
        `${pageOrigin} exactly (not "*") and says Access-Control-Allow-Credentials: true. The same request without ` +
        "credentials was readable: the origin passes, the credentials do not.",
      fix:
        "If the server needs no cookies, untick With credentials. Otherwise its CORS must name this origin and allow " +
        `credentials (Node socket.io: cors: { origin: "${pageOrigin}", credentials: true }, not origin "*"; ` +
        `python-socketio: cors_allowed_origins=["${pageOrigin}"], cors_credentials=True).`,
    });
  }
  if (wsWorks) {
    const kind = server ?? UNKNOWN_SERVER;
    const triedPolling = config.transports.includes("polling");
    const headers = (config.extraHeaders ?? []).some((h) => h.name.trim());
    return finding({
      id: "cors",
      title: "CORS: the server refuses polling to this page's origin; its WebSocket works",
      explanation:
        `Polling requests come from ${pageOrigin}, and the server's answers carry no Access-Control-Allow-Origin ` +
        'for it, so the browser hides them (the client sees a bare "xhr poll error"). ' +
        `A WebSocket is not subject to CORS, and one to ${path} got the Engine.IO handshake.` +
        (headers
          ? " Extra headers make the browser ask first (a CORS preflight): the server must allow them too."
          : ""),
      fix: [
        FIXES.cors(kind, pageOrigin),
        headers ? "Allow the extra headers as well (Node socket.io: cors: { allowedHeaders })." : "",
        triedPolling ? "Or untick polling: WebSocket-only works (checked)." : "",
        RELAY_FIX,
      ]
        .filter(Boolean)
        .join(" "),
    });
  }
  if (found) {
    return finding({
      id: "wrong-path",
      title: `No Engine.IO server at ${path}; there is one at ${found}`,
      explanation: `Polling at ${path} is unreadable from this page and its WebSocket was refused, while ${found} answers with an Engine.IO handshake.`,
      fix: `Set Path to ${found}.`,
    });
  }
  return finding({
    id: "no-engine",
    title: `No Engine.IO connection to ${path} from this page`,
    explanation:
      `Something answers HTTP on ${host}, but its answer at ${path} is unreadable from this page (no CORS header), ` +
      `and a WebSocket to ${path} was refused as well. ` +
      "Either the path is wrong (a 404), or the server refuses this page: its origin (python-socketio accepts only " +
      "its own by default), or the request itself (an allowRequest that checks headers or cookies).",
    fix:
      "Check Path against the server's path option; allow this page's origin on the server (Node socket.io: cors: { " +
      "origin }; python-socketio: cors_allowed_origins); or " +
      RELAY_FIX.replace(/^Or /, "").replace(/\.$/, ", which reads every answer and sends the server's own origin."),
  });
}

/**
 * Findings of checks made while the session's connection is open: requests made by hand may be answered otherwise
 * than the session's own (a proxy, a header, a cookie), and the checks never contradict a connection that works.
 * What they found becomes one "could not check" that shows what they saw.
 */
export function againstWorkingConnection(found: Diagnosis[]): Diagnosis[] {
  const problems = found.filter((d) => d.severity !== "unchecked");
  if (problems.length === 0) return found;
  return [
    {
      id: "unchecked",
      severity: "unchecked",
      title: "The checks were answered otherwise than the connection, which works",
      explanation:
        "The connection is open, so the server is reached the way the session goes. The checks' own requests were " +
        `answered differently (they found: ${problems.map((d) => d.title).join("; ")}): something treats them ` +
        "apart (a proxy, a header or a cookie the checks do not carry), not a fault of the connection.",
      evidence: problems.flatMap((d) => d.evidence),
      fix: "Nothing to change for this connection. Run checks again after a failure for a finding about it.",
    },
  ];
}
