import type { TimelineRecord } from "../feed/records.js";

/**
 * A client's connection over time, as bands of one state each, with markers where it dropped and where it came back.
 *
 * Read off the records the client's Manager and sockets report: `open` and `connect` connect; a `disconnect` that
 * will try again (`active`), a scheduled reconnection or a `reconnect_attempt` start reconnecting (the band counts its
 * attempts) until `reconnect` or `connect`; `close`, a `disconnect` that will not try again, a refused
 * `connect_error` and `reconnect_failed` leave it disconnected. With several namespaces the client is connected while
 * any of them is. Only a close the user did not ask for is a drop: the client's own disconnect ("io client
 * disconnect"), the Manager closed on purpose ("forced close") and what follows the user's Drop transport (its note)
 * are marked as closed, not dropped.
 */
export type ConnectionState = "connected" | "reconnecting" | "disconnected";

export interface ConnectionBand {
  state: ConnectionState;
  from: number;
  /** Absent while it lasts (a chart ends it at the session's last record). */
  to?: number;
  /** Reconnecting: the highest attempt number seen in it. */
  attempts?: number;
}

export interface ConnectionMarker {
  t: number;
  /**
   * `drop`: a disconnect or close nobody asked for; `closed`: one the user asked for; `recovery`: reconnected, or a
   * namespace's state recovered; `failed`: gave up.
   */
  kind: "drop" | "closed" | "recovery" | "failed";
  /** What happened, in words, with the reason the record gives (the server's words: show as text). */
  label: string;
}

export const DEFAULT_MAX_BANDS = 1000;

/** The reasons the client gives to a close it was asked for (socket.io-client's own, and ours). */
const ASKED_FOR = new Set(["io client disconnect", "forced close"]);

/** A list that keeps its newest `max` items, letting the oldest tenth go at a time (cheap on a flapping link). */
function pushBounded<T>(list: T[], item: T, max: number): number {
  list.push(item);
  if (list.length <= max) return 0;
  const drop = list.length - Math.floor(max * 0.9);
  list.splice(0, drop);
  return drop;
}

export class ConnectionTrack {
  readonly bands: ConnectionBand[] = [];
  readonly markers: ConnectionMarker[] = [];
  /** How many of the oldest bands and markers were let go to stay within `maxBands`. */
  droppedBands = 0;
  droppedMarkers = 0;
  drops = 0;
  recoveries = 0;
  /** The namespaces connected now. */
  private readonly connected = new Set<string>();
  /** The user closed the connection on purpose (Drop transport): what closes until it is back is not a drop. */
  private userClosing = false;

  constructor(readonly maxBands = DEFAULT_MAX_BANDS) {}

  get state(): ConnectionState | undefined {
    return this.bands[this.bands.length - 1]?.state;
  }

  read(r: TimelineRecord): void {
    switch (r.kind) {
      case "note":
        if (r.topic === "user") this.userClosing = true;
        break;
      case "open":
        this.userClosing = false;
        this.enter("connected", r.t);
        break;
      case "connect":
        this.userClosing = false;
        this.connected.add(r.nsp);
        this.enter("connected", r.t);
        if (r.recovered) this.mark(r.t, "recovery", `${r.nsp} connected, its state recovered`);
        break;
      case "disconnect":
        this.connected.delete(r.nsp);
        this.mark(
          r.t,
          this.asked(r.reason) ? "closed" : "drop",
          `${r.nsp} disconnected${r.reason ? `: ${r.reason}` : ""}`,
        );
        if (this.connected.size === 0) this.enter(r.active ? "reconnecting" : "disconnected", r.t);
        break;
      case "close":
        this.connected.clear();
        this.mark(r.t, this.asked(r.reason) ? "closed" : "drop", `connection closed${r.reason ? `: ${r.reason}` : ""}`);
        this.enter("disconnected", r.t);
        break;
      case "connect_error":
        if (this.connected.size > 0) break;
        if (!r.active) this.mark(r.t, "failed", `${r.nsp} refused${r.error ? `: ${r.error.message}` : ""}`);
        this.enter(r.active ? "reconnecting" : "disconnected", r.t);
        break;
      case "reconnect_scheduled":
      case "reconnect_attempt":
      case "reconnect_error":
        this.enter("reconnecting", r.t, r.attempt);
        break;
      case "reconnect":
        this.userClosing = false;
        this.mark(
          r.t,
          "recovery",
          `reconnected${r.attempt ? ` after ${r.attempt} attempt${r.attempt === 1 ? "" : "s"}` : ""}`,
        );
        this.enter("connected", r.t);
        break;
      case "reconnect_failed":
        this.mark(r.t, "failed", "reconnection failed: no more attempts");
        this.enter("disconnected", r.t);
        break;
    }
  }

  /** Whether a close was the user's doing: its reason is the client's own, or the user dropped the transport. */
  private asked(reason: string | undefined): boolean {
    return this.userClosing || (reason !== undefined && ASKED_FOR.has(reason));
  }

  private enter(state: ConnectionState, t: number, attempt?: number): void {
    const current = this.bands[this.bands.length - 1];
    if (current?.state === state) {
      if (attempt !== undefined) current.attempts = Math.max(current.attempts ?? 0, attempt);
      return;
    }
    const band: ConnectionBand = { state, from: t, ...(attempt === undefined ? {} : { attempts: attempt }) };
    // A state that lasted no time (a close followed at once by the disconnect that reconnects) is replaced.
    if (current && current.from >= t) {
      this.bands.pop();
      const before = this.bands[this.bands.length - 1];
      if (before?.state === state) {
        delete before.to;
        if (attempt !== undefined) before.attempts = Math.max(before.attempts ?? 0, attempt);
        return;
      }
    } else if (current) current.to = t;
    this.droppedBands += pushBounded(this.bands, band, this.maxBands);
  }

  private mark(t: number, kind: ConnectionMarker["kind"], label: string): void {
    if (kind === "drop") this.drops++;
    if (kind === "recovery") this.recoveries++;
    this.droppedMarkers += pushBounded(this.markers, { t, kind, label }, this.maxBands);
  }
}
