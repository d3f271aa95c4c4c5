/**
 * The v2 mode side by side with the official v2 client (socket.io-client 2.x), against a real Socket.IO v2 server
 * (socket.io 2.x) and against a v4 server that accepts v2 clients (`allowEIO3: true`). Each scenario that has a
 * meaning in v2 runs with both clients, and the two logs of what a user observes must be equal. The two APIs
 * differ where v2 had its own (a refusal is the socket's `error` event in v2, `connect_error` in ours; v2 has no
 * `timeout()`): the log reads each into the same words.
 */
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server as ServerV4 } from "socket.io";
import officialV2 from "socket.io-client-v2";
import ServerV2 from "socket.io-v2";
import { afterEach, describe, expect, test } from "vitest";
import { io as ourIo } from "../../src/client/index.js";
import { v2 } from "../../src/client/v2/index.js";
import { sleep, type AnySocket } from "../helpers/clients.js";
import { once, waitFor } from "../helpers/server.js";

type Client = { name: "ours" | "official"; io: (url: string, opts?: Record<string, unknown>) => AnySocket };
const CLIENTS: Client[] = [
  { name: "ours", io: (url, opts) => ourIo(url, { ...opts, protocol: v2 }) },
  { name: "official", io: (url, opts) => officialV2(url, opts) },
];

/** A server that speaks to v2 clients: a real socket.io 2, or socket.io 4 with allowEIO3. Same API for the scenarios. */
interface V2Server {
  url: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  io: any;
  /** The server-side sockets of a namespace. */
  sockets(nsp?: string): AnySocket[];
  close(): Promise<void>;
}

const SERVERS: Record<string, (opts: Record<string, unknown>) => Promise<V2Server>> = {
  "socket.io 2": async (opts) => {
    const http = createServer();
    const io = ServerV2(http, { pingInterval: 25000, pingTimeout: 20000, ...opts });
    return listen(
      http,
      io,
      (nsp) => Object.values(io.of(nsp).connected),
      () => io.close(),
    );
  },
  "socket.io 4 with allowEIO3": async (opts) => {
    const http = createServer();
    const io = new ServerV4(http, { allowEIO3: true, pingInterval: 25000, pingTimeout: 20000, ...opts });
    return listen(
      http,
      io,
      (nsp) => [...io.of(nsp).sockets.values()],
      () => io.close(),
    );
  },
};

async function listen(
  http: HttpServer,
  io: unknown,
  sockets: (nsp: string) => AnySocket[],
  close: () => void,
): Promise<V2Server> {
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", () => r()));
  const server: V2Server = {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    io,
    sockets: (nsp = "/") => sockets(nsp),
    close: async () => {
      close();
      http.closeAllConnections();
      http.close();
    },
  };
  running.push(server);
  return server;
}

const running: V2Server[] = [];
const opened: AnySocket[] = [];
afterEach(async () => {
  for (const s of opened.splice(0)) {
    s.io.reconnection(false);
    s.disconnect();
    s.io.engine?.close();
  }
  await Promise.all(running.splice(0).map((s) => s.close()));
});

function open(client: Client, url: string, opts: Record<string, unknown> = {}): AnySocket {
  const socket = client.io(url, { forceNew: true, reconnectionDelay: 50, randomizationFactor: 0, ...opts });
  opened.push(socket);
  return socket;
}

/** Logs what a user of either client observes, in the same words. */
function record(socket: AnySocket, log: string[]): void {
  const m = socket.io;
  m.on("open", () => log.push("open"));
  m.on("close", (reason: string) => log.push(`close:${reason}`));
  m.on("reconnect_attempt", (n: number) => log.push(`reconnect_attempt:${n}`));
  m.on("reconnect", (n: number) => log.push(`reconnect:${n}`));
  const idOk = () => socket.id === (socket.nsp === "/" ? "" : `${socket.nsp}#`) + socket.io.engine.id;
  socket.on("connect", () => log.push(`connect:${socket.nsp}:${socket.connected}:id ${idOk() ? "ok" : socket.id}`));
  socket.on("disconnect", (reason: string) => log.push(`disconnect:${socket.nsp}:${reason}`));
  // A refusal: `connect_error` with the payload as data (or as message) in ours, the socket's `error` event in v2.
  socket.on("connect_error", (err: Error & { data?: unknown }) =>
    log.push(`refused:${socket.nsp}:${JSON.stringify(err.data ?? err.message)}`),
  );
  socket.on("error", (payload: unknown) => log.push(`refused:${socket.nsp}:${JSON.stringify(payload)}`));
}

describe.each(Object.keys(SERVERS))("the v2 mode and the official v2 client against %s", (serverName) => {
  const start = SERVERS[serverName] as (opts?: Record<string, unknown>) => Promise<V2Server>;

  async function both(scenario: (client: Client) => Promise<unknown>): Promise<unknown> {
    const results: Record<string, unknown> = {};
    for (const client of CLIENTS) results[client.name] = await scenario(client);
    expect(results.ours).toEqual(results.official);
    return results.ours;
  }

  test("connect, namespaces over one connection (credentials in the namespace query), refusals as string and object", async () => {
    const log = await both(async (client) => {
      const s = await start({});
      // The namespace query of a v2 client: in `handshake.query` on a v2 server, in `handshake.auth` on a v4 one.
      const token = (socket: AnySocket) => socket.handshake.auth?.token ?? socket.handshake.query.token;
      s.io
        .of("/admin")
        .use((socket: AnySocket, next: (err?: Error) => void) =>
          token(socket) === "letmein" ? next() : next(new Error("not authorized")),
        );
      s.io.of("/admin").on("connection", (socket: AnySocket) => socket.emit("welcome", token(socket)));
      s.io
        .of("/vault")
        .use((_socket: AnySocket, next: (err?: Error) => void) =>
          next(Object.assign(new Error("closed"), { data: { code: "VAULT", retry: false } })),
        );
      const log: string[] = [];
      const root = open(client, s.url, { transports: ["websocket"] });
      record(root, log);
      await once(root, "connect");
      const admin = root.io.socket("/admin", { query: { token: "letmein" } });
      record(admin, log);
      const welcome = once<[string]>(admin, "welcome");
      log.push(`welcome:${(await welcome)[0]}`);
      const refused = root.io.socket("/admin-2", {});
      s.io.of("/admin-2").use((_socket: AnySocket, next: (err?: Error) => void) => next(new Error("no token")));
      record(refused, log);
      const vault = root.io.socket("/vault", {});
      record(vault, log);
      await waitFor(() => log.filter((l) => l.startsWith("refused")).length === 2, "two refusals");
      log.push(`one engine:${s.sockets("/").length}:${s.sockets("/admin").length}`);
      return log;
    });
    expect(log).toEqual([
      "open",
      "connect:/:true:id ok",
      "connect:/admin:true:id ok",
      "welcome:letmein",
      'refused:/admin-2:"no token"',
      'refused:/vault:{"code":"VAULT","retry":false}',
      "one engine:1:1",
    ]);
  });

  test("polling, then the upgrade to websocket; heartbeats from the client keep it open", async () => {
    const log = await both(async (client) => {
      const s = await start({ pingInterval: 150, pingTimeout: 300 });
      const log: string[] = [];
      const socket = open(client, s.url);
      record(socket, log);
      const pings: number[] = [];
      socket.io.on("open", () => log.push(`first transport:${socket.io.engine.transport.name}`));
      socket.io.engine.on("ping", () => pings.push(Date.now()));
      await once(socket, "connect");
      await waitFor(() => socket.io.engine.transport.name === "websocket", "the upgrade");
      await waitFor(() => pings.length >= 3, "three pings from the client", 3000);
      log.push(`still connected:${socket.connected}:${socket.io.engine.transport.name}`);
      return log;
    });
    expect(log).toEqual(["open", "first transport:polling", "connect:/:true:id ok", "still connected:true:websocket"]);
  });

  test("acks, a late ack given up by a time-out, binary anywhere in the arguments both ways", async () => {
    const log = await both(async (client) => {
      const s = await start({});
      s.io.on("connection", (socket: AnySocket) => {
        socket.on("echo", (...args: unknown[]) => (args.pop() as (...r: unknown[]) => void)(...args));
        socket.on("silent", () => undefined);
        socket.on("bin", (a: Buffer, b: { nested: Buffer[] }, cb: (x: unknown) => void) =>
          cb({ sizes: [a.length, b.nested[0]!.length], back: Buffer.from([9, 8]) }),
        );
      });
      const socket = open(client, s.url);
      await once(socket, "connect");
      const ack = (ev: string, ...args: unknown[]) =>
        new Promise<unknown[]>((r) => socket.emit(ev, ...args, (...reply: unknown[]) => r(reply)));
      // v2 has no timeout(): a time-out is a race, as v2 users wrote it; ours uses timeout() and gets its error.
      const silent =
        client.name === "ours"
          ? new Promise<string>((r) =>
              socket.timeout(100).emit("silent", (err: Error) => r(err ? "timed out" : "acked")),
            )
          : Promise.race([ack("silent").then(() => "acked"), sleep(100).then(() => "timed out")]);
      // Buffers: the official v2 client in Node sends typed arrays as plain objects, Buffers as binary.
      const bin = (await ack("bin", Buffer.from([1, 2, 3]), { nested: [Buffer.from([4, 5])] }))[0] as {
        sizes: number[];
        back: ArrayBuffer;
      };
      return [await ack("echo", { x: 1 }, "two"), await silent, bin.sizes, [...new Uint8Array(bin.back)]];
    });
    expect(log).toEqual([[{ x: 1 }, "two"], "timed out", [3, 2], [9, 8]]);
  });

  test("emits made while disconnected are sent in order on connect", async () => {
    const log = await both(async (client) => {
      const s = await start({});
      const received: unknown[] = [];
      s.io.on("connection", (socket: AnySocket) =>
        socket.use(([ev, ...args]: unknown[], next: () => void) => (received.push([ev, ...args]), next())),
      );
      const socket = open(client, s.url, { autoConnect: false });
      socket.emit("first", 1);
      socket.emit("second", { two: 2 });
      socket.on("connect", () => socket.emit("from-connect"));
      socket.open();
      await waitFor(() => received.length === 3, "three emits");
      return received;
    });
    // The buffer goes first, then what the `connect` listeners send.
    expect(log).toEqual([["first", 1], ["second", { two: 2 }], ["from-connect"]]);
  });

  test("reconnection after the server cuts the transport: the same events, a new id", async () => {
    const log = await both(async (client) => {
      const s = await start({});
      const log: string[] = [];
      const socket = open(client, s.url, { transports: ["websocket"] });
      record(socket, log);
      await once(socket, "connect");
      const firstId = socket.id;
      s.sockets("/")[0]?.conn.close();
      await once(socket.io, "reconnect");
      await waitFor(() => socket.connected, "reconnected socket");
      log.push(`new id:${socket.id !== firstId}`);
      return log;
    });
    expect(log).toEqual([
      "open",
      "connect:/:true:id ok",
      "disconnect:/:transport close",
      "close:transport close",
      "reconnect_attempt:1",
      "open",
      "reconnect:1",
      "connect:/:true:id ok",
      "new id:true",
    ]);
  });

  test("a server-side disconnect of a namespace, then connecting it again on the same connection", async () => {
    const log = await both(async (client) => {
      const s = await start({});
      s.io.of("/admin").on("connection", (socket: AnySocket) => socket.on("kick-me", () => socket.disconnect()));
      const log: string[] = [];
      const root = open(client, s.url, { transports: ["websocket"] });
      record(root, log);
      await once(root, "connect");
      // Made by the Manager, a socket connects at once (autoConnect).
      const admin = root.io.socket("/admin", {});
      record(admin, log);
      await once(admin, "connect");
      admin.emit("kick-me");
      await once(admin, "disconnect");
      admin.open();
      await once(admin, "connect");
      log.push(`admin sockets on the server:${s.sockets("/admin").length}`);
      return log;
    });
    expect(log).toEqual([
      "open",
      "connect:/:true:id ok",
      "connect:/:true:id ok".replace("/:", "/admin:"),
      "disconnect:/admin:io server disconnect",
      "connect:/admin:true:id ok",
      "admin sockets on the server:1",
    ]);
  });
});

describe("the v2 mode refuses what v2 servers cannot do", () => {
  test("auth is refused by name; a namespace query is sent instead", () => {
    expect(() =>
      ourIo("http://127.0.0.1:1/admin", { protocol: v2, autoConnect: false, forceNew: true, auth: { token: "x" } }),
    ).toThrow(
      'Option "auth" is not available with Socket.IO v2 servers (namespace /admin): they have no auth payload; send credentials in the namespace\'s query',
    );
  });
});
