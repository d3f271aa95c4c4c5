// A fleet as the admin protocol describes it: each node's server_stats (with its aggregated events), each socket's
// node in its data; read into bounded values, kept per node by the model.
import { describe, expect, test } from "vitest";
import { readSocket, readStats } from "../../../src/core/server-view/admin-protocol.js";
import { MAX_NODES, ServerModel } from "../../../src/core/server-view/server-model.js";

/** A node's server_stats as @socket.io/admin-ui 0.5 sends it (dist/index.js, initStatsEmitter). */
const stats = (serverId: string, clientsCount: number, aggregatedEvents: unknown[] = [], sockets = clientsCount) => ({
  serverId,
  hostname: "host",
  pid: 42,
  uptime: 3.5,
  clientsCount,
  pollingClientsCount: 0,
  aggregatedEvents,
  namespaces: [
    { name: "/", socketsCount: sockets },
    { name: "/admin", socketsCount: serverId === "a" ? 1 : 0 },
  ],
});
const socketOn = (id: string, node: string | undefined, data: Record<string, unknown> = {}) =>
  readSocket({
    id,
    nsp: "/",
    clientId: `c-${id}`,
    transport: "websocket",
    rooms: [id],
    data: node === undefined ? data : { ...data, serverId: node },
    handshake: { address: "127.0.0.1" },
  })!;

describe("a fleet's nodes", () => {
  test("aggregated events are read into one entry per second: a disconnection's reasons summed, unknown kinds left out", () => {
    const s = readStats(
      stats("a", 3, [
        { timestamp: 2000, type: "packetsIn", count: 4 },
        { timestamp: 1000, type: "rawConnection", count: 2 },
        { timestamp: 2000, type: "rawDisconnection", subType: "transport close", count: 1 },
        { timestamp: 2000, type: "rawDisconnection", subType: "ping timeout", count: 2 },
        { timestamp: 2000, type: "bytesOut", count: 1500 },
        { timestamp: 2000, type: "teleport", count: 9 },
        { timestamp: "not a time", type: "packetsIn", count: 5 },
        { timestamp: 2000, type: "packetsOut", count: -3 },
        "junk",
      ]),
    );
    expect(s?.pid).toBe(42);
    expect(s?.seconds).toEqual([
      { t: 1000, connections: 2, disconnections: 0, packetsIn: 0, packetsOut: 0, bytesIn: 0, bytesOut: 0 },
      { t: 2000, connections: 0, disconnections: 3, packetsIn: 4, packetsOut: 0, bytesIn: 0, bytesOut: 1500 },
    ]);
  });

  test("a node without a serverId is named by its hostname; a flood of seconds keeps the latest 120", () => {
    const flood = Array.from({ length: 1500 }, (_, i) => ({ timestamp: i * 1000, type: "packetsIn", count: 1 }));
    const s = readStats({ hostname: "web-1", aggregatedEvents: flood });
    expect(s?.serverId).toBe("web-1");
    expect(s?.seconds).toHaveLength(120);
    expect(s?.seconds.at(-1)?.t).toBe(1_499_000);
  });

  test("a socket says its node in its data; its data is kept as bounded text, none when empty", () => {
    const s = socketOn("x", "node-b", { user: "ann" });
    expect(s.node).toBe("node-b");
    expect(JSON.parse(s.data)).toEqual({ user: "ann", serverId: "node-b" });
    expect(socketOn("y", undefined).data).toBe("");
    expect(socketOn("z", undefined, { serverId: 7 }).node).toBe("");
    const big = socketOn("w", "n", { blob: "b".repeat(50_000) });
    expect(big.data.length).toBeLessThan(4_200);
    expect(big.data).toMatch(/… \(\d+ characters\)$/);
  });

  test("the model lists each node with its rates, counts sockets per node, and sums namespaces over the nodes", () => {
    const model = new ServerModel();
    const second = (t: number, packetsIn: number) => ({ timestamp: t, type: "packetsIn", count: packetsIn });
    model.nodeStats(readStats(stats("a", 2, [second(1000, 10), second(2000, 30)]))!, 10_000);
    model.nodeStats(readStats(stats("b", 1, [], 1))!, 10_100);
    // The node's next stats: its counts over the 4 s since the last ones.
    model.nodeStats(readStats(stats("a", 2, [second(3000, 80)]))!, 14_000);
    expect(model.nodes().map((n) => [n.id, n.stats.clientsCount, n.rates.packetsIn])).toEqual([
      ["a", 2, 20],
      ["b", 1, 0],
    ]);
    expect(model.namespaceTotals()).toEqual([
      { name: "/", socketsCount: 3 },
      { name: "/admin", socketsCount: 1 },
    ]);
    model.add(socketOn("s1", "a"));
    model.add(socketOn("s2", "b"));
    model.add(socketOn("s3", undefined));
    expect([model.countOnNode("a"), model.countOnNode("b"), model.countOnNode("")]).toEqual([1, 1, 1]);
    expect(model.nodeOf(model.socket("/", "s3")!)).toBe("");
    model.remove("/", "s2");
    expect(model.countOnNode("b")).toBe(0);
  });

  test("a single server's sockets are on its one node, said or not", () => {
    const model = new ServerModel();
    model.nodeStats(readStats(stats("solo", 1))!, 0);
    model.add(socketOn("s", undefined));
    expect(model.nodeOf(model.socket("/", "s")!)).toBe("solo");
  });

  test("a server naming more nodes than kept has the rest counted, not kept", () => {
    const model = new ServerModel();
    for (let i = 0; i < MAX_NODES + 5; i++) model.nodeStats(readStats(stats(`n${i}`, 0))!, i);
    expect(model.nodeCount).toBe(MAX_NODES);
    expect(model.nodesNotKept).toBe(5);
    // A node already kept is still renewed.
    expect(model.nodeStats(readStats(stats("n0", 9))!, 99_999)?.stats.clientsCount).toBe(9);
  });
});
