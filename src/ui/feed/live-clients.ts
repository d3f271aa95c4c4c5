import type { ConnectionConfig } from "../../core/connection/config.js";
import type { ClientHooks, LiveClient } from "../../core/live/live-client.js";
import { fail, InspectorError, problem, problemOf } from "../../core/shared/errors.js";
import { lazyModule } from "../shell/lazy.js";

/**
 * A live client as the page holds it: a LiveClient added to the feed as it is, or with `?worker=1` its face in the
 * worker adapter (worker/), which runs the same LiveClient in a Web Worker. Either way the feed numbers its records.
 */
export type PageClient = Pick<
  LiveClient,
  | "kind"
  | "name"
  | "version"
  | "subscribe"
  | "start"
  | "open"
  | "close"
  | "closeAll"
  | "dropTransport"
  | "dispose"
  | "emit"
  | "status"
  | "socketStatus"
  | "rename"
>;

type ClientCode = typeof import("../../core/live/live-client.js");
type WorkerCode = typeof import("./worker/clients.js");

/** The client's code, fetched when first needed: the page's first screen carries none of the client library. */
let code: ClientCode | undefined;
let loading: Promise<ClientCode> | undefined;
/** The worker adapter (with `?worker=1`), fetched likewise. */
let workerCode: WorkerCode | undefined;

/**
 * Whether live clients run in a worker: only when the page was opened with `?worker=1`. Measured on a machine of two
 * shared cores (bench/README.md), the worker's thread competes with the page's for them and the page drew fewer of
 * its frames on time, so the page's own thread is the default.
 */
function offThread(): boolean {
  if (typeof Worker !== "function" || typeof location === "undefined") return false;
  return new URLSearchParams(location.search).get("worker") === "1";
}

/**
 * Fetches the live client's code (once; the page also asks for it when idle after its first paint).
 * @throws Error naming what could not be loaded
 */
export async function loadClientCode(): Promise<void> {
  try {
    code ??= await (loading ??= import("../../core/live/live-client.js"));
    if (offThread()) workerCode ??= await import("./worker/clients.js");
  } catch (err) {
    loading = undefined;
    throw new InspectorError(problem("client-code-not-loaded", { cause: problemOf(err) }), { cause: err });
  }
}

lazyModule(loadClientCode); // fetched ahead when the page is idle after its first paint

/** Whether the client's code is here: a client can then be made at once. */
export const clientCodeLoaded = (): boolean => code !== undefined && (!offThread() || workerCode !== undefined);

/**
 * A live client for the page (run on this thread, or by the clients' worker with `?worker=1`), checked at once.
 * @throws Error when the URL or an option is invalid (nothing is started then), or the code is not loaded yet
 *   (`loadClientCode` first)
 */
export function makeLiveClient(name: string, config: ConnectionConfig, hooks: ClientHooks): PageClient {
  if (!code) fail("client-code-loading");
  if (workerCode && offThread()) {
    const remote = workerCode.workerClient(name, config, hooks);
    if (remote) return remote;
  }
  return new code.LiveClient(name, config, hooks);
}
