/// <reference lib="webworker" />
// The worker that runs the page's live clients with `?worker=1` (see core/live/worker/client-host.ts): sockets, decoding and
// the observer stay off the page's thread, which gets their records in batches.
import { ClientHost } from "../../../core/live/worker/client-host.js";
import type { MessageEnd } from "../../../core/live/worker/client-protocol.js";

new ClientHost(self as unknown as MessageEnd);
