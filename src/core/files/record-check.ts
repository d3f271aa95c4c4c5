import { SECOND_COUNTS, type TimelineRecord } from "../feed/records.js";
import type { Seen, Wanted } from "../shared/error-words/files.js";
import { problem, type Problem } from "../shared/errors.js";

/**
 * The shape of each kind of timeline record, for reading files: a session file is anyone's text, and the timeline,
 * the detail and the scenario tools read fields by their type (an `args` that is not a list, an `event` that is an
 * object). Each field is checked where it is present; `required` ones must be. Fields added in later versions of
 * the format are optional here, so older files still open.
 */
type FieldType =
  | "string"
  | "number"
  | "time"
  | "duration"
  | "boolean"
  | "list"
  | "strings"
  | "error"
  | "count"
  | "seconds"
  | "any"
  | { oneOf: readonly (string | number)[] };

/**
 * The largest time and duration a record may hold, in ms: the range of a date (±8.64e15 ms from 1970, the year
 * 275760). The inspector stamps records with its own clock and measures round trips and latencies with it, so no
 * session it writes comes near; a file past it was made by hand, and its times would mean nothing on a time axis
 * (past 2^53 ms a second is below the gap between two numbers). What a server sends (a ping interval, a server's
 * time) is not bounded here: a session keeps it as it came, and the charts draw any finite number.
 */
export const MAX_TIME_MS = 8.64e15;
/** Seconds a `stats` record holds at most: what the view keeps of one node's `server_stats`. */
export const MAX_SECONDS = 120;

interface Field {
  type: FieldType;
  required?: boolean;
}

const req = (type: FieldType): Field => ({ type, required: true });
const opt = (type: FieldType): Field => ({ type });

const PACKET_TYPES = ["CONNECT", "DISCONNECT", "EVENT", "ACK", "CONNECT_ERROR", "BINARY_EVENT", "BINARY_ACK"] as const;

const COMMON: Record<string, Field> = {
  seq: req("number"),
  t: req("time"),
  client: opt("string"),
  offset: opt("string"),
};
const TRANSPORT: Record<string, Field> = { transport: req("string"), error: opt("error") };
const MANAGER: Record<string, Field> = { attempt: opt("number"), reason: opt("string"), error: opt("error") };
const SOCKET: Record<string, Field> = {
  nsp: req("string"),
  id: opt("string"),
  recovered: opt("boolean"),
  reason: opt("string"),
  error: opt("error"),
  active: opt("boolean"),
};
const ACK_GONE: Record<string, Field> = {
  nsp: req("string"),
  ackId: req("number"),
  pair: opt("number"),
  elapsed: opt("number"),
};

const SHAPES: Record<TimelineRecord["kind"], Record<string, Field>> = {
  handshake: {
    sid: req("string"),
    pingInterval: req("number"),
    pingTimeout: req("number"),
    maxPayload: opt("number"),
    upgrades: req("strings"),
    transport: req("string"),
    eio: opt({ oneOf: [3, 4] }),
    fields: opt("strings"),
  },
  upgrading: TRANSPORT,
  upgrade: TRANSPORT,
  upgrade_error: TRANSPORT,
  ping: { from: opt({ oneOf: ["server", "client"] }), sinceLast: opt("duration") },
  pong: { rtt: req("duration") },
  packet: {
    dir: req({ oneOf: ["in", "out"] }),
    nsp: req("string"),
    type: req({ oneOf: PACKET_TYPES }),
    event: opt("string"),
    args: opt("list"),
    data: opt("any"),
    ackId: opt("number"),
    attachments: opt("number"),
    pair: opt("number"),
    latency: opt("duration"),
    compress: opt("boolean"),
  },
  buffered: {
    nsp: req("string"),
    event: req("string"),
    args: req("list"),
    ackId: opt("number"),
    pair: opt("number"),
  },
  flush: { nsp: req("string"), count: req("number") },
  volatile_dropped: { nsp: req("string"), event: req("string"), args: req("list") },
  ack_timeout: ACK_GONE,
  ack_discarded: ACK_GONE,
  reconnect_scheduled: { attempt: req("number"), delay: req("number") },
  open: MANAGER,
  error: MANAGER,
  close: MANAGER,
  reconnect_attempt: MANAGER,
  reconnect: MANAGER,
  reconnect_error: MANAGER,
  reconnect_failed: MANAGER,
  connect: SOCKET,
  connect_error: SOCKET,
  disconnect: SOCKET,
  note: {
    nsp: opt("string"),
    topic: req({ oneOf: ["protocol", "refused", "user", "route", "unreachable", "undecoded", "page"] }),
    text: req("string"),
    code: opt("string"),
    params: opt("any"),
  },
  server: {
    serverTime: opt("number"),
    what: req({
      oneOf: [
        "socket_connected",
        "socket_disconnected",
        "room_joined",
        "room_left",
        "event_received",
        "event_sent",
        "stats",
        "view",
      ],
    }),
    nsp: req("string"),
    node: opt("string"),
    clients: opt("count"),
    seconds: opt("seconds"),
    sid: opt("string"),
    room: opt("string"),
    event: opt("string"),
    args: opt("list"),
    reason: opt("string"),
    transport: opt("string"),
    of: opt("string"),
    text: opt("string"),
    error: opt("boolean"),
    code: opt("string"),
    params: opt("any"),
  },
};

/** Every kind of timeline record, for checking files. */
export const RECORD_KINDS: ReadonlySet<string> = new Set(Object.keys(SHAPES));

/** Each kind's fields, common ones first, listed once: a session file checks every one of its records. */
const FIELDS = new Map(Object.entries(SHAPES).map(([kind, shape]) => [kind, Object.entries({ ...COMMON, ...shape })]));

/** What a value is, as data for a problem's words: its kind, and a scalar's text (clipped). */
function seen(v: unknown): Seen {
  if (v === null) return { kind: "null" };
  if (Array.isArray(v)) return { kind: "list" };
  if (typeof v === "object") return { kind: "object" };
  if (typeof v === "string") return { kind: "text", text: v.length > 40 ? `${v.slice(0, 40)}…` : v };
  return { kind: typeof v === "number" ? "number" : typeof v === "boolean" ? "value" : "other", text: String(v) };
}

/** What a field should be, as data for a problem's words. */
const wantedOf = (type: FieldType): Wanted =>
  typeof type === "object"
    ? { oneOf: [...type.oneOf] }
    : type === "seconds"
      ? { type, max: MAX_SECONDS, counts: [...SECOND_COUNTS] }
      : { type };

function fits(v: unknown, type: FieldType): boolean {
  if (typeof type === "object") return type.oneOf.includes(v as string | number);
  switch (type) {
    case "string":
      return typeof v === "string";
    case "number":
      return typeof v === "number" && !Number.isNaN(v);
    case "time":
    case "duration":
      return typeof v === "number" && Math.abs(v) <= MAX_TIME_MS;
    case "boolean":
      return typeof v === "boolean";
    case "list":
      return Array.isArray(v);
    case "strings":
      return Array.isArray(v) && v.every((x) => typeof x === "string");
    case "error": {
      if (v === null || typeof v !== "object" || Array.isArray(v)) return false;
      const e = v as Record<string, unknown>;
      return (
        typeof e.message === "string" &&
        (e.description === undefined || typeof e.description === "string" || typeof e.description === "number") &&
        (e.type === undefined || typeof e.type === "string") &&
        (e.code === undefined || typeof e.code === "string") &&
        (e.body === undefined || typeof e.body === "string")
      );
    }
    case "count":
      return isCount(v);
    case "seconds":
      return Array.isArray(v) && v.length <= MAX_SECONDS;
    case "any":
      return true;
  }
}

const isCount = (v: unknown) => typeof v === "number" && Number.isFinite(v) && v >= 0;

/** What is wrong with one of a `seconds` list's entries (a node's traffic in one second), or undefined. */
function secondProblem(v: unknown): Problem | undefined {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return problem("second-not-object", { got: seen(v) });
  const s = v as Record<string, unknown>;
  if (!fits(s.t, "time"))
    return problem("record-field-wrong", { field: "t", wanted: { type: "time" }, got: seen(s.t) });
  for (const name of SECOND_COUNTS)
    if (!isCount(s[name]))
      return problem("record-field-wrong", { field: name, wanted: { type: "count" }, got: seen(s[name]) });
  return undefined;
}

/**
 * Why a value is not a timeline record, naming the field and what it should be, or undefined when it is one.
 */
export function recordProblem(value: unknown): Problem | undefined {
  if (value === null || typeof value !== "object" || Array.isArray(value))
    return problem("record-not-object", { got: seen(value) });
  const r = value as Record<string, unknown>;
  if (typeof r.kind !== "string" || !RECORD_KINDS.has(r.kind))
    return problem("record-kind-unknown", { got: r.kind === undefined ? null : seen(r.kind) });
  for (const [name, field] of FIELDS.get(r.kind) ?? []) {
    const v = r[name];
    if (v === undefined) {
      if (field.required) return problem("record-field-missing", { field: name, kind: r.kind });
      continue;
    }
    if (fits(v, field.type)) {
      if (field.type !== "seconds") continue;
      const bad = (v as unknown[]).findIndex((x) => secondProblem(x) !== undefined);
      if (bad < 0) continue;
      return problem("record-second-invalid", {
        field: name,
        index: bad,
        cause: secondProblem((v as unknown[])[bad]) as Problem,
      });
    }
    return problem("record-field-wrong", { field: name, wanted: wantedOf(field.type), got: seen(v) });
  }
  return undefined;
}
