// The one function that opens a recorded file for the page and the command line: a session file or a HAR, from text
// in chunks of any size, numbered and paired as the feed does.
import { describe, expect, test } from "vitest";
import { requestOf } from "../../../src/core/feed/links.js";
import type { TimelineRecord } from "../../../src/core/feed/records.js";
import { openRecordFile, SessionFileError } from "../../../src/core/files/open-records.js";
import { decodeSession, encodeSession } from "../../../src/core/files/session-file.js";
import { withCode } from "../../helpers/codes.js";
import { oneSocketHar } from "../../helpers/har-text.js";

const T0 = Date.UTC(2026, 11, 7, 10, 0, 0);

/** A recorded session: an emit that asked for an ack, an event, the ack (numbered as its client numbered them). */
function recorded(): TimelineRecord[] {
  return [
    {
      kind: "packet",
      seq: 7,
      t: T0,
      dir: "out",
      nsp: "/",
      type: "EVENT",
      event: "add",
      args: [1, 2],
      ackId: 0,
      attachments: 0,
      pair: 7,
      client: "alice",
    },
    {
      kind: "packet",
      seq: 8,
      t: T0 + 1,
      dir: "in",
      nsp: "/",
      type: "EVENT",
      event: "tick",
      args: [{ n: 1 }],
      attachments: 0,
      client: "alice",
    },
    {
      kind: "packet",
      seq: 9,
      t: T0 + 2,
      dir: "in",
      nsp: "/",
      type: "ACK",
      args: [3],
      ackId: 0,
      attachments: 0,
      pair: 7,
      latency: 2,
      client: "alice",
    },
  ] as TimelineRecord[];
}

/** A text as a stream cut every `size` characters (inside lines, inside strings). */
async function* cut(text: string, size: number): AsyncGenerator<string> {
  for (let at = 0; at < text.length; at += size) yield text.slice(at, at + size);
}

const shape = (records: TimelineRecord[]) => records.map((r) => JSON.stringify({ ...r, seq: undefined }));

describe("opening a session file", () => {
  test.each([1, 7, 64, 100_000])("in chunks of %i characters: the same records as read whole, paired", async (size) => {
    const text = encodeSession(recorded());
    const opened = await openRecordFile(cut(text, size), "s.ndjson");
    expect(opened.kind).toBe("session");
    expect(shape(opened.records)).toEqual(shape(decodeSession(text)));
    const ack = opened.records[2] as TimelineRecord;
    expect(requestOf(ack)).toBe(opened.records[0]);
  });

  test("a bad line is named, and nothing is opened", async () => {
    const text = encodeSession(recorded()).replace('"tick"', '"tick');
    await expect(openRecordFile(cut(text, 50), "s.ndjson")).rejects.toThrow(
      withCode("session-line-not-json", { name: "s.ndjson", line: 3 }),
    );
  });

  test("a file over the limit is refused before it is read", async () => {
    await expect(openRecordFile(cut("", 1), "big.ndjson", { size: 600 * 1024 * 1024 })).rejects.toBeInstanceOf(
      SessionFileError,
    );
  });
});

describe("opening a HAR", () => {
  test("told apart by its first characters, its connection a client, its ack paired with its emit", async () => {
    const text = oneSocketHar(T0, [
      ["send", T0 + 3, '420["add",1,2]'],
      ["receive", T0 + 5, "430[3]"],
    ]);
    const opened = await openRecordFile(cut(text, 33), "app.json");
    expect(opened.kind).toBe("har");
    expect(opened.connections).toHaveLength(1);
    const ack = opened.records.find((r) => r.kind === "packet" && r.type === "ACK") as TimelineRecord;
    expect(requestOf(ack)).toMatchObject({ kind: "packet", event: "add", args: [1, 2] });
  });
});
