/**
 * Behaviour parity: each scenario runs against a real socket.io server with our client and with the
 * official socket.io-client, and the two logs of what a user can observe must be equal. Each also states
 * the expected log, so that a change in both at once (a dependency upgrade) does not pass unnoticed.
 */
import { afterEach, describe, expect, test } from "vitest";
import { CLIENTS, sleep, type AnySocket, type IoFn } from "../helpers/clients.js";
import { startServer, once, serverSockets, waitFor, type TestServer } from "../helpers/server.js";

const servers: TestServer[] = [];
const sockets: AnySocket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) {
    s.io.reconnection(false);
    s.disconnect();
  }
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function server(opts = {}): Promise<TestServer> {
  const s = await startServer(opts);
  servers.push(s);
  return s;
}

function open(io: IoFn, url: string, opts: Record<string, unknown> = {}): AnySocket {
  const socket = io(url, { forceNew: true, reconnectionDelay: 50, randomizationFactor: 0, ...opts });
  sockets.push(socket);
  return socket;
}

/** Logs the Manager's and the Socket's events as short strings. */
function record(socket: AnySocket, log: string[]): void {
  const m = socket.io;
  m.on("open", () => log.push("open"));
  m.on("close", (reason: string) => log.push(`close:${reason}`));
  m.on("error", (err: Error) => log.push(`error:${err.message}`));
  m.on("reconnect_attempt", (n: number) => log.push(`reconnect_attempt:${n}`));
  m.on("reconnect", (n: number) => log.push(`reconnect:${n}`));
  m.on("reconnect_error", (err: Error) => log.push(`reconnect_error:${err.message}`));
  m.on("reconnect_failed", () => log.push("reconnect_failed"));
  socket.on("connect", () => log.push(`connect:${socket.connected}:${socket.active}`));
  socket.on("disconnect", (reason: string) => log.push(`disconnect:${reason}:${socket.active}`));
  socket.on("connect_error", (err: Error & { data?: unknown }) =>
    log.push(`connect_error:${err.message}:${JSON.stringify(err.data)}:${socket.active}`),
  );
}

async function both(scenario: (io: IoFn) => Promise<unknown>): Promise<unknown> {
  const results: Record<string, unknown> = {};
  for (const client of CLIENTS) results[client.name] = await scenario(client.io);
  expect(results.ours).toEqual(results.official);
  return results.ours;
}

describe("parity with the official client", () => {
  test("reconnection after the server cuts the transport: events in the official order", async () => {
    const log = await both(async (io) => {
      const s = await server();
      const log: string[] = [];
      const socket = open(io, s.url);
      record(socket, log);
      await once(socket, "connect");
      const [serverSocket] = serverSockets(s.io);
      serverSocket?.conn.close();
      await once(socket.io, "reconnect");
      await waitFor(() => socket.connected, "reconnected socket");
      return log;
    });
    expect(log).toEqual([
      "open",
      "connect:true:true",
      // The socket subscribed to the Manager before this log did, so it reports first.
      "disconnect:transport close:true",
      "close:transport close",
      "reconnect_attempt:1",
      "open",
      "reconnect:1",
      "connect:true:true",
    ]);
  });

  test("reconnection gives up after reconnectionAttempts: error, reconnect_error, reconnect_failed", async () => {
    const log = await both(async (io) => {
      const s = await server();
      const url = s.url;
      await s.close();
      const log: string[] = [];
      const socket = open(io, url, { reconnectionAttempts: 2, reconnectionDelay: 10 });
      record(socket, log);
      await once(socket.io, "reconnect_failed");
      return log.map((line) => line.replace(/error:.*/, "error:<err>"));
    });
    // The next attempt is scheduled (or reconnect_failed emitted) before reconnect_error of the last one.
    expect(log).toEqual([
      "connect_error:<err>",
      "error:<err>",
      "reconnect_attempt:1",
      "connect_error:<err>",
      "error:<err>",
      "reconnect_error:<err>",
      "reconnect_attempt:2",
      "connect_error:<err>",
      "error:<err>",
      "reconnect_failed",
      "reconnect_error:<err>",
    ]);
  });

  test("middleware refusal: connect_error with message and data, inactive, no retry", async () => {
    const log = await both(async (io) => {
      const s = await server();
      s.io.of("/guarded").use((_socket, next) => {
        const err = new Error("not authorized") as Error & { data?: unknown };
        err.data = { code: 401, hint: "send a token" };
        next(err);
      });
      const log: string[] = [];
      const socket = open(io, `${s.url}/guarded`);
      record(socket, log);
      await once(socket, "connect_error");
      await sleep(200);
      return log;
    });
    expect(log).toEqual([
      "open",
      // The refused socket was the Manager's last active one: the engine closes before the event.
      "close:forced close",
      'connect_error:not authorized:{"code":401,"hint":"send a token"}:false',
    ]);
  });

  test("unknown namespace: connect_error 'Invalid namespace'", async () => {
    const log = await both(async (io) => {
      const s = await server();
      const log: string[] = [];
      const socket = open(io, `${s.url}/nowhere`);
      record(socket, log);
      await once(socket, "connect_error");
      return log;
    });
    expect(log).toEqual(["open", "close:forced close", "connect_error:Invalid namespace:undefined:false"]);
  });

  test("server-side disconnect: 'io server disconnect', no retry; client disconnect closes the engine", async () => {
    const log = await both(async (io) => {
      const s = await server();
      const log: string[] = [];
      const socket = open(io, s.url);
      record(socket, log);
      await once(socket, "connect");
      s.io.disconnectSockets();
      await once(socket, "disconnect");
      socket.connect();
      await once(socket, "connect");
      socket.disconnect();
      await sleep(50);
      return log;
    });
    expect(log).toEqual([
      "open",
      "connect:true:true",
      "close:forced close",
      "disconnect:io server disconnect:false",
      "open",
      "connect:true:true",
      "close:forced close",
      "disconnect:io client disconnect:false",
    ]);
  });

  test("the server stops pinging: 'ping timeout', then a reconnection", async () => {
    const log = await both(async (io) => {
      const s = await server({ pingInterval: 100, pingTimeout: 100 });
      s.io.on("connection", (socket) => {
        // Stop this connection's heartbeat, as a frozen server would.
        if (socket.handshake.query.freeze === "1")
          clearTimeout((socket.conn as unknown as { pingIntervalTimer: NodeJS.Timeout }).pingIntervalTimer);
      });
      const log: string[] = [];
      const socket = open(io, s.url, { query: { freeze: "1" } });
      record(socket, log);
      const [reason] = await once<[string]>(socket, "disconnect");
      socket.io.reconnection(false);
      return [...log, reason];
    });
    expect(log).toEqual([
      "open",
      "connect:true:true",
      "disconnect:ping timeout:true",
      "close:ping timeout",
      "ping timeout",
    ]);
  });

  test("a malformed packet from the server: 'parse error'", async () => {
    const log = await both(async (io) => {
      const s = await server();
      s.io.on("connection", (socket) => socket.conn.send("9not a socket.io packet"));
      const log: string[] = [];
      const socket = open(io, s.url, { reconnection: false });
      record(socket, log);
      await once(socket, "disconnect");
      return log;
    });
    // The garbage arrives in the same read as the CONNECT reply: the decoder fails before the
    // deferred "packet" event lets the socket see its CONNECT, so connect comes after the close.
    expect(log).toEqual(["open", "disconnect:parse error:true", "close:parse error", "connect:true:true"]);
  });

  test("polling request cut: 'transport error'", async () => {
    const log = await both(async (io) => {
      const s = await server();
      const log: string[] = [];
      const socket = open(io, s.url, { transports: ["polling"], reconnection: false });
      record(socket, log);
      await once(socket, "connect");
      await sleep(20);
      s.http.closeAllConnections();
      await once(socket, "disconnect");
      return log;
    });
    expect(log).toEqual([
      "open",
      "connect:true:true",
      "error:xhr poll error",
      "disconnect:transport error:true",
      "close:transport error",
    ]);
  });

  test("acks: reply, time-out, and pending acks on disconnect", async () => {
    const log = await both(async (io) => {
      const s = await server();
      s.io.on("connection", (socket) => {
        socket.on("echo", (a: unknown, cb: (...r: unknown[]) => void) => cb(a, "second"));
        socket.on("silent", () => {});
      });
      const socket = open(io, s.url);
      await once(socket, "connect");
      const log: unknown[] = [];
      log.push(await socket.emitWithAck("echo", { x: 1 }));
      log.push(await new Promise((r) => socket.emit("echo", 2, (...args: unknown[]) => r(args))));
      log.push(await new Promise((r) => socket.timeout(1000).emit("echo", 3, (...args: unknown[]) => r(args))));
      const timedOut = await new Promise<unknown[]>((r) =>
        socket.timeout(30).emit("silent", (...args: unknown[]) => r(args)),
      );
      log.push(String(timedOut[0]));
      await socket
        .timeout(30)
        .emitWithAck("silent")
        .catch((err: Error) => log.push(`rejected:${err.message}`));
      const dropped = new Promise<unknown[]>((r) =>
        socket.timeout(5000).emit("silent", (...args: unknown[]) => r(args)),
      );
      const plain = new Promise((r) => socket.emit("silent", () => r("called")));
      await sleep(20);
      socket.disconnect();
      log.push(String((await dropped)[0]));
      log.push(await Promise.race([plain, sleep(50).then(() => "never called")]));
      return log;
    });
    expect(log).toEqual([
      { x: 1 },
      [2, "second"],
      [null, 3, "second"],
      "Error: operation has timed out",
      "rejected:operation has timed out",
      "Error: socket has been disconnected",
      "never called",
    ]);
  });

  test("retries: one emit in flight, resent until acked, order kept", async () => {
    const log = await both(async (io) => {
      const s = await server();
      const received: string[] = [];
      let drops = 2;
      s.io.on("connection", (socket) => {
        socket.on("job", (name: string, cb: (r: string) => void) => {
          received.push(name);
          if (name === "a" && drops-- > 0) return; // lose the first two tries of "a"
          cb(`done ${name}`);
        });
      });
      const socket = open(io, s.url, { retries: 3, ackTimeout: 300, transports: ["websocket"] });
      const results: unknown[] = [];
      const a = new Promise((r) => socket.emit("job", "a", (err: unknown, res: unknown) => r([err, res])));
      const b = new Promise((r) => socket.emit("job", "b", (err: unknown, res: unknown) => r([err, res])));
      results.push(await a, await b);
      return { received, results };
    });
    expect(log).toEqual({
      received: ["a", "a", "a", "b"],
      results: [
        [null, "done a"],
        [null, "done b"],
      ],
    });
  });

  test("emitWithAck without a time-out rejects when the socket disconnects first: by the client, and by a transport close", async () => {
    const log = await both(async (io) => {
      const s = await server();
      s.io.on("connection", (socket) => socket.on("silent", () => {}));
      const socket = open(io, s.url, { transports: ["websocket"] });
      await once(socket, "connect");
      const log: string[] = [];
      const settled = (p: Promise<unknown>) =>
        Promise.race([
          p.then(
            (v) => `resolved:${String(v)}`,
            (err: Error) => `rejected:${err.message}`,
          ),
          sleep(1000).then(() => "still pending"),
        ]);
      const byClient = socket.emitWithAck("silent");
      await sleep(20);
      socket.disconnect();
      log.push(await settled(byClient));
      socket.connect();
      await once(socket, "connect");
      const byTransport = socket.emitWithAck("silent");
      await sleep(20);
      serverSockets(s.io)[0]?.conn.close();
      log.push(await settled(byTransport));
      return log;
    });
    expect(log).toEqual(["rejected:socket has been disconnected", "rejected:socket has been disconnected"]);
  });

  test("retries: an emit made in a connect listener is sent once", async () => {
    const log = await both(async (io) => {
      const s = await server();
      let handled = 0;
      s.io.on("connection", (socket) => socket.on("hello", (cb: (r: string) => void) => (handled++, cb("hi"))));
      const socket = open(io, s.url, { retries: 2, ackTimeout: 1000, transports: ["websocket"] });
      const reply = new Promise((r) =>
        socket.once("connect", () => socket.emit("hello", (err: unknown, res: unknown) => r([err, res]))),
      );
      const result = await reply;
      await sleep(200);
      return { result, handled };
    });
    expect(log).toEqual({ result: [null, "hi"], handled: 1 });
  });

  test("retries give up after retries + 1 tries with the time-out error", async () => {
    const log = await both(async (io) => {
      const s = await server();
      let count = 0;
      s.io.on("connection", (socket) => socket.on("never", () => count++));
      const socket = open(io, s.url, { retries: 2, ackTimeout: 100, transports: ["websocket"] });
      const [err] = await new Promise<unknown[]>((r) => socket.emit("never", (...args: unknown[]) => r(args)));
      // Tries still on the wire when the last time-out fired arrive a little later: count them all.
      await waitFor(() => count >= 3, "three tries");
      await sleep(150);
      return { count, err: String(err) };
    });
    expect(log).toEqual({ count: 3, err: "Error: operation has timed out" });
  });

  test("emits while disconnected are buffered and sent in order on connect; volatile ones are dropped", async () => {
    const log = await both(async (io) => {
      const s = await server();
      const received: unknown[] = [];
      s.io.on("connection", (socket) => socket.onAny((ev: string, ...args: unknown[]) => received.push([ev, ...args])));
      const socket = open(io, s.url, { autoConnect: false });
      socket.emit("first", 1);
      socket.volatile.emit("volatile", 2);
      socket.send("third");
      socket.connect();
      await once(socket, "connect");
      await waitFor(() => received.length >= 2, "buffered emits");
      await sleep(30);
      return received;
    });
    expect(log).toEqual([
      ["first", 1],
      ["message", "third"],
    ]);
  });

  test("catch-all listeners: incoming before named, outgoing on send, neither sees acks", async () => {
    const log = await both(async (io) => {
      const s = await server();
      s.io.on("connection", (socket) => {
        socket.on("ask", (cb: (r: string) => void) => cb("answer"));
        socket.emit("news", 1, "two");
        socket.emit("question", (r: string) => r);
      });
      const socket = open(io, s.url, { autoConnect: false });
      const log: unknown[] = [];
      socket.onAny((ev: string, ...args: unknown[]) => log.push(["any", ev, args.length]));
      socket.prependAny((ev: string) => log.push(["prepended", ev]));
      socket.onAnyOutgoing((ev: string, ...args: unknown[]) => log.push(["out", ev, args.length]));
      socket.on("news", (...args: unknown[]) => log.push(["news", ...args]));
      socket.on("question", (cb: (r: string) => void) => cb("my answer"));
      socket.connect();
      await once(socket, "connect");
      await socket.emitWithAck("ask");
      await sleep(30);
      return log;
    });
    expect(log).toEqual([
      ["prepended", "news"],
      ["any", "news", 2],
      ["news", 1, "two"],
      ["prepended", "question"],
      ["any", "question", 1],
      // The ack callback is not part of what outgoing catch-all listeners see.
      ["out", "ask", 0],
    ]);
  });

  test("reserved event names cannot be emitted", async () => {
    const log = await both(async (io) => {
      const socket = open(io, "http://127.0.0.1:9", { autoConnect: false });
      return ["connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener"].map((ev) => {
        try {
          socket.emit(ev);
          return "sent";
        } catch (err) {
          return (err as Error).message;
        }
      });
    });
    expect(log).toEqual([
      '"connect" is a reserved event name',
      '"connect_error" is a reserved event name',
      '"disconnect" is a reserved event name',
      '"disconnecting" is a reserved event name',
      '"newListener" is a reserved event name',
      '"removeListener" is a reserved event name',
    ]);
  });

  test("connection state recovery: same id, recovered, missed events delivered", async () => {
    const log = await both(async (io) => {
      const s = await server({ connectionStateRecovery: { maxDisconnectionDuration: 10_000 } });
      s.io.on("connection", (socket) => socket.join("room"));
      const socket = open(io, s.url);
      const got: unknown[] = [];
      socket.on("tick", (n: number) => got.push(n));
      await once(socket, "connect");
      const firstId = socket.id;
      const firstRecovered = socket.recovered;
      s.io.to("room").emit("tick", 1);
      await waitFor(() => got.length === 1, "first tick");
      const [serverSocket] = serverSockets(s.io);
      serverSocket?.conn.close();
      await once(socket, "disconnect");
      s.io.to("room").emit("tick", 2); // missed while disconnected
      s.io.to("room").emit("tick", 3);
      await once(socket, "connect");
      await waitFor(() => got.length === 3, "missed ticks");
      return { sameId: socket.id === firstId, firstRecovered, recovered: socket.recovered, got };
    });
    expect(log).toEqual({ sameId: true, firstRecovered: false, recovered: true, got: [1, 2, 3] });
  });

  test("Manager cache: multiplexed namespaces share one Manager and one engine", async () => {
    const log = await both(async (io) => {
      const s = await server();
      s.io.of("/admin");
      const a = io(`${s.url}/`, {});
      const b = io(`${s.url}/admin`, {});
      const again = io(`${s.url}/`, {});
      const forced = io(`${s.url}/admin`, { forceNew: true });
      const unplexed = io(`${s.url}/other`, { multiplex: false });
      const legacy = io(`${s.url}/other2`, { "force new connection": true });
      sockets.push(a, b, again, forced, unplexed, legacy);
      await Promise.all([a, b].map((x) => (x.connected ? null : once(x, "connect"))));
      const conns = new Set(serverSockets(s.io).map((x) => x.conn["id"]));
      const adminConns = new Set(serverSockets(s.io, "/admin").map((x) => x.conn["id"]));
      return {
        shared: a.io === b.io,
        sameNspNew: again.io !== a.io,
        forced: forced.io !== b.io,
        unplexed: unplexed.io !== a.io,
        legacy: legacy.io !== a.io,
        aAndBOneEngine: [...adminConns].some((id) => conns.has(id)) && a.io.engine.id === b.io.engine.id,
      };
    });
    expect(log).toEqual({
      shared: true,
      sameNspNew: true,
      forced: true,
      unplexed: true,
      legacy: true,
      aAndBOneEngine: true,
    });
  });

  // The spec says the option wins; the official client (4.8) hands the full URL to the engine, whose
  // URL query then replaces options.query. We follow the reference: the URL's query wins, not merged.
  test("query from the URL, or from options (the URL's query wins, not merged)", async () => {
    const log = await both(async (io) => {
      const s = await server();
      const seen: unknown[] = [];
      s.io.on("connection", (socket) => {
        const { a, b } = socket.handshake.query;
        seen.push({ a, b });
      });
      const one = open(io, `${s.url}/?a=1`);
      await once(one, "connect");
      const two = open(io, `${s.url}/?a=1`, { query: { b: "2" } });
      await once(two, "connect");
      const three = open(io, s.url, { query: { b: "3" } });
      await once(three, "connect");
      return seen;
    });
    expect(log).toEqual([
      { a: "1", b: undefined },
      { a: "1", b: undefined },
      { a: undefined, b: "3" },
    ]);
  });

  test("auth: an object, or a function called again on every connection", async () => {
    const log = await both(async (io) => {
      const s = await server();
      const seen: unknown[] = [];
      s.io.on("connection", (socket) => seen.push(socket.handshake.auth));
      let n = 0;
      const socket = open(io, s.url, { auth: (cb: (d: object) => void) => cb({ n: ++n }) });
      await once(socket, "connect");
      s.io.disconnectSockets();
      await once(socket, "disconnect");
      socket.connect();
      await once(socket, "connect");
      const other = open(io, s.url, { auth: { token: "t" } });
      await once(other, "connect");
      return seen;
    });
    expect(log).toEqual([{ n: 1 }, { n: 2 }, { token: "t" }]);
  });

  test("binary anywhere in the arguments, both ways", async () => {
    const log = await both(async (io) => {
      const s = await server();
      s.io.on("connection", (socket) => {
        socket.on("bin", (a: unknown, b: { nested: Buffer[] }, cb: (x: unknown) => void) =>
          cb({ sizes: [Buffer.byteLength(a as Buffer), b.nested[0]!.length], back: Buffer.from([9, 8]) }),
        );
      });
      const socket = open(io, s.url);
      await once(socket, "connect");
      const reply = await socket.emitWithAck("bin", new Uint8Array([1, 2, 3]), { nested: [Buffer.from([4, 5])] });
      return { sizes: reply.sizes, back: [...new Uint8Array(reply.back)] };
    });
    expect(log).toEqual({ sizes: [3, 2], back: [9, 8] });
  });
});
