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

type Kind = TimelineRecord["kind"];
// An intersection, not Extract: some records share one interface for several kinds (open, error, close, ...).
type RecordOf<K extends Kind> = TimelineRecord & { kind: K };

const row = (
  dir: RowDirection,
  category: Category,
  label: string,
  text: string,
  error = false,
  event = "",
): RowView => ({
  dir,
  category,
  label,
  event,
  text,
  error,
});

/** Something the client did or noticed on its own. */
const local = (category: Category, label: string, text: string, error = false): RowView =>
  row("local", category, label, text, error);

function describeHandshake(r: RecordOf<"handshake">): RowView {
  const text = [
    `Engine.IO ${r.eio ?? 4}`,
    `sid ${r.sid}`,
    r.transport,
    `pingInterval ${r.pingInterval} ms`,
    `pingTimeout ${r.pingTimeout} ms`,
    `maxPayload ${r.maxPayload ?? "not announced"}`,
    `upgrades [${r.upgrades.join(", ")}]`,
  ].join(" · ");
  return row("in", "engine", "handshake", text);
}

function describePing(r: RecordOf<"ping">): RowView {
  const from = r.from === "client" ? "from the client" : "from the server";
  const text =
    r.sinceLast === undefined ? `first ping, ${from}` : `${from} · ${ms(r.sinceLast)} since the previous ping`;
  return row(r.from === "client" ? "out" : "in", "engine", "ping", text);
}

function describeNote(r: RecordOf<"note">): RowView {
  const category = r.topic === "protocol" ? "engine" : r.topic === "user" ? "reconnection" : "lifecycle";
  const failure = r.topic === "refused" || r.topic === "unreachable" || r.topic === "undecoded";
  return local(category, NOTE_LABELS[r.topic], r.text, failure);
}

/** A Socket.IO packet on the wire, by its type. */
function describePacket(r: RecordOf<"packet">): RowView {
  switch (r.type) {
    case "EVENT":
    case "BINARY_EVENT": {
      // A recovery offset is the server's bookkeeping, not the event's data: labelled apart.
      const text =
        r.offset === undefined
          ? previewArgs(r.args)
          : `${previewArgs(r.args?.slice(0, -1))} · offset ${clip(r.offset)}`;
      return row(r.dir, "event", r.ackId === undefined ? "event" : "event+ack", text, false, clip(r.event ?? ""));
    }
    case "ACK":
    case "BINARY_ACK": {
      const latency = r.latency === undefined ? "" : ` · ${ms(r.latency)}`;
      return row(r.dir, "ack", "ack", `#${r.ackId}${latency} · ${previewArgs(r.args)}`);
    }
    case "CONNECT":
      return row(r.dir, "lifecycle", "CONNECT", r.data === undefined ? "" : preview(r.data));
    case "DISCONNECT":
      return row(r.dir, "lifecycle", "DISCONNECT", "");
    case "CONNECT_ERROR":
      return row(r.dir, "lifecycle", "CONNECT_ERROR", preview(r.data), true);
  }
}

/**
 * How each kind of record reads: one entry a kind, so that a new kind without its words does not compile. Grouped
 * as the kind filter groups them: the engine, the socket's life, reconnection, buffered emits, acks, the server.
 */
const DESCRIBERS: { [K in Kind]: (r: RecordOf<K>) => RowView } = {
  handshake: describeHandshake,
  ping: describePing,
  pong: (r) => row("in", "engine", "pong", `the server answered the ping in ${ms(r.rtt)}`),
  upgrading: (r) => local("engine", "upgrading", `probing ${r.transport}`),
  upgrade: (r) => local("engine", "upgrade", `now on ${r.transport}`),
  upgrade_error: (r) => local("engine", "upgrade error", `${r.transport}: ${r.error?.message ?? ""}`, true),
  open: () => local("lifecycle", "open", "engine connection open"),
  error: (r) => local("lifecycle", "error", errorText(r.error), true),
  connect: (r) => row("in", "lifecycle", "connect", `id ${r.id}${r.recovered ? " · recovered" : ""}`),
  connect_error: (r) =>
    row(
      "in",
      "lifecycle",
      "connect_error",
      `${errorText(r.error)}${r.active ? " · will retry" : " · not retrying"}`,
      true,
    ),
  disconnect: (r) =>
    local(
      "lifecycle",
      "disconnect",
      `${r.reason}${r.error ? ` (${errorText(r.error)})` : ""}${r.active ? " · will reconnect" : ""}`,
      r.active,
    ),
  close: (r) =>
    local(
      "reconnection",
      "close",
      r.error ? `${r.reason} (${errorText(r.error)})` : (r.reason ?? ""),
      r.reason !== CLOSE_REASONS.forcedClose,
    ),
  reconnect_scheduled: (r) => local("reconnection", "backoff", `attempt ${r.attempt} in ${r.delay} ms`),
  reconnect_attempt: (r) => local("reconnection", "reconnect attempt", `attempt ${r.attempt}`),
  reconnect: (r) => local("reconnection", "reconnect", `reconnected after ${counted(r.attempt ?? 0, "attempt")}`),
  reconnect_error: (r) => local("reconnection", "reconnect error", errorText(r.error), true),
  reconnect_failed: () => local("reconnection", "reconnect failed", "gave up: reconnectionAttempts reached", true),
  buffered: (r) => row("out", "buffer", "buffered", previewArgs(r.args), false, clip(r.event)),
  flush: (r) => local("buffer", "flush", `sent ${counted(r.count, "buffered emit")}`),
  volatile_dropped: (r) =>
    row("out", "buffer", "dropped", `volatile emit dropped · ${previewArgs(r.args)}`, true, clip(r.event)),
  ack_timeout: (r) =>
    local(
      "ack",
      "ack timeout",
      `no ack for #${r.ackId}${r.elapsed === undefined ? "" : ` after ${ms(r.elapsed)}`}`,
      true,
    ),
  ack_discarded: (r) => local("ack", "ack dropped", `#${r.ackId}: disconnected before the ack came`, true),
  packet: describePacket,
  note: describeNote,
  server: describeServer,
};

/** How a record reads in the timeline: pure, so that it can be computed lazily and cached. */
export function describe(r: TimelineRecord): RowView {
  // The table's entry for this kind takes this kind's record: TypeScript cannot follow that through an index.
  return (DESCRIBERS[r.kind] as (r: TimelineRecord) => RowView)(r);
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
