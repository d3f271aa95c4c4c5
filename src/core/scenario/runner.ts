import type { NamespaceConfig } from "../connection/config.js";
import type { EmitOptions, ManagerStatus, SocketStatus } from "../feed/live-client.js";
import type { TimelineRecord } from "../feed/records.js";
import {
  DEFAULT_TIMEOUT,
  type AssertStep,
  type ConnectStep,
  type EmitStep,
  type ExpectStep,
  type Scenario,
  type Step,
} from "./format.js";
import { match, resolveValues, show, type Captures, type Mismatch } from "./matchers.js";
import { RegexTimeout, type RegexEngine } from "./regex-engine.js";
import { BoundedList } from "../shared/bounded-list.js";
import { MB, recordBytes } from "../shared/size.js";
import { errorMessage } from "../shared/errors.js";

/** What a scenario needs of a live client (the inspector's LiveClient has all of it). */
export interface ScenarioClient {
  open(ns: NamespaceConfig): void;
  close(nsp: string): void;
  closeAll(): void;
  dropTransport(): void;
  emit(nsp: string, event: string, args: unknown[], options: EmitOptions): string;
  socketStatus(): SocketStatus[];
  status(): ManagerStatus;
}

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
  /** Why it failed, in a sentence that says what was waited for. */
  message?: string;
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

/** A failure of a step, with what it waited for and what came. */
class StepFailure extends Error {
  constructor(
    message: string,
    readonly detail: Pick<StepResult, "expected" | "actual" | "mismatches" | "seq"> = {},
  ) {
    super(message);
  }
}

class Interrupted extends Error {}

/** An event a client received, kept until a step takes it. */
interface Received {
  seq: number;
  client: string;
  nsp: string;
  event: string;
  args: unknown[];
  taken: boolean;
  /** What keeping it costs (see shared/size.ts). */
  bytes: number;
}

/**
 * Events kept for expect steps, by count and by bytes; the oldest go first past either (a chatty server, or one that
 * streams large events, cannot grow the run without bound).
 */
const MAX_RECEIVED = 10_000;
const MAX_RECEIVED_BYTES = 64 * MB;
/** How often an assert step looks again when no record comes. */
const POLL_MS = 50;

const now = () => performance.now();

/**
 * Runs a scenario, one step after another (or one step at a time, from the page). Each step passes or fails with a
 * message; the first failure ends the run and the steps after it are skipped. Captured values live for the run.
 */
export class ScenarioRun {
  readonly results: StepResult[];
  readonly captured: Captures = {};
  private next = 0;
  private readonly received = new BoundedList<Received>(MAX_RECEIVED, MAX_RECEIVED_BYTES, (r) => r.bytes);
  private lastSeq: number | undefined;
  /** The last connect_error of each client's namespace, to say why a connect step waited in vain. */
  private readonly refusals = new Map<string, string>();
  /** Socket ids of a client's namespaces when it was last dropped, for `sameId`. */
  private readonly idsAtDrop = new Map<string, Map<string, string>>();
  private readonly wake = new Set<() => void>();
  /** The newest ack record of each client's namespace, to point a failed ack check at its row. */
  private readonly lastAck = new Map<string, number>();
  private readonly unsubscribe: () => void;
  private stopped = false;

  constructor(
    readonly scenario: Scenario,
    private readonly host: ScenarioHost,
  ) {
    this.results = scenario.steps.map((step, index) => ({ index, step, status: "pending", ms: 0 }));
    this.unsubscribe = host.subscribe((records) => this.take(records));
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
    const result = this.results[this.next++] as StepResult;
    const started = now();
    result.status = "running";
    options.onStep?.({ ...result });
    try {
      if (options.signal?.aborted) throw new Interrupted();
      await this.execute(result.step, options.signal);
      result.status = "passed";
    } catch (err) {
      result.status = err instanceof Interrupted ? "interrupted" : "failed";
      result.message = err instanceof Interrupted ? "Interrupted while it ran" : errorMessage(err);
      if (err instanceof StepFailure) Object.assign(result, err.detail);
      result.seq ??= this.lastSeq;
      this.stop();
    }
    result.ms = Math.round(now() - started);
    options.onStep?.({ ...result });
    return result;
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
        this.refusals.set(`${r.client} ${r.nsp}`, r.error ? errorDetail(r.error) : "refused");
      if (r.kind === "packet" && r.dir === "in" && (r.type === "ACK" || r.type === "BINARY_ACK"))
        this.lastAck.set(`${r.client ?? ""} ${r.nsp}`, r.seq);
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

  private client(name: string) {
    const c = this.host.running(name);
    if (!c) throw new StepFailure(`${name} is not connected: a connect step for it comes first`);
    return c;
  }

  private async execute(step: Step, signal: AbortSignal | undefined): Promise<void> {
    switch (step.kind) {
      case "connect":
        return this.connect(step, signal);
      case "emit":
        return this.emit(step, signal);
      case "expect":
        return this.expect(step, signal);
      case "wait":
        return this.pause(step.ms, signal, false);
      case "drop": {
        const c = this.client(step.client);
        // A transport in the middle of its upgrade is let finish first: the drop is of the settled connection.
        const settle = now() + DEFAULT_TIMEOUT;
        while (c.status().upgrade.startsWith("upgrading") && now() < settle) await this.pause(POLL_MS, signal);
        this.idsAtDrop.set(step.client, new Map(c.socketStatus().map((s) => [s.nsp, s.id])));
        c.dropTransport();
        return;
      }
      case "disconnect": {
        const c = this.client(step.client);
        if (step.nsp) c.close(step.nsp);
        else c.closeAll();
        return;
      }
      case "assert":
        return this.assert(step, signal);
    }
  }

  private async connect(step: ConnectStep, signal: AbortSignal | undefined): Promise<void> {
    let c = this.host.running(step.client);
    if (!step.nsp || !c) c = this.host.connect(step.client);
    if (step.nsp && !c.socketStatus().some((s) => s.nsp === step.nsp))
      c.open(this.host.namespace(step.client, step.nsp));
    const timeout = step.timeout ?? DEFAULT_TIMEOUT;
    const deadline = now() + timeout;
    for (;;) {
      const sockets = (c as ScenarioClient).socketStatus().filter((s) => !step.nsp || s.nsp === step.nsp);
      const waiting = sockets.filter((s) => !s.connected);
      if (sockets.length && waiting.length === 0) return;
      // A namespace the server refused for good (middleware, unknown namespace) will not connect: no use waiting.
      const refused = waiting.filter((s) => !s.active && this.refusals.has(`${step.client} ${s.nsp}`));
      if (refused.length || now() >= deadline) {
        const why = (refused.length ? refused : waiting)
          .map((s) => {
            const refusal = this.refusals.get(`${step.client} ${s.nsp}`);
            return `${s.nsp}${refusal ? ` (connect_error: ${refusal})` : ""}`;
          })
          .join(", ");
        throw new StepFailure(
          refused.length
            ? `${step.client} was refused: ${why}`
            : `${step.client} did not connect within ${timeout} ms: ${why || step.nsp || "no namespace"}`,
        );
      }
      await this.pause(Math.min(POLL_MS, deadline - now()), signal);
    }
  }

  private async emit(step: EmitStep, signal: AbortSignal | undefined): Promise<void> {
    const c = this.client(step.client);
    let values: unknown[];
    try {
      values = step.args.map((a) => resolveValues(a, this.captured));
    } catch (err) {
      throw new StepFailure(errorMessage(err));
    }
    if (!step.ack) {
      this.send(c, step, values, {});
      return;
    }
    const ack = step.ack;
    const key = `${step.client} ${step.nsp}`;
    const ackBefore = this.lastAck.get(key) ?? 0;
    const sent = now();
    const reply = await new Promise<{ err: Error | null; args: unknown[] }>((resolve, reject) => {
      const abort = () => reject(new Interrupted());
      signal?.addEventListener("abort", abort, { once: true });
      this.send(c, step, values, {
        ack: {
          timeout: ack.timeout,
          onReply: (err, args) => {
            signal?.removeEventListener("abort", abort);
            resolve({ err, args });
          },
        },
      });
    });
    if (reply.err)
      throw new StepFailure(
        `No ack for “${step.event}” from ${step.nsp} within ${ack.timeout} ms (${reply.err.message})`,
      );
    if (ack.match === undefined) return;
    // The host hands records over as they happen: the ack's row came before its callback ran.
    const seq = this.lastAck.get(key);
    await this.check(
      ack.match,
      reply.args,
      `The ack for “${step.event}” did not match`,
      sent + ack.timeout,
      seq && seq > ackBefore ? seq : undefined,
    );
  }

  private send(c: ScenarioClient, step: EmitStep, values: unknown[], options: EmitOptions): void {
    try {
      c.emit(step.nsp, step.event, values, options);
    } catch (err) {
      throw new StepFailure(`${step.client} could not send “${step.event}”: ${errorMessage(err)}`);
    }
  }

  /**
   * Matches against the step's deadline: a `$regex` that outlasts it fails the step, saying so.
   * @throws StepFailure when a pattern took too long
   */
  private async matchBy(pattern: unknown, actual: unknown, deadline: number, message: string) {
    const limit = Math.max(MIN_REGEX_MS, Math.round(deadline - now()));
    try {
      return await match(pattern, actual, this.captured, (source, flags, text) =>
        this.host.regex.test(source, flags, text, limit),
      );
    } catch (err) {
      if (err instanceof RegexTimeout)
        throw new StepFailure(`${message}: ${err.message}`, { expected: pattern, actual });
      throw err;
    }
  }

  /** Matches, keeping the captures on success; a mismatch fails the step with the diff. */
  private async check(
    pattern: unknown,
    actual: unknown,
    message: string,
    deadline: number,
    seq?: number,
  ): Promise<void> {
    const result = await this.matchBy(pattern, actual, deadline, message);
    if (result.mismatches.length)
      throw new StepFailure(message, {
        expected: pattern,
        actual,
        mismatches: result.mismatches,
        ...(seq === undefined ? {} : { seq }),
      });
    Object.assign(this.captured, result.captured);
  }

  private async expect(step: ExpectStep, signal: AbortSignal | undefined): Promise<void> {
    const deadline = now() + step.within;
    const same = (r: Received) => !r.taken && r.client === step.client && r.nsp === step.nsp && r.event === step.event;
    for (;;) {
      for (const r of this.received.items) {
        if (!same(r)) continue;
        if (step.args === undefined) {
          r.taken = true;
          return;
        }
        const result = await this.matchBy(
          step.args,
          r.args,
          deadline,
          `${step.client} could not check “${step.event}” on ${step.nsp}`,
        );
        if (result.mismatches.length === 0) {
          r.taken = true;
          Object.assign(this.captured, result.captured);
          return;
        }
      }
      if (now() >= deadline) break;
      await this.pause(deadline - now(), signal);
    }
    // Nothing matched: the last one of that name is the closest to what was meant.
    const closest = this.received.items.filter(same).at(-1);
    if (closest) {
      await this.check(
        step.args,
        closest.args,
        `“${step.event}” came to ${step.client} on ${step.nsp}, but not with the expected arguments`,
        deadline,
        closest.seq,
      );
    }
    const others = [
      ...new Set(this.received.items.filter((r) => r.client === step.client && !r.taken).map((r) => r.event)),
    ];
    throw new StepFailure(
      `${step.client} got no “${step.event}” on ${step.nsp} within ${step.within} ms` +
        (others.length
          ? ` (it got ${others
              .slice(0, 8)
              .map((e) => `“${e}”`)
              .join(", ")})`
          : ""),
    );
  }

  private async assert(step: AssertStep, signal: AbortSignal | undefined): Promise<void> {
    const within = step.within ?? DEFAULT_TIMEOUT;
    const deadline = now() + within;
    for (;;) {
      const problems = this.stateProblems(step);
      if (problems.length === 0) return;
      if (now() >= deadline)
        throw new StepFailure(`After ${within} ms, ${step.client} ${step.nsp}: ${problems.join("; ")}`);
      await this.pause(Math.min(POLL_MS, deadline - now()), signal);
    }
  }

  private stateProblems(step: AssertStep): string[] {
    const s = this.host
      .running(step.client)
      ?.socketStatus()
      .find((x) => x.nsp === step.nsp);
    const problems: string[] = [];
    const connected = !!s?.connected;
    if (step.connected !== undefined && connected !== step.connected)
      problems.push(step.connected ? "not connected" : "still connected");
    if (step.recovered !== undefined && !!s?.recovered !== step.recovered)
      problems.push(step.recovered ? "not recovered (a new session)" : "recovered");
    if (step.sameId !== undefined) {
      const before = this.idsAtDrop.get(step.client)?.get(step.nsp);
      if (before === undefined) problems.push("sameId needs a drop step for this client before it");
      else if ((s?.id === before) !== step.sameId)
        problems.push(step.sameId ? `id ${show(s?.id)}, was ${show(before)} before the drop` : `the same id ${before}`);
    }
    return problems;
  }
}

/**
 * An error as one line: its message and what the engine said of it. An HTTP status says a server answered, but not
 * an Engine.IO one at this path (404); status 0 is no answer at all (nothing listens, or a browser refused it).
 */
function errorDetail(error: { message: string; description?: unknown; body?: string }): string {
  const d = error.description;
  const first =
    error.body
      ?.split("\n")[0]
      ?.replace(/^Error: /, "")
      .slice(0, 200) ?? "";
  if (d === 0 || /ECONNREFUSED|ENOTFOUND|ETIMEDOUT/.test(first)) {
    const why = /ECONNREFUSED/.test(first) ? ": nothing listens there" : "";
    return `${error.message} (${first || "no HTTP answer"}${why})`;
  }
  if (typeof d === "number")
    return `${error.message} (HTTP ${d}${d === 404 ? ": no Engine.IO server at this path" : ""})`;
  const text = typeof d === "string" ? d : (d as { message?: unknown } | undefined)?.message;
  return typeof text === "string" && text && text !== error.message
    ? `${error.message} (${text.slice(0, 200)})`
    : error.message;
}

/** A run's outcome in numbers, for summaries. */
export function tally(results: readonly StepResult[]): Record<StepStatus, number> {
  const out: Record<StepStatus, number> = { pending: 0, running: 0, passed: 0, failed: 0, interrupted: 0, skipped: 0 };
  for (const r of results) out[r.status]++;
  return out;
}
