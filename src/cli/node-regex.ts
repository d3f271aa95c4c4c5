import { Worker } from "node:worker_threads";
import { answer, workerRegexEngine, type RegexAnswer, type RegexEngine } from "../core/scenario/regex-engine.js";

/**
 * The worker thread's code: the page's worker function (`answer`, which uses nothing but RegExp), written out as
 * source, since a worker thread starts from code rather than from a module of the bundle.
 */
const WORKER_CODE = `
const { parentPort } = require("node:worker_threads");
const answer = ${answer.toString()};
parentPort.on("message", (q) => parentPort.postMessage(answer(q)));`;

/** Node's RegexEngine: a worker thread, which never keeps the process alive by itself. */
export const nodeRegexEngine = (): RegexEngine =>
  workerRegexEngine((onAnswer) => {
    const worker = new Worker(WORKER_CODE, { eval: true });
    worker.unref();
    worker.on("message", (a: RegexAnswer) => onAnswer(a));
    return { post: (q) => worker.postMessage(q), terminate: () => void worker.terminate() };
  });
