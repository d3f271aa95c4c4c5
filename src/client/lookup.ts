import { protocol } from "socket.io-parser";
import { Manager } from "./manager.js";
import { checkOptions, type ManagerOptions, type SocketOptions } from "./options.js";
import { Socket } from "./socket.js";
import type { DefaultEventsMap, EventsMap } from "./typed-events.js";
import { parseUrl } from "./url.js";

type LookupOptions = Partial<ManagerOptions & SocketOptions>;

/** Managers shared between io() calls, by scheme://host:port + engine path. */
const cache: Record<string, Manager> = {};

/**
 * Returns a Socket for the namespace named by the URL's path (default `/`), on a Manager shared
 * with earlier calls for the same server, unless `forceNew` / `multiplex: false` is given or that
 * Manager already has a socket for this namespace.
 *
 * @example
 * const socket = io("https://example.com/admin", { auth: { token: "abc" } });
 */
function lookup<ListenEvents extends EventsMap = DefaultEventsMap, EmitEvents extends EventsMap = ListenEvents>(
  opts?: LookupOptions,
): Socket<ListenEvents, EmitEvents>;
function lookup<ListenEvents extends EventsMap = DefaultEventsMap, EmitEvents extends EventsMap = ListenEvents>(
  uri?: string,
  opts?: LookupOptions,
): Socket<ListenEvents, EmitEvents>;
function lookup<ListenEvents extends EventsMap = DefaultEventsMap, EmitEvents extends EventsMap = ListenEvents>(
  uri?: string | LookupOptions,
  opts?: LookupOptions,
): Socket<ListenEvents, EmitEvents> {
  if (uri && typeof uri === "object") {
    opts = uri;
    uri = undefined;
  }
  opts = opts ?? {};
  checkOptions(opts);
  const parsed = parseUrl(uri as string | undefined, opts.path);
  // A Manager of another protocol is not shared: the key carries the protocol's name.
  const id = parsed.id + (opts.protocol?.name ?? "");
  // A namespace's socket is never removed from its Manager: one there means that namespace is taken.
  const sameNamespace = (cache[id] as unknown as { nsps: Record<string, Socket> } | undefined)?.nsps[parsed.path];
  const newConnection = opts.forceNew || opts["force new connection"] || opts.multiplex === false || sameNamespace;

  const manager = newConnection ? new Manager(parsed.source, opts) : (cache[id] ??= new Manager(parsed.source, opts));
  // The URL's query is used only when the options give none: the two are not merged.
  if (parsed.query && !opts.query) opts.query = parsed.queryKey;
  return manager.socket(parsed.path, opts) as unknown as Socket<ListenEvents, EmitEvents>;
}

/** `io()` with its properties: the protocol number and the classes, as the standalone build exposes them. */
export const io = Object.assign(lookup, {
  Manager,
  Socket,
  protocol,
  io: lookup,
  connect: lookup,
});
