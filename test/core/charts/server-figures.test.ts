// The server's figures per node, from the server view's stats records: in the charts' figures, their table (what
// `report` prints) and a session file, which checks every field of them.
import { expect, test } from "vitest";
import { figuresTables } from "../../../src/core/charts/figures-table.js";
import { SessionFigures } from "../../../src/core/charts/session-figures.js";
import type { ServerRecord, ServerSecond } from "../../../src/core/feed/records.js";
import { decodeSession, encodeSession } from "../../../src/core/files/session-file.js";
import { withCode } from "../../helpers/codes.js";

let seq = 0;
const second = (t: number, counts: Partial<ServerSecond> = {}): ServerSecond => ({
  t,
  connections: 0,
  disconnections: 0,
  packetsIn: 0,
  packetsOut: 0,
  bytesIn: 0,
  bytesOut: 0,
  ...counts,
});
const stats = (t: number, node: string, clients: number, seconds: ServerSecond[]): ServerRecord => ({
  kind: "server",
  seq: --seq,
  t,
  what: "stats",
  nsp: "/admin",
  node,
  clients,
  seconds,
});

test("per node: clients over time, each second's counts (a second split over two stats is one), totals and peaks", () => {
  const figures = new SessionFigures();
  figures.addAll([
    stats(2_000, "a", 3, [second(1_000, { packetsIn: 5, connections: 3 }), second(2_000, { packetsIn: 2 })]),
    stats(2_010, "b", 1, [second(2_000, { packetsOut: 7, bytesOut: 700 })]),
    // The node's stats cleared its counts mid-second: the rest of second 2,000 comes with the next stats.
    stats(4_000, "a", 2, [second(2_000, { packetsIn: 4 }), second(3_000, { packetsIn: 1, disconnections: 1 })]),
  ]);
  const [a, b] = figures.serverNodes();
  expect(a?.node).toBe("a");
  expect(a?.perSecond.packetsIn.map((p) => [p.from, p.mean])).toEqual([
    [1_000, 5],
    [2_000, 6],
    [3_000, 1],
  ]);
  expect(a?.totals).toMatchObject({ packetsIn: 12, connections: 3, disconnections: 1 });
  expect(a?.peaks.packetsIn).toBe(6);
  expect([a?.lastClients, a?.peakClients, a?.seconds, a?.stats]).toEqual([2, 3, 3, 2]);
  expect(a?.clients.map((p) => [p.from, p.mean])).toEqual([
    [2_000, 3],
    [4_000, 2],
  ]);
  expect(b?.totals.bytesOut).toBe(700);
  // The figures count the server's records as records, and its stats as no client's events.
  expect(figures.summary()).toMatchObject({ records: 3, eventsIn: 0, eventsOut: 0, clients: 0 });
});

test("the server nodes table (what report prints) has a row per node, and is left out of a session without one", () => {
  const figures = new SessionFigures();
  expect(figuresTables(figures).some((t) => t.id === "server")).toBe(false);
  figures.add(stats(2_000, "web-1", 1_204, [second(1_000, { packetsIn: 2_500, bytesOut: 1_234_567 })]));
  const table = figuresTables(figures).find((t) => t.id === "server");
  const cell = (column: string) => table?.rows[0]?.[table.columns.indexOf(column)];
  expect(table?.title).toBe("Server nodes");
  expect(cell("node")).toBe("web-1");
  expect(cell("clients now")).toBe("1,204");
  expect(cell("packets in")).toBe("2,500");
  expect(cell("bytes out")).toBe("1.2 MB");
  expect(cell("peak packets in /s")).toBe("2,500/s");
});

test("nodes past the cap are summed as other nodes", () => {
  const figures = new SessionFigures({ maxNodes: 2 });
  for (const node of ["a", "b", "c", "d"]) figures.add(stats(1_000, node, 1, [second(1_000, { packetsIn: 1 })]));
  const nodes = figures.serverNodes();
  expect(nodes.map((n) => n.node)).toEqual(["a", "b", "(other nodes)"]);
  expect(nodes[2]).toMatchObject({ others: true, totals: { packetsIn: 2 } });
});

test("a session file keeps stats records, and checks each of their fields, naming the second and the count", () => {
  const record = stats(2_000, "a", 3, [second(1_000, { packetsIn: 5 })]);
  // Renumbered on the way in (as every record of a file is), every other field as it was.
  expect(decodeSession(encodeSession([record]))).toEqual([{ ...record, seq: 1 }]);
  const header = encodeSession([]).split("\n")[0];
  const file = (r: object) => `${header}\n${JSON.stringify(r)}\n`;
  const refused = (r: object) => () => decodeSession(file(r), "s.ndjson");
  /** The refusal of line 2 of the file: its problem (the files family of the error table). */
  const line2 = (cause: unknown) => withCode("session-line-invalid", { name: "s.ndjson", line: 2, cause });
  const wrong = (field: string, wanted: unknown, got?: unknown) =>
    withCode("record-field-wrong", { field, wanted: expect.objectContaining(wanted), ...(got ? { got } : {}) });
  expect(refused({ ...record, clients: -1 })).toThrow(
    line2(wrong("clients", { type: "count" }, { kind: "number", text: "-1" })),
  );
  expect(refused({ ...record, node: 7 })).toThrow(line2(wrong("node", { type: "string" })));
  expect(refused({ ...record, seconds: "many" })).toThrow(line2(wrong("seconds", { type: "seconds", max: 120 })));
  expect(refused({ ...record, seconds: [second(1_000), { ...second(2_000), bytesIn: "9" }] })).toThrow(
    line2(
      withCode("record-second-invalid", {
        field: "seconds",
        index: 1,
        cause: wrong("bytesIn", { type: "count" }, { kind: "text", text: "9" }),
      }),
    ),
  );
  expect(refused({ ...record, seconds: [{ ...second(1_000), t: 1e19 }] })).toThrow(
    line2(withCode("record-second-invalid", { index: 0, cause: wrong("t", { type: "time" }) })),
  );
  expect(refused({ ...record, seconds: [[1, 2]] })).toThrow(
    line2(
      withCode("record-second-invalid", { index: 0, cause: withCode("second-not-object", { got: { kind: "list" } }) }),
    ),
  );
  expect(refused({ ...record, seconds: Array.from({ length: 121 }, (_, i) => second(i * 1000)) })).toThrow(
    line2(wrong("seconds", { type: "seconds", max: 120 })),
  );
  expect(refused({ ...record, what: "gossip" })).toThrow(
    line2(
      withCode("record-field-wrong", {
        field: "what",
        wanted: { oneOf: expect.arrayContaining(["socket_connected"]) },
      }),
    ),
  );
});
