import type { ConnectionConfig } from "../../core/connection/config.js";
import type { MessageEnd } from "../../core/feed/client-protocol.js";
import type { ClientHooks } from "../../core/feed/live-client.js";
import { ClientWorker, type RemoteClient } from "../../core/feed/remote-client.js";

/** A live client as the page holds it: run by the clients' worker, or by the same code on the page's thread. */
export type AnyLiveClient = RemoteClient;

let worker: ClientWorker | undefined;
let pageThread: ClientWorker | undefined;
/** The worker could not be made or failed: clients from now on run on this thread. */
let workerFailed = false;

/**
 * Whether live clients run in a worker: only when the page was opened with `?worker=1`. Measured on a machine of two
 * shared cores (bench/README.md), the worker's thread competes with the page's for them and the page drew fewer of
 * its frames on time (it failed 250 events/s where the same host on the page's thread passed 500 to 750), so the
 * page's own thread is the default.
 */
function offThread(): boolean {
  if (workerFailed || typeof Worker !== "function" || typeof location === "undefined") return false;
  return new URLSearchParams(location.search).get("worker") === "1";
}

function clientWorker(): ClientWorker {
  if (worker) return worker;
  const made = new Worker(new URL("./clients-worker.ts", import.meta.url), { type: "module" });
  const end = new ClientWorker(made);
  made.addEventListener("error", (event) => {
    workerFailed = true;
    worker = undefined;
    made.terminate(); // its sockets go with it: nothing runs unseen
    end.fail(
      `The inspector's client worker failed (${event.message || "it could not be loaded"}): connect again, and the ` +
        `client runs on the page's own thread`,
    );
  });
  return (worker = end);
}

/**
 * The same host on the page's thread, across a MessageChannel: the client's code is fetched when first needed (the
 * page's first screen carries none of it), and what is asked meanwhile waits in the channel.
 */
function pageThreadHost(): ClientWorker {
  if (pageThread) return pageThread;
  const channel = new MessageChannel();
  const end = new ClientWorker(channel.port2 as unknown as MessageEnd);
  import("../../core/feed/client-host.js").then(
    ({ ClientHost }) => new ClientHost(channel.port1 as unknown as MessageEnd),
    (err: unknown) => {
      pageThread = undefined;
      end.fail(`The inspector's client code could not be loaded: ${err instanceof Error ? err.message : String(err)}`);
    },
  );
  return (pageThread = end);
}

/**
 * A live client for the page: run by the host on this thread (its code fetched when first needed), or by the clients'
 * worker with `?worker=1`. Checked here either way.
 * @throws Error when the URL or an option is invalid (nothing is started then).
 */
export function makeLiveClient(name: string, config: ConnectionConfig, hooks: ClientHooks): AnyLiveClient {
  if (offThread()) {
    let end: ClientWorker | undefined;
    try {
      end = clientWorker();
    } catch {
      workerFailed = true; // no module workers here (or refused): this thread it is
    }
    if (end) return end.client(name, config, hooks);
  }
  return pageThreadHost().client(name, config, hooks);
}
