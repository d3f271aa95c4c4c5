import { describe, expect, test } from "vitest";
import { Manager, io } from "../../src/client/index.js";
import { parseUrl } from "../../src/client/url.js";

const quiet = { autoConnect: false } as const;

describe("Manager options", () => {
  test("defaults, as the official client has them", () => {
    const m = new Manager("http://127.0.0.1:9", quiet);
    expect(m.reconnection()).toBe(true);
    expect(m.reconnectionAttempts()).toBe(Infinity);
    expect(m.reconnectionDelay()).toBe(1000);
    expect(m.reconnectionDelayMax()).toBe(5000);
    expect(m.randomizationFactor()).toBe(0.5);
    expect(m.timeout()).toBe(20000);
    expect(m.opts.path).toBe("/socket.io");
    expect(m.engine).toBeUndefined();
  });

  test("official quirks: 0 attempts means Infinity, 0 delay means 1000, timeout false disables", () => {
    const m = new Manager("http://127.0.0.1:9", {
      ...quiet,
      reconnectionAttempts: 0,
      reconnectionDelay: 0,
      timeout: false,
    });
    expect(m.reconnectionAttempts()).toBe(Infinity);
    expect(m.reconnectionDelay()).toBe(1000);
    expect(m.timeout()).toBe(false);
  });

  test("accessors set and return the Manager; no argument reads", () => {
    const m = new Manager("http://127.0.0.1:9", quiet);
    expect(m.reconnection(false)).toBe(m);
    expect(m.reconnection()).toBe(false);
    expect(
      m.reconnectionAttempts(3).reconnectionDelay(10).reconnectionDelayMax(100).randomizationFactor(0).timeout(5),
    ).toBe(m);
    expect([
      m.reconnectionAttempts(),
      m.reconnectionDelay(),
      m.reconnectionDelayMax(),
      m.randomizationFactor(),
      m.timeout(),
    ]).toEqual([3, 10, 100, 0, 5]);
  });

  test.each([
    ["reconnectionDelay", "1000", 'Option "reconnectionDelay" must be a number >= 0, got string "1000"'],
    ["reconnectionDelay", -5, 'Option "reconnectionDelay" must be a number >= 0, got -5'],
    ["reconnectionDelayMax", Number.NaN, 'Option "reconnectionDelayMax" must be a number >= 0, got NaN'],
    ["reconnectionAttempts", 1.5, 'Option "reconnectionAttempts" must be an integer >= 0, got 1.5'],
    ["randomizationFactor", 2, 'Option "randomizationFactor" must be a number from 0 to 1, got 2'],
    ["timeout", "20s", 'Option "timeout" must be a number >= 0 or false, got string "20s"'],
    ["reconnection", "yes", 'Option "reconnection" must be a boolean, got string "yes"'],
    ["autoConnect", 1, 'Option "autoConnect" must be a boolean, got 1'],
    ["multiplex", null, 'Option "multiplex" must be a boolean, got null'],
    ["path", 5, 'Option "path" must be a string, got 5'],
    ["ackTimeout", -1, 'Option "ackTimeout" must be a number >= 0, got -1'],
    ["retries", "3", 'Option "retries" must be an integer >= 0, got string "3"'],
    ["auth", "token", 'Option "auth" must be an object or a function, got string "token"'],
    ["auth", [1], 'Option "auth" must be an object or a function, got object'],
    ["transports", "websocket", 'Option "transports" must be an array, got string "websocket"'],
  ])("%s = %j is refused with a TypeError that names it", (name, value, message) => {
    expect(() => new Manager("http://127.0.0.1:9", { ...quiet, [name]: value })).toThrow(new TypeError(message));
    expect(() => io("http://127.0.0.1:9", { ...quiet, forceNew: true, [name]: value })).toThrow(TypeError);
  });

  test("accessors refuse wrong values too, and keep the old value", () => {
    const m = new Manager("http://127.0.0.1:9", quiet);
    expect(() => m.reconnectionDelay(-1)).toThrow(/reconnectionDelay/);
    expect(() => m.timeout("x" as never)).toThrow(/timeout/);
    expect(m.reconnectionDelay()).toBe(1000);
  });

  test("socket options are checked on manager.socket() and timeout()", () => {
    const m = new Manager("http://127.0.0.1:9", quiet);
    expect(() => m.socket("/", { auth: 42 as never })).toThrow(/Option "auth"/);
    const socket = m.socket("/ok");
    expect(() => socket.timeout(-3)).toThrow(/must be a number >= 0/);
  });
});

describe("URL parsing", () => {
  test("default ports, IPv6 in brackets, namespace and query not in the cache key", () => {
    expect(parseUrl("http://example.com/admin?x=1")).toMatchObject({
      protocol: "http",
      host: "example.com",
      port: "80",
      path: "/admin",
      query: "x=1",
      queryKey: { x: "1" },
      id: "http://example.com:80/socket.io",
    });
    expect(parseUrl("wss://example.com").id).toBe("wss://example.com:443/socket.io");
    expect(parseUrl("http://[::1]:3000/", "/custom").id).toBe("http://[::1]:3000/custom");
    expect(parseUrl("localhost:3000", undefined, undefined).id).toBe("https://localhost:3000/socket.io");
  });

  test("relative URLs resolve against the page location", () => {
    const loc = { protocol: "http:", host: "app.test:8080", port: "8080" };
    expect(parseUrl(undefined, "/socket.io", loc).id).toBe("http://app.test:8080/socket.io");
    expect(parseUrl("/chat", "/socket.io", loc)).toMatchObject({ path: "/chat", port: "8080" });
    expect(parseUrl("//other.test/x", "/socket.io", loc)).toMatchObject({
      protocol: "http",
      host: "other.test",
      path: "/x",
    });
  });

  test("unparsable URLs give a clear error", () => {
    expect(() => parseUrl("http://exa mple.com")).toThrow(new TypeError('Invalid server URL "http://exa mple.com"'));
    expect(() => parseUrl("ftp://example.com")).toThrow(/scheme must be http, https, ws or wss/);
    expect(() => parseUrl("http://")).toThrow(/Invalid server URL/);
    expect(() => parseUrl(undefined, "/socket.io", undefined)).toThrow(/no URL and no page location/);
    expect(() => io("http://bad host", { autoConnect: false })).toThrow(TypeError);
  });
});
