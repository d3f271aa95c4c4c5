// The connection doctor's findings from its checks, as a table of rules: each names when it holds (from what the
// probes saw) and what it finds. The first rule that holds is the finding; their order is the order of questions a
// person would ask (can it be checked, does anything answer, is it Engine.IO, is it this page's fault).
import type { ConnectionConfig } from "../connection/config.js";
import { ENGINE_ERRORS, engineErrorOf, isOriginRefusedByPython } from "../shared/peer-words.js";
import { COMMON_PATHS, RELAY_FIX, describeProbe, isEngineHandshake, where, type CheckReport } from "./check-report.js";
import type { Diagnosis } from "./diagnose.js";
import { FIXES, UNKNOWN_SERVER, identifyFromText, type ServerKind } from "./server-kind.js";

/** What a rule reads: the checks' report, the form, and what was made of them once. */
export interface Facts {
  report: CheckReport;
  config: ConnectionConfig;
  pageOrigin: string;
  path: string;
  host: string;
  server: ServerKind | undefined;
  evidence: string[];
  /** A WebSocket to the path got the Engine.IO handshake. */
  wsWorks: boolean;
  /** Where an Engine.IO server was found instead of the configured path, if anywhere. */
  found: string | undefined;
  /** The server's refusal of the polling handshake, when it is an Engine.IO server's. */
  engineError: { code: number; message: string } | undefined;
}

type Finding = Omit<Diagnosis, "evidence" | "server">;

interface Rule {
  id: string;
  when(f: Facts): boolean;
  /** What it finds; null: nothing is wrong. */
  finding(f: Facts): Finding | null;
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

export function factsOf(report: CheckReport, config: ConnectionConfig, pageOrigin: string): Facts {
  const { polling, websocket, fallback, path } = report;
  const evidence = [polling, websocket, fallback?.polling, fallback?.websocket]
    .filter(Boolean)
    .map((r) => describeProbe(r));
  const fallbackWorks =
    (fallback?.polling?.kind === "answer" && isEngineHandshake(fallback.polling.body)) ||
    fallback?.websocket?.kind === "handshake";
  for (const e of report.elsewhere ?? [])
    evidence.push(`${describeProbe(e.probe)} (tried: ${COMMON_PATHS.filter((p) => p !== path).join(", ")})`);
  if (report.plainHttp) evidence.push(`over plain http: ${describeProbe(report.plainHttp)}`);
  if (report.withoutCredentials) evidence.push(`without credentials: ${describeProbe(report.withoutCredentials)}`);
  return {
    report,
    config,
    pageOrigin,
    path,
    host: new URL(polling.url).host,
    server: serverOf(report),
    evidence,
    wsWorks: websocket?.kind === "handshake",
    found: fallbackWorks ? "/socket.io" : report.elsewhere?.[0]?.path,
    engineError: polling.kind === "answer" ? engineErrorOf(polling.body) : undefined,
  };
}

const readable = (f: Facts) => f.report.polling.kind === "answer";
const handshakeAnswered = (f: Facts) => f.report.polling.kind === "answer" && isEngineHandshake(f.report.polling.body);
const status = (f: Facts) => (f.report.polling.kind === "answer" ? f.report.polling.status : 0);

const wrongPath = (f: Facts, explanation: string): Finding => ({
  id: "wrong-path",
  title: `No Engine.IO server at ${f.path}; there is one at ${f.found}`,
  explanation,
  fix: `Set Path to ${f.found}.`,
});

export const CHECK_RULES: readonly Rule[] = [
  {
    id: "unchecked",
    when: (f) => f.report.polling.kind === "not-made",
    finding: (f) => ({
      id: "unchecked",
      severity: "unchecked",
      title: `Could not check ${where(f.report.polling.url)}`,
      explanation: `The check was not made: ${f.report.polling.kind === "not-made" ? f.report.polling.reason : ""}.`,
      fix: "See the finding above; the check runs again with Run checks.",
    }),
  },
  {
    id: "wrong-path",
    when: (f) => f.report.polling.kind === "timeout" && !!f.found,
    finding: (f) =>
      wrongPath(
        f,
        `Requests to ${f.path} get no answer at all (a server with no handler for other paths, such as a bare ` +
          `http.createServer(), leaves them hanging), while ${f.found} answers with an Engine.IO handshake.`,
      ),
  },
  {
    id: "polling-hangs",
    when: (f) => f.report.polling.kind === "timeout" && f.wsWorks,
    finding: (f) => ({
      id: "polling-hangs",
      title: `Polling at ${f.path} gets no answer; its WebSocket works`,
      explanation: `HTTP requests to ${f.path} hang, while a WebSocket there got the Engine.IO handshake: something between (a proxy) or the server holds plain HTTP requests.`,
      fix: "Untick polling (WebSocket-only works: checked), or look at what holds HTTP requests on the way.",
    }),
  },
  {
    id: "unchecked",
    when: (f) => f.report.polling.kind === "timeout",
    finding: (f) => ({
      id: "unchecked",
      severity: "unchecked",
      title: `Could not check ${f.host}: no answer within ${Math.round((f.report.polling as { ms: number }).ms / 1000)} s`,
      explanation:
        "The request neither failed nor got an answer: a server that hangs, or a network that drops the packets. Nothing more can be told from here.",
      fix: "Check that the server process is responsive (not paused in a debugger, not stuck), and that nothing between drops the traffic.",
    }),
  },
  {
    id: "tls-mismatch",
    when: (f) =>
      f.report.polling.kind === "unreachable" && !!f.report.plainHttp && f.report.plainHttp.kind !== "unreachable",
    finding: (f) => ({
      id: "tls-mismatch",
      title: `${f.host} speaks plain http, not https`,
      explanation:
        `The https request got no answer (the TLS handshake failed), while the same host and port answer over ` +
        `plain http: the server has no TLS.`,
      fix: `Use ${f.config.url.replace(/^https:/i, "http:").replace(/^wss:/i, "ws:")} as the server URL (or give the server a certificate).`,
    }),
  },
  {
    id: "unreachable",
    when: (f) => f.report.polling.kind === "unreachable",
    finding: (f) => ({
      id: "unreachable",
      title: `Nothing is listening at ${f.host}`,
      explanation:
        "The request did not get any answer: no server on that host and port (or a TLS handshake that failed).",
      fix: "Start the server, or check the URL's host and port (and the certificate, for https).",
    }),
  },
  {
    id: "v2",
    when: (f) => f.server?.kind === "v2" && f.config.serverVersion === "v4",
    finding: () => ({
      id: "v2",
      title: "This is a Socket.IO v2 server (Engine.IO 3)",
      explanation:
        "Its handshake is Engine.IO 3, and Server version is set to v3 / v4, which such a server does not understand.",
      fix: "Set Server version to auto or v2: the inspector then speaks Socket.IO v2 with it.",
    }),
  },
  {
    id: "websocket-blocked",
    when: (f) =>
      handshakeAnswered(f) &&
      !f.config.transports.includes("polling") &&
      !!f.report.websocket &&
      f.report.websocket.kind !== "handshake",
    finding: (f) => ({
      id: "websocket-blocked",
      title: `The WebSocket to ${f.path} fails, while polling there works`,
      explanation:
        `The session uses WebSocket only. Polling at ${f.path} got the Engine.IO handshake, but a WebSocket there ` +
        "did not: the upgrade does not get through, most often a reverse proxy that does not pass the Upgrade " +
        "and Connection headers.",
      fix:
        'Behind nginx: proxy_http_version 1.1; proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection "upgrade"; ' +
        "in the location of the Socket.IO path. Or tick polling: it works (checked).",
    }),
  },
  {
    id: "works",
    when: handshakeAnswered,
    finding: () => null,
  },
  {
    id: "origin-refused",
    when: (f) => f.report.polling.kind === "answer" && isOriginRefusedByPython(f.report.polling.body),
    finding: (f) => ({
      id: "origin-refused",
      title: `The server refuses this page's origin (${f.pageOrigin})`,
      explanation:
        'python-socketio answers "not an accepted origin": by default it accepts only its own origin, on polling and on WebSocket alike.',
      fix: FIXES.cors({ kind: "python", label: "" }, f.pageOrigin),
    }),
  },
  {
    id: "polling-not-allowed",
    when: (f) => f.engineError?.code === ENGINE_ERRORS.unknownTransport && f.wsWorks,
    finding: (f) => ({
      id: "polling-not-allowed",
      title: `The server at ${f.path} takes WebSocket only: HTTP ${status(f)} Transport unknown for polling`,
      explanation:
        `Its answer to polling is "Transport unknown" (its transports option leaves polling out), and a WebSocket ` +
        `to ${f.path} got the Engine.IO handshake.`,
      fix: "Tick websocket in the form (and untick polling), or add polling to the server's transports.",
    }),
  },
  {
    id: "engine-refused",
    when: (f) => !!f.engineError,
    finding: (f) => ({
      id: "engine-refused",
      title:
        `The Engine.IO server at ${f.path} refused the request: HTTP ${status(f)} ${f.engineError?.message ?? ""}`.trim(),
      explanation:
        `An Engine.IO server answers at ${f.path}, and refused this handshake (code and message above). "Forbidden" ` +
        `comes from the server's allowRequest (a check of headers, cookies or origin); "Transport unknown" or "Bad ` +
        `request" from a transport it does not allow.`,
      fix: f.config.extraHeaders?.some((h) => h.name.trim())
        ? "The form's extra headers were sent with this check: see what the server's allowRequest expects (and that its CORS allows these headers)."
        : "See what the server's allowRequest expects: a header (Extra headers in the form, polling only), a cookie (With credentials), or an origin.",
    }),
  },
  {
    id: "wrong-path",
    when: (f) => readable(f) && !handshakeAnswered(f),
    finding: (f) =>
      f.found
        ? wrongPath(
            f,
            `Something answers on ${f.host} at ${f.path} (HTTP ${status(f)}), but not an Engine.IO handshake; ${f.found} does.`,
          )
        : {
            id: "wrong-path",
            title: `No Engine.IO server at ${f.path}`,
            explanation: `Something answers on ${f.host} (HTTP ${status(f)}), but not an Engine.IO handshake: the path is not the server's.`,
            fix: "Set Path to the server's path option (Node socket.io: new Server(http, { path }); python-socketio: socketio_path), /socket.io by default.",
          },
  },
  // From here the polling answer is unreadable from this page (CORS): a WebSocket tells more.
  {
    id: "cors-credentials",
    when: (f) => !readable(f) && f.config.withCredentials && f.report.withoutCredentials?.kind === "answer",
    finding: (f) => ({
      id: "cors-credentials",
      title: "CORS: the server lets this page's origin in, but not with credentials",
      explanation:
        `With credentials is ticked, so the browser sends cookies and accepts an answer only if it names ` +
        `${f.pageOrigin} exactly (not "*") and says Access-Control-Allow-Credentials: true. The same request without ` +
        "credentials was readable: the origin passes, the credentials do not.",
      fix:
        "If the server needs no cookies, untick With credentials. Otherwise its CORS must name this origin and allow " +
        `credentials (Node socket.io: cors: { origin: "${f.pageOrigin}", credentials: true }, not origin "*"; ` +
        `python-socketio: cors_allowed_origins=["${f.pageOrigin}"], cors_credentials=True).`,
    }),
  },
  {
    id: "cors",
    when: (f) => !readable(f) && f.wsWorks,
    finding: (f) => {
      const headers = (f.config.extraHeaders ?? []).some((h) => h.name.trim());
      return {
        id: "cors",
        title: "CORS: the server refuses polling to this page's origin; its WebSocket works",
        explanation:
          `Polling requests come from ${f.pageOrigin}, and the server's answers carry no Access-Control-Allow-Origin ` +
          'for it, so the browser hides them (the client sees a bare "xhr poll error"). ' +
          `A WebSocket is not subject to CORS, and one to ${f.path} got the Engine.IO handshake.` +
          (headers
            ? " Extra headers make the browser ask first (a CORS preflight): the server must allow them too."
            : ""),
        fix: [
          FIXES.cors(f.server ?? UNKNOWN_SERVER, f.pageOrigin),
          headers ? "Allow the extra headers as well (Node socket.io: cors: { allowedHeaders })." : "",
          f.config.transports.includes("polling") ? "Or untick polling: WebSocket-only works (checked)." : "",
          RELAY_FIX,
        ]
          .filter(Boolean)
          .join(" "),
      };
    },
  },
  {
    id: "wrong-path",
    when: (f) => !readable(f) && !!f.found,
    finding: (f) =>
      wrongPath(
        f,
        `Polling at ${f.path} is unreadable from this page and its WebSocket was refused, while ${f.found} answers with an Engine.IO handshake.`,
      ),
  },
  {
    id: "no-engine",
    when: (f) => !readable(f),
    finding: (f) => ({
      id: "no-engine",
      title: `No Engine.IO connection to ${f.path} from this page`,
      explanation:
        `Something answers HTTP on ${f.host}, but its answer at ${f.path} is unreadable from this page (no CORS header), ` +
        `and a WebSocket to ${f.path} was refused as well. ` +
        "Either the path is wrong (a 404), or the server refuses this page: its origin (python-socketio accepts only " +
        "its own by default), or the request itself (an allowRequest that checks headers or cookies).",
      fix:
        "Check Path against the server's path option; allow this page's origin on the server (Node socket.io: cors: { " +
        "origin }; python-socketio: cors_allowed_origins); or " +
        RELAY_FIX.replace(/^Or /, "").replace(/\.$/, ", which reads every answer and sends the server's own origin."),
    }),
  },
];
