import type { NamespaceConfig } from "../../connection/config.js";
import type { EmitOptions, ManagerStatus, SocketStatus } from "../../live/live-client.js";
import { InspectorError, problem, type Cause, type Problem } from "../../shared/errors.js";
import { checkPlainJson, type Json, type Reader } from "../../shared/reader.js";
import { checkMatcher, type Captures, type Mismatch } from "../matchers.js";
import { hasReference } from "../../variables/template.js";
import type { Variables } from "../../variables/variables.js";
import type { ServerModel } from "../../server-view/server-model.js";
import type { ServerViewStatus } from "../../server-view/server-view.js";

/** What a scenario reads of the server's own view (the Admin UI protocol): its state and what it knows now. */
export interface ScenarioServerView {
  status(): ServerViewStatus;
  readonly model: Pick<ServerModel, "inRoom" | "countIn" | "roomSize">;
}

/** An event the server received (its view said so), kept until a step takes it. */
export interface ServerReceived {
  seq: number;
  nsp: string;
  /** The socket it came from. */
  sid: string;
  event: string;
  args: unknown[];
  taken: boolean;
  bytes: number;
}

/**
 * One kind of scenario step, whole: its fields and how they are read, how it reads in one line, how it runs, and
 * what it becomes in an Artillery script. The registry (index.ts) holds one per kind and the compiler checks that
 * every kind has one: adding a kind is one file and one line there.
 */
export interface StepKind<S extends { kind: string }> {
  readonly kind: S["kind"];
  /** Every field a step of this kind may have: anything else is refused by name (a typo would do nothing). */
  readonly fields: readonly string[];
  /** Reads a step from its object (fields already checked against `fields`). @throws ReadError naming the field */
  read(r: Reader, o: Record<string, unknown>, at: (field: string) => string, path: string): S;
  /** The step in one line, for lists, reports and the command line. */
  describe(step: S): string;
  /** Runs the step. @throws StepFailure saying what it waited for and what came */
  run(step: S, ctx: StepContext): Promise<void>;
  /** Adds the step to an Artillery flow, or says why it does not translate (ctx.untranslated). */
  artillery(step: S, ctx: ArtilleryContext): void;
  /** A new step of this kind for a client, as the page offers it (absent: made from the composer or a row). */
  template?(client: string): S;
}

/** What a scenario needs of a live client (the inspector's LiveClient has all of it). */
export interface ScenarioClient {
  open(ns: NamespaceConfig): void;
  close(nsp: string): void;
  closeAll(): void;
  dropTransport(): void;
  emit(nsp: string, event: string, args: unknown[], options: EmitOptions): Problem | undefined;
  socketStatus(): SocketStatus[];
  status(): ManagerStatus;
}

/** An event a client received, kept until a step takes it. */
export interface Received {
  seq: number;
  client: string;
  nsp: string;
  event: string;
  args: unknown[];
  taken: boolean;
  /** What keeping it costs (see shared/size.ts). */
  bytes: number;
}

/** What a step's result says beyond its message: the matcher, what came, where they differ, the row it is about. */
export interface FailureDetail {
  expected?: unknown;
  actual?: unknown;
  mismatches?: Mismatch[];
  seq?: number;
}

/** A failure of a step: its code says what it waited for; the detail, what came. */
export class StepFailure extends InspectorError {
  override name = "StepFailure";
  constructor(
    why: Problem,
    readonly detail: FailureDetail = {},
  ) {
    super(why);
  }
}

/** The run was interrupted (Stop, Ctrl+C) while the step ran. */
export class Interrupted extends InspectorError {
  override name = "Interrupted";
  constructor() {
    super(problem("step-interrupted"));
  }
}

/** What a running step may use of its run: the clients, the records as they came, the captures, the clock. */
export interface StepContext {
  /** Starts (or starts again) a client with its namespaces. */
  connect(client: string): ScenarioClient;
  /** The client if it runs. */
  running(client: string): ScenarioClient | undefined;
  /** The client, which must run. @throws StepFailure saying a connect step comes first */
  client(name: string): ScenarioClient;
  /** How a client opens a namespace (its auth). */
  namespace(client: string, nsp: string): NamespaceConfig;
  /** The run's variables: what earlier steps captured, then the environment's (`$var` and `{{name}}` read them). */
  readonly variables: Variables;
  /** Keeps what a match captured: variables for the steps after. */
  keep(captured: Captures): void;
  /** Events received and not taken by a step yet, oldest first. */
  received(): readonly Received[];
  /** The server's view, started if it is not running. @throws StepFailure when the run has none, saying why */
  serverView(): ScenarioServerView;
  /** Events the server received (its view said so), oldest first. */
  serverReceived(): readonly ServerReceived[];
  /** The last refusal (connect_error) of a client's namespace, as one line. */
  refusal(client: string, nsp: string): Cause | undefined;
  /** The seq of the newest ack record of a client's namespace. */
  lastAck(client: string, nsp: string): number | undefined;
  /** Socket ids of a client's namespaces at its last drop (for `sameId`). */
  idsAtDrop(client: string): Map<string, string> | undefined;
  rememberIdsAtDrop(client: string, ids: Map<string, string>): void;
  /** Waits until a record comes (unless `onRecords` is false), `ms` pass, or the run is interrupted. */
  pause(ms: number, onRecords?: boolean): Promise<void>;
  /**
   * Matches against the step's deadline (a `$regex` past it fails the step, saying so). `context`: what is being
   * checked, for that failure.
   */
  match(
    pattern: unknown,
    actual: unknown,
    deadline: number,
    context: Problem,
  ): Promise<{ mismatches: Mismatch[]; captured: Captures }>;
  /** Matches, keeping the captures on success; a mismatch fails the step with the diff (`why`: its code). */
  check(pattern: unknown, actual: unknown, why: Problem, deadline: number, seq?: number): Promise<void>;
  /** Aborted when the run is interrupted (a promise that waits on something else listens to it). */
  readonly signal: AbortSignal | undefined;
}

/** An Artillery flow in the making, for one client of the scenario. */
export interface ArtilleryContext {
  /** The flow's items so far. */
  readonly flow: Array<Record<string, unknown>>;
  /**
   * The variables the script knows, by our name, as Artillery writes them: the environments' (`{{ host }}`, a secret
   * as `{{ $env.TOKEN }}`) and those captured by translated steps; `{{name}}` and `$var` of another name cannot
   * translate.
   */
  readonly known: Map<string, string>;
  /** Says why this step did not translate. */
  untranslated(why: Problem): void;
  /** Says what of this step translated loosely. */
  note(what: Problem): void;
  /** The last emit without an ack of this flow (an expect right after it may become its `response`). */
  lastEmit: { item: Record<string, unknown>; nsp: string } | undefined;
}

/** When now is, for deadlines (monotonic). */
export const now = (): number => performance.now();

/** How long connect and assert steps wait by default. */
export const DEFAULT_TIMEOUT = 5000;
/** How often a step that waits for a state looks again when no record comes. */
export const POLL_MS = 50;

const MAX_MS = 600_000;
const VALUE_LIMITS = { depth: 32, chars: 200_000, keeps: "scenario-values" } as const;

/** Readers of the fields steps share. */
export const read = {
  nsp(r: Reader, v: unknown, path: string): string {
    const n = r.string(v, path, { max: 500 });
    if (!n.startsWith("/") && !hasReference(n)) r.fail(path, problem("must-start-with-slash-or-variable"));
    return n;
  },
  ms: (r: Reader, v: unknown, path: string) => r.number(v, path, { max: MAX_MS }) as number,
  client: (r: Reader, v: unknown, path: string) => r.string(v, path, { max: 60, empty: false }),
  event: (r: Reader, v: unknown, path: string) => r.string(v, path, { max: 500, empty: false }),
  optional: <T>(v: unknown, readIt: () => T): T | undefined => (v === undefined ? undefined : readIt()),
  /** A matcher: plain JSON within bounds, its matchers well formed. */
  matcher(r: Reader, v: unknown, path: string): unknown {
    checkPlainJson(r, v, path, VALUE_LIMITS);
    checkMatcher(v, (where, why) => r.fail(`${path}${where}`, why));
    return v;
  },
  /** An emit argument: a value, with references ($var, $binary, $literal) but no tests. */
  value(r: Reader, v: unknown, path: string): unknown {
    checkPlainJson(r, v, path, VALUE_LIMITS);
    checkMatcher(v, (where, why) => r.fail(`${path}${where}`, why), true);
    return v;
  },
};

/** Leaves out the fields whose value is undefined (JSON has no undefined; a stored step keeps only what it has). */
export function strip<T extends Json>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
