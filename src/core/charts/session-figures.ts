import type { Direction, PacketRecord } from "../../client/observe/records.js";
import { requestOf } from "../feed/links.js";
import type { TimelineRecord } from "../feed/records.js";
import { CappedNames } from "./capped-names.js";
import { ConnectionTrack, DEFAULT_MAX_BANDS, type ConnectionBand, type ConnectionMarker } from "./connection-bands.js";
import { LatencyHistogram, type LatencyBin, type LatencySummary } from "./latency-histogram.js";
import { PointSeries, type SeriesPoint } from "./point-series.js";
import { DEFAULT_MAX_BUCKETS, DEFAULT_SERIES_PER_BUCKET, RateBuckets } from "./rate-buckets.js";
import { ServerFigures, type ServerNodeFigures } from "./server-figures.js";

/**
 * The shape of a session, read one record at a time: how many events per second (by namespace, event name and
 * client), how long acks take per event, the ping's round trip, and each client's connection over time.
 *
 * It keeps figures, never the records: every bound below holds whatever the session's length (a million records
 * from a file, or a live stream of 10,000 a second), and each record costs O(1) amortised. What a bound leaves out is
 * counted and said, not lost silently.
 */
export interface FigureLimits {
  /** Event names counted apart; the rest count as "(others)". */
  maxNames: number;
  maxNamespaces: number;
  maxClients: number;
  /** Time buckets kept (past them, buckets widen: see RateBuckets). */
  maxBuckets: number;
  seriesPerBucket: number;
  /** Points of each ping series, and bands and markers of each client. */
  maxPingPoints: number;
  maxBands: number;
  /** The server's nodes counted apart (their stats records); the rest are summed. */
  maxNodes: number;
}

export const DEFAULT_LIMITS: FigureLimits = {
  maxNames: 1000,
  maxNamespaces: 64,
  maxClients: 64,
  maxBuckets: DEFAULT_MAX_BUCKETS,
  seriesPerBucket: DEFAULT_SERIES_PER_BUCKET,
  maxPingPoints: 1000,
  maxBands: DEFAULT_MAX_BANDS,
  maxNodes: 64,
};

/** The label of records without a client name (version 1 session files, of one client). */
export const UNNAMED_CLIENT = "(unnamed)";
export const OTHERS_LABEL = "(others)";
/** The label of an event packet without a name (a malformed one a server sent). */
export const NO_NAME = "(no name)";

/** A count by name: incoming and outgoing. */
export interface CountRow {
  name: string;
  in: number;
  out: number;
  /** The row that sums what is not counted apart (past the cap of names, or outside the top). */
  others?: true;
}

export type RateBreakdown = "namespace" | "event" | "client";

export interface RateOptions {
  by: RateBreakdown;
  /** Only this client's events. */
  client?: string;
  dir?: Direction;
  /** How many series to show apart; the rest are summed into "(others)". Default 8. */
  top?: number;
}

export interface RateSeries {
  label: string;
  /** Events per second, one value per bucket. */
  values: number[];
  total: number;
  others?: true;
}

/** Events per second over time: bucket i spans [start + i × bucketMs, start + (i + 1) × bucketMs). */
export interface RateChart {
  start: number;
  bucketMs: number;
  buckets: number;
  series: RateSeries[];
  /** Events per second of everything (in the direction asked, of all clients). */
  total: number[];
  /** Filtered by client: events the buckets could not itemise (left out of the series; see RateBuckets). */
  unitemised: number;
}

export interface AckLatencyRow extends LatencySummary {
  event: string;
  /** `out`: we emitted, the server answered; `in`: the server emitted, we answered. */
  dir: Direction;
  /** Acks that never came (ack_timeout) or were discarded on a disconnect. */
  timeouts: number;
  bins: LatencyBin[];
}

export interface PingSeries {
  client: string;
  /**
   * `rtt`: the round trip of the client's pings (Engine.IO 3: pong after ping); `interval`: the time between the
   * server's pings (Engine.IO 4, where the client only answers: its spread around `expected` is the jitter).
   */
  kind: "rtt" | "interval";
  /** For `interval`: the ping interval the handshake announced. */
  expected?: number;
  count: number;
  points: SeriesPoint[];
}

export interface ConnectionFigures {
  client: string;
  bands: ConnectionBand[];
  markers: ConnectionMarker[];
  drops: number;
  recoveries: number;
  droppedBands: number;
  droppedMarkers: number;
}

export interface FiguresSummary {
  records: number;
  from?: number;
  to?: number;
  clients: number;
  eventsIn: number;
  eventsOut: number;
  acks: number;
  ackTimeouts: number;
  /** Acks the feed found no emit for (before the session's start, or let go: see numbering.ts). */
  unpairedAcks: number;
  /** Event names met; those past the cap are counted as others. */
  names: number;
  namesOverCap: boolean;
  bucketMs: number;
}

interface ClientState {
  rtt: PointSeries;
  interval: PointSeries;
  pingInterval?: number;
  track: ConnectionTrack;
}

/** The emit a reply answers, as the feed paired them: its event's name, direction and time. */
function askedOf(reply: TimelineRecord): { event: string; dir: Direction; t: number } | undefined {
  const asked = requestOf(reply);
  if (asked?.kind === "packet") return { event: asked.event ?? NO_NAME, dir: asked.dir, t: asked.t };
  // An emit that waited in the send buffer and never left: its `buffered` record.
  if (asked?.kind === "buffered") return { event: asked.event, dir: "out", t: asked.t };
  return undefined;
}

const isEvent = (r: PacketRecord) => r.type === "EVENT" || r.type === "BINARY_EVENT";
const isAck = (r: PacketRecord) => r.type === "ACK" || r.type === "BINARY_ACK";

export class SessionFigures {
  readonly limits: FigureLimits;
  private readonly names: CappedNames;
  private readonly namespaces: CappedNames;
  private readonly clients: CappedNames;
  private readonly rates: RateBuckets;
  /** Counts by id, in and out. */
  private readonly nameCounts: Array<[number, number]> = [];
  private readonly nspCounts: Array<[number, number]> = [];
  private readonly clientTotals: Array<[number, number]> = [];
  /** By event name id × 2 + (0 out, 1 in): the direction of the emit that asked. */
  private readonly latency = new Map<number, LatencyHistogram>();
  private readonly timeouts = new Map<number, number>();
  private readonly perClient = new Map<number, ClientState>();
  /** The server's own figures, per node (the server view's stats records). */
  private readonly server: ServerFigures;
  private records = 0;
  private from: number | undefined;
  private to: number | undefined;
  private eventsIn = 0;
  private eventsOut = 0;
  private acks = 0;
  private ackTimeouts = 0;
  private unpairedAcks = 0;

  constructor(limits: Partial<FigureLimits> = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
    this.names = new CappedNames(this.limits.maxNames, OTHERS_LABEL);
    this.namespaces = new CappedNames(this.limits.maxNamespaces, OTHERS_LABEL);
    this.clients = new CappedNames(this.limits.maxClients, OTHERS_LABEL);
    this.rates = new RateBuckets(this.limits.maxBuckets, this.limits.seriesPerBucket);
    this.server = new ServerFigures(this.limits.maxNodes, this.limits.maxPingPoints);
  }

  /** Reads a batch of records (the feed's batch of a frame, or a file's). */
  addAll(records: Iterable<TimelineRecord>): void {
    for (const r of records) this.add(r);
  }

  add(r: TimelineRecord): void {
    this.records++;
    if (Number.isFinite(r.t)) {
      if (this.from === undefined || r.t < this.from) this.from = r.t;
      if (this.to === undefined || r.t > this.to) this.to = r.t;
    }
    if (r.kind === "server") {
      this.server.add(r);
      return;
    }
    const client = r.client ?? UNNAMED_CLIENT;
    // The user's Drop transport: what closes next is not a drop.
    if (r.kind === "note") {
      if (r.topic === "user") this.client(client).track.read(r);
      return;
    }
    switch (r.kind) {
      case "packet":
        if (isEvent(r)) this.event(r, client);
        else if (isAck(r)) this.ack(r);
        return;
      case "ack_timeout":
      case "ack_discarded": {
        // The emit it answers, as the feed paired them (numbering.ts).
        const asked = askedOf(r);
        if (!asked) return;
        this.ackTimeouts++;
        const key = this.names.idOf(asked.event) * 2 + (asked.dir === "in" ? 1 : 0);
        this.timeouts.set(key, (this.timeouts.get(key) ?? 0) + 1);
        return;
      }
      case "handshake":
        this.client(client).pingInterval = r.pingInterval;
        return;
      case "ping":
        // Engine.IO 4: the server pings, the gap between its pings shows how regular the link is.
        if (r.from !== "client" && r.sinceLast !== undefined) this.client(client).interval.add(r.t, r.sinceLast);
        return;
      case "pong":
        this.client(client).rtt.add(r.t, r.rtt);
        return;
      default:
        this.client(client).track.read(r);
    }
  }

  private client(name: string): ClientState {
    const id = this.clients.idOf(name);
    let state = this.perClient.get(id);
    if (!state) {
      state = {
        rtt: new PointSeries(this.limits.maxPingPoints),
        interval: new PointSeries(this.limits.maxPingPoints),
        track: new ConnectionTrack(this.limits.maxBands),
      };
      this.perClient.set(id, state);
    }
    return state;
  }

  /** Packs client, namespace, event name and direction into one series number of the rate buckets. */
  private seriesKey(client: number, nsp: number, name: number, dir: Direction): number {
    return (
      ((client * (this.limits.maxNamespaces + 1) + nsp) * (this.limits.maxNames + 1) + name) * 2 +
      (dir === "in" ? 1 : 0)
    );
  }

  private unpack(key: number): { client: number; nsp: number; name: number; dir: Direction } {
    const dir: Direction = key % 2 === 1 ? "in" : "out";
    let rest = Math.floor(key / 2);
    const name = rest % (this.limits.maxNames + 1);
    rest = Math.floor(rest / (this.limits.maxNames + 1));
    return {
      client: Math.floor(rest / (this.limits.maxNamespaces + 1)),
      nsp: rest % (this.limits.maxNamespaces + 1),
      name,
      dir,
    };
  }

  private event(r: PacketRecord, client: string): void {
    const name = this.names.idOf(r.event ?? NO_NAME);
    const nsp = this.namespaces.idOf(r.nsp);
    const who = this.clients.idOf(client);
    const at = r.dir === "in" ? 0 : 1;
    count(this.nameCounts, name, at);
    count(this.nspCounts, nsp, at);
    count(this.clientTotals, who, at);
    if (r.dir === "in") this.eventsIn++;
    else this.eventsOut++;
    this.rates.add(r.t, this.seriesKey(who, nsp, name, r.dir));
  }

  private ack(r: PacketRecord): void {
    // An incoming ack answers an emit of ours; an outgoing one answers the server's. The feed paired them.
    const asked = askedOf(r);
    if (!asked) {
      this.unpairedAcks++;
      return;
    }
    this.acks++;
    const key = this.names.idOf(asked.event) * 2 + (asked.dir === "in" ? 1 : 0);
    let histogram = this.latency.get(key);
    if (!histogram) {
      histogram = new LatencyHistogram();
      this.latency.set(key, histogram);
    }
    histogram.add(r.latency ?? r.t - asked.t);
  }

  // ——— what the figures say ———

  summary(): FiguresSummary {
    return {
      records: this.records,
      ...(this.from === undefined ? {} : { from: this.from, to: this.to }),
      clients: this.clients.size,
      eventsIn: this.eventsIn,
      eventsOut: this.eventsOut,
      acks: this.acks,
      ackTimeouts: this.ackTimeouts,
      unpairedAcks: this.unpairedAcks,
      names: this.names.size,
      namesOverCap: this.names.overflowed > 0,
      bucketMs: this.rates.width,
    };
  }

  /** The time of the first and last record (undefined before any). */
  get span(): { from: number; to: number } | undefined {
    return this.from === undefined ? undefined : { from: this.from, to: this.to as number };
  }

  /** Events by name, most first: the `top` names, then one "(others)" row for the rest (if any). */
  eventCounts(top = Number.POSITIVE_INFINITY): CountRow[] {
    return countRows(this.nameCounts, this.names, top);
  }

  namespaceCounts(top = Number.POSITIVE_INFINITY): CountRow[] {
    return countRows(this.nspCounts, this.namespaces, top);
  }

  clientCounts(top = Number.POSITIVE_INFINITY): CountRow[] {
    return countRows(this.clientTotals, this.clients, top);
  }

  /** The clients met, in the order they first appeared (those past the cap are not named). */
  clientNames(): string[] {
    const names: string[] = [];
    for (let id = 1; id <= this.clients.size; id++) names.push(this.clients.nameOf(id));
    return names;
  }

  /** Events per second over time, broken down by namespace, event name or client: the `top` series, then others. */
  rateChart({ by, client, dir, top = 8 }: RateOptions): RateChart {
    const n = this.rates.length;
    const perSecond = 1000 / this.rates.width;
    const filtered = client !== undefined || dir !== undefined;
    const clientId = client === undefined ? undefined : (this.clients.find(client) ?? -1);
    const counts = new Map<number, Float64Array>();
    const totals = new Map<number, number>();
    const total = new Float64Array(n);
    const others = new Float64Array(n);
    let othersTotal = 0;
    let unitemised = 0;
    for (let i = 0; i < n; i++) {
      const bucket = this.rates.at(i);
      if (!bucket) continue;
      for (const [key, c] of bucket.series) {
        const k = this.unpack(key);
        if ((dir !== undefined && k.dir !== dir) || (clientId !== undefined && k.client !== clientId)) continue;
        const id = by === "event" ? k.name : by === "namespace" ? k.nsp : k.client;
        let values = counts.get(id);
        if (!values) counts.set(id, (values = new Float64Array(n)));
        values[i] = (values[i] as number) + c;
        totals.set(id, (totals.get(id) ?? 0) + c);
        total[i] = (total[i] as number) + c;
      }
      if (!bucket.overflow) continue;
      // What a bucket could not itemise has no name, client or direction: "others" when nothing is filtered.
      if (filtered) unitemised += bucket.overflow;
      else {
        others[i] = (others[i] as number) + bucket.overflow;
        total[i] = (total[i] as number) + bucket.overflow;
        othersTotal += bucket.overflow;
      }
    }
    const names = by === "event" ? this.names : by === "namespace" ? this.namespaces : this.clients;
    const ranked = [...totals]
      .filter(([id]) => id !== CappedNames.OTHERS)
      .sort((a, b) => b[1] - a[1] || names.nameOf(a[0]).localeCompare(names.nameOf(b[0])));
    const rest = ranked.slice(top).map(([id]) => id);
    if (totals.has(CappedNames.OTHERS)) rest.push(CappedNames.OTHERS);
    for (const id of rest) {
      const values = counts.get(id) as Float64Array;
      for (let i = 0; i < n; i++) others[i] = (others[i] as number) + (values[i] as number);
      othersTotal += totals.get(id) ?? 0;
    }
    const rate = (values: Float64Array) => Array.from(values, (v) => v * perSecond);
    const series: RateSeries[] = ranked
      .slice(0, top)
      .map(([id, t]) => ({ label: names.nameOf(id), values: rate(counts.get(id) as Float64Array), total: t }));
    if (othersTotal > 0) series.push({ label: OTHERS_LABEL, values: rate(others), total: othersTotal, others: true });
    return {
      start: this.rates.origin ?? this.from ?? 0,
      bucketMs: this.rates.width,
      buckets: n,
      series,
      total: rate(total),
      unitemised,
    };
  }

  /** Ack latency per event name and direction, most acks first. */
  ackLatency(): AckLatencyRow[] {
    const keys = new Set([...this.latency.keys(), ...this.timeouts.keys()]);
    const rows: AckLatencyRow[] = [];
    for (const key of keys) {
      const histogram = this.latency.get(key) ?? new LatencyHistogram();
      rows.push({
        event: this.names.nameOf(Math.floor(key / 2)),
        dir: key % 2 === 1 ? "in" : "out",
        timeouts: this.timeouts.get(key) ?? 0,
        ...histogram.summary(),
        bins: histogram.bins(),
      });
    }
    return rows.sort((a, b) => b.count - a.count || b.timeouts - a.timeouts || a.event.localeCompare(b.event));
  }

  /** The ping's figures per client: the round trip where the client pings (Engine.IO 3), else the gap between pings. */
  pingSeries(): PingSeries[] {
    const out: PingSeries[] = [];
    for (const [id, state] of this.perClient) {
      const client = this.clients.nameOf(id);
      if (state.rtt.count) out.push({ client, kind: "rtt", count: state.rtt.count, points: state.rtt.list() });
      if (state.interval.count)
        out.push({
          client,
          kind: "interval",
          ...(state.pingInterval === undefined ? {} : { expected: state.pingInterval }),
          count: state.interval.count,
          points: state.interval.list(),
        });
    }
    return out;
  }

  /** The server's nodes, each with its connections and traffic over time (empty without a server view's stats). */
  serverNodes(): ServerNodeFigures[] {
    return this.server.nodes();
  }

  /** Each client's connection as bands and markers; the band that lasts is ended at the last record's time. */
  connections(): ConnectionFigures[] {
    const out: ConnectionFigures[] = [];
    for (const [id, state] of this.perClient) {
      const { track } = state;
      if (track.bands.length === 0 && track.markers.length === 0) continue;
      out.push({
        client: this.clients.nameOf(id),
        bands: track.bands.map((b) =>
          b.to === undefined ? { ...b, to: Math.max(b.from, this.to ?? b.from) } : { ...b },
        ),
        markers: [...track.markers],
        drops: track.drops,
        recoveries: track.recoveries,
        droppedBands: track.droppedBands,
        droppedMarkers: track.droppedMarkers,
      });
    }
    return out;
  }
}

function count(counts: Array<[number, number]>, id: number, at: 0 | 1): void {
  let pair = counts[id];
  if (!pair) counts[id] = pair = [0, 0];
  pair[at]++;
}

function countRows(counts: Array<[number, number]>, names: CappedNames, top: number): CountRow[] {
  const rows: CountRow[] = [];
  counts.forEach((pair, id) => {
    if (id !== CappedNames.OTHERS) rows.push({ name: names.nameOf(id), in: pair[0], out: pair[1] });
  });
  rows.sort((a, b) => b.in + b.out - (a.in + a.out) || a.name.localeCompare(b.name));
  const rest = rows.slice(top);
  const others = counts[CappedNames.OTHERS];
  const shown = rows.slice(0, top);
  if (rest.length || others) {
    shown.push({
      name: OTHERS_LABEL,
      in: rest.reduce((n, r) => n + r.in, others?.[0] ?? 0),
      out: rest.reduce((n, r) => n + r.out, others?.[1] ?? 0),
      others: true,
    });
  }
  return shown;
}
