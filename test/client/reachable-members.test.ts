/**
 * The members of the official client's Manager and Socket that code written against it reaches beyond the documented
 * API: `Manager._close()` (public in its types; its own suite calls it after most of its connection tests), and the
 * state its suite and its users read (`socket.acks`, `socket._queue`, the catch-all lists, the Manager's settings).
 * Each behaviour runs with our client and the official one against a real socket.io server on loopback; the two
 * results must be equal, and equal to the expected one.
 */
import { afterEach, describe, expect, test } from "vitest";
import { CLIENTS, type AnySocket, type IoFn } from "../helpers/clients.js";
import { once, serverSockets, startServer, type TestServer } from "../helpers/server.js";

const servers: TestServer[] = [];
const sockets: AnySocket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) {
    s.io.reconnection(false);
    s.disconnect();
  }
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function server(): Promise<TestServer> {
  const s = await startServer();
  servers.push(s);
  return s;
}

function open(io: IoFn, url: string, opts: Record<string, unknown> = {}): AnySocket {
  const socket = io(url, { forceNew: true, reconnectionDelay: 50, randomizationFactor: 0, ...opts });
  sockets.push(socket);
  return socket;
}

async function both(scenario: (io: IoFn) => Promise<unknown>): Promise<unknown> {
  const results: Record<string, unknown> = {};
  for (const client of CLIENTS) results[client.name] = await scenario(client.io);
  expect(results.ours).toEqual(results.official);
  return results.ours;
}

/**
 * The Manager's timers still to run (connection time-out, next reconnection attempt), counted through its timer
 * functions: none left means nothing more will happen by itself.
 */
function pendingTimers(manager: AnySocket["io"]): Set<unknown> {
  const pending = new Set<unknown>();
  const set = manager.setTimeoutFn;
  const clear = manager.clearTimeoutFn;
  manager.setTimeoutFn = (fn: () => void, ms: number) => {
    const timer = set(() => {
      pending.delete(timer);
      fn();
    }, ms);
    pending.add(timer);
    return timer;
  };
  manager.clearTimeoutFn = (timer: unknown) => {
    pending.delete(timer);
    clear(timer);
  };
  return pending;
}

/** The Manager's and the socket's events, as short strings. */
function record(socket: AnySocket, log: string[]): void {
  for (const ev of ["open", "close", "reconnect_attempt", "reconnect_error", "reconnect", "reconnect_failed"]) {
    socket.io.on(ev, (arg: unknown) => log.push(arg instanceof Error ? `${ev}:${arg.message}` : `${ev}:${arg ?? ""}`));
  }
  socket.on("connect", () => log.push("connect"));
  socket.on("disconnect", (reason: string) => log.push(`disconnect:${reason}`));
}

describe("Manager._close()", () => {
  test("_close() on an open connection closes it as a forced close, which active sockets see as their disconnect", async () => {
    const log = await both(async (io) => {
      const s = await server();
      const socket = open(io, s.url);
      const log: string[] = [];
      record(socket, log);
      await once(socket, "connect");
      const [serverSocket] = serverSockets(s.io);
      const gone = once(serverSocket!, "disconnect");
      socket.io._close();
      log.push(`state:${socket.io._readyState}:${socket.connected}:${socket.active}`);
      log.push(`server:${(await gone)[0]}`);
      return log;
    });
    expect(log).toEqual([
      "open:",
      "connect",
      "disconnect:forced close",
      "close:forced close",
      // The socket still counts as active: a later open() of the Manager reconnects it.
      "state:closed:false:true",
      "server:transport close",
    ]);
  });

  test("_close() on an open connection schedules no reconnection", async () => {
    const result = await both(async (io) => {
      const s = await server();
      const socket = open(io, s.url);
      const pending = pendingTimers(socket.io);
      await once(socket, "connect");
      socket.io._close();
      return { reconnecting: socket.io._reconnecting, pending: pending.size };
    });
    expect(result).toEqual({ reconnecting: false, pending: 0 });
  });

  test("_close() during a reconnection loop cancels the attempt already scheduled", async () => {
    // A port nothing listens on: every attempt fails.
    const gone = await server();
    await gone.close();
    const log = await both(async (io) => {
      const socket = open(io, gone.url);
      const pending = pendingTimers(socket.io);
      const log: string[] = [];
      record(socket, log);
      // The failed attempt schedules the next one before it reports the failure.
      await once(socket.io, "reconnect_error");
      log.push(`before:${socket.io._reconnecting}:${pending.size}`);
      socket.io._close();
      log.push(`after:${socket.io._reconnecting}:${pending.size}:${socket.io._readyState}`);
      return log;
    });
    expect(log).toEqual([
      "reconnect_attempt:1",
      "reconnect_error:xhr poll error",
      "before:true:1",
      // The Manager was closed already: it reports the forced close all the same, and so does the socket.
      "disconnect:forced close",
      "close:forced close",
      "after:false:0:closed",
    ]);
  });

  test("_close() in a reconnect_attempt listener stops that attempt before it opens a connection", async () => {
    const log = await both(async (io) => {
      const s = await server();
      const socket = open(io, s.url);
      const log: string[] = [];
      await once(socket, "connect");
      const pending = pendingTimers(socket.io);
      const engineBefore = socket.io.engine;
      record(socket, log);
      const attempted = new Promise<void>((resolve) =>
        socket.io.once("reconnect_attempt", () => {
          socket.io._close();
          // The attempt's own code runs on after this listener: it is checked once that has returned.
          setImmediate(resolve);
        }),
      );
      serverSockets(s.io)[0]!.conn.close();
      await attempted;
      log.push(`new engine:${socket.io.engine !== engineBefore}:${socket.io._readyState}:${pending.size}`);
      return log;
    });
    expect(log).toEqual([
      "disconnect:transport close",
      "close:transport close",
      "reconnect_attempt:1",
      "disconnect:forced close",
      "close:forced close",
      "new engine:false:closed:0",
    ]);
  });
});

describe("state read by code written against the official client", () => {
  test("socket.acks holds the acks awaited by id, readable with Object.keys, and none once disconnected", async () => {
    const result = await both(async (io) => {
      const s = await server();
      s.io.on("connection", (sock) => sock.on("echo", (v: unknown, ack: (v: unknown) => void) => ack(v)));
      const socket = open(io, s.url);
      await once(socket, "connect");
      const keys: string[][] = [];
      await new Promise((resolve) => {
        socket.emit("echo", 1, resolve);
        keys.push(Object.keys(socket.acks));
      });
      keys.push(Object.keys(socket.acks));
      // Never answered: the server has no listener for it.
      socket.emit("unheard", () => {});
      keys.push(Object.keys(socket.acks));
      socket.disconnect();
      keys.push(Object.keys(socket.acks));
      return keys;
    });
    expect(result).toEqual([["0"], [], ["1"], []]);
  });

  test("socket._queue holds the retried emits in order, each with its tryCount", async () => {
    const result = await both(async (io) => {
      const s = await server();
      const heard = new Promise<void>((resolve) => s.io.on("connection", (sock) => sock.on("slow", () => resolve())));
      const socket = open(io, s.url, { retries: 2, ackTimeout: 10_000 });
      await once(socket, "connect");
      socket.emit("slow", 1, () => {});
      socket.emit("slow", 2, () => {});
      await heard;
      return socket._queue.map((e: { args: unknown[]; tryCount: number; pending: boolean }) => [
        e.args[1],
        e.tryCount,
        e.pending,
      ]);
    });
    // The first is in flight (sent once, unanswered); the second waits its turn.
    expect(result).toEqual([
      [1, 1, true],
      [2, 0, false],
    ]);
  });

  test("socket._anyListeners and _anyOutgoingListeners hold the catch-all listeners in call order", async () => {
    const result = await both(async (io) => {
      const s = await server();
      const socket = open(io, s.url, { autoConnect: false });
      const [a, b, c] = [() => {}, () => {}, () => {}];
      socket.onAny(a).prependAny(b).onAnyOutgoing(c).prependAnyOutgoing(a);
      const incoming = socket._anyListeners.map((f: unknown) => [a, b, c].indexOf(f as () => void));
      const outgoing = socket._anyOutgoingListeners.map((f: unknown) => [a, b, c].indexOf(f as () => void));
      return { incoming, outgoing };
    });
    expect(result).toEqual({ incoming: [1, 0], outgoing: [0, 2] });
  });

  test("the Manager keeps each setting in the field of its name with an underscore", async () => {
    const result = await both(async (io) => {
      const s = await server();
      const m = open(io, s.url, { autoConnect: false, reconnectionAttempts: 3, timeout: 700 }).io;
      m.reconnectionDelay(40).reconnectionDelayMax(90).randomizationFactor(0.25).reconnection(false);
      return [m._reconnection, m._reconnectionAttempts, m._reconnectionDelay, m._reconnectionDelayMax].concat([
        m._randomizationFactor,
        m._timeout,
      ]);
    });
    expect(result).toEqual([false, 3, 40, 90, 0.25, 700]);
  });
});
