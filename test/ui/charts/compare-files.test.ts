import { expect, test } from "vitest";
import { compareSessions } from "../../../src/core/charts/compare.js";
import { encodeSession } from "../../../src/core/files/session-file.js";
import { digestOfFile, digestOfRecords } from "../../../src/ui/charts/compare-files.js";
import { recorder } from "../../core/charts/make-records.js";
import { withCode } from "../../helpers/codes.js";

const T0 = Date.UTC(2026, 10, 25, 10, 0, 0);

function session(reply: number) {
  const r = recorder();
  const emit = r.emit(T0, "add", [2, 40], { ackId: 0 });
  return [emit, r.ack(T0 + 3, emit, 3, [reply]), r.receive(T0 + 10, "tick")];
}

test("a session file and records read into digests that compare: the changed reply named by its path", async () => {
  const file = new File([encodeSession(session(42))], "a.ndjson");
  const shares: number[] = [];
  const a = await digestOfFile(file, (share) => shares.push(share));
  const b = await digestOfRecords("live session", session(41));
  expect(a.name).toBe("a.ndjson");
  expect(a.records).toBe(3);
  const c = compareSessions(a, b);
  expect(c.alignment.changed).toHaveLength(1);
  expect(c.alignment.changed[0]?.a.event).toBe("add");
  expect(c.alignment.changed[0]?.changes).toEqual([{ path: "reply[0]", a: "42", b: "41" }]);
  for (const share of shares) expect(share).toBeLessThanOrEqual(1);
});

test("a file that is not a session says so, naming the file", async () => {
  await expect(digestOfFile(new File(['{"presets": []}\n'], "p.json"))).rejects.toThrow(
    withCode("session-no-format", { name: "p.json" }),
  );
});
