import type { ServerRecord, TimelineRecord } from "../../core/feed/records.js";
import { bytesText, counted, countText } from "../../core/charts/format.js";
import { preview, previewArgs } from "../../core/shared/preview.js";
import { CLOSE_REASONS } from "../../core/shared/peer-words.js";

/**
 * The groups the kind filter offers. `stats` (a server node's figures, every 2 s per node: what Charts draws) shows
 * only when asked for: they are figures, not events, and a fleet's would bury the rows.
 */
export const CATEGORIES = ["event", "ack", "lifecycle", "reconnection", "engine", "buffer", "server", "stats"] as const;
export type Category = (typeof CATEGORIES)[number];

/** in: from the server; out: from us; local: something the client did or noticed. */
export type RowDirection = "in" | "out" | "local";

export interface RowView {
  dir: RowDirection;
  category: Category;
  /** Short name of what happened: "event", "ack", "connect", "ping", ... */
  label: string;
  /** The event name, for events. */
  event: string;
  /** One line of detail, plain text. */
  text: string;
  /** Whether the row reports a failure (shown in the error colour). */
  error: boolean;
}

const NOTE_LABELS = {
  protocol: "protocol",
  refused: "not sent",
  user: "you",
  route: "route",
  unreachable: "unreachable",
  undecoded: "undecoded",
  page: "page",
} as const;

/** An event name as a row shows it: a server may name an event with a megabyte. */
const clip = (name: string) => (name.length > 200 ? `${name.slice(0, 200)}…` : name);

const ms = (n: number | undefined) => (n === undefined ? "" : `${n < 10 ? n.toFixed(1) : Math.round(n)} ms`);

/** How a record reads in the timeline: pure, so that it can be computed lazily and cached. */
export function describe(r: TimelineRecord): RowView {
  const local = (category: Category, label: string, text: string, error = false): RowView => ({
    dir: "local",
    category,
    label,
    event: "",
    text,
    error,
  });
  switch (r.kind) {
    case "handshake":
      return {
        dir: "in",
        category: "engine",
        label: "handshake",
        event: "",
        error: false,
        text: [
          `Engine.IO ${r.eio ?? 4}`,
          `sid ${r.sid}`,
          r.transport,
          `pingInterval ${r.pingInterval} ms`,
          `pingTimeout ${r.pingTimeout} ms`,
          `maxPayload ${r.maxPayload ?? "not announced"}`,
          `upgrades [${r.upgrades.join(", ")}]`,
        ].join(" · "),
      };
    case "ping": {
      const from = r.from === "client" ? "from the client" : "from the server";
      return {
        dir: r.from === "client" ? "out" : "in",
        category: "engine",
        label: "ping",
        event: "",
        error: false,
        text:
          r.sinceLast === undefined ? `first ping, ${from}` : `${from} · ${ms(r.sinceLast)} since the previous ping`,
      };
    }
    case "server":
      return describeServer(r);
    case "note":
      return local(
        r.topic === "protocol" ? "engine" : r.topic === "user" ? "reconnection" : "lifecycle",
        NOTE_LABELS[r.topic],
        r.text,
        r.topic === "refused" || r.topic === "unreachable" || r.topic === "undecoded",
      );
    case "pong":
      return {
        dir: "in",
        category: "engine",
        label: "pong",
        event: "",
        error: false,
        text: `the server answered the ping in ${ms(r.rtt)}`,
      };
    case "upgrading":
      return local("engine", "upgrading", `probing ${r.transport}`);
    case "upgrade":
      return local("engine", "upgrade", `now on ${r.transport}`);
    case "upgrade_error":
      return local("engine", "upgrade error", `${r.transport}: ${r.error?.message ?? ""}`, true);
    case "open":
      return local("lifecycle", "open", "engine connection open");
    case "error":
      return local("lifecycle", "error", errorText(r.error), true);
    case "close":
      return local(
        "reconnection",
        "close",
        r.error ? `${r.reason} (${errorText(r.error)})` : (r.reason ?? ""),
        r.reason !== CLOSE_REASONS.forcedClose,
      );
    case "reconnect_scheduled":
      return local("reconnection", "backoff", `attempt ${r.attempt} in ${r.delay} ms`);
    case "reconnect_attempt":
      return local("reconnection", "reconnect attempt", `attempt ${r.attempt}`);
    case "reconnect":
      return local("reconnection", "reconnect", `reconnected after ${r.attempt} attempt${r.attempt === 1 ? "" : "s"}`);
    case "reconnect_error":
      return local("reconnection", "reconnect error", errorText(r.error), true);
    case "reconnect_failed":
      return local("reconnection", "reconnect failed", "gave up: reconnectionAttempts reached", true);
    case "connect":
      return {
        dir: "in",
        category: "lifecycle",
        label: "connect",
        event: "",
        error: false,
        text: `id ${r.id}${r.recovered ? " · recovered" : ""}`,
      };
    case "connect_error":
      return {
        dir: "in",
        category: "lifecycle",
        label: "connect_error",
        event: "",
        error: true,
        text: `${errorText(r.error)}${r.active ? " · will retry" : " · not retrying"}`,
      };
    case "disconnect":
      return local(
        "lifecycle",
        "disconnect",
        `${r.reason}${r.error ? ` (${errorText(r.error)})` : ""}${r.active ? " · will reconnect" : ""}`,
        r.active,
      );
    case "buffered":
      return {
        dir: "out",
        category: "buffer",
        label: "buffered",
        event: clip(r.event),
        error: false,
        text: previewArgs(r.args),
      };
    case "flush":
      return local("buffer", "flush", `sent ${r.count} buffered emit${r.count === 1 ? "" : "s"}`);
    case "volatile_dropped":
      return {
        dir: "out",
        category: "buffer",
        label: "dropped",
        event: clip(r.event),
        error: true,
        text: `volatile emit dropped · ${previewArgs(r.args)}`,
      };
    case "ack_timeout":
      return local(
        "ack",
        "ack timeout",
        `no ack for #${r.ackId}${r.elapsed === undefined ? "" : ` after ${ms(r.elapsed)}`}`,
        true,
      );
    case "ack_discarded":
      return local("ack", "ack dropped", `#${r.ackId}: disconnected before the ack came`, true);
    case "packet":
      switch (r.type) {
        case "EVENT":
        case "BINARY_EVENT":
          return {
            dir: r.dir,
            category: "event",
            label: r.ackId === undefined ? "event" : "event+ack",
            event: clip(r.event ?? ""),
            error: false,
            // A recovery offset is the server's bookkeeping, not the event's data: labelled apart.
            text:
              r.offset === undefined
                ? previewArgs(r.args)
                : `${previewArgs(r.args?.slice(0, -1))} · offset ${clip(r.offset)}`,
          };
        case "ACK":
        case "BINARY_ACK":
          return {
            dir: r.dir,
            category: "ack",
            label: "ack",
            event: "",
            error: false,
            text: `#${r.ackId}${r.latency === undefined ? "" : ` · ${ms(r.latency)}`} · ${previewArgs(r.args)}`,
          };
        case "CONNECT":
          return {
            dir: r.dir,
            category: "lifecycle",
            label: "CONNECT",
            event: "",
            error: false,
            text: r.data === undefined ? "" : preview(r.data),
          };
        case "DISCONNECT":
          return { dir: r.dir, category: "lifecycle", label: "DISCONNECT", event: "", error: false, text: "" };
        case "CONNECT_ERROR":
          return {
            dir: r.dir,
            category: "lifecycle",
            label: "CONNECT_ERROR",
            event: "",
            error: true,
            text: preview(r.data),
          };
      }
  }
}

function errorText(e: { message: string; description?: string | number; data?: unknown } | undefined): string {
  if (!e) return "";
  let text = e.message;
  if (e.description !== undefined && String(e.description) !== e.message) text += ` · ${e.description}`;
  if (e.data !== undefined) text += ` · data ${preview(e.data)}`;
  return text;
}

/** The namespace of a record, when it belongs to one. */
export function nspOf(r: TimelineRecord): string | undefined {
  return "nsp" in r ? r.nsp : undefined;
}

/** A socket as a server row names it: its id, and our client's name when it is one of ours. */
const socketName = (r: ServerRecord) => `${clip(r.sid ?? "")}${r.of ? ` (${clip(r.of)})` : ""}`;

const SERVER_LABELS: Record<ServerRecord["what"], string> = {
  socket_connected: "socket in",
  socket_disconnected: "socket out",
  room_joined: "joined",
  room_left: "left",
  event_received: "received",
  event_sent: "sent",
  stats: "stats",
  view: "server view",
};

/** A node's stats as a row: its connections now, and its traffic over the seconds the stats cover. */
function statsText(r: ServerRecord): string {
  const sum = { connections: 0, disconnections: 0, packetsIn: 0, packetsOut: 0, bytesIn: 0, bytesOut: 0 };
  const seconds = r.seconds ?? [];
  for (const s of seconds) for (const k of Object.keys(sum) as Array<keyof typeof sum>) sum[k] += s[k];
  const traffic = seconds.length
    ? ` · over ${counted(seconds.length, "second")}: ${counted(sum.connections, "connection")}, ` +
      `${counted(sum.disconnections, "disconnection")}, packets ${countText(sum.packetsIn)} in and ` +
      `${countText(sum.packetsOut)} out, ${bytesText(sum.bytesIn)} in and ${bytesText(sum.bytesOut)} out`
    : "";
  return `node ${clip(r.node ?? "")}: ${counted(r.clients ?? 0, "client")}${traffic}`;
}

/** The server's view, as a row: what the server did or saw, about which socket (ours named). */
function describeServer(r: ServerRecord): RowView {
  const text = {
    socket_connected: () =>
      `${socketName(r)} connected to ${clip(r.nsp)}${r.transport ? ` over ${r.transport}` : ""}${r.node ? ` on node ${clip(r.node)}` : ""}`,
    socket_disconnected: () => `${socketName(r)} left ${clip(r.nsp)}: ${clip(r.reason ?? "")}`,
    room_joined: () => `${socketName(r)} joined room ${clip(r.room ?? "")} on ${clip(r.nsp)}`,
    room_left: () => `${socketName(r)} left room ${clip(r.room ?? "")} on ${clip(r.nsp)}`,
    event_received: () => `${previewArgs(r.args)} · from ${socketName(r)} on ${clip(r.nsp)}`,
    event_sent: () => `${previewArgs(r.args)} · to ${socketName(r)} on ${clip(r.nsp)}`,
    stats: () => statsText(r),
    view: () => r.text ?? "",
  }[r.what]();
  const isEvent = r.what === "event_received" || r.what === "event_sent";
  return {
    dir: "local",
    category: r.what === "stats" ? "stats" : "server",
    label: SERVER_LABELS[r.what],
    event: isEvent ? clip(r.event ?? "") : "",
    text,
    error: r.error === true,
  };
}
