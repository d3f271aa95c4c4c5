import { describe, expect, test } from "vitest";
import { mergePresets, parseImport, toCollection } from "../../../src/core/presets/collection.js";
import {
  MAX_UNKNOWN_DEPTH,
  PRESET_VERSION,
  MIGRATED_CLIENT,
  clientsFrom,
  hasSecrets,
  presetFrom,
  stripSecrets,
  type Preset,
} from "../../../src/core/presets/format.js";
import { readPreset } from "../../../src/core/presets/read-preset.js";
import {
  MAX_LINK_CHARS,
  decodePresetFragment,
  encodePresetFragment,
  presetFragmentOf,
} from "../../../src/core/presets/link.js";
import { errorCode, problem } from "../../../src/core/shared/errors.js";
import { withCode } from "../../helpers/codes.js";

/** A preset's field refused: the value at its path, and what is wrong with it. */
const invalid = (path: string, cause: unknown) => withCode("value-invalid", { where: "Preset", path, cause });
import { shippedPresets } from "../../../src/core/presets/shipped.js";
import { PresetStorageError, STORAGE_KEY, loadPresets, savePresets } from "../../../src/ui/presets/storage.js";
import { defaultConfig } from "../../../src/core/connection/config.js";

const sample = (): Preset => {
  const config = defaultConfig("http://localhost:3000");
  config.query = [
    { key: "room", value: "lobby" },
    { key: "apiKey", value: "s3cret", secret: true },
  ];
  config.namespaces = [{ nsp: "/admin", auth: '{"token":"t0k"}' }];
  return presetFrom(
    "Local",
    [{ name: "client 1", config }],
    [
      {
        nsp: "/admin",
        event: "hello",
        args: [{ type: "text", value: "hi" }],
        expectAck: true,
        ackTimeout: 1000,
        volatile: false,
        compress: true,
      },
    ],
  );
};

/** The same preset as version 2 wrote it: one connection, no clients. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a file of an older version, as JSON
const sampleV2 = (): any => {
  const p = JSON.parse(JSON.stringify(sample())) as Preset;
  return { version: 2, name: p.name, connection: p.clients[0]!.connection, emits: p.emits };
};

/** The connection of a preset's only client. */
const only = (p: Preset) => p.clients[0]!.connection;

class MemoryStorage {
  data = new Map<string, string>();
  getItem = (k: string) => this.data.get(k) ?? null;
  setItem = (k: string, v: string) => void this.data.set(k, v);
}

describe("preset format", () => {
  test("round trip: form -> preset -> JSON -> checks -> form", () => {
    const p = sample();
    const back = readPreset(JSON.parse(JSON.stringify(p)));
    expect(back).toEqual(p);
    const config = clientsFrom(back)[0]!.config;
    expect(config.reconnectionAttempts).toBe(Infinity); // stored as null, JSON has no Infinity
    expect(config.query[1]).toEqual({ key: "apiKey", value: "s3cret", secret: true });
  });

  test("version 2 (one connection) migrates to version 3 as one client; unknown connection fields stay with it", () => {
    const v2 = { ...sampleV2(), connection: { ...sampleV2().connection, proxy: "http://p" } };
    const p = readPreset(v2);
    expect(p.version).toBe(3);
    expect(p.clients.map((c) => c.name)).toEqual([MIGRATED_CLIENT]);
    expect(p.clients[0]!.connection).toEqual(only(sample()));
    expect(p.clients[0]!.unknown).toEqual({ proxy: "http://p" });
    expect(p.emits).toEqual(sample().emits);
    // And it reads back as it was saved.
    expect(readPreset(JSON.parse(JSON.stringify(p)))).toEqual(p);
  });

  test("version 3: several clients, each checked by name; two with one name, or none at all, are refused", () => {
    const two = sample();
    two.clients.push({ name: "bob", connection: { ...only(sample()), url: "http://localhost:4000" } });
    const p = readPreset(JSON.parse(JSON.stringify(two)));
    expect(p.clients.map((c) => [c.name, c.connection.url])).toEqual([
      ["client 1", "http://localhost:3000"],
      ["bob", "http://localhost:4000"],
    ]);
    const dup = JSON.parse(JSON.stringify(two));
    dup.clients[1].name = "client 1";
    expect(() => readPreset(dup)).toThrow(
      invalid("clients[1].name", withCode("name-again", { name: "client 1", each: "client" })),
    );
    expect(() => readPreset({ ...JSON.parse(JSON.stringify(two)), clients: [] })).toThrow(
      invalid("clients", withCode("clients-empty")),
    );
    const badUrl = JSON.parse(JSON.stringify(two));
    badUrl.clients[1].connection.url = "ftp://x";
    expect(() => readPreset(badUrl)).toThrow(invalid("clients[1].connection.url", withCode("url-scheme-missing")));
    // Secrets of every client are stripped.
    two.clients[1]!.connection.namespaces = [{ nsp: "/", auth: '{"k":1}' }];
    expect(stripSecrets(two).clients.map((c) => c.connection.namespaces[0]?.auth)).toEqual(["", ""]);
  });

  test("version 1 (query as an object) is migrated to the current version", () => {
    const v1 = { ...sampleV2(), version: 1 };
    v1.connection.query = { room: "lobby", lang: "en" };
    const p = readPreset(v1);
    expect(p.version).toBe(PRESET_VERSION);
    expect(only(p).query).toEqual([
      { key: "room", value: "lobby", secret: false },
      { key: "lang", value: "en", secret: false },
    ]);
  });

  test("the server view's settings: namespace and user name kept, a password in a file never taken", () => {
    const withView = { ...sampleV2(), serverView: { namespace: "/admin", username: "ops", password: "hunter2" } };
    const p = readPreset(withView);
    expect(p.serverView).toEqual({ namespace: "/admin", username: "ops" });
    expect(JSON.stringify(p)).not.toContain("hunter2");
    expect(() => readPreset({ ...sampleV2(), serverView: { namespace: "admin" } })).toThrow(
      invalid("serverView.namespace", withCode("must-start-with-slash")),
    );
  });

  test("Route: presets made before it are direct; relay is kept; a wrong value is refused by name", () => {
    const old = sampleV2();
    expect(only(readPreset(old)).route).toBeUndefined();
    expect(only(readPreset({ ...old, connection: { ...old.connection, route: "relay" } })).route).toBe("relay");
    expect(() => readPreset({ ...old, connection: { ...old.connection, route: "proxy" } })).toThrow(
      invalid("connection.route", withCode("must-be-one-of", { values: ["direct", "relay"] })),
    );
  });

  test("Server version: presets made before it read auto; a wrong value is refused by name; a namespace query is a secret", () => {
    const old = sampleV2();
    delete old.connection.serverVersion;
    expect(only(readPreset(old)).serverVersion).toBe("auto");
    expect(only(readPreset({ ...old, connection: { ...old.connection, serverVersion: "v2" } })).serverVersion).toBe(
      "v2",
    );
    expect(() => readPreset({ ...old, connection: { ...old.connection, serverVersion: "v5" } })).toThrow(
      invalid("connection.serverVersion", withCode("must-be-one-of", { values: ["auto", "v4", "v2"] })),
    );
    const withQuery = readPreset({
      ...old,
      connection: { ...old.connection, namespaces: [{ nsp: "/chat", auth: "", query: "token=abc" }] },
    });
    expect(only(withQuery).namespaces[0]).toEqual({ nsp: "/chat", auth: "", query: "token=abc" });
    expect(hasSecrets(withQuery)).toBe(true);
    expect(only(stripSecrets(withQuery)).namespaces[0]).toEqual({ nsp: "/chat", auth: "", query: "" });
  });

  test("extra headers and withCredentials: presets made before have none; secret header values are stripped from links", () => {
    const old = sampleV2();
    delete old.connection.extraHeaders;
    delete old.connection.withCredentials;
    expect(only(readPreset(old))).toMatchObject({ extraHeaders: [], withCredentials: false });
    const withHeaders = readPreset({
      ...old,
      connection: {
        ...old.connection,
        withCredentials: true,
        extraHeaders: [
          { name: "Authorization", value: "Bearer s3cret", secret: true },
          { name: "X-Team", value: "blue" },
        ],
      },
    });
    expect(only(withHeaders).extraHeaders).toEqual([
      { name: "Authorization", value: "Bearer s3cret", secret: true },
      { name: "X-Team", value: "blue", secret: false },
    ]);
    expect(hasSecrets(withHeaders)).toBe(true);
    expect(only(stripSecrets(withHeaders)).extraHeaders).toEqual([
      { name: "Authorization", value: "", secret: true },
      { name: "X-Team", value: "blue", secret: false },
    ]);
    expect(() => readPreset({ ...old, connection: { ...old.connection, extraHeaders: [{ name: 1 }] } })).toThrow(
      invalid("connection.extraHeaders[0].name", withCode("must-be-string")),
    );
  });

  test("secrets are stripped: namespace auth and query values marked secret; other values stay", () => {
    const s = stripSecrets(sample());
    expect(only(s).namespaces[0]?.auth).toBe("");
    expect(only(s).query).toEqual([
      { key: "room", value: "lobby", secret: false },
      { key: "apiKey", value: "", secret: true },
    ]);
    expect(only(sample()).namespaces[0]?.auth).toBe('{"token":"t0k"}'); // the original is untouched
  });

  test.each([
    [null, invalid("the preset", withCode("must-be-object"))],
    [{ name: "x" }, invalid("version", withCode("version-missing"))],
    [{ ...sample(), version: 99 }, invalid("version", withCode("version-newer", { version: 99, reads: 3 }))],
    [{ ...sample(), version: 0 }, invalid("version", withCode("version-not-known", { version: 0 }))],
    [{ ...sample(), name: "" }, invalid("name", withCode("must-not-be-empty"))],
    [
      { ...sampleV2(), connection: { ...sampleV2().connection, url: "javascript:alert(1)" } },
      invalid("connection.url", withCode("url-scheme-missing")),
    ],
    [
      { ...sampleV2(), connection: { ...sampleV2().connection, url: "//evil.example:3000" } },
      invalid("connection.url", withCode("url-scheme-relative")),
    ],
    [
      { ...sampleV2(), connection: { ...sampleV2().connection, url: "http://" } },
      invalid("connection.url", withCode("url-invalid")),
    ],
    [
      { ...sampleV2(), connection: { ...sampleV2().connection, url: "http://a b" } },
      invalid("connection.url", withCode("url-invalid")),
    ],
    [
      { ...sampleV2(), connection: { ...sampleV2().connection, transports: ["carrier-pigeon"] } },
      invalid("connection.transports[0]", withCode("must-be-either", { a: "polling", b: "websocket" })),
    ],
    [
      { ...sampleV2(), connection: { ...sampleV2().connection, reconnectionDelay: "1s" } },
      invalid("connection.reconnectionDelay", withCode("must-be-number")),
    ],
    [
      { ...sampleV2(), connection: { ...sampleV2().connection, randomizationFactor: 3 } },
      invalid("connection.randomizationFactor", withCode("out-of-range", { min: 0, max: 1 })),
    ],
    [
      { ...sampleV2(), connection: { ...sampleV2().connection, namespaces: [{ nsp: "admin" }] } },
      invalid("connection.namespaces[0].nsp", withCode("must-start-with-slash-or-variable")),
    ],
    [
      {
        ...sample(),
        emits: [{ nsp: "/", event: "x", args: [{ type: "script", value: "" }], expectAck: false, ackTimeout: 0 }],
      },
      invalid(
        "emits[0].args[0].type",
        withCode("must-be-one-of", { values: ["json", "text", "number", "boolean", "null", "binary"] }),
      ),
    ],
  ])("invalid preset %# is refused naming the field", (value, refusal) => {
    expect(() => readPreset(value)).toThrow(refusal);
  });

  test("unknown fields are kept, not silently lost", () => {
    const withExtra = {
      ...sampleV2(),
      color: "teal",
      connection: { ...sampleV2().connection, proxy: "http://p" },
    };
    const p = readPreset(withExtra);
    expect(p.unknown).toEqual({ color: "teal" });
    expect(p.clients[0]!.unknown).toEqual({ proxy: "http://p" });
    expect(readPreset(JSON.parse(JSON.stringify(p))).unknown).toEqual(p.unknown);
  });
});

/** A value nested `depth` levels deep: {"a":{"a":...}} */
function nested(depth: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}

describe("unknown fields are bounded", () => {
  test("a deep unknown field is refused, naming it, without recursion (5,000 and 100,000 levels)", () => {
    for (const depth of [5_000, 100_000]) {
      expect(() => readPreset({ ...sampleV2(), extra: nested(depth) }, "Import, preset 1")).toThrow(
        withCode("value-invalid", {
          where: "Import, preset 1",
          path: "unknown field extra",
          cause: withCode("nested-too-deep", { depth: MAX_UNKNOWN_DEPTH, keeps: "unknown-fields" }),
        }),
      );
    }
    const inConnection = sampleV2();
    inConnection.connection.deep = nested(50);
    expect(() => readPreset(inConnection)).toThrow(
      invalid("unknown field connection.deep", withCode("nested-too-deep")),
    );
  });

  test("unknown fields within the bounds are kept; a big one is refused by size", () => {
    expect(readPreset({ ...sampleV2(), extra: nested(MAX_UNKNOWN_DEPTH - 1) }).unknown).toEqual({
      extra: nested(MAX_UNKNOWN_DEPTH - 1),
    });
    expect(() => readPreset({ ...sampleV2(), big: "x".repeat(200_000) })).toThrow(
      invalid("unknown field big", withCode("too-large", { kb: 100 })),
    );
    const many = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`f${i}`, "x".repeat(5_000)]));
    expect(() => readPreset({ ...sampleV2(), ...many })).toThrow(
      invalid("unknown fields", withCode("unknown-fields-too-large", { kb: 100 })),
    );
  });
});

describe("share links", () => {
  test("encode and decode; the fragment never carries secrets unless asked", async () => {
    const fragment = await encodePresetFragment(stripSecrets(sample()));
    expect(fragment.startsWith("#preset=")).toBe(true);
    expect(fragment).not.toContain("s3cret");
    const back = await decodePresetFragment(fragment);
    expect(only(back).query[1]?.value).toBe("");
    expect(only(await decodePresetFragment(await encodePresetFragment(sample()))).namespaces[0]?.auth).toBe(
      '{"token":"t0k"}',
    );
  });

  test("scenarios travel in links and exports, checked on the way in; stripping secrets keeps them", async () => {
    const demo = shippedPresets("http://127.0.0.1:3001")[0]!;
    expect(demo.scenarios).toHaveLength(1);
    const back = await decodePresetFragment(await encodePresetFragment(stripSecrets(demo)));
    expect(back.scenarios).toEqual(demo.scenarios);
    expect(parseImport(JSON.stringify(toCollection([demo])))[0]?.scenarios).toEqual(demo.scenarios);
    const broken = { ...JSON.parse(JSON.stringify(demo)), scenarios: [{ name: "x", steps: [{ kind: "wait" }] }] };
    await expect(decodePresetFragment(await encodePresetFragment(broken))).rejects.toThrow(
      withCode("value-invalid", { where: "Link", path: "scenarios[0].steps[0].ms", cause: withCode("must-be-number") }),
    );
  });

  test("tampered, truncated, oversized and bomb links each get their error", async () => {
    const good = await encodePresetFragment(sample());
    const cut = await decodePresetFragment(good.slice(0, good.length - 12)).catch(errorCode);
    expect(["link-damaged", "link-not-json"]).toContain(cut);
    await expect(decodePresetFragment("#preset=%%%")).rejects.toThrow(withCode("link-not-base64url"));
    await expect(decodePresetFragment(`#preset=${"A".repeat(MAX_LINK_CHARS + 1)}`)).rejects.toThrow(
      withCode("link-too-long", { max: 200_000 }),
    );
    const bomb = await encodePresetFragment({ ...sample(), name: "x".repeat(5_000_000) } as Preset);
    expect(bomb.length).toBeLessThan(MAX_LINK_CHARS);
    await expect(decodePresetFragment(bomb)).rejects.toThrow(withCode("link-inflates-too-large", { maxMb: 1 }));
    const notPreset = await encodePresetFragment({ hello: "world" } as unknown as Preset);
    await expect(decodePresetFragment(notPreset)).rejects.toThrow(
      withCode("value-invalid", { where: "Link", path: "version", cause: withCode("version-missing") }),
    );
  });
});

describe("a link pasted to open anywhere", () => {
  test("the whole link of another run (any port), its fragment alone, or either wrapped as mail and chat do", async () => {
    const fragment = await encodePresetFragment(sample());
    for (const pasted of [
      `http://127.0.0.1:51234/${fragment}`,
      `  http://localhost:5173/?url=x${fragment}\n`,
      fragment,
      fragment.slice(1),
      `<http://127.0.0.1:5173/${fragment}>`,
      `'http://127.0.0.1:5173/${fragment}'`,
    ])
      expect(presetFragmentOf(pasted), pasted).toBe(fragment);
    expect((await decodePresetFragment(presetFragmentOf(`http://10.0.0.9:8080/${fragment}`))).name).toBe(sample().name);
  });

  test("nothing pasted, or a text with no preset, is refused by its code", () => {
    const codeOf = (text: string) => {
      try {
        presetFragmentOf(text);
        return "read";
      } catch (err) {
        return errorCode(err);
      }
    };
    expect(codeOf("   ")).toBe("link-empty");
    expect(codeOf("http://127.0.0.1:5173/?token=abc")).toBe("link-without-preset");
    expect(codeOf("#prefix=abc")).toBe("link-without-preset");
  });
});

describe("import, export and storage", () => {
  test("export then import; clashing names are renamed, never overwritten", () => {
    const saved = [sample()];
    const text = JSON.stringify(toCollection([sample(), { ...sample(), name: "Other" }]));
    const incoming = parseImport(text);
    const { presets, renamed } = mergePresets(saved, incoming);
    expect(presets.map((p) => p.name)).toEqual(["Local", "Local (2)", "Other"]);
    expect(renamed).toEqual([["Local", "Local (2)"]]);
    expect(presets[0]).toBe(saved[0]);
  });

  test("a bad import fails whole, naming the preset and field", () => {
    const text = JSON.stringify(
      toCollection([sample(), { ...sampleV2(), connection: { ...sampleV2().connection, timeout: -1 } }]),
    );
    expect(() => parseImport(text, "File x.json")).toThrow(
      withCode("value-invalid", {
        where: "File x.json, preset 2",
        path: "connection.timeout",
        cause: withCode("out-of-range", { min: 0 }),
      }),
    );
    expect(() => parseImport("{not json", "Pasted text")).toThrow(
      withCode("import-not-json", { where: "Pasted text", cause: withCode("thrown") }),
    );
    expect(() => parseImport('{"presets": []}')).toThrow(withCode("import-not-export", { where: "Import" }));
    expect(() => parseImport("x".repeat(5_000_001))).toThrow(
      withCode("import-too-large", { where: "Import", bytes: 5_000_001, maxMb: 5 }),
    );
  });

  test("storage: saved presets load back; a damaged entry is reported and kept aside, not dropped", () => {
    const storage = new MemoryStorage();
    expect(loadPresets(storage).existed).toBe(false);
    savePresets([sample()], [], storage);
    expect(loadPresets(storage).presets).toEqual([sample()]);
    const raw = JSON.parse(storage.getItem(STORAGE_KEY)!);
    raw.presets.push({ version: 2, name: "broken" });
    storage.setItem(STORAGE_KEY, JSON.stringify(raw));
    const loaded = loadPresets(storage);
    expect(loaded.presets.map((p) => p.name)).toEqual(["Local"]);
    expect(loaded.problems).toEqual([
      problem("value-invalid", { where: "Saved preset 2", path: "connection", cause: problem("must-be-object") }),
    ]);
    savePresets(loaded.presets, loaded.rejected, storage);
    expect(JSON.parse(storage.getItem(STORAGE_KEY)!).rejected).toEqual([{ version: 2, name: "broken" }]);
    storage.setItem(STORAGE_KEY, "{garbage");
    expect(loadPresets(storage)).toMatchObject({ presets: [], rejected: ["{garbage"], existed: true });
  });

  test("a write storage refuses (full, or not allowed) throws a message saying what to do; storage keeps what it had", () => {
    const storage = new MemoryStorage();
    savePresets([sample()], [], storage);
    const before = storage.getItem(STORAGE_KEY);
    const full = {
      setItem: () => {
        throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
      },
    };
    expect(() => savePresets([sample(), { ...sample(), name: "Two" }], [], full)).toThrow(PresetStorageError);
    expect(() => savePresets([sample()], [], full)).toThrow(withCode("not-saved-full", { bytes: expect.any(Number) }));
    const denied = {
      setItem: () => {
        throw new DOMException("denied", "SecurityError");
      },
    };
    expect(() => savePresets([sample()], [], denied)).toThrow(
      withCode("not-saved-refused", { cause: problem("thrown", { message: "denied" }) }),
    );
    expect(storage.getItem(STORAGE_KEY)).toBe(before);
  });

  test("a damaged stored entry too deep to write back is reported, and saving still works", () => {
    const storage = new MemoryStorage();
    let deep = "1";
    for (let i = 0; i < 20_000; i++) deep = `[${deep}]`;
    storage.setItem(
      STORAGE_KEY,
      `{"format":"socketio-inspector-presets","version":2,"presets":[${JSON.stringify(sample())},${deep}]}`,
    );
    const loaded = loadPresets(storage);
    expect(loaded.presets.map((p) => p.name)).toEqual(["Local"]);
    expect(loaded.problems).toContainEqual(problem("stored-preset-unkeepable", { n: 2 }));
    savePresets(loaded.presets, loaded.rejected, storage);
    expect(loadPresets(storage).presets.map((p) => p.name)).toEqual(["Local"]);
  });

  test("the shipped presets pass the checks", () => {
    for (const p of shippedPresets("http://127.0.0.1:3001"))
      expect(readPreset(JSON.parse(JSON.stringify(p)))).toEqual(p);
  });
});
