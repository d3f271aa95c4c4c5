import { cloneConfig, type ClientConfig, type NamespaceConfig } from "../connection/config.js";
import { Feed } from "../feed/feed.js";
import { LiveClient } from "../live/live-client.js";
import type { TimelineRecord } from "../feed/records.js";
import { BoundedList } from "../shared/bounded-list.js";
import { MB, recordBytes } from "../shared/size.js";
import type { RegexEngine } from "./regex-engine.js";
import type { ScenarioHost } from "./runner.js";
import { DEFAULT_SERVER_VIEW, ServerView, type ServerViewSettings } from "../server-view/server-view.js";
import { fail, problem, type Problem } from "../shared/errors.js";

/** Records kept for the session file of a run; past this the oldest go. */
const MAX_RECORDS = 1_000_000;
/** The bytes of records kept for it by default: a server streaming large events reaches this long before the count. */
export const DEFAULT_RECORD_BUDGET = 256 * MB;

/**
 * A scenario host with clients of its own, for the command line and Node tests: the same LiveClient the page uses,
 * started from a preset's client configurations. A client the preset lacks is a copy of its first one.
 */
export class StandaloneHost implements ScenarioHost {
  private readonly live = new Map<string, { client: LiveClient; undo: () => void }>();
  private readonly listeners = new Set<(records: readonly TimelineRecord[]) => void>();
  /**
   * Numbers and pairs the records as the page's feed does; they are handed on as they come, through its tap (nobody
   * takes its batches here).
   */
  private readonly feed = new Feed();
  /** Every record of the run, oldest first (for `--ndjson`), within a count and a byte budget. */
  readonly kept: BoundedList<TimelineRecord>;

  /** The records kept so far, oldest first. */
  get records(): readonly TimelineRecord[] {
    return this.kept.items;
  }
  /** Errors the clients reported after they started (a namespace that could not open), each with its client. */
  readonly errors: Problem[] = [];
  /** The server's own view, started by the first server step, on the first client's server. */
  private view: { view: ServerView; undo: () => void } | undefined;
  /** Our clients' Engine.IO connections (first 12 characters of their ids), as the server names them. */
  private readonly owners = new Map<string, string>();

  /**
   * @param regex where `$regex` matchers run (the caller owns it: one engine may serve several hosts)
   * @param recordBudget the bytes of records kept for the session file; the oldest go past it
   */
  constructor(
    private readonly configs: readonly ClientConfig[],
    readonly regex: RegexEngine,
    recordBudget = DEFAULT_RECORD_BUDGET,
    private readonly viewSettings: ServerViewSettings = DEFAULT_SERVER_VIEW,
  ) {
    this.kept = new BoundedList<TimelineRecord>(MAX_RECORDS, recordBudget, recordBytes);
    if (configs.length === 0) fail("preset-no-client");
    this.feed.tap((record) => this.deliver(record));
  }

  private configOf(name: string) {
    return (this.configs.find((c) => c.name === name) ?? (this.configs[0] as ClientConfig)).config;
  }

  connect(name: string): LiveClient {
    this.stop(name);
    const config = cloneConfig(this.configOf(name));
    const client = new LiveClient(name, config, {
      outsideBrowser: true,
      onError: (cause) => this.errors.push(problem("client-failed", { client: name, cause })),
    });
    const undo = this.feed.add(client);
    client.start(config.namespaces);
    this.live.set(name, { client, undo });
    return client;
  }

  running(name: string): LiveClient | undefined {
    return this.live.get(name)?.client;
  }

  namespace(name: string, nsp: string): NamespaceConfig {
    return this.configOf(name).namespaces.find((n) => n.nsp === nsp) ?? { nsp, auth: "" };
  }

  serverView(): ServerView {
    if (this.view) return this.view.view;
    const view = new ServerView(cloneConfig(this.configOf("")), this.viewSettings, {
      outsideBrowser: true,
      ownerOf: (clientId) => this.owners.get(clientId),
    });
    const undo = this.feed.add(view);
    view.start();
    this.view = { view, undo };
    return view;
  }

  subscribe(listener: (records: readonly TimelineRecord[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private deliver(record: TimelineRecord): void {
    if (record.kind === "handshake" && record.client !== undefined)
      this.owners.set(record.sid.slice(0, 12), record.client);
    this.kept.push(record);
    for (const l of this.listeners) l([record]);
  }

  private stop(name: string): void {
    const old = this.live.get(name);
    if (!old) return;
    old.client.dispose();
    old.undo();
    this.live.delete(name);
  }

  /** Closes every client, and the server view. */
  close(): void {
    for (const name of [...this.live.keys()]) this.stop(name);
    this.view?.view.dispose();
    this.view?.undo();
    this.view = undefined;
  }
}
