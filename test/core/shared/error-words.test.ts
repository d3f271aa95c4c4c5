// The words are a product surface: one test per family of the table that they read as intended. Every other test
// asserts codes (test/helpers/codes.ts).
import { describe, expect, it } from "vitest";
import { problem, words } from "../../../src/core/shared/errors.js";

describe("the words of each family", () => {
  it("connection: headers, auth, JSON as typed and emit arguments", () => {
    expect(words(problem("header-value-invalid", { name: "X-A", character: "cr", at: 2 }))).toBe(
      'Header "X-A": the value holds a carriage return (CR) at character 3; a header value is one line of text',
    );
    expect(words(problem("header-value-invalid", { name: "X-A", character: "lf", at: 0 }))).toContain(
      "a line feed (LF) at its start",
    );
    expect(words(problem("header-cookie-forbidden"))).toMatch(/With credentials.*Route/s);
    const json = problem("json-invalid", {
      line: 3,
      column: 4,
      reason: problem("json-expected", { expected: "property-name", found: "x" }),
    });
    expect(words(problem("argument-invalid", { n: 1, cause: json }))).toBe(
      'Argument 1: invalid JSON at line 3, column 4: expected a property name in double quotes, unexpected "x"',
    );
    expect(words(problem("auth-invalid", { nsp: "/admin", cause: problem("json-unexpected", { found: null }) }))).toBe(
      "Auth of /admin: unexpected end of input",
    );
    expect(words(problem("hex-not-hex", { character: "z", digit: 1 }))).toBe('not hex: "z" at digit 1');
  });

  it("live: an emit refused or warned about, the notes a client adds, what failed after it started", () => {
    expect(words(problem("emit-too-large", { bytes: 2_000_000, max: 1_000_000 }))).toBe(
      "The emit is 1.9 MB; the server accepts at most 976.6 KB per packet (maxPayload). Nothing was sent.",
    );
    expect(words(problem("emit-buffered", { nsp: "/chat" }))).toBe(
      "Buffered: /chat is not connected; the emit goes out when it connects.",
    );
    expect(words(problem("protocol-told", { eio: 3, polling: true }))).toBe(
      "Server version auto: Socket.IO v2 (Engine.IO 3): its handshake is framed in Engine.IO 3 (asked with one polling request, closed at once)",
    );
    expect(
      words(problem("route-relay", { origin: "http://127.0.0.1:9", target: "http://x/socket.io/", headers: ["A"] })),
    ).toBe(
      "through the inspector's server (http://127.0.0.1:9) to http://x/socket.io/: no CORS; it adds A to every request, the WebSocket upgrade included",
    );
    expect(words(problem("v2-load-failed", { cause: problem("thrown", { message: "chunk gone" }) }))).toBe(
      "The v2 mode could not be loaded: chunk gone",
    );
    expect(words(problem("msgpack-bad-byte", { byte: 0xc1 }))).toBe("msgpack: byte 0xc1 starts no value");
  });

  it("files: a session file's header and lines, the record check, an inspector's address", () => {
    expect(words(problem("session-no-format", { name: "x.json", format: "socketio-inspector-session" }))).toBe(
      'x.json is not a recorded session (line 1 has no "format": "socketio-inspector-session")',
    );
    const field = problem("record-field-wrong", {
      field: "t",
      wanted: { type: "time" },
      got: { kind: "number", text: "10000000000000000000" },
    });
    expect(words(problem("session-line-invalid", { name: "far.ndjson", line: 2, cause: field }))).toBe(
      "far.ndjson, line 2: t must be a time in ms within ±8.64e15 of 1970 (the range of a date) (got the number 10000000000000000000)",
    );
    expect(
      words(
        problem("record-field-wrong", {
          field: "type",
          wanted: { oneOf: ["EVENT", "ACK"] },
          got: { kind: "text", text: "X" },
        }),
      ),
    ).toBe('type must be one of "EVENT", "ACK" (got the text "X")');
    expect(
      words(
        problem("record-second-invalid", {
          field: "seconds",
          index: 1,
          cause: problem("record-field-wrong", {
            field: "bytesIn",
            wanted: { type: "count" },
            got: { kind: "text", text: "9" },
          }),
        }),
      ),
    ).toBe('seconds[1] bytesIn must be a count (a finite number, 0 or more) (got the text "9")');
    expect(
      words(
        problem("record-field-wrong", {
          field: "seconds",
          wanted: { type: "seconds", max: 120, counts: ["packetsIn", "bytesIn"] },
          got: { kind: "text", text: "many" },
        }),
      ),
    ).toBe('seconds must be a list of at most 120 seconds ({t, packetsIn, bytesIn}) (got the text "many")');
    expect(words(problem("record-kind-unknown", { got: null }))).toBe(
      "kind must be one of the record kinds (got none)",
    );
    expect(words(problem("address-no-scheme", { shown: "localhost:5173" }))).toBe(
      "“localhost:5173” needs http:// or https:// before it (as the inspector printed it)",
    );
  });

  it("server view: refusals, and what it says of itself in the timeline", () => {
    expect(words(problem("server-view-credentials", { namespace: "/admin" }))).toBe(
      "/admin refused the credentials: check Admin username and Admin password (the server keeps a bcrypt hash of the password)",
    );
    expect(
      words(
        problem("view-says", {
          cause: problem("view-asked", { asked: { operation: "emit", event: "hi", room: "" }, nsp: "/" }),
        }),
      ),
    ).toBe("server view: you asked the server to emit “hi” to every socket of / on /");
    expect(words(problem("server-view-feature-missing", { feature: "JOIN" }))).toBe(
      "The server does not offer this (its admin UI announces no JOIN feature)",
    );
  });

  it("page: what is typed into the page, and what it could not do", () => {
    expect(
      words(
        problem("clients-failed", {
          causes: [
            problem("client-failed", { client: "a", cause: problem("connect-first", {}) }),
            problem("no-transport"),
          ],
        }),
      ),
    ).toBe("a: Connect first\nChoose at least one transport");
    expect(words(problem("max-rows-range", { min: 100, max: 5_000_000 }))).toBe(
      "Max rows must be a whole number from 100 to 5,000,000",
    );
    expect(words(problem("args-not-list"))).toBe('Arguments: must be a JSON array, for example ["hello"]');
    expect(words(problem("args-invalid", { cause: problem("json-unexpected", { found: null }) }))).toBe(
      "Arguments: unexpected end of input",
    );
  });

  it("reading: a value at a path, and what is wrong with it", () => {
    expect(
      words(
        problem("value-invalid", {
          where: "File x.json, preset 1",
          path: "scenarios[0].steps[0].args",
          cause: problem("nested-too-deep", { depth: 32, keeps: "scenario-values" }),
        }),
      ),
    ).toBe(
      "File x.json, preset 1: scenarios[0].steps[0].args is nested more than 32 levels deep: a scenario keeps values only up to that depth",
    );
    expect(words(problem("not-a-field", { of: "a wait step", fields: ["kind", "ms"] }))).toBe(
      "is not a field of a wait step (kind, ms)",
    );
  });

  it("scenario: a step that failed, what it expected, what did not go to Artillery", () => {
    expect(
      words(
        problem("connect-refused", {
          client: "client 1",
          namespaces: [{ nsp: "/locked", refusal: problem("refused-message", { message: "no entry" }) }],
        }),
      ),
    ).toBe("client 1 was refused: /locked (connect_error: no entry)");
    expect(
      words(problem("expect-none", { client: "c", event: "greeting", nsp: "/", within: 300, others: ["tick"] })),
    ).toBe("c got no “greeting” on / within 300 ms (it got “tick”)");
    expect(
      words(
        problem("step-regex-timeout", {
          context: problem("expect-unchecked", { client: "c", event: "name", nsp: "/" }),
          cause: problem("regex-timeout", { source: "^(a+)+$", flags: "", limitMs: 500, textLength: 31 }),
        }),
      ),
    ).toMatch(
      /^c could not check “name” on \/: the pattern \/\^\(a\+\)\+\$\/ took longer than 500 ms on a 31-character string/,
    );
    expect(words(problem("refused-http", { message: "xhr poll error", status: 404 }))).toBe(
      "xhr poll error (HTTP 404: no Engine.IO server at this path)",
    );
    expect(
      words(
        problem("artillery-step", {
          step: 4,
          described: "alice emits “add” on / and expects an ack",
          translated: false,
          cause: problem("artillery-emit-shape"),
        }),
      ),
    ).toBe(
      "step 4 (alice emits “add” on / and expects an ack): not translated: Artillery's emit carries one argument, or several strings",
    );
    expect(
      words(
        problem("artillery-ack-loose", {
          places: [
            { path: "$.0.members", matcher: "$type" },
            { path: "$.1", uncaptured: "id" },
          ],
        }),
      ),
    ).toBe("the ack is not checked at $.0.members ($type), $.1 ($var id: captured by a step that did not translate)");
  });

  it("server: a route refused, a target not reached, a request the guard refuses", () => {
    expect(words(problem("route-scheme-refused", { protocol: "ftp:" }))).toBe(
      "ftp: URLs cannot be relayed: http, https, ws or wss only",
    );
    expect(words(problem("relay-route-refused", { cause: problem("route-header-reserved", { name: "Host" }) }))).toBe(
      "The inspector's server refused the route: header \"Host\" is the relay's to write, not a route's",
    );
    const refused = problem("target-unreachable", {
      origin: "http://127.0.0.1:9",
      why: "refused",
      code: "ECONNREFUSED",
      message: "connect ECONNREFUSED 127.0.0.1:9",
    });
    expect(words(problem("relay-unreachable", { cause: refused }))).toBe(
      "The inspector's server: http://127.0.0.1:9 could not be reached: connection refused: nothing listens there (ECONNREFUSED)",
    );
    expect(
      words(
        problem("target-unreachable", { origin: "https://x", why: "tls", code: "EPROTO", message: "wrong version" }),
      ),
    ).toBe("https://x could not be reached: TLS error: wrong version (EPROTO)");
    expect(words(problem("target-answered", { status: 403, text: "" }))).toBe("the server answered 403");
    expect(
      words(problem("host-not-proxy", { host: "rebound.example", expected: ["127.0.0.1:1", "localhost:1"] })),
    ).toBe('Host "rebound.example" is not this proxy (expected 127.0.0.1:1 or localhost:1)');
    expect(words(problem("route-path-invalid", { path: "/a/../b", cause: problem("target-dot-segments") }))).toBe(
      'the path "/a/../b": the path holds dot segments',
    );
  });

  it("variables: a variable a field cannot be filled with, environments, the options, a link to open", () => {
    expect(
      words(
        problem("variable-undefined", { name: "room", field: "client 1: Path", environment: "local", captures: false }),
      ),
    ).toBe("client 1: Path: {{room}} is not defined in the environment “local”");
    expect(
      words(
        problem("variable-undefined", {
          name: "id",
          field: "step 3 (emit), args[0]",
          environment: null,
          captures: true,
        }),
      ),
    ).toBe(
      "step 3 (emit), args[0]: {{id}} is not defined (no environment is chosen), and not captured by an earlier step",
    );
    expect(words(problem("variable-undefined", { name: "id", field: '{"$var": "id"}', captures: true }))).toBe(
      '{"$var": "id"}: {{id}} is not defined (nor captured by an earlier step)',
    );
    expect(
      words(
        problem("secret-without-value", {
          name: "token",
          field: "Auth of /",
          environment: "ci",
          askedIn: "command-line",
        }),
      ),
    ).toBe(
      "Auth of /: {{token}} is a secret of the environment “ci” with no value yet: give it with --var token=... or --env-from-process token",
    );
    expect(words(problem("environment-not-found", { name: "prod", names: ["local", "ci"] }))).toBe(
      "no environment named “prod” (the file has “local”, “ci”)",
    );
    expect(words(problem("link-empty"))).toBe("Open link: paste a share link first");
  });

  it("presets: an import as a whole, a share link, a preset's fields", () => {
    expect(words(problem("import-too-large", { where: "Import", bytes: 5_000_001, maxMb: 5 }))).toBe(
      "Import: 5.0 MB is over the limit of 5 MB",
    );
    expect(words(problem("import-not-export", { where: "File x.json", format: '"other"' }))).toBe(
      'File x.json: not an inspector export (format is "other")',
    );
    expect(words(problem("link-too-long", { length: 200_001, max: 200_000 }))).toBe(
      "Link: the preset is 200001 characters long, over the limit of 200000",
    );
    expect(
      words(
        problem("value-invalid", {
          where: "Preset",
          path: "connection.transports[0]",
          cause: problem("must-be-either", { a: "polling", b: "websocket" }),
        }),
      ),
    ).toBe('Preset: connection.transports[0] must be "polling" or "websocket"');
    expect(words(problem("version-newer", { version: 99, reads: 3 }))).toBe(
      "is 99: made by a newer inspector (this one reads up to 3)",
    );
    expect(words(problem("not-saved-full", { bytes: 12_000 }))).toBe(
      "Not saved: the browser's storage for this page is full (the presets need 11.7 KB). Delete presets you no longer need, or keep them in a file with Export all, then try again.",
    );
    expect(words(problem("preset-name-taken", { name: "Local", orUpdate: true }))).toBe(
      "A preset named “Local” exists: choose another name, or Update it",
    );
  });

  it("capture: what a HAR holds that cannot be read, a captured connection's notes, a made scenario's", () => {
    expect(
      words(
        problem("har-json-invalid", {
          name: "a.har",
          at: 20,
          what: problem("json-closes-nothing", { character: "}" }),
        }),
      ),
    ).toBe("a.har is not valid JSON at character 20: a “}” that closes nothing open");
    expect(words(problem("har-no-traffic", { name: "page.har", problems: [] }))).toBe(
      "page.har holds no Engine.IO traffic (no request with EIO=3 or EIO=4)",
    );
    expect(
      words(
        problem("frame-undecoded", {
          dir: "in",
          data: { text: "x".repeat(130) },
          transport: "websocket",
          why: problem("engine-type-unknown", { type: "x" }),
        }),
      ),
    ).toBe(`received "${"x".repeat(120)}…" over websocket: no Engine.IO packet type "x"`);
    expect(words(problem("har-message-not-base64", { entry: 2, message: 5, dir: "out", data: { bytes: 3 } }))).toBe(
      'entry 2, WebSocket message 5 (sent 3 bytes): binary data ("opcode": 2) that is not base64; the rest was read',
    );
    expect(
      words(
        problem("loosened-captured", {
          event: "welcome",
          nsp: "/",
          ack: true,
          path: "",
          kind: "epoch time",
          value: "1765000000",
          byShape: false,
          name: "time-1",
        }),
      ),
    ).toBe(
      "the ack of “welcome” on /, at (the value), was a time since the epoch (1765000000), which a replay gets anew: matched by any number and captured as time-1",
    );
  });

  it("cli: options, files, a run or a watch that stopped", () => {
    expect(words(problem("option-unknown", { command: "report", option: "--top" }))).toBe(
      "report: unknown option --top",
    );
    expect(words(problem("file-missing", { file: "a.env", option: "--env" }))).toBe("--env: no file a.env");
    expect(words(problem("scenario-not-found", { names: ["x"], has: ["a", "b"] }))).toBe(
      "no scenario named “x” (the file has “a”, “b”)",
    );
    expect(words(problem("header-option-invalid", { cause: problem("header-name-invalid", { name: "X Y" }) }))).toMatch(
      /^--header /,
    );
    expect(words(problem("heap-stopped", { what: "run", usedMb: 2000, limitMb: 2048 }))).toBe(
      "socketio-inspector: the run was stopped: its heap reached 2000 MB of the 2048 MB Node allows; the reports below hold what ran (give Node more with NODE_OPTIONS=--max-old-space-size=<MB>)",
    );
  });

  it("extension: why a recording stopped, a hand-off that did not go through", () => {
    expect(words(problem("debugger-detached", { reason: "target_closed" }))).toBe("the tab closed");
    expect(words(problem("debugger-detached", { reason: "other_reason" }))).toBe(
      "the browser's debugger let go of the tab (other_reason)",
    );
    expect(words(problem("recording-stopped", { cause: problem("stopped-by-you") }))).toBe(
      "recording stopped: you stopped it",
    );
    expect(words(problem("hand-off-refused", {}))).toBe("The inspector did not open it: no reason given");
    expect(words(problem("hand-off-refused", { cause: problem("hand-off-not-session", { name: "x.har" }) }))).toBe(
      "The inspector did not open it: x.har is not a session file",
    );
  });
});
