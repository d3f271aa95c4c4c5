import { describe, expect, test } from "vitest";
import { readSocket, readStats } from "../../../src/core/server-view/admin-protocol.js";
import { MEMBERSHIP_BYTES, ServerModel } from "../../../src/core/server-view/server-model.js";

const socket = (id: string, rooms: string[] = [id], nsp = "/", handshake: unknown = { address: "127.0.0.1" }) =>
  readSocket({ id, nsp, clientId: `c-${id}`, transport: "websocket", rooms, handshake })!;

/** A small deterministic generator (mulberry32): the same churn on every run. */
function random(seed: number) {
  let a = seed;
  return (n: number) => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

/** What the model should know, kept the plain way: each socket's rooms, by namespace and id. */
class Reference {
  readonly sockets = new Map<string, { nsp: string; id: string; rooms: Set<string> }>();
  key = (nsp: string, id: string) => `${nsp} ${id}`;
  add(nsp: string, id: string, rooms: string[]) {
    this.sockets.set(this.key(nsp, id), { nsp, id, rooms: new Set(rooms) });
  }
  remove(nsp: string, id: string) {
    this.sockets.delete(this.key(nsp, id));
  }
  join(nsp: string, id: string, room: string) {
    this.sockets.get(this.key(nsp, id))?.rooms.add(room);
  }
  leave(nsp: string, id: string, room: string) {
    this.sockets.get(this.key(nsp, id))?.rooms.delete(room);
  }
  /** Every room but a socket's own, with its members' ids sorted. */
  rooms() {
    const rooms = new Map<string, { nsp: string; name: string; members: string[] }>();
    for (const s of this.sockets.values())
      for (const name of s.rooms) {
        if (name === s.id) continue;
        const k = `${s.nsp} ${name}`;
        if (!rooms.has(k)) rooms.set(k, { nsp: s.nsp, name, members: [] });
        rooms.get(k)!.members.push(s.id);
      }
    return [...rooms.values()]
      .map((r) => ({ ...r, members: r.members.sort() }))
      .sort((a, b) => (a.nsp + "\u0000" + a.name < b.nsp + "\u0000" + b.name ? -1 : 1));
  }
}

/** The model's rooms (listed in the order it first saw them) as the reference lists them: by name. */
const sortedRooms = (model: ServerModel) =>
  model
    .rooms()
    .map((r) => ({ ...r, members: [...r.members].sort() }))
    .sort((a, b) => (a.nsp + "\u0000" + a.name < b.nsp + "\u0000" + b.name ? -1 : 1));

describe("the server's view, indexed", () => {
  test("rooms with their members, each socket's own room left out; joins and leaves follow", () => {
    const model = new ServerModel();
    model.reset([socket("a", ["a", "lobby"]), socket("b", ["b"])]);
    model.join("/", "b", "lobby");
    expect(model.rooms()).toEqual([{ nsp: "/", name: "lobby", members: ["a", "b"] }]);
    expect(model.roomSize("/", "lobby")).toBe(2);
    model.leave("/", "a", "lobby");
    expect(model.inRoom("/", "a", "lobby")).toBe(false);
    expect(model.inRoom("/", "a", "a")).toBe(true);
    expect(model.inRoom("/", "nobody", "lobby")).toBeUndefined();
    model.remove("/", "b");
    expect(model.rooms()).toEqual([]);
    expect(model.room("/", "lobby")).toBeUndefined();
  });

  test("a member is found by its id in the room's own set: one lookup, whatever the server holds", () => {
    const model = new ServerModel();
    for (let i = 0; i < 5000; i++) model.add(socket(`s${i}`, [`s${i}`, "all", `own-${i}`]));
    const member = model.socket("/", "s4321")!;
    expect(model.room("/", "all")!.members.has(member)).toBe(true);
    expect(member.rooms.map((r) => r.name)).toEqual(["all", "own-4321"]);
    expect(model.roomSize("/", "all")).toBe(5000);
    expect(model.roomCount).toBe(5001);
  });

  test("a churn of connects, joins, leaves and disconnects on two namespaces leaves every index as the plain reference says", () => {
    const model = new ServerModel();
    const reference = new Reference();
    const next = random(31);
    const nsps = ["/", "/chat"];
    const rooms = Array.from({ length: 40 }, (_, i) => `room-${i}`);
    const live: Array<{ nsp: string; id: string }> = [];
    for (let step = 0; step < 20_000; step++) {
      const op = next(10);
      if (op < 2 || live.length === 0) {
        const nsp = nsps[next(2)]!;
        const id = `s${step}`;
        const initial = [id, rooms[next(40)]!, rooms[next(40)]!];
        model.add(socket(id, initial, nsp));
        reference.add(nsp, id, initial);
        live.push({ nsp, id });
      } else if (op < 3) {
        const [gone] = live.splice(next(live.length), 1);
        model.remove(gone!.nsp, gone!.id);
        reference.remove(gone!.nsp, gone!.id);
      } else {
        const { nsp, id } = live[next(live.length)]!;
        const room = rooms[next(40)]!;
        if (op < 7) {
          model.join(nsp, id, room);
          reference.join(nsp, id, room);
        } else {
          model.leave(nsp, id, room);
          reference.leave(nsp, id, room);
        }
      }
    }
    expect(model.socketCount).toBe(reference.sockets.size);
    for (const nsp of nsps)
      expect(model.countIn(nsp)).toBe([...reference.sockets.values()].filter((s) => s.nsp === nsp).length);
    expect(sortedRooms(model)).toEqual(reference.rooms());
    for (const s of reference.sockets.values()) {
      const entry = model.socket(s.nsp, s.id)!;
      expect(new Set([...entry.rooms.map((r) => r.name), ...(entry.ownRoom ? [s.id] : [])])).toEqual(s.rooms);
      for (const room of rooms) expect(model.inRoom(s.nsp, s.id, room)).toBe(s.rooms.has(room));
    }
    // The list keeps arrival order through the removals.
    const order = Array.from({ length: model.socketCount }, (_, i) => model.socketAt(i)!.seq);
    expect(order).toEqual([...order].sort((a, b) => a - b));

    // Everyone leaves: nothing stays behind, not even in the byte count.
    for (const s of [...reference.sockets.values()]) model.remove(s.nsp, s.id);
    expect([model.socketCount, model.roomCount, model.countIn("/"), model.countIn("/chat"), model.bytes]).toEqual([
      0, 0, 0, 0, 0,
    ]);
  });

  test("a socket described again replaces what was known of it, its old rooms included", () => {
    const model = new ServerModel();
    model.add(socket("a", ["a", "x", "y"]));
    model.add(socket("a", ["a", "z"]));
    expect(model.socketCount).toBe(1);
    expect(model.countIn("/")).toBe(1);
    expect(model.rooms().map((r) => r.name)).toEqual(["z"]);
  });

  test("kept within its byte budget: sockets past it are counted, not kept; one gone makes room again", () => {
    const one = socket("s0", ["s0"], "/", { headers: { "user-agent": "x".repeat(1000) } });
    const probe = new ServerModel();
    probe.add(one);
    const perSocket = probe.bytes;
    const model = new ServerModel(perSocket * 100 + perSocket / 2);
    for (let i = 0; i < 150; i++)
      model.add(socket(`s${i}`, [`s${i}`], "/", { headers: { "user-agent": "x".repeat(1000) } }));
    expect(model.socketCount).toBe(100);
    expect(model.overflow).toBe(50);
    expect(model.bytes).toBeLessThanOrEqual(perSocket * 100 + perSocket / 2);
    model.remove("/", "s0");
    model.add(socket("late", ["late"], "/", { headers: { "user-agent": "x".repeat(1000) } }));
    expect(model.socket("/", "late")).toBeDefined();
  });

  test("room joins past the budget are counted, and the socket's rooms stay as the model says", () => {
    const model = new ServerModel(5_000);
    model.add(socket("a"));
    for (let i = 0; i < 200; i++) model.join("/", "a", `r${i}`);
    expect(model.joinsNotKept).toBeGreaterThan(0);
    const kept = model.socket("/", "a")!.rooms.length;
    expect(kept + model.joinsNotKept).toBe(200);
    expect(model.rooms()).toHaveLength(kept);
    expect(model.bytes).toBeLessThanOrEqual(5_000);
    expect(model.bytes).toBeGreaterThan(5_000 - MEMBERSHIP_BYTES - 400);
  });

  test("listeners hear of each socket and room that changes; clear says it once", () => {
    const model = new ServerModel();
    const heard: string[] = [];
    model.listen((c) =>
      heard.push(c.kind === "cleared" ? "cleared" : `${c.kind} ${c.entry.key.replace("\u0000", "")}`),
    );
    model.add(socket("a", ["a", "lobby"]));
    model.join("/", "a", "lobby");
    model.leave("/", "a", "lobby");
    model.clear();
    expect(heard).toEqual(["room /lobby", "socket /a", "room /lobby", "socket /a", "cleared"]);
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
