import { workerRegexEngine, type RegexAnswer, type RegexEngine } from "../../core/scenario/regex-engine.js";

/** The page's RegexEngine: a module Web Worker (a file of this origin, as the page's CSP wants), made on first use. */
export const browserRegexEngine = (): RegexEngine =>
  workerRegexEngine((onAnswer) => {
    const worker = new Worker(new URL("./regex-worker.ts", import.meta.url), { type: "module" });
    worker.onmessage = (event: MessageEvent<RegexAnswer>) => onAnswer(event.data);
    return { post: (q) => worker.postMessage(q), terminate: () => worker.terminate() };
  });
