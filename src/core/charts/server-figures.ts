import { SECOND_COUNTS, type ServerRecord, type ServerSecond } from "../feed/records.js";
import { CappedNames } from "./capped-names.js";
import { PointSeries, type SeriesPoint } from "./point-series.js";

/** What a node counts per second: connections, disconnections, packets and bytes in and out. */
export type SecondCount = (typeof SECOND_COUNTS)[number];

/** One node's figures over the session, from its `stats` records (the admin UI's server_stats). */
export interface ServerNodeFigures {
  node: string;
  /** The node's Engine.IO connections at each of its stats (on the inspector's clock). */
  clients: SeriesPoint[];
  /** Each count per second (on the server's clock), a point per second until the points merge (see PointSeries). */
  perSecond: Record<SecondCount, SeriesPoint[]>;
  totals: Record<SecondCount, number>;
  /** The busiest second of each count. */
  peaks: Record<SecondCount, number>;
  /** Connections at its latest stats, and the most it had. */
  lastClients: number;
  peakClients: number;
  /** Seconds counted, and stats records read. */
  seconds: number;
  stats: number;
  /** Sums nodes past the cap (see ServerFigures). */
  others?: true;
}

interface NodeState {
  clients: PointSeries;
  perSecond: Record<SecondCount, PointSeries>;
  totals: Record<SecondCount, number>;
  peaks: Record<SecondCount, number>;
  lastClients: number;
  peakClients: number;
  seconds: number;
  stats: number;
  /**
   * The latest second, still open: a node's stats clear its counts mid-second, so one second comes in two records
   * (each with part of it) and is one sample once the next second comes.
   */
  open: ServerSecond | undefined;
}

const zeros = (): Record<SecondCount, number> =>
  Object.fromEntries(SECOND_COUNTS.map((k) => [k, 0])) as Record<SecondCount, number>;
const OTHERS_NODE = "(other nodes)";

/**
 * A fleet's figures per node, read one `stats` record at a time, bounded as the rest of the figures are: nodes past
 * `maxNodes` are summed as one, each series keeps `maxPoints` points.
 */
export class ServerFigures {
  private readonly names: CappedNames;
  private readonly perNode = new Map<number, NodeState>();

  constructor(
    maxNodes = 64,
    private readonly maxPoints = 1000,
  ) {
    this.names = new CappedNames(maxNodes, OTHERS_NODE);
  }

  /** Whether any node's stats were read. */
  get size(): number {
    return this.perNode.size;
  }

  add(r: ServerRecord): void {
    if (r.what !== "stats" || r.node === undefined) return;
    const state = this.state(this.names.idOf(r.node));
    state.stats++;
    if (r.clients !== undefined && Number.isFinite(r.clients)) {
      state.clients.add(r.t, r.clients);
      state.lastClients = r.clients;
      state.peakClients = Math.max(state.peakClients, r.clients);
    }
    for (const second of r.seconds ?? []) this.second(state, second);
  }

  private state(id: number): NodeState {
    let state = this.perNode.get(id);
    if (!state) {
      const series = () => new PointSeries(this.maxPoints);
      state = {
        clients: series(),
        perSecond: Object.fromEntries(SECOND_COUNTS.map((k) => [k, series()])) as Record<SecondCount, PointSeries>,
        totals: zeros(),
        peaks: zeros(),
        lastClients: 0,
        peakClients: 0,
        seconds: 0,
        stats: 0,
        open: undefined,
      };
      this.perNode.set(id, state);
    }
    return state;
  }

  private second(state: NodeState, s: ServerSecond): void {
    for (const k of SECOND_COUNTS) state.totals[k] += s[k];
    const open = state.open;
    if (open && open.t === s.t) {
      for (const k of SECOND_COUNTS) open[k] += s[k];
      return;
    }
    // A second older than the open one (a late record) is a sample of its own; a newer one closes the open one.
    if (open && s.t < open.t) {
      this.close(state, { ...s });
      return;
    }
    if (open) this.close(state, open);
    state.open = { ...s };
  }

  private close(state: NodeState, s: ServerSecond): void {
    state.seconds++;
    for (const k of SECOND_COUNTS) {
      state.perSecond[k].add(s.t, s[k]);
      state.peaks[k] = Math.max(state.peaks[k], s[k]);
    }
  }

  /** Each node's figures, in the order first met (the open second included). */
  nodes(): ServerNodeFigures[] {
    const out: ServerNodeFigures[] = [];
    for (const [id, state] of this.perNode) {
      const open = state.open;
      const perSecond = zeros() as unknown as Record<SecondCount, SeriesPoint[]>;
      const peaks = { ...state.peaks };
      for (const k of SECOND_COUNTS) {
        const points = state.perSecond[k].list();
        if (open) {
          points.push({ from: open.t, to: open.t, min: open[k], max: open[k], mean: open[k], count: 1 });
          peaks[k] = Math.max(peaks[k], open[k]);
        }
        perSecond[k] = points;
      }
      out.push({
        node: this.names.nameOf(id),
        clients: state.clients.list(),
        perSecond,
        totals: { ...state.totals },
        peaks,
        lastClients: state.lastClients,
        peakClients: state.peakClients,
        seconds: state.seconds + (open ? 1 : 0),
        stats: state.stats,
        ...(id === CappedNames.OTHERS ? { others: true as const } : {}),
      });
    }
    return out;
  }
}
