// What the relay keeps per route, and for how many routes: bounded by what it keeps, whatever the page registers.
import { describe, expect, it } from "vitest";
import { keepCookies } from "../../src/server/relay.js";

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
