import { describe, expect, test } from "vitest";
import { numberRecorded } from "../../../src/core/feed/feed.js";
import type { TimelineRecord } from "../../../src/core/feed/records.js";
import { MAX_MADE_STEPS, scenarioFromCapture } from "../../../src/core/capture/to-scenario.js";
import { problem } from "../../../src/core/shared/errors.js";

let seq = 0;
const packet = (fields: Record<string, unknown>): TimelineRecord =>
  ({ kind: "packet", seq: ++seq, t: seq, attachments: 0, client: "h/socket.io #1", ...fields }) as TimelineRecord;

describe("a capture made into a scenario", () => {
  test("connects, emits with the ack it got, expects what came; binary as $binary, $ keys as $literal", () => {
    const emit = packet({ dir: "out", type: "EVENT", nsp: "/", event: "add", args: [1, 2], ackId: 0 });
    (emit as { pair?: number }).pair = emit.seq; // an emit that asks for an ack opens its pair, as decoded
    // Numbered and paired as a capture's records are before anyone reads them.
    const records = numberRecorded([
      packet({ dir: "out", type: "CONNECT", nsp: "/" }),
      packet({ dir: "out", type: "CONNECT", nsp: "/chat" }),
      emit,
      packet({ dir: "in", type: "ACK", nsp: "/", args: [3], ackId: 0, pair: emit.seq }),
      packet({ dir: "in", type: "EVENT", nsp: "/chat", event: "news", args: [{ $where: 1 }, new Uint8Array([1, 2])] }),
    ]);
    const made = scenarioFromCapture(records, "From app.har");
    expect(made.scenario.steps).toEqual([
      { kind: "connect", client: "app" },
      { kind: "connect", client: "app", nsp: "/chat" },
      { kind: "emit", client: "app", nsp: "/", event: "add", args: [1, 2], ack: { timeout: 5000, match: [3] } },
      {
        kind: "expect",
        client: "app",
        nsp: "/chat",
        event: "news",
        args: [{ $literal: { $where: 1 } }, { $binary: "0102" }],
        within: 5000,
      },
    ]);
    expect(made.clients).toEqual([{ name: "app", connection: "h/socket.io #1", namespaces: ["/", "/chat"] }]);
  });

  test("a long capture is cut at the limit, and says so", () => {
    const records = Array.from({ length: MAX_MADE_STEPS + 20 }, () =>
      packet({ dir: "in", type: "EVENT", nsp: "/", event: "tick", args: [] }),
    );
    const made = scenarioFromCapture(records, "long");
    expect(made.scenario.steps).toHaveLength(MAX_MADE_STEPS);
    expect(made.notes).toEqual([problem("made-too-many-steps", { count: MAX_MADE_STEPS + 20, kept: MAX_MADE_STEPS })]);
  });
});
