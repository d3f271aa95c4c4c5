// A capture made into a scenario loosens what changes per connection (issue 34): the connection's ids, UUIDs and
// times are matched by their shape and captured by name; the same id again is expected equal; the notes say why.
import { describe, expect, test } from "vitest";
import { numberRecorded } from "../../../src/core/feed/feed.js";
import type { TimelineRecord } from "../../../src/core/feed/records.js";
import { scenarioFromCapture } from "../../../src/core/capture/to-scenario.js";
import { match, type Captures } from "../../../src/core/scenario/matchers.js";
import { problem } from "../../../src/core/shared/errors.js";
import { withCode } from "../../helpers/codes.js";

const T = Date.parse("2026-12-07T10:00:00Z");
let seq = 0;
const record = (fields: Record<string, unknown>): TimelineRecord =>
  ({ seq: ++seq, t: T + seq, client: "h/socket.io #1", ...fields }) as TimelineRecord;
const packet = (fields: Record<string, unknown>) => record({ kind: "packet", attachments: 0, ...fields });

/** A connection as a HAR records it: its handshake, the namespaces' CONNECT and their answers with the socket ids. */
function captured(welcome: unknown[], echoed: unknown[], ack: unknown[]) {
  const emit = packet({ dir: "out", type: "EVENT", nsp: "/", event: "hello", args: echoed, ackId: 0 });
  (emit as { pair?: number }).pair = emit.seq;
  return numberRecorded([
    record({
      kind: "handshake",
      sid: "ENGINEsid0123456789A",
      pingInterval: 25000,
      pingTimeout: 20000,
      upgrades: [],
      transport: "polling",
      eio: 4,
      fields: [],
    }),
    packet({ dir: "out", type: "CONNECT", nsp: "/" }),
    packet({ dir: "in", type: "CONNECT", nsp: "/", data: { sid: "SOCKETid-0123456789A" } }),
    packet({ dir: "in", type: "EVENT", nsp: "/", event: "welcome", args: welcome }),
    emit,
    packet({ dir: "in", type: "ACK", nsp: "/", args: ack, ackId: 0, pair: emit.seq }),
  ]);
}

const regex = async (source: string, flags: string, text: string) => new RegExp(source, flags).test(text);
const steps = (records: TimelineRecord[]) => scenarioFromCapture(records, "From app.har");

describe("a capture's per-connection values, loosened", () => {
  const uuid = "1b4e28ba-2fa1-11d2-883f-0016d3cca427";
  const made = steps(
    captured(
      [
        {
          id: "SOCKETid-0123456789A",
          sid: "ENGINEsid0123456789A",
          at: "2026-12-07T10:00:00.003Z",
          t: T + 3,
          session: uuid,
          room: "room:SOCKETid-0123456789A",
          n: 7,
        },
      ],
      [{ me: "SOCKETid-0123456789A", n: 1 }],
      [{ ok: true, at: Math.floor((T + 5) / 1000) }],
    ),
  );
  const [, welcome, hello] = made.scenario.steps as [
    unknown,
    { args: unknown },
    { args: unknown; ack: { match: unknown } },
  ];

  test("the socket id, the engine id, a UUID and times are matched by shape and captured by name; the rest exactly", () => {
    expect(welcome.args).toEqual([
      {
        id: { $capture: "app-socket-id", $match: { $regex: "^[\\w-]{20}$" } },
        sid: { $capture: "app-engine-id", $match: { $regex: "^[\\w-]{20}$" } },
        at: { $capture: "time-1", $match: { $regex: expect.stringMatching(/^\^\\d\{4\}/) } },
        t: { $capture: "time-2", $match: { $type: "number" } },
        session: { $capture: "uuid-1", $match: { $regex: expect.stringMatching(/^\^\[0-9a-fA-F\]\{8\}/) } },
        room: { $regex: "^room:[\\w-]{20}$" },
        n: 7,
      },
    ]);
  });

  test("the id the app sent back is sent as this run's ($var); the ack's epoch seconds are loosened too", () => {
    expect(hello.args).toEqual([{ me: { $var: "app-socket-id" }, n: 1 }]);
    expect(hello.ack.match).toEqual([{ ok: true, at: { $capture: "time-3", $match: { $type: "number" } } }]);
  });

  test("the notes say what each loosened value was and why", () => {
    const at = (event: string, path: string, ack = false) => ({ event, nsp: "/", ack, path });
    expect(made.notes).toContainEqual(
      problem("loosened-captured", {
        ...at("welcome", "[0].id"),
        kind: "socket id",
        value: "SOCKETid-0123456789A",
        byShape: true,
        name: "app-socket-id",
      }),
    );
    expect(made.notes).toContainEqual(problem("loosened-sent", { ...at("hello", "[0].me"), name: "app-socket-id" }));
    expect(made.notes).toContainEqual(
      withCode("loosened-captured", { ...at("welcome", "[0].at"), kind: "time", value: "2026-12-07T10:00:00.003Z" }),
    );
  });

  test("the welcome of another connection matches; a value of another type still fails", async () => {
    const another = [
      {
        id: "OTHERid-9876543210_Z",
        sid: "OTHERsid-9876543210Z",
        at: "2026-12-08T11:22:33.444Z",
        t: T + 86_000_000,
        session: "6fa459ea-ee8a-3ca4-894e-db77e160355e",
        room: "room:OTHERid-9876543210_Z",
        n: 7,
      },
    ];
    const captures: Captures = {};
    const vars = { lookup: (name: string) => (name in captures ? { value: captures[name] } : undefined) };
    const ok = await match(welcome.args, another, vars, regex);
    expect(ok.mismatches).toEqual([]);
    expect(ok.captured["app-socket-id"]).toBe("OTHERid-9876543210_Z");
    const wrong = await match(welcome.args, [{ ...another[0], id: 42, n: 8 }], vars, regex);
    expect(wrong.mismatches.map((m) => m.path)).toEqual(["[0].id", "[0].n"]);
  });

  test("a capture whose records count time from 0 keeps its numbers exact", () => {
    const emit = packet({ dir: "out", type: "EVENT", nsp: "/", event: "add", args: [1, 2], ackId: 0, t: 1 });
    (emit as { pair?: number }).pair = emit.seq;
    const records = numberRecorded([
      emit,
      packet({ dir: "in", type: "ACK", nsp: "/", args: [3], ackId: 0, pair: emit.seq, t: 2 }),
    ]);
    const [add] = steps(records).scenario.steps as unknown as [{ ack: { match: unknown } }];
    expect(add.ack.match).toEqual([3]);
  });
});
