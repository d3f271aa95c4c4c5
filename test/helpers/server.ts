import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server, type ServerOptions } from "socket.io";

export interface TestServer {
  io: Server;
  http: HttpServer;
  port: number;
  /** http://127.0.0.1:port */
  url: string;
  close(): Promise<void>;
}

/** A real socket.io server on a random loopback port. */
export async function startServer(opts: Partial<ServerOptions> = {}, port = 0): Promise<TestServer> {
  const http = createServer();
  const io = new Server(http, { pingInterval: 25000, pingTimeout: 20000, ...opts });
  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(port, "127.0.0.1", () => resolve());
  });
  const actual = (http.address() as AddressInfo).port;
  return {
    io,
    http,
    port: actual,
    url: `http://127.0.0.1:${actual}`,
    close: () =>
      new Promise<void>((resolve) => {
        io.close(() => resolve());
        // Cut keep-alive and upgraded sockets so that close() does not wait for them.
        http.closeAllConnections();
      }),
  };
}

/** Resolves with the arguments of the next `event` of `target`. */
export function once<T extends unknown[] = unknown[]>(
  target: { once(ev: string, fn: (...args: never[]) => void): unknown },
  event: string,
): Promise<T> {
  return new Promise((resolve) => {
    target.once(event, ((...args: T) => resolve(args)) as never);
  });
}

/** Waits until `predicate` holds, polling; fails with `what` after `ms`. */
export async function waitFor(predicate: () => boolean, what: string, ms = 5000): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** The server-side sockets of a namespace (local ones, with their engine connection). */
export function serverSockets(io: Server, nsp = "/") {
  return [...io.of(nsp).sockets.values()];
}
