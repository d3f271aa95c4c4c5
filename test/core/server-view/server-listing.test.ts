import { describe, expect, test } from "vitest";
import { readSocket } from "../../../src/core/server-view/admin-protocol.js";
import { ServerListing } from "../../../src/core/server-view/server-listing.js";
import { ServerModel } from "../../../src/core/server-view/server-model.js";

const socket = (i: number, rooms: string[] = [], nsp = "/") =>
  readSocket({
    id: `sock-${i}`,
    nsp,
    clientId: `conn-${i}`,
    transport: "websocket",
    rooms: [`sock-${i}`, ...rooms],
    handshake: { address: `10.0.${i >> 8}.${i & 255}`, headers: { "x-tenant": `tenant-${i % 7}` }, query: { v: "2" } },
  })!;

/** A fleet of `n` sockets, every tenth in room "tenth"; our clients named for sockets 42 and 9,876. */
function fleet(n = 10_000) {
  const model = new ServerModel();
  for (let i = 0; i < n; i++) model.add(socket(i, i % 10 === 0 ? ["tenth"] : []));
  const names = new Map([
    ["conn-42", "alice"],
    ["conn-9876", "bob"],
  ]);
  const listing = new ServerListing(model, (clientId) => names.get(clientId));
  return { model, listing, names };
}

const ids = (listing: ServerListing) => Array.from({ length: listing.socketCount }, (_, i) => listing.socketAt(i)!.id);
const finish = (listing: ServerListing) => listing.step(() => false);

describe("the Server panel's lists", () => {
  test("without a query, the list is the model's own, in arrival order", () => {
    const { listing } = fleet(100);
    expect(listing.socketCount).toBe(100);
    expect(listing.socketAt(99)?.id).toBe("sock-99");
  });

  test.each([
    ["our client's name", "BOB", ["sock-9876"]],
    ["a socket id", "sock-9999", ["sock-9999"]],
    ["an address", "10.0.38.148", ["sock-9876"]],
  ])("a search by %s finds a socket anywhere among 10,000, not only on the first screen", (_what, query, want) => {
    const { listing } = fleet();
    listing.searchSockets(query);
    expect(finish(listing)).toBe(true);
    expect(ids(listing)).toEqual(want);
  });

  test("a search by a handshake header finds every socket that sent it, in arrival order", () => {
    const { listing } = fleet();
    listing.searchSockets("Tenant-6");
    finish(listing);
    const want = Array.from({ length: 10_000 }, (_, i) => i)
      .filter((i) => i % 7 === 6)
      .map((i) => `sock-${i}`);
    expect(ids(listing)).toEqual(want);
  });

  test("a search by room, and a room's members as the list", () => {
    const { listing } = fleet();
    listing.searchSockets("tenth");
    finish(listing);
    expect(listing.socketCount).toBe(1000);
    listing.searchSockets("", { nsp: "/", room: "tenth" });
    finish(listing);
    expect(listing.socketCount).toBe(1000);
    expect(listing.socketAt(999)?.id).toBe("sock-9990");
  });

  test("the matches follow the model: a socket that joins the room comes in, one that leaves or goes drops out", () => {
    const { model, listing } = fleet(1000);
    listing.searchSockets("", { nsp: "/", room: "tenth" });
    finish(listing);
    model.join("/", "sock-5", "tenth");
    model.leave("/", "sock-10", "tenth");
    model.remove("/", "sock-20");
    model.add(socket(5000, ["tenth"]));
    expect(ids(listing).slice(0, 4)).toEqual(["sock-0", "sock-5", "sock-30", "sock-40"]);
    expect(listing.socketAt(listing.socketCount - 1)?.id).toBe("sock-5000");
    expect(listing.socketCount).toBe(100);
  });

  test("a search walked in slices, the model changing between them, ends with what a search made at once finds", () => {
    const { model, listing } = fleet();
    listing.searchSockets("tenant-3");
    let slices = 0;
    let checks = 0;
    // A slice ends at every look at the clock: the walk takes many of them.
    while (!listing.step(() => ++checks % 2 === 0)) {
      slices++;
      const i = 10_000 + slices;
      model.add(socket(i)); // tenant-(i % 7)
      model.remove("/", `sock-${slices * 7 + 3}`); // one that matched
      model.join("/", `sock-${slices * 50}`, `tenant-3-fans`); // a room name that matches
    }
    expect(slices).toBeGreaterThan(10);
    const sliced = ids(listing);
    const fresh = new ServerListing(model, () => undefined);
    fresh.searchSockets("tenant-3");
    finish(fresh);
    expect(sliced).toEqual(ids(fresh));
  });

  test("a name our client takes later is found once the names change", () => {
    const { listing, names } = fleet(1000);
    listing.searchSockets("carol");
    finish(listing);
    expect(listing.socketCount).toBe(0);
    names.set("conn-500", "carol");
    listing.namesChanged();
    finish(listing);
    expect(ids(listing)).toEqual(["sock-500"]);
  });

  test("rooms by name, searched and kept as rooms come and go", () => {
    const { model, listing } = fleet(100);
    for (let i = 0; i < 50; i++) model.join("/", `sock-${i}`, `game-${i % 5}`);
    listing.searchRooms("GAME");
    finish(listing);
    expect(Array.from({ length: listing.roomCount }, (_, i) => listing.roomAt(i)!.name)).toEqual([
      "game-0",
      "game-1",
      "game-2",
      "game-3",
      "game-4",
    ]);
    for (let i = 0; i < 50; i += 5) model.leave("/", `sock-${i}`, "game-0");
    model.join("/", "sock-1", "game-9");
    expect(Array.from({ length: listing.roomCount }, (_, i) => listing.roomAt(i)!.name)).toEqual([
      "game-1",
      "game-2",
      "game-3",
      "game-4",
      "game-9",
    ]);
  });

  test("a room's members by name: only those shown are looked up", () => {
    const model = new ServerModel();
    for (let i = 0; i < 3000; i++) model.add(socket(i, ["big"]));
    const asked: string[] = [];
    const listing = new ServerListing(model, (clientId) => {
      asked.push(clientId);
      return clientId === "conn-1" ? "alice" : undefined;
    });
    const shown = listing.membersOf(model.room("/", "big")!, 3);
    expect(shown).toEqual({ names: ["sock-0", "alice", "sock-2"], more: 2997 });
    expect(asked).toEqual(["conn-0", "conn-1", "conn-2"]);
  });

  test("the lists start over when the server's list comes again", () => {
    const { model, listing } = fleet(100);
    listing.searchSockets("sock-1");
    finish(listing);
    expect(listing.socketCount).toBe(11); // sock-1 and sock-10 to sock-19
    model.reset([socket(1), socket(2)]);
    finish(listing);
    expect(ids(listing)).toEqual(["sock-1"]);
  });
});

describe("sorted lists", () => {
  /** Steps with a clock that says every slice is over at once: the most slices there can be. */
  const stepAll = (listing: ServerListing) => {
    let slices = 1;
    while (!listing.step(() => true)) slices++;
    return slices;
  };

  test("10,000 sockets by id, sorted a slice at a time, as a plain sort orders them", () => {
    const { model, listing } = fleet();
    listing.sortSockets("id");
    expect(stepAll(listing)).toBeGreaterThan(10);
    const want = model
      .list()
      .map((s) => s.id)
      .sort((a, b) => (a < b ? -1 : 1));
    expect(ids(listing)).toEqual(want);
  });

  test("sockets that come and go while the sort is under way are in place once it is done", () => {
    const { model, listing } = fleet(5_000);
    listing.sortSockets("address");
    // A few slices in, the server moves on.
    for (let i = 0; i < 5 && !listing.step(() => true); i++);
    model.remove("/", "sock-7");
    model.add(socket(20_001));
    model.add(socket(20_000));
    stepAll(listing);
    const want = model
      .list()
      .sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0))
      .map((s) => s.id);
    expect(ids(listing)).toEqual(want);
    // And after: a new socket goes to its place, at once.
    model.add(socket(30_000));
    expect(ids(listing)).toContain("sock-30000");
    expect(ids(listing).indexOf("sock-30000")).toBe(
      ids(listing)
        .map((id) => model.socket("/", id)!.address)
        .indexOf("10.0.117.48"),
    );
  });

  test("by node, a search within it; rooms by name", () => {
    const model = new ServerModel();
    const onNode = (i: number, node: string) =>
      readSocket({
        id: `s${i}`,
        nsp: "/",
        clientId: `c${i}`,
        rooms: [`s${i}`, `r${9 - i}`],
        data: { serverId: node },
      })!;
    ["b", "a", "c", "a", "b"].forEach((node, i) => model.add(onNode(i, node)));
    const listing = new ServerListing(model, () => undefined);
    listing.sortSockets("node");
    finish(listing);
    expect(ids(listing)).toEqual(["s1", "s3", "s0", "s4", "s2"]);
    listing.searchSockets("b");
    finish(listing);
    expect(ids(listing)).toEqual(["s0", "s4"]);
    listing.sortRooms("name");
    finish(listing);
    expect(Array.from({ length: listing.roomCount }, (_, i) => listing.roomAt(i)!.name)).toEqual([
      "r5",
      "r6",
      "r7",
      "r8",
      "r9",
    ]);
  });
});
