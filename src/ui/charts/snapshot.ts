import { bandsTable, figuresTables, rateTable, type FiguresTable } from "../../core/charts/figures-table.js";
import type {
  AckLatencyRow,
  ConnectionFigures,
  FiguresSummary,
  PingSeries,
  RateBreakdown,
  RateChart,
  SessionFigures,
} from "../../core/charts/session-figures.js";
import type { ServerNodeFigures } from "../../core/charts/server-figures.js";

/** What the charts show: every series a client, or one client's. */
export interface ChartOptions {
  by: RateBreakdown;
  /** One client's figures ("" for all of them). */
  client: string;
}

/** Series shown apart in a rate chart before the rest are summed as "(others)". */
export const TOP_SERIES = 8;
/** Clients drawn side by side (ping, connection); the rest are in the tables. */
export const MAX_CLIENTS_DRAWN = 8;

/**
 * Everything one draw of the charts needs, read off the figures once: a rate chart walks every bucket of the session,
 * so each breakdown is asked for once per draw and shared by its chart and its table.
 */
export interface ChartsSnapshot {
  summary: FiguresSummary;
  span: { from: number; to: number } | undefined;
  clients: string[];
  /** The chart on screen (the breakdown chosen). */
  rate: RateChart;
  latency: AckLatencyRow[];
  ping: PingSeries[];
  connections: ConnectionFigures[];
  /** The server's nodes (from a server view's stats), whatever client is chosen. */
  server: ServerNodeFigures[];
  /** How many clients the ping and connection charts leave out (over MAX_CLIENTS_DRAWN). */
  clientsNotDrawn: number;
  tables: FiguresTable[];
}

export function chartsSnapshot(figures: SessionFigures, { by, client }: ChartOptions): ChartsSnapshot {
  const clients = figures.clientNames();
  const one = client !== "" && clients.includes(client) ? client : undefined;
  const span = figures.span;
  const charts = new Map<RateBreakdown, RateChart>();
  const rateOf = (breakdown: RateBreakdown) => {
    let chart = charts.get(breakdown);
    if (!chart) {
      chart = figures.rateChart({ by: breakdown, top: TOP_SERIES, ...(one === undefined ? {} : { client: one }) });
      charts.set(breakdown, chart);
    }
    return chart;
  };
  const mine = <T extends { client: string }>(list: T[]) =>
    one === undefined ? list : list.filter((x) => x.client === one);
  const ping = mine(figures.pingSeries());
  const connections = mine(figures.connections());
  const pingClients = [...new Set(ping.map((p) => p.client))];
  const drawnPing = new Set(pingClients.slice(0, MAX_CLIENTS_DRAWN));

  const ofClient = (t: FiguresTable): FiguresTable =>
    one === undefined ? t : { ...t, title: `${t.title}, client ${one}` };
  const rateTables = (["namespace", "event"] as const).map((b) => ofClient(rateTable(rateOf(b), b, span)));
  if (clients.length > 1 && one === undefined) rateTables.push(rateTable(rateOf("client"), "client", span));
  const tables = [...rateTables, ...figuresTables(figures, { top: TOP_SERIES }), ofClient(bandsTable(connections))];
  // The summary first: what the session is before how it breaks down.
  const summary = tables.findIndex((t) => t.id === "summary");
  if (summary > 0) tables.unshift(...tables.splice(summary, 1));

  return {
    summary: figures.summary(),
    span,
    clients,
    rate: rateOf(by),
    latency: figures.ackLatency(),
    ping: ping.filter((p) => drawnPing.has(p.client)),
    connections: connections.slice(0, MAX_CLIENTS_DRAWN),
    server: figures.serverNodes(),
    clientsNotDrawn: Math.max(0, pingClients.length - MAX_CLIENTS_DRAWN, connections.length - MAX_CLIENTS_DRAWN),
    tables,
  };
}
