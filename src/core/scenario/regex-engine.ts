import { InspectorError, problem } from "../shared/errors.js";

/**
 * Where `$regex` matchers run. A regular expression from a scenario (which a shared link can carry) may backtrack
 * for minutes (`^(a+)+$` against "aaa…a!"), and JavaScript cannot stop a match on the thread that runs it: so
 * patterns run on a worker (a Web Worker in the page, a worker thread in Node) that is ended when a match outlasts
 * its step's time limit. JavaScript's own syntax and semantics are kept, since the worker runs `RegExp` itself.
 */

/** A pattern that did not finish in its time limit (the worker that ran it was ended). */
export class RegexTimeout extends InspectorError {
  override name = "RegexTimeout";
  constructor(
    readonly source: string,
    readonly flags: string,
    readonly limitMs: number,
    readonly textLength: number,
  ) {
    super(problem("regex-timeout", { source, flags, limitMs, textLength }));
  }
}

/** Runs `$regex` tests where they can be stopped. */
export interface RegexEngine {
  /** Whether the pattern finds something in the text; rejects with {@link RegexTimeout} past `limitMs`. */
  test(source: string, flags: string, text: string, limitMs: number): Promise<boolean>;
  /** Ends the worker (a new one starts on the next test). */
  close(): void;
}

/** A question to the worker, and its answer (`found`, or the error's text for a pattern that does not compile). */
export interface RegexQuestion {
  id: number;
  source: string;
  flags: string;
  text: string;
}
export interface RegexAnswer {
  id: number;
  found: boolean | string;
}

/** What the engine needs of a worker, whatever the platform. */
export interface RegexWorker {
  post(question: RegexQuestion): void;
  terminate(): void;
}

/** What the worker does with a question: run the pattern (it is the only place patterns run). */
export function answer(q: RegexQuestion): RegexAnswer {
  try {
    return { id: q.id, found: new RegExp(q.source, q.flags).test(q.text) };
  } catch (err) {
    return { id: q.id, found: String(err) };
  }
}

/**
 * A RegexEngine on workers made by `spawn` (given the function to call with each answer). One worker at a time,
 * kept between tests; one that outlasts a limit is ended, and the tests waiting on it are rejected.
 */
export function workerRegexEngine(spawn: (onAnswer: (a: RegexAnswer) => void) => RegexWorker): RegexEngine {
  let worker: RegexWorker | undefined;
  let nextId = 0;
  const waiting = new Map<number, { resolve(found: boolean): void; reject(err: Error): void; timer: unknown }>();

  const end = (err: Error) => {
    worker?.terminate();
    worker = undefined;
    for (const w of waiting.values()) {
      clearTimeout(w.timer as ReturnType<typeof setTimeout>);
      w.reject(err);
    }
    waiting.clear();
  };

  const onAnswer = (a: RegexAnswer) => {
    const w = waiting.get(a.id);
    if (!w) return;
    waiting.delete(a.id);
    clearTimeout(w.timer as ReturnType<typeof setTimeout>);
    if (typeof a.found === "boolean") w.resolve(a.found);
    else w.reject(new InspectorError(problem("regex-refused", { message: a.found })));
  };

  return {
    test(source, flags, text, limitMs) {
      worker ??= spawn(onAnswer);
      const id = nextId++;
      const running = worker;
      return new Promise<boolean>((resolve, reject) => {
        const timer = setTimeout(() => {
          if (worker === running) end(new RegexTimeout(source, flags, limitMs, text.length));
        }, limitMs);
        waiting.set(id, { resolve, reject, timer });
        running.post({ id, source, flags, text });
      });
    },
    close: () => end(new InspectorError(problem("regex-worker-closed"))),
  };
}
