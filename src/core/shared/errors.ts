/**
 * Errors as the inspector reports them: a code from one table (./error-words/) with the values its words need.
 * Logic reads codes (`errorCode`, a problem's `code`), never words; the words are made from the table, for people,
 * by the page and the command line alike.
 */
import { ERROR_WORDS, type Cause } from "./error-words/index.js";

export type { Cause } from "./error-words/index.js";

type Table = typeof ERROR_WORDS;
export type ErrorCode = keyof Table;
/** The values a code's words need (undefined for a code that needs none). */
export type ParamsOf<C extends ErrorCode> = Parameters<Table[C]> extends [] ? undefined : Parameters<Table[C]>[0];
/** What `problem` and `fail` take after the code: its params, or nothing for a code that needs none. */
export type ArgsOf<C extends ErrorCode> = ParamsOf<C> extends undefined ? [] : [params: ParamsOf<C>];

/** A problem: a code of the table and its params. Plain data, so that it crosses a worker, a file or JSON. */
export type Problem = {
  [C in ErrorCode]: ParamsOf<C> extends undefined ? { code: C; params?: undefined } : { code: C; params: ParamsOf<C> };
}[ErrorCode];
/** The problem of one code, for functions that return only that one. */
export type ProblemOf<C extends ErrorCode> = Extract<Problem, { code: C }>;

/** A problem of a code, as data (for functions that return what is wrong instead of throwing it). */
export function problem<C extends ErrorCode>(code: C, ...params: ArgsOf<C>): ProblemOf<C> {
  return (params.length ? { code, params: params[0] } : { code }) as ProblemOf<C>;
}

export const isErrorCode = (code: unknown): code is ErrorCode =>
  typeof code === "string" && Object.hasOwn(ERROR_WORDS, code);

/**
 * The words of a problem, from the table. A cause read from outside (an older file, another version of the local
 * server) may have a code this table does not know: it is named by its code then.
 */
export function words(cause: Cause): string {
  if (!isErrorCode(cause.code)) return `error ${JSON.stringify(String(cause.code).slice(0, 100))}`;
  const entry = ERROR_WORDS[cause.code] as (params: unknown, say: (c: Cause) => string) => string;
  return entry(cause.params, words);
}

/** An error of the inspector's own: its message is the table's words for its code and params. */
export class InspectorError extends Error {
  override name = "InspectorError";
  readonly code: ErrorCode;
  readonly params: unknown;
  constructor(problem: Problem, options?: ErrorOptions) {
    super(words(problem), options);
    this.code = problem.code;
    this.params = problem.params;
  }
  /** The problem this error carries, as data. */
  get problem(): Problem {
    return (this.params === undefined ? { code: this.code } : { code: this.code, params: this.params }) as Problem;
  }
}

/** Throws the inspector's error of a code. */
export function fail<C extends ErrorCode>(code: C, ...params: ArgsOf<C>): never {
  throw new InspectorError(problem(code, ...params));
}

/** The code of an inspector's error; undefined for anything else thrown (a library's, the browser's, Node's). */
export function errorCode(err: unknown): ErrorCode | undefined {
  return err instanceof InspectorError ? err.code : undefined;
}

/** Anything thrown, as a problem: an inspector's error gives its own; anything else is `thrown`, with its message. */
export function problemOf(err: unknown): Problem {
  return err instanceof InspectorError ? err.problem : problem("thrown", { message: errorMessage(err) });
}

/** The message of anything thrown: an Error's, or the thing itself as text (a server or a library may throw anything). */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof err === "string") return err;
  try {
    return JSON.stringify(err) ?? String(err);
  } catch {
    return String(err);
  }
}

/** Runs an action, and gives what it threw as a problem (undefined when it succeeded): what a page shows. */
export function captureProblem(action: () => void): Problem | undefined {
  try {
    action();
    return undefined;
  } catch (err) {
    return problemOf(err);
  }
}
