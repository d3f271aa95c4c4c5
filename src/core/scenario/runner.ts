import type { NamespaceConfig } from "../connection/config.js";
import type { TimelineRecord } from "../feed/records.js";
import { BoundedList } from "../shared/bounded-list.js";
import { problem, problemOf, type Problem } from "../shared/errors.js";
import { proxyAnswer } from "../shared/peer-words.js";
import { MB, recordBytes } from "../shared/size.js";
import type { Scenario, Step } from "./format.js";
import { match, type Captures, type Mismatch } from "./matchers.js";
import { RegexTimeout, type RegexEngine } from "./regex-engine.js";
import { stepKind } from "./steps/index.js";
import { checkScenarioVariables, resolveStep } from "./step-variables.js";
import { noVariables, type Variables } from "../variables/variables.js";
import {
  Interrupted,
  StepFailure,
  now,
  type Received,
  type ScenarioClient,
  type ScenarioServerView,
  type ServerReceived,
  type StepContext,
} from "./steps/kind.js";

export type { ScenarioClient } from "./steps/kind.js";

/**
 * Where a scenario runs: the page (the inspector's own clients, so that the timeline shows the run) or the command
 * line (clients of its own). Both hand out the same LiveClient; the runner is the same code.
 */
export interface ScenarioHost {
  /** Starts the client (again: a new connection) with its namespaces; a name the preset lacks is made first. */
  connect(client: string): ScenarioClient;
  /** The client, if it runs. */
  running(client: string): ScenarioClient | undefined;
  /** How a client opens a namespace (its auth), for a connect step that names one. */
  namespace(client: string, nsp: string): NamespaceConfig;
  /** Every record of every client, as it happens: the runner reads events, acks and errors in it. */
  subscribe(listener: (records: readonly TimelineRecord[]) => void): () => void;
  /** Where `$regex` matchers run: off this thread, stopped at the step's time limit. */
  readonly regex: RegexEngine;
  /**
   * The server's own view (Admin UI protocol), started with the preset's settings if it is not running; absent
   * where there is none. @throws Error saying why it cannot start
   */
  serverView?(): ScenarioServerView;
}

/** The least time a `$regex` test is given, even when its step has almost no time left. */
const MIN_REGEX_MS = 100;

export type StepStatus = "pending" | "running" | "passed" | "failed" | "interrupted" | "skipped";

export interface StepResult {
  index: number;
  step: Step;
  status: StepStatus;
  /** How long it took, in ms. */
  ms: number;
  /** Why it failed: its code says what was waited for (the words: a sentence that says so). */
  problem?: Problem;
  /** For a mismatch: the matcher, what came, and where they differ. */
  expected?: unknown;
  actual?: unknown;
  mismatches?: Mismatch[];
  /** The record the result is about (what came), else the last one seen then: to show the rows around it. */
  seq?: number;
}

export interface RunOptions {
  /** Called when a step starts and when it ends. */
  onStep?: (result: StepResult) => void;
  signal?: AbortSignal;
}

/**
 * Events kept for expect steps, by count and by bytes; the oldest go first past either (a chatty server, or one that
 * streams large events, cannot grow the run without bound).
 */
const MAX_RECEIVED = 10_000;
/** How long a run waits for the server's view to open before its first step. */
const SERVER_VIEW_WAIT_MS = 5000;
const MAX_RECEIVED_BYTES = 64 * MB;

/**
 * Runs a scenario, one step after another (or one step at a time, from the page). Each step passes or fails with a
 * message; the first failure ends the run and the steps after it are skipped. Captured values live for the run.
 */
export class ScenarioRun {
  readonly results: StepResult[];
  private next = 0;
  private readonly received = new BoundedList<Received>(MAX_RECEIVED, MAX_RECEIVED_BYTES, (r) => r.bytes);
  private readonly serverReceived = new BoundedList<ServerReceived>(MAX_RECEIVED, MAX_RECEIVED_BYTES, (r) => r.bytes);
  private lastSeq: number | undefined;
  /** The last connect_error of each client's namespace, to say why a connect step waited in vain. */
  private readonly refusals = new Map<string, Problem>();
  /** Socket ids of a client's namespaces when it was last dropped, for `sameId`. */
  private readonly idsAtDrop = new Map<string, Map<string, string>>();
  private readonly wake = new Set<() => void>();
  /** The newest ack record of each client's namespace, to point a failed ack check at its row. */
  private readonly lastAck = new Map<string, number>();
  private readonly unsubscribe: () => void;
  private stopped = false;

  /**
   * @param variables the environment's (and the command line's) variables; what steps capture joins them for the
   * steps after
   */
  constructor(
    readonly scenario: Scenario,
    private readonly host: ScenarioHost,
    readonly variables: Variables = noVariables(),
  ) {
    this.results = scenario.steps.map((step, index) => ({ index, step, status: "pending", ms: 0 }));
    this.unsubscribe = host.subscribe((records) => this.take(records));
  }

  /** What the steps captured so far, by name. */
  get captured(): Captures {
    return this.variables.capturedValues();
  }

  /** Whether a step is left to run (none after a failure). */
  get done(): boolean {
    return this.stopped || this.next >= this.results.length;
  }

  /** Runs every step left; resolves with the results (it never rejects). */
  async runAll(options: RunOptions = {}): Promise<StepResult[]> {
    while (!this.done) await this.step(options);
    return this.results;
  }

  /** Runs the next step. */
  async step(options: RunOptions = {}): Promise<StepResult | undefined> {
    if (this.done) return undefined;
    if (this.next === 0 && this.refusedVariable(options)) return this.results.find((r) => r.status === "failed");
    if (this.next === 0) await this.serverViewFirst(options.signal);
    const result = this.results[this.next++] as StepResult;
    const started = now();
    result.status = "running";
    options.onStep?.({ ...result });
    try {
      if (options.signal?.aborted) throw new Interrupted();
      await this.execute(result.step, result.index, options.signal);
      result.status = "passed";
    } catch (err) {
      result.status = err instanceof Interrupted ? "interrupted" : "failed";
      result.problem = problemOf(err);
      if (err instanceof StepFailure) Object.assign(result, err.detail);
      result.seq ??= this.lastSeq;
      this.stop();
    }
    result.ms = Math.round(now() - started);
    options.onStep?.({ ...result });
    return result;
  }

  /**
   * Before the first step: a `{{variable}}` (or `$var`) no step can resolve fails the run at its step, naming it and
   * the field, with nothing sent. @returns whether it did
   */
  private refusedVariable(options: RunOptions): boolean {
    const refused = checkScenarioVariables(this.scenario.steps, this.variables);
    if (!refused) return false;
    const result = this.results[refused.index] as StepResult;
    result.status = "failed";
    result.problem = refused.problem;
    this.stop();
    options.onStep?.({ ...result });
    return true;
  }

  /**
   * A scenario with server steps starts the server's view before its first step, and gives it a moment to open:
   * what the server receives before the view listens is not reported to it. A view that cannot open is left to
   * the server steps to report.
   */
  private async serverViewFirst(signal: AbortSignal | undefined): Promise<void> {
    if (!this.host.serverView || !this.scenario.steps.some((s) => s.kind.startsWith("server-"))) return;
    let view: ScenarioServerView;
    try {
      view = this.host.serverView();
    } catch {
      return;
    }
    const deadline = now() + SERVER_VIEW_WAIT_MS;
    while (view.status().state === "connecting" && now() < deadline && !signal?.aborted)
      await new Promise((resolve) => setTimeout(resolve, 20));
  }

  /** Ends the run: the steps not run are skipped, and the run stops listening. Clients stay as they are. */
  stop(): void {
    if (!this.stopped) {
      this.stopped = true;
      for (const r of this.results) if (r.status === "pending") r.status = "skipped";
    }
    this.unsubscribe();
    for (const w of this.wake) w();
  }

  private take(records: readonly TimelineRecord[]): void {
    for (const r of records) {
      if (r.seq > 0) this.lastSeq = r.seq;
      if (r.kind === "connect_error" && r.client !== undefined)
        this.refusals.set(`${r.client} ${r.nsp}`, r.error ? refusalOf(r.error) : problem("refused-bare"));
      if (r.kind === "packet" && r.dir === "in" && (r.type === "ACK" || r.type === "BINARY_ACK"))
        this.lastAck.set(`${r.client ?? ""} ${r.nsp}`, r.seq);
      if (r.kind === "server" && r.what === "event_received" && r.sid !== undefined) {
        this.serverReceived.push({
          seq: r.seq,
          nsp: r.nsp,
          sid: r.sid,
          event: r.event ?? "",
          args: r.args ?? [],
          taken: false,
          bytes: recordBytes(r),
        });
      }
      if (r.kind !== "packet" || r.dir !== "in" || (r.type !== "EVENT" && r.type !== "BINARY_EVENT")) continue;
      // The recovery offset is the server's bookkeeping: expectations are about the event's own arguments.
      const args = r.args ?? [];
      this.received.push({
        seq: r.seq,
        client: r.client ?? "",
        nsp: r.nsp,
        event: r.event ?? "",
        args: r.offset !== undefined ? args.slice(0, -1) : args,
        taken: false,
        bytes: recordBytes(r),
      });
    }
    for (const w of [...this.wake]) w();
  }

  /** Waits until a record comes, `ms` pass, or the run is interrupted. */
  private pause(ms: number, signal: AbortSignal | undefined, onRecords = true): Promise<void> {
    return new Promise((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        this.wake.delete(done);
        signal?.removeEventListener("abort", done);
        if (signal?.aborted || this.stopped) reject(new Interrupted());
        else resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      if (onRecords) this.wake.add(done);
      signal?.addEventListener("abort", done);
    });
  }

  /** Runs a step by its kind's module, its `{{variables}}` resolved now, on what the run offers it. */
  private execute(step: Step, index: number, signal: AbortSignal | undefined): Promise<void> {
    return stepKind(step).run(resolveStep(step, index, this.variables), this.context(signal));
  }

  /** What a step may use of this run (steps/kind.ts, StepContext). */
  private context(signal: AbortSignal | undefined): StepContext {
    const host = this.host;
    return {
      signal,
      variables: this.variables,
      keep: (captured) => {
        for (const [name, value] of Object.entries(captured)) this.variables.capture(name, value);
      },
      connect: (client) => host.connect(client),
      running: (client) => host.running(client),
      client: (name) => {
        const c = host.running(name);
        if (!c) throw new StepFailure(problem("client-not-connected", { client: name }));
        return c;
      },
      namespace: (client, nsp) => host.namespace(client, nsp),
      received: () => this.received.items,
      serverReceived: () => this.serverReceived.items,
      serverView: () => {
        if (!host.serverView) throw new StepFailure(problem("no-server-view"));
        try {
          return host.serverView();
        } catch (err) {
          throw new StepFailure(problem("server-view-not-started", { cause: problemOf(err) }));
        }
      },
      refusal: (client, nsp) => this.refusals.get(`${client} ${nsp}`),
      lastAck: (client, nsp) => this.lastAck.get(`${client} ${nsp}`),
      idsAtDrop: (client) => this.idsAtDrop.get(client),
      rememberIdsAtDrop: (client, ids) => void this.idsAtDrop.set(client, ids),
      pause: (ms, onRecords = true) => this.pause(ms, signal, onRecords),
      match: (pattern, actual, deadline, context) => this.matchBy(pattern, actual, deadline, context),
      check: (pattern, actual, why, deadline, seq) => this.check(pattern, actual, why, deadline, seq),
    };
  }

  /**
   * Matches against the step's deadline: a `$regex` that outlasts it fails the step, saying so.
   * @throws StepFailure when a pattern took too long
   */
  private async matchBy(
    pattern: unknown,
    actual: unknown,
    deadline: number,
    context: Problem,
  ): Promise<{ mismatches: Mismatch[]; captured: Captures }> {
    const limit = Math.max(MIN_REGEX_MS, Math.round(deadline - now()));
    try {
      return await match(pattern, actual, this.variables, (source, flags, text) =>
        this.host.regex.test(source, flags, text, limit),
      );
    } catch (err) {
      if (err instanceof RegexTimeout)
        throw new StepFailure(problem("step-regex-timeout", { context, cause: err.problem }), {
          expected: pattern,
          actual,
        });
      throw err;
    }
  }

  /** Matches, keeping the captures on success; a mismatch fails the step with the diff. */
  private async check(pattern: unknown, actual: unknown, why: Problem, deadline: number, seq?: number): Promise<void> {
    const result = await this.matchBy(pattern, actual, deadline, why);
    if (result.mismatches.length)
      throw new StepFailure(why, {
        expected: pattern,
        actual,
        mismatches: result.mismatches,
        ...(seq === undefined ? {} : { seq }),
      });
    for (const [name, value] of Object.entries(result.captured)) this.variables.capture(name, value);
  }
}

/**
 * A refusal as one line: its message and what the engine said of it. An HTTP status says a server answered, but not
 * an Engine.IO one at this path (404); status 0 is no answer at all (nothing listens, or a browser refused it).
 */
function refusalOf(error: { message: string; description?: unknown; body?: string }): Problem {
  const { message } = error;
  const d = error.description;
  const answer = proxyAnswer(error.body);
  if (d === 0 || answer.unreachable)
    return problem("refused-no-answer", { message, first: answer.first, nothingListens: answer.refused });
  if (typeof d === "number") return problem("refused-http", { message, status: d });
  const text = typeof d === "string" ? d : (d as { message?: unknown } | undefined)?.message;
  return typeof text === "string" && text && text !== message
    ? problem("refused-with-text", { message, text: text.slice(0, 200) })
    : problem("refused-message", { message });
}

/** A run's outcome in numbers, for summaries. */
export function tally(results: readonly StepResult[]): Record<StepStatus, number> {
  const out: Record<StepStatus, number> = { pending: 0, running: 0, passed: 0, failed: 0, interrupted: 0, skipped: 0 };
  for (const r of results) out[r.status]++;
  return out;
}
