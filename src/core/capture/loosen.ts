// What changes from one connection to the next, in a capture made into a scenario: the connection's own ids (the
// Engine.IO session id, each namespace's socket id, its recovery session id), UUIDs, times of day and epoch times.
// A replay against the same server gets new ones, so a step that expected the recorded value would fail at once.
// Each is matched by its shape instead, and kept under a name that says what it is ($capture): where the same value
// comes again, in what the server sends or in what the app sent back, the step says it is that value ($var).
import type { TimelineRecord } from "../feed/records.js";
import { bytesOf, isBinary, toHex } from "../shared/binary.js";
import type { LooseKind, LoosePlace } from "../shared/error-words/capture.js";
import { problem, type Problem } from "../shared/errors.js";
import { isObject } from "../shared/reader.js";

/** An id of Socket.IO or Engine.IO: base64url characters, as `base64id` makes them (20 in Socket.IO 4). */
const ID_CHARS = /^[\w-]{8,64}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UUID_PATTERN = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";
/** An ISO 8601 date and time, as `Date.prototype.toISOString` and most servers write them. */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
const ISO_PATTERN = "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:?\\d{2})$";
/** How far from the record's own time a number may be to be taken for a time (ms or s since the epoch). */
const TIME_WINDOW_MS = 24 * 3600 * 1000;
const EPOCH_FLOOR_MS = 1e11;

/** An id a connection was given: the name it is captured under, what it is, and its shape (a regular expression). */
export interface ConnectionId {
  name: string;
  kind: Kind;
  pattern: string;
}

/** What a loosened value is (the words say it in the notes: LooseKind). */
type Kind = LooseKind;

/** The step a loosened value is in: its event (or the ack of it) and namespace. */
export type StepPlace = Omit<LoosePlace, "path">;

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
/** The shape of an id: its characters and length when it is made of id characters, else the id itself. */
const idPattern = (id: string) => (ID_CHARS.test(id) ? `[\\w-]{${id.length}}` : escapeRegex(id));
/** A name for $capture: letters, digits, _ and -, at most 60. */
const captureName = (...parts: string[]) =>
  parts
    .join("-")
    .replace(/[^\w-]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 60) || "value";

/**
 * The ids a capture's connections were given, by value: the name each is captured under and what it is. A v2
 * server names a namespace's socket after the engine ("/chat#<sid>"); v3 and v4 send it with the namespace's CONNECT.
 */
export function connectionIds(
  records: readonly TimelineRecord[],
  clientOf: (connection: string) => string,
): Map<string, ConnectionId> {
  const ids = new Map<string, ConnectionId>();
  const add = (
    value: unknown,
    name: string,
    kind: Kind,
    pattern = typeof value === "string" ? idPattern(value) : "",
  ) => {
    if (typeof value === "string" && value.length >= 8 && !ids.has(value)) ids.set(value, { name, kind, pattern });
  };
  const engineIds = new Map<string, string>();
  for (const r of records) {
    if (r.client === undefined) continue;
    const client = clientOf(r.client);
    if (r.kind === "handshake") {
      // A v2 server's socket on / is known by the engine's id: the app sends it as its socket id.
      if (r.eio === 3) add(r.sid, captureName(client, "socket-id"), "v2 socket id");
      else add(r.sid, captureName(client, "engine-id"), "engine id");
      engineIds.set(r.client, r.sid);
    } else if (r.kind === "packet" && r.type === "CONNECT" && r.dir === "in") {
      const nsp = r.nsp === "/" ? "" : r.nsp;
      const data = isObject(r.data) ? r.data : {};
      add(data.sid, captureName(client, nsp, "socket-id"), "socket id");
      add(data.pid, captureName(client, nsp, "recovery-id"), "recovery id");
      const sid = engineIds.get(r.client);
      if (data.sid === undefined && sid !== undefined && nsp)
        add(
          `${r.nsp}#${sid}`,
          captureName(client, nsp, "socket-id"),
          "socket id",
          escapeRegex(`${r.nsp}#`) + idPattern(sid),
        );
    }
  }
  return ids;
}

/**
 * Turns what a capture recorded into the values and matchers of a scenario's steps, loosening what changes per
 * connection. One per scenario: what it captured is known to the steps after.
 */
export class Loosener {
  /** Values captured by a step made so far, and their names. */
  private readonly captured = new Map<unknown, string>();
  private readonly counts = new Map<string, number>();
  private readonly said = new Set<string>();
  readonly notes: Problem[] = [];

  constructor(private readonly ids: ReadonlyMap<string, ConnectionId>) {}

  /**
   * A received value (an event's arguments, an ack's) as a matcher: exact, but for what changes per connection.
   * @param t when it was recorded (numbers near it are taken for times)
   * @param where the step, for the notes (“welcome” on /, or the ack of it)
   */
  expected(value: unknown, t: number, where: StepPlace): unknown {
    return this.walk(value, "", (v, path) => this.loosen(v, path, t, where));
  }

  /** What the app sent, as emit arguments: exact, but an id a step captured before is sent as the new one ($var). */
  sent(value: unknown, where: StepPlace): unknown {
    return this.walk(value, "", (v, path) => {
      const name = typeof v === "string" ? this.captured.get(v) : undefined;
      if (name === undefined) return undefined;
      this.note(problem("loosened-sent", { ...where, path, name }));
      return { $var: name };
    });
  }

  /** Values as exactMatcher writes them (bytes as $binary, `$` keys as $literal), each leaf offered to `leaf` first. */
  private walk(value: unknown, path: string, leaf: (v: unknown, path: string) => unknown): unknown {
    if (isBinary(value)) return { $binary: toHex(bytesOf(value) ?? new Uint8Array()).replace(/ /g, "") };
    if (Array.isArray(value)) return value.map((v, i) => this.walk(v, `${path}[${i}]`, leaf));
    if (isObject(value)) {
      if (Object.keys(value).some((k) => k.startsWith("$"))) return { $literal: value };
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.walk(v, `${path}.${k}`, leaf)]));
    }
    return leaf(value, path) ?? value;
  }

  private loosen(v: unknown, path: string, t: number, where: StepPlace): unknown {
    if (typeof v === "string") {
      const id = this.ids.get(v);
      if (id) return this.capture(v, id.name, `^${id.pattern}$`, id.kind, where, path, true);
      for (const [known, { kind, pattern }] of this.ids)
        if (v.includes(known)) {
          const [before, ...after] = v.split(known);
          this.note(problem("loosened-within", { ...where, path, kind, value: known }));
          return { $regex: `^${escapeRegex(before ?? "")}${pattern}${escapeRegex(after.join(known))}$` };
        }
      if (UUID.test(v)) return this.capture(v, this.next("uuid"), UUID_PATTERN, "UUID", where, path, true);
      if (ISO_TIME.test(v) && Number.isFinite(Date.parse(v)))
        return this.capture(v, this.next("time"), ISO_PATTERN, "time", where, path, false);
    }
    // Only where the record's own time is a date (after 1973): a capture's tests and odd clocks count from 0.
    if (typeof v === "number" && Number.isFinite(v) && t > EPOCH_FLOOR_MS) {
      const asMs = Math.abs(v - t) <= TIME_WINDOW_MS;
      const asSeconds = Math.abs(v * 1000 - t) <= TIME_WINDOW_MS;
      if (asMs || asSeconds) return this.capture(v, this.next("time"), undefined, "epoch time", where, path, false);
    }
    return undefined;
  }

  /**
   * The first time: kept under `name`, matched by its shape; after, with `same`, this same value again (an id or a
   * UUID seen twice is the same thing; two equal times are more likely two events of the same millisecond).
   */
  private capture(
    v: unknown,
    name: string,
    pattern: string | undefined,
    kind: Kind,
    where: StepPlace,
    path: string,
    same: boolean,
  ) {
    const known = this.captured.get(v);
    if (known !== undefined && same) {
      this.note(problem("loosened-again", { ...where, path, name: known }));
      return { $var: known };
    }
    if (same) this.captured.set(v, name);
    this.note(
      problem("loosened-captured", { ...where, path, kind, value: String(v), byShape: pattern !== undefined, name }),
    );
    return { $capture: name, $match: pattern === undefined ? { $type: "number" } : { $regex: pattern } };
  }

  private next(kind: string): string {
    const n = (this.counts.get(kind) ?? 0) + 1;
    this.counts.set(kind, n);
    return `${kind}-${n}`;
  }

  /** A note per step and place: a stream of events with a time each says so once. */
  private note(what: Problem & { params: LoosePlace }): void {
    const { event, nsp, ack, path } = what.params;
    const key = JSON.stringify([event, nsp, ack, path]);
    if (this.said.has(key)) return;
    this.said.add(key);
    this.notes.push(what);
  }
}
