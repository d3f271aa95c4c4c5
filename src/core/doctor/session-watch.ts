import { isSidlessConnect, type NoteRecord, type TimelineRecord } from "../feed/records.js";
import { words, type Cause } from "../shared/errors.js";
import { formatSize } from "../shared/binary.js";
import {
  CLOSE_REASONS,
  ENGINE_ERRORS,
  engineErrorOf,
  isInvalidNamespace,
  isPythonUnableToConnect,
} from "../shared/peer-words.js";
import { preview } from "../shared/preview.js";
import type { Diagnosis } from "./diagnose.js";
import { FIXES, UNKNOWN_SERVER, identifyServer, type ServerKind } from "./server-kind.js";
import { clockTime } from "../shared/dates.js";
import { approxBytes } from "../shared/size.js";

/** A finding with its life: when it was first seen, and when its condition went away. */
export interface Finding extends Diagnosis {
  since: number;
  resolvedAt?: number;
  /** What resolved it, in words ("/admin connected"). */
  resolution?: string;
}

/** Cycles of open → close without a CONNECT answer before the doctor suspects the parser. */
export const PARSER_LOOP_CYCLES = 3;
/** An emit this large, followed by a close, is suspected of being over the server's limit. */
export const LARGE_EMIT_BYTES = 1_000_000;
/** The server said it does not know the session (a request reached another node than the handshake's). */
const unknownSession = (error: { body?: string }) => engineErrorOf(error.body)?.code === ENGINE_ERRORS.unknownSession;

/** What the local server's failure to reach a server calls for, by its code (server family of the error table). */
type UnreachableKind = "name" | "refused" | "tls" | "timed-out" | "answered" | "other";
function unreachableKind(cause: Cause | undefined): UnreachableKind {
  switch (cause?.code) {
    case "target-unreachable": {
      const why = (cause.params as { why?: string } | undefined)?.why;
      return why === "name-not-found"
        ? "name"
        : why === "refused"
          ? "refused"
          : why === "tls"
            ? "tls"
            : why === "timed-out"
              ? "timed-out"
              : "other";
    }
    case "target-answered":
    case "target-redirect":
    case "target-upgrade-answered":
      return "answered";
    default:
      return "other";
  }
}
const UNREACHABLE_FIXES: Record<UnreachableKind, string> = {
  name: "Check the server URL's host name: the machine running the inspector cannot resolve it.",
  refused: "Start the server, or check the URL's port: nothing listens there.",
  tls:
    "Check https:// against the server: it may speak plain http, or its certificate is not trusted by Node " +
    "(NODE_EXTRA_CA_CERTS=<ca.pem> npx socketio-inspector for a private authority).",
  "timed-out": "Check that the host is reachable from the machine running the inspector (a firewall, a VPN).",
  answered:
    "The server itself answered with this status: check the headers and query it expects (Headers and cookies).",
  other: "Check the server URL and that the server runs.",
};

/** How soon after a large emit a close counts as its consequence. */
const DROP_WINDOW_MS = 3000;
/** How soon after an emit of a size under the usual limit a close is possibly its consequence (no limit known). */
const POSSIBLY_MS = 500;

/**
 * The doctor's reading of one session's records, rule by rule. Findings are raised by evidence that tells them
 * from their look-alikes and resolved when their condition goes away; what the user did on purpose (Disconnect,
 * Drop transport) is not a problem. Framework-free, so that it is tested in Node on real records.
 */
export class SessionWatch {
  private readonly findings = new Map<string, Finding>();
  private server: ServerKind = UNKNOWN_SERVER;
  private maxPayload: number | undefined;
  /** The user dropped the transport: the close that follows is theirs. */
  private userDrop = false;
  /** The current engine connection: when it opened, and whether a CONNECT was sent and answered on it. */
  private openAt: number | undefined;
  private connectSent = false;
  private answered = false;
  private cycles: Array<{ at: number; lasted: number; reason: string }> = [];
  private lastEmit: { t: number; bytes: number; event: string } | undefined;
  /** Namespaces whose CONNECT came back without a session id (a v2 server). */
  private readonly sidless = new Set<string>();

  private readonly parser: "default" | "msgpack";
  private readonly serverVersion: "auto" | "v4" | "v2";

  /** What the session was set to: the advice depends on it (auto switches to v2 by itself). */
  constructor({
    parser = "default",
    serverVersion = "auto",
  }: { parser?: "default" | "msgpack"; serverVersion?: "auto" | "v4" | "v2" } = {}) {
    this.parser = parser;
    this.serverVersion = serverVersion;
  }

  list(): Finding[] {
    return [...this.findings.values()];
  }

  /** Reads a batch of records; returns whether the findings changed. */
  ingest(records: readonly TimelineRecord[]): boolean {
    let changed = false;
    for (const r of records) changed = this.read(r) || changed;
    return changed;
  }

  private raise(d: Diagnosis, t: number): boolean {
    const current = this.findings.get(d.id);
    if (current && current.resolvedAt === undefined) return false;
    const server = this.server.kind === "unknown" ? undefined : this.server.label;
    this.findings.set(d.id, { ...d, ...(server ? { server } : {}), since: t });
    return true;
  }

  private resolve(match: (id: string) => boolean, t: number, resolution: string): boolean {
    let changed = false;
    for (const f of this.findings.values()) {
      if (f.resolvedAt === undefined && match(f.id)) {
        f.resolvedAt = t;
        f.resolution = resolution;
        changed = true;
      }
    }
    return changed;
  }

  private read(r: TimelineRecord): boolean {
    switch (r.kind) {
      case "handshake":
        this.server = identifyServer(r.fields ?? [], r.eio ?? 4);
        this.maxPayload = r.maxPayload;
        return false;
      case "open":
        this.openAt = r.t;
        this.connectSent = this.answered = false;
        return false;
      case "note":
        if (r.topic === "user") this.userDrop = true;
        return r.topic === "unreachable" ? this.unreachable(r) : false;
      case "packet":
        if (isSidlessConnect(r)) return this.v2Connect(r.nsp, r.t);
        if (r.dir === "out" && r.type === "CONNECT") this.connectSent = true;
        if (r.dir === "in" && (r.type === "CONNECT" || r.type === "CONNECT_ERROR")) this.answered = true;
        if (r.dir === "out" && (r.type === "EVENT" || r.type === "BINARY_EVENT")) {
          // Every emit is kept (the last one): a drop right after it is tied to it when it is over the server's
          // limit, known from its handshake, or (a limit not announced) possibly so.
          const bytes = approxBytes(r.args, 20_000_000) + (r.event?.length ?? 0);
          this.lastEmit = { t: r.t, bytes, event: r.event ?? "" };
        }
        return false;
      case "connect": {
        this.cycles = [];
        const resolved = this.resolve(
          (id) => id === `refused:${r.nsp}` || id === `invalid-namespace:${r.nsp}`,
          r.t,
          `${r.nsp} connected at ${clockTime(r.t)}`,
        );
        return (
          this.resolve(
            (id) =>
              ["v2", "sticky", "parser", "ping-timeout", "large-emit", "transport-cut", "unreachable"].includes(id),
            r.t,
            `connected at ${clockTime(r.t)}`,
          ) || resolved
        );
      }
      case "connect_error":
        return this.refusal(r.nsp, r.error, r.active, r.t);
      case "close":
        return this.closed(r.reason ?? "", r.error, r.t);
      case "error":
      case "reconnect_error":
        return r.error && unknownSession(r.error) ? this.sticky(r.error, r.t) : false;
      default:
        return false;
    }
  }

  private refusal(
    nsp: string,
    error: { message: string; data?: unknown } | undefined,
    active: boolean,
    t: number,
  ): boolean {
    const message = error?.message ?? "";
    // The client's own refusal of a v2 server's CONNECT: named already, from the packet (v2Connect).
    if (this.sidless.has(nsp)) return false;
    if (active) return false; // a failed attempt of the connection itself, retried by the client
    if (isInvalidNamespace(message)) {
      return this.raise(
        {
          id: `invalid-namespace:${nsp}`,
          title: `The server has no namespace ${nsp}`,
          explanation: `The server answered the CONNECT of ${nsp} with "Invalid namespace": nothing on the server serves that name.`,
          evidence: [`connect_error on ${nsp}: Invalid namespace`],
          fix: `Check the spelling, or create it on the server: io.of("${nsp}").`,
        },
        t,
      );
    }
    const python = this.server.kind === "python";
    const evidence = [
      `connect_error on ${nsp}: ${JSON.stringify(message)}`,
      ...(error?.data === undefined ? [] : [`data: ${preview(error.data)}`]),
    ];
    if (python && isPythonUnableToConnect(message)) {
      return this.raise(
        {
          id: `refused:${nsp}`,
          title: `python-socketio refused ${nsp}: "Unable to connect"`,
          explanation:
            `python-socketio answers "Unable to connect" when ${nsp} has no handlers on the server (an unknown ` +
            `namespace), or when its connect handler returned False or raised ConnectionRefusedError without a ` +
            `message.`,
          evidence,
          fix:
            `Check that the server registers handlers for ${nsp} (namespace="${nsp}"), and what its connect handler ` +
            `expects (auth is passed as its third argument).`,
        },
        t,
      );
    }
    return this.raise(
      {
        id: `refused:${nsp}`,
        title: `The server refused ${nsp}${message ? `: ${JSON.stringify(message)}` : ""}`,
        explanation:
          `The server answered the CONNECT of ${nsp} with a ` +
          `refusal${python ? " (a connect handler that raised ConnectionRefusedError)" : " (a middleware that called next(err))"}: ` +
          `the socket will not retry by itself.`,
        evidence,
        fix: "Send what the server expects (usually auth: set the namespace's Auth JSON, or its Query for a v2 server), then connect the namespace again.",
      },
      t,
    );
  }

  /** A CONNECT without a session id: a Socket.IO v2 server, whatever its handshake looked like (over WebSocket,
   * Engine.IO 3 is framed as 4 is). */
  private v2Connect(nsp: string, t: number): boolean {
    this.server = identifyServer([], 3);
    this.sidless.add(nsp);
    this.answered = true;
    // With auto the client switches by itself (and says so in the timeline): nothing to fix.
    if (this.serverVersion === "auto") return false;
    return this.raise(
      {
        id: "v2",
        title: "This is a Socket.IO v2 server",
        explanation: `Its CONNECT of ${nsp} carried no session id, as only Socket.IO v2 servers answer, and Server version is set to v3 / v4.`,
        evidence: [`CONNECT of ${nsp} from the server, without a session id`],
        fix: "Set Server version to auto or v2: the inspector then speaks Socket.IO v2 with it.",
      },
      t,
    );
  }

  private closed(
    reason: string,
    error: { message: string; description?: string | number; body?: string } | undefined,
    t: number,
  ): boolean {
    const userDrop = this.userDrop;
    this.userDrop = false;
    let changed = false;
    if (error && unknownSession(error)) changed = this.sticky(error, t) || changed;
    if (reason === CLOSE_REASONS.forcedClose || userDrop) {
      this.openAt = undefined;
      return changed;
    }
    // open → CONNECT → closed by the server, with no answer, again and again: the two sides do not read each other.
    if (this.openAt !== undefined && this.connectSent && !this.answered && t - this.openAt < 2000) {
      this.cycles.push({ at: t, lasted: t - this.openAt, reason });
      this.openAt = undefined;
      // Not a transport cut of a working connection: one more turn of the loop, counted as such.
      if (this.cycles.length >= PARSER_LOOP_CYCLES) {
        const first = this.cycles[0] as { at: number };
        const lasted = this.cycles.map((c) => Math.round(c.lasted));
        changed =
          this.raise(
            {
              id: "parser",
              title: "The server closes each connection right after the CONNECT: most likely a parser mismatch",
              explanation:
                `The connection opens, the CONNECT goes out, and the server closes it without an answer, again on ` +
                `each reconnection (so the backoff never grows). That is what a server does with packets it cannot ` +
                `decode: this client uses the ${this.parser} parser, and the server most likely the other.`,
              evidence: [
                `${this.cycles.length} cycles in ` +
                  `${((t - first.at) / 1000 + (this.cycles[0]?.lasted ?? 0) / 1000).toFixed(1)} s: open, CONNECT ` +
                  `sent, closed (${reason}) after ${lasted.join(", ")} ms, no CONNECT answer`,
              ],
              fix: FIXES.parser(this.server, this.parser),
            },
            t,
          ) || changed;
      }
      return changed;
    }
    if (this.answered) this.cycles = [];
    this.openAt = undefined;

    const emit = this.lastEmit;
    this.lastEmit = undefined;
    const cut = reason === CLOSE_REASONS.transportClose || reason === CLOSE_REASONS.transportError;
    if (emit && cut && t - emit.t < DROP_WINDOW_MS) {
      const limit = this.maxPayload;
      // Over the announced limit: the drop is its consequence. No limit announced: over the usual 1 MB it most
      // likely is; a smaller one possibly is (python-socketio's max_http_buffer_size may be set far lower), when
      // the close follows at once.
      const verdict =
        limit !== undefined
          ? emit.bytes > limit
            ? "over"
            : undefined
          : emit.bytes > LARGE_EMIT_BYTES
            ? "likely"
            : t - emit.t < POSSIBLY_MS
              ? "possibly"
              : undefined;
      if (verdict) {
        const lead =
          verdict === "possibly"
            ? `The server dropped the connection ${Math.round(t - emit.t)} ms after a ${formatSize(emit.bytes)} emit: possibly over its size limit`
            : `The server dropped the connection right after a ${formatSize(emit.bytes)} emit`;
        return (
          this.raise(
            {
              id: "large-emit",
              title: lead,
              explanation:
                `The emit "${emit.event}" of about ${formatSize(emit.bytes)} went out, and ` +
                `${Math.round(t - emit.t)} ms later the connection closed (${reason}). ` +
                "Servers close the connection on a packet over their size limit" +
                (limit === undefined
                  ? verdict === "possibly"
                    ? "; this one did not announce its limit, so this is possible, not certain (a limit set below the usual 1 MB, as python-socketio's max_http_buffer_size can be)."
                    : "; this one did not announce its limit (maxPayload), and 1 MB is the usual default."
                  : ` (this one announced ${formatSize(limit)}).`),
              evidence: [
                `emit "${emit.event}": about ${formatSize(emit.bytes)} at ${clockTime(emit.t)}`,
                `close: ${reason} at ${clockTime(t)}`,
              ],
              fix: FIXES.maxPayload(this.server),
            },
            t,
          ) || changed
        );
      }
    }
    if (reason === CLOSE_REASONS.pingTimeout) {
      return (
        this.raise(
          {
            id: "ping-timeout",
            title: "Ping timeout: the heartbeat stopped",
            explanation:
              "No ping (or pong, with a v2 server) came in time: the server is paused, overloaded or unreachable, " +
              "while the connection itself was not reported closed.",
            evidence: ["close: ping timeout"],
            fix: "Look at the server's event loop (a long synchronous task, a debugger pause) or at a proxy that buffers; the client reconnects by itself.",
          },
          t,
        ) || changed
      );
    }
    if (reason === CLOSE_REASONS.transportClose || reason === CLOSE_REASONS.transportError) {
      return (
        this.raise(
          {
            id: "transport-cut",
            title: reason === CLOSE_REASONS.transportClose ? "The transport was closed" : "The transport failed",
            explanation: `The connection itself ended (${reason}${error ? `: ${error.message}` : ""}), unlike a ping timeout where it stays open but silent.`,
            evidence: [`close: ${reason}${error?.description !== undefined ? ` (${error.description})` : ""}`],
            fix:
              "A server restart, a network change or a proxy's idle timeout; the client reconnects by itself. " +
              "Connection state recovery, if the server enables it, restores the session.",
          },
          t,
        ) || changed
      );
    }
    return changed;
  }

  private sticky(error: { description?: string | number; body?: string }, t: number): boolean {
    return this.raise(
      {
        id: "sticky",
        title: "Session ID unknown: requests reach a server that does not know this session",
        explanation:
          "The handshake went to one server process and a later polling request to another. This happens behind a " +
          "load balancer without sticky sessions, with several processes or machines.",
        evidence: [`HTTP ${error.description ?? ""}: ${error.body ?? ""}`],
        fix:
          "Enable sticky sessions on the load balancer (nginx: ip_hash or hash by sid), or use WebSocket only (untick " +
          "polling): a WebSocket stays on one server.",
      },
      t,
    );
  }

  /** Route relay: the local server said why it could not reach the server (from Node's error code, or its answer). */
  private unreachable(note: NoteRecord): boolean {
    const cause = note.code === "relay-unreachable" ? (note.params as { cause?: Cause } | undefined)?.cause : undefined;
    // A note read from a file written before notes carried codes: its words are the evidence, and the fix general.
    const reason = cause ? `: ${words(cause)}` : "";
    const fix = UNREACHABLE_FIXES[unreachableKind(cause)];
    this.findings.delete("unreachable"); // a new reason replaces the one before
    return this.raise(
      {
        id: "unreachable",
        title: `The inspector's server could not reach the server${reason}`,
        explanation:
          "This connection goes through the inspector's server (Route), so the server is reached from Node, not from " +
          "this page: the reason is Node's own.",
        evidence: [note.text],
        fix,
      },
      note.t,
    );
  }
}
