// The worker adapter (`?worker=1`): the page's live clients run in a Web Worker (clients-worker.ts) by the same
// LiveClient, and the page holds their faces (RemoteClient) behind one typed message interface (client-protocol.ts).
// Fetched only when the page was opened so; the default runs LiveClient on the page's own thread.
import type { ConnectionConfig } from "../../../core/connection/config.js";
import type { ClientHooks } from "../../../core/live/live-client.js";
import { ClientWorker, type RemoteClient } from "../../../core/live/worker/remote-client.js";
import { problem } from "../../../core/shared/errors.js";

let worker: ClientWorker | undefined;
/** The worker could not be made or failed: clients from now on run on the page's thread. */
let workerFailed = false;

function clientWorker(): ClientWorker {
  if (worker) return worker;
  const made = new Worker(new URL("./clients-worker.ts", import.meta.url), { type: "module" });
  const end = new ClientWorker(made);
  made.addEventListener("error", (event) => {
    workerFailed = true;
    worker = undefined;
    made.terminate(); // its sockets go with it: nothing runs unseen
    end.fail(problem("client-worker-failed", { detail: event.message }));
  });
  return (worker = end);
}

/**
 * A client run by the worker, checked here at once; undefined when no worker can be made (the caller runs the client
 * on the page's thread).
 * @throws Error as LiveClient's constructor does
 */
export function workerClient(name: string, config: ConnectionConfig, hooks: ClientHooks): RemoteClient | undefined {
  if (workerFailed) return undefined;
  let end: ClientWorker;
  try {
    end = clientWorker();
  } catch {
    workerFailed = true; // no module workers here (or refused)
    return undefined;
  }
  return end.client(name, config, hooks);
}
