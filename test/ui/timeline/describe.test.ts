// How a record reads as a row: one describer a kind (src/ui/timeline/describe.ts). Records are built by hand here
// because the function is pure; e2e reads the same rows off real servers.
import { expect, test } from "vitest";
import type { TimelineRecord } from "../../../src/core/feed/records.js";
import { describe as describeRow } from "../../../src/ui/timeline/describe.js";

const at = { seq: 1, t: 1_700_000_000_000 };

test("an event with an ack reads as event+ack, its name apart from its arguments", () => {
  const r: TimelineRecord = {
    ...at,
    kind: "packet",
    attachments: 0,
    dir: "out",
    type: "EVENT",
    nsp: "/",
    event: "hello",
    args: [1],
    ackId: 3,
  };
  expect(describeRow(r)).toMatchObject({
    dir: "out",
    category: "event",
    label: "event+ack",
    event: "hello",
    error: false,
  });
});

test("a recovery offset is labelled apart from the event's data", () => {
  const r: TimelineRecord = {
    ...at,
    kind: "packet",
    attachments: 0,
    dir: "in",
    type: "EVENT",
    nsp: "/",
    event: "tick",
    args: [7, "offset-1"],
    offset: "offset-1",
  };
  expect(describeRow(r).text).toBe("7 · offset offset-1");
});

test("a close the user asked for is not shown as a failure; a transport close is", () => {
  const mine: TimelineRecord = { ...at, kind: "close", reason: "forced close" };
  const lost: TimelineRecord = { ...at, kind: "close", reason: "transport close" };
  expect(describeRow(mine)).toMatchObject({ category: "reconnection", label: "close", error: false });
  expect(describeRow(lost).error).toBe(true);
});

test("a reconnection counts its attempts in words, one or several", () => {
  expect(describeRow({ ...at, kind: "reconnect", attempt: 1 }).text).toBe("reconnected after 1 attempt");
  expect(describeRow({ ...at, kind: "reconnect", attempt: 3 }).text).toBe("reconnected after 3 attempts");
});

test("a refused note is a failure in the lifecycle group; a protocol note is the engine's", () => {
  const refused: TimelineRecord = { seq: -1, t: at.t, kind: "note", topic: "refused", text: "not sent" };
  const protocol: TimelineRecord = { seq: -2, t: at.t, kind: "note", topic: "protocol", text: "v4" };
  expect(describeRow(refused)).toMatchObject({ category: "lifecycle", label: "not sent", error: true });
  expect(describeRow(protocol)).toMatchObject({ category: "engine", label: "protocol", error: false });
});

test("a server's record names the socket and our client whose it is", () => {
  const r: TimelineRecord = {
    seq: -3,
    t: at.t,
    kind: "server",
    what: "room_joined",
    nsp: "/",
    sid: "abc",
    of: "client 1",
    room: "lobby",
  };
  expect(describeRow(r)).toMatchObject({
    category: "server",
    label: "joined",
    text: "abc (client 1) joined room lobby on /",
  });
});
