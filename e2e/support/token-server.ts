// A socket.io server whose middleware lets in only its own token (sent as namespace auth), and records what it got:
// the tokens offered, and each event's arguments (answered with an ack of the same arguments).
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";

export interface TokenServer {
  url: string;
  /** host:port, as an environment's variable holds it. */
  host: string;
  /** Every token offered, accepted or not. */
  tokens: unknown[];
  /** The arguments of every event received, by event name. */
  events: Array<{ event: string; args: unknown[] }>;
  /** HTTP requests of any kind it got (a refusal before connecting leaves this at 0). */
  requests: number;
  close(): Promise<void>;
}

export async function tokenServer(token: string): Promise<TokenServer> {
  const http = createServer();
  const io = new Server(http, { cors: { origin: "*" } });
  const server: TokenServer = {
    url: "",
    host: "",
    tokens: [],
    events: [],
    requests: 0,
    close: () =>
      new Promise<void>((resolve) => {
        io.close(() => resolve());
        http.closeAllConnections();
      }),
  };
  http.prependListener("request", () => server.requests++);
  http.prependListener("upgrade", () => server.requests++);
  io.use((socket, next) => {
    server.tokens.push(socket.handshake.auth.token);
    next(socket.handshake.auth.token === token ? undefined : new Error("wrong token"));
  });
  io.on("connection", (socket) =>
    socket.onAny((event: string, ...args: unknown[]) => {
      const ack = typeof args.at(-1) === "function" ? (args.pop() as (...a: unknown[]) => void) : undefined;
      server.events.push({ event, args });
      ack?.(...args);
    }),
  );
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", () => r()));
  const port = (http.address() as AddressInfo).port;
  server.url = `http://127.0.0.1:${port}`;
  server.host = `127.0.0.1:${port}`;
  return server;
}
