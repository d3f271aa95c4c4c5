import type { Direction, PacketRecord } from "../../client/observe/records.js";
import { requestOf } from "../feed/links.js";
import type { TimelineRecord } from "../feed/records.js";
import { approxBytes } from "../shared/size.js";
import { NO_NAME, SessionFigures, UNNAMED_CLIENT, type FigureLimits } from "./session-figures.js";

/**
 * What a comparison needs of one session, read one record at a time as the figures are: the figures themselves, and
 * the session's events in order (the first `maxEvents`, with their arguments and the reply their ack brought while
 * within `maxPayloadBytes`). The events keep references to the records' own values, never copies.
 */
export interface SequenceEvent {
  /** Its place among the session's events, from 1. */
  index: number;
  client: string;
  dir: Direction;
  nsp: string;
  event: string;
  t: number;
  seq: number;
  /** Its arguments; undefined when they were past the payload budget (then they are not compared). */
  args?: unknown[];
  /** Whether it asked for an ack, and the ack's arguments once it came. */
  asked: boolean;
  reply?: unknown[];
}

export interface SequenceLimits {
  /** Events kept in order (the alignment's bound); the rest are only counted. */
  maxEvents: number;
  /** Bytes of arguments and replies kept (about: see approxBytes); past it, payloads are not compared. */
  maxPayloadBytes: number;
}

export const DEFAULT_SEQUENCE_LIMITS: SequenceLimits = { maxEvents: 5000, maxPayloadBytes: 16 * 1024 * 1024 };

export class EventSequence {
  readonly limits: SequenceLimits;
  readonly events: SequenceEvent[] = [];
  /** Every event of the session, kept or not. */
  total = 0;
  /** Whether some payloads were past the budget. */
  payloadsLeftOut = false;
  private bytes = 0;
  /** Kept events that asked for an ack, by their record: the ack's emit (as the feed paired them) finds its event. */
  private readonly asking = new WeakMap<TimelineRecord, SequenceEvent>();

  constructor(limits: Partial<SequenceLimits> = {}) {
    this.limits = { ...DEFAULT_SEQUENCE_LIMITS, ...limits };
  }

  add(r: TimelineRecord): void {
    if (r.kind !== "packet") return;
    if (r.type === "EVENT" || r.type === "BINARY_EVENT") this.event(r);
    else if (r.type === "ACK" || r.type === "BINARY_ACK") {
      const asked = requestOf(r);
      const asking = asked && this.asking.get(asked);
      if (asking && asking.reply === undefined) asking.reply = this.keep(r.args ?? []);
    }
  }

  private keep(payload: unknown[]): unknown[] | undefined {
    const room = this.limits.maxPayloadBytes - this.bytes;
    const bytes = approxBytes(payload, room + 1);
    if (bytes > room) {
      this.payloadsLeftOut = true;
      return undefined;
    }
    this.bytes += bytes;
    return payload;
  }

  private event(r: PacketRecord & { client?: string }): void {
    this.total++;
    if (this.events.length >= this.limits.maxEvents) return;
    const client = r.client ?? UNNAMED_CLIENT;
    const args = this.keep(r.args ?? []);
    const e: SequenceEvent = {
      index: this.total,
      client,
      dir: r.dir,
      nsp: r.nsp,
      event: r.event ?? NO_NAME,
      t: r.t,
      seq: r.seq,
      ...(args === undefined ? {} : { args }),
      asked: r.ackId !== undefined,
    };
    this.events.push(e);
    if (r.ackId !== undefined) this.asking.set(r, e);
  }
}

/** One session as a comparison reads it: its name, figures and events. Feed it every record, in order. */
export class SessionDigest {
  readonly figures: SessionFigures;
  readonly events: EventSequence;
  records = 0;

  constructor(
    /** The session's name as it is shown (its file name). */
    readonly name: string,
    limits: { figures?: Partial<FigureLimits>; sequence?: Partial<SequenceLimits> } = {},
  ) {
    this.figures = new SessionFigures(limits.figures);
    this.events = new EventSequence(limits.sequence);
  }

  add(r: TimelineRecord): void {
    this.records++;
    this.figures.add(r);
    this.events.add(r);
  }

  addAll(records: Iterable<TimelineRecord>): void {
    for (const r of records) this.add(r);
  }
}
