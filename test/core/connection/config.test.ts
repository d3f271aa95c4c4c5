/**
 * The connection form's data (src/core/connection/config.ts): the headers it can send and why one cannot be, the
 * defaults a new client starts from, namespaces and their auth, and detached copies of a config.
 */
import { Manager as OfficialManager } from "socket.io-client";
import { describe, expect, test } from "vitest";
import { reactive } from "vue";
import {
  cloneConfig,
  defaultConfig,
  headerProblem,
  headersFrom,
  normalizeNamespace,
  parseAuth,
} from "../../../src/core/connection/config.js";
import { withCode } from "../../helpers/codes.js";

describe("headerProblem", () => {
  test("a name and a value HTTP takes: no problem", () => {
    expect(headerProblem("X-Api-Key", "abc 123; q=1")).toBeUndefined();
  });

  test("a name with a character HTTP does not take is named", () => {
    expect(headerProblem("X Api", "1")).toEqual(withCode("header-name-invalid", { name: "X Api" }));
  });

  test("a line break in a value is named, with where it is", () => {
    expect(headerProblem("X-A", "ab\r\nX-B: 1")).toEqual(
      withCode("header-value-invalid", { name: "X-A", character: "cr", at: 2 }),
    );
    expect(headerProblem("X-A", "\nX-B: 1")).toEqual(withCode("header-value-invalid", { character: "lf", at: 0 }));
  });

  test("another control character in a value is named too; a tab is allowed", () => {
    expect(headerProblem("X-A", "a\u0000b")).toEqual(withCode("header-value-invalid", { character: "control", at: 1 }));
    expect(headerProblem("X-A", "a\tb")).toBeUndefined();
  });
});

describe("headersFrom", () => {
  test("the headers as the client takes them, rows without a name left out", () => {
    expect(
      headersFrom([
        { name: " Authorization ", value: "Bearer t" },
        { name: "", value: "ignored" },
        { name: "X-Trace", value: "" },
      ]),
    ).toEqual({ Authorization: "Bearer t", "X-Trace": "" });
  });

  test("no header at all is undefined, not an empty object", () => {
    expect(headersFrom([{ name: "  ", value: "x" }])).toBeUndefined();
  });

  test.each(["Host", "origin", "Proxy-Authorization", "Sec-WebSocket-Key"])(
    "in a page, %s (which the browser would drop) is refused by name",
    (name) => {
      expect(() => headersFrom([{ name, value: "x" }])).toThrow(withCode("header-forbidden", { name }));
    },
  );

  test("in a page, Cookie is refused with the two ways to send one", () => {
    expect(() => headersFrom([{ name: "Cookie", value: "a=b" }])).toThrow(withCode("header-cookie-forbidden"));
  });

  test("outside a browser (the command line) Cookie and Host go as given", () => {
    expect(
      headersFrom(
        [
          { name: "Cookie", value: "a=b" },
          { name: "Host", value: "h" },
        ],
        { browser: false },
      ),
    ).toEqual({ Cookie: "a=b", Host: "h" });
  });

  test("a value with a line break is refused there too", () => {
    expect(() => headersFrom([{ name: "X-A", value: "1\nX-B: 2" }], { browser: false })).toThrow(
      withCode("header-value-invalid", { character: "lf" }),
    );
  });
});

describe("defaultConfig", () => {
  test("a new client starts with the official client's defaults", () => {
    const official = new OfficialManager({ autoConnect: false });
    const config = defaultConfig("http://localhost:3000");
    expect({
      reconnection: config.reconnection,
      reconnectionAttempts: config.reconnectionAttempts,
      reconnectionDelay: config.reconnectionDelay,
      reconnectionDelayMax: config.reconnectionDelayMax,
      randomizationFactor: config.randomizationFactor,
      timeout: config.timeout,
    }).toEqual({
      reconnection: official.reconnection(),
      reconnectionAttempts: official.reconnectionAttempts(),
      reconnectionDelay: official.reconnectionDelay(),
      reconnectionDelayMax: official.reconnectionDelayMax(),
      randomizationFactor: official.randomizationFactor(),
      timeout: official.timeout(),
    });
  });

  test("on the URL given, the usual path and both transports, speaking whichever protocol the server answers in", () => {
    expect(defaultConfig("http://localhost:3000")).toMatchObject({
      url: "http://localhost:3000",
      path: "/socket.io",
      transports: ["polling", "websocket"],
      serverVersion: "auto",
      parser: "default",
    });
  });

  test("each call gives a config of its own", () => {
    const a = defaultConfig("http://a");
    const b = defaultConfig("http://b");
    a.namespaces.push({ nsp: "/x", auth: "" });
    a.transports.pop();
    expect(b.namespaces.map((n) => n.nsp)).toEqual(["/", "/metrics"]);
    expect(b.transports).toEqual(["polling", "websocket"]);
  });
});

describe("namespaces and their auth", () => {
  test("a namespace name gets its leading slash, and loses surrounding spaces", () => {
    expect([normalizeNamespace(" admin "), normalizeNamespace("/chat"), normalizeNamespace("")]).toEqual([
      "/admin",
      "/chat",
      "/",
    ]);
  });

  test("empty auth text is no auth", () => {
    expect(parseAuth({ nsp: "/", auth: "  " })).toBeUndefined();
  });

  test("auth text is the JSON object it holds", () => {
    expect(parseAuth({ nsp: "/", auth: '{"token": "t", "n": 1}' })).toEqual({ token: "t", n: 1 });
  });

  test("auth that is JSON but not an object is refused, naming the namespace", () => {
    for (const auth of ["[1]", '"t"', "null"])
      expect(() => parseAuth({ nsp: "/admin", auth })).toThrow(withCode("auth-not-object", { nsp: "/admin" }));
  });

  test("auth that is not JSON is refused, naming the namespace", () => {
    expect(() => parseAuth({ nsp: "/admin", auth: "{token: t}" })).toThrow(
      withCode("auth-invalid", { nsp: "/admin", cause: withCode("json-invalid") }),
    );
  });
});

describe("cloneConfig", () => {
  test("a copy detached from the original", () => {
    const original = defaultConfig("http://a");
    const copy = cloneConfig(original);
    copy.namespaces[0]!.auth = '{"changed": true}';
    copy.query.push({ key: "k", value: "v" });
    expect(original.namespaces[0]!.auth).toBe("");
    expect(original.query).toEqual([]);
  });

  test("an unlimited number of attempts stays unlimited (JSON has no Infinity)", () => {
    const config = { ...defaultConfig("http://a"), reconnectionAttempts: Infinity };
    expect(cloneConfig(config).reconnectionAttempts).toBe(Infinity);
    expect(cloneConfig({ ...config, reconnectionAttempts: 3 }).reconnectionAttempts).toBe(3);
  });

  test("from reactive state (Vue's proxies), a plain object", () => {
    const state = reactive(defaultConfig("http://a"));
    const copy = cloneConfig(state);
    expect(copy).toEqual(defaultConfig("http://a"));
    expect(structuredClone(copy)).toEqual(copy); // a proxy would be refused here
  });
});
