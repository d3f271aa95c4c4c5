import { describe, expect, test } from "vitest";
import { readSocket, readStats } from "../../../src/core/server-view/admin-protocol.js";
import { MAX_SOCKETS, ServerModel } from "../../../src/core/server-view/server-model.js";

const socket = (id: string, rooms: string[] = [id], nsp = "/") =>
  readSocket({ id, nsp, clientId: `c-${id}`, transport: "websocket", rooms, handshake: { address: "127.0.0.1" } })!;

describe("what the server's view knows", () => {
  test("rooms with their members, each socket's own room left out; joins and leaves follow", () => {
    const model = new ServerModel();
    model.reset([socket("a", ["a", "lobby"]), socket("b", ["b"])]);
    model.join("/", "b", "lobby");
    expect(model.rooms()).toEqual([{ nsp: "/", name: "lobby", members: ["a", "b"] }]);
    model.leave("/", "a", "lobby");
    expect(model.inRoom("/", "a", "lobby")).toBe(false);
    expect(model.inRoom("/", "nobody", "lobby")).toBeUndefined();
    model.remove("/", "b");
    expect(model.rooms()).toEqual([]);
  });

  test("a server with more sockets than kept: counted, not kept", () => {
    const model = new ServerModel();
    for (let i = 0; i < MAX_SOCKETS + 10; i++) model.add(socket(`s${i}`));
    expect(model.list()).toHaveLength(MAX_SOCKETS);
    expect(model.overflow).toBe(10);
  });

  test("what the server sends is read into bounded plain values; a wrong shape is no socket", () => {
    expect(readSocket({ id: 1, nsp: "/" })).toBeUndefined();
    expect(readSocket("not an object")).toBeUndefined();
    const long = readSocket({
      id: "x".repeat(10_000),
      nsp: "/",
      rooms: Array.from({ length: 5000 }, (_, i) => `r${i}`),
    });
    expect(long?.id).toHaveLength(500);
    expect(long?.rooms).toHaveLength(1000);
    const huge = readSocket({ id: "h", nsp: "/", handshake: { headers: { big: "y".repeat(100_000) } } });
    expect(huge?.handshake.length).toBeLessThan(17_000);
    expect(readStats({ namespaces: [{ name: "/", socketsCount: -1 }, "bad"] })?.namespaces).toEqual([
      { name: "/", socketsCount: 0 },
    ]);
  });
});
