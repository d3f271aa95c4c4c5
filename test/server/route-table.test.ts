// What the relay keeps per route, and for how many routes: bounded by what it keeps, whatever the page registers.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { keepCookies, MAX_ROUTES, RouteTable, type RouteRequest } from "../../src/server/relay.js";

describe("a route's jar", () => {
  it("keeps a cookie of up to 4 KB (name and value), as browsers do, and not a larger one", () => {
    const jar = new Map<string, string>();
    keepCookies(jar, [`small=${"s".repeat(4090)}; Path=/`, `big=${"b".repeat(4094)}; Path=/`]);
    expect([...jar.keys()]).toEqual(["small"]);
  });

  it("keeps 50 cookies at most; a kept one may still change", () => {
    const jar = new Map<string, string>();
    keepCookies(
      jar,
      Array.from({ length: 60 }, (_, i) => `c${i}=1`),
    );
    keepCookies(jar, ["c0=2"]);
    expect(jar.size).toBe(50);
    expect(jar.get("c0")).toBe("2");
  });
});

describe("the route table", () => {
  /** The n-th registration of a page: its own server, and 60 KB of headers (8 of 7,500 characters: within the limits). */
  const registration = (n: number): RouteRequest => ({
    url: `http://127.0.0.1:${1024 + (n % 60_000)}`,
    path: "/socket.io",
    headers: Object.fromEntries(
      Array.from({ length: 8 }, (_, i) => [`X-Big-${i}`, `${n}-`.padEnd(7_500, String.fromCharCode(97 + (i % 26)))]),
    ),
  });

  it("4,000 registrations of 60 KB of headers each: the index keeps no more requests than the routes kept", () => {
    const table = new RouteTable();
    for (let n = 0; n < 4_000; n++) table.register(registration(n));
    expect(table.sizes).toEqual({ routes: MAX_ROUTES, indexed: MAX_ROUTES });
  });

  it("a route let go: the same request registers anew; a kept one is found again", () => {
    const table = new RouteTable();
    const first = table.register(registration(0));
    for (let n = 1; n <= MAX_ROUTES; n++) table.register(registration(n));
    expect(table.get(first.id)).toBeUndefined();
    const again = table.register(registration(0));
    expect(again.id).not.toBe(first.id);
    const latest = table.register(registration(MAX_ROUTES));
    expect(table.register(registration(MAX_ROUTES)).id).toBe(latest.id);
  });

  it("what 4,000 such registrations leave on the heap, after a full collection: about what 200 routes hold", () => {
    // gc() for this test alone (Node lets the flag be set once running; a new context then sees the function).
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    gc();
    const before = process.memoryUsage().heapUsed;
    const table = new RouteTable();
    for (let n = 0; n < 4_000; n++) table.register(registration(n));
    gc();
    const retained = process.memoryUsage().heapUsed - before;
    // 200 routes of 60 KB of headers, each with its 60 KB key: about 24 MB; the 4,000 keys alone would be 240 MB.
    expect(retained).toBeLessThan(64 * 1024 * 1024);
    expect(table.sizes.routes).toBe(MAX_ROUTES); // the table is still alive here: what it holds was measured
  });
});
