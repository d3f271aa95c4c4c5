import { describe, expect, test } from "vitest";
import type { ClientRecord } from "../../../src/client/observe/records.js";
import { EMPTY_FILTER, Timeline } from "../../../src/ui/timeline/timeline.js";

describe("Timeline", () => {
  let seq = 0;
  const event = (nsp: string, ev: string, extra: object = {}): ClientRecord =>
    ({
      kind: "packet",
      dir: "in",
      nsp,
      type: "EVENT",
      event: ev,
      args: [ev],
      attachments: 0,
      seq: ++seq,
      t: seq,
      ...extra,
    }) as ClientRecord;

  test("keeps at most `capacity` rows, newest last", () => {
    const t = new Timeline(3);
    t.push([event("/", "a"), event("/", "b"), event("/", "c"), event("/", "d")]);
    expect(t.size).toBe(3);
    expect([0, 1, 2].map((i) => (t.at(i)?.record as { event: string }).event)).toEqual(["b", "c", "d"]);
  });

  test("filters by namespace, category, direction and text; the filter applies to new rows too", () => {
    const t = new Timeline(100);
    t.push([event("/", "chat"), event("/admin", "stats"), { kind: "ping", seq: ++seq, t: seq } as ClientRecord]);
    t.setFilter({ ...EMPTY_FILTER, namespaces: ["/admin"] });
    expect(t.length).toBe(2); // the ping belongs to no namespace and stays
    t.setFilter({ ...EMPTY_FILTER, text: "CHAT" });
    expect(t.length).toBe(1);
    t.push([event("/", "chat again")]);
    expect(t.length).toBe(2);
    t.setFilter({ ...EMPTY_FILTER, categories: ["engine"] });
    expect(t.at(0)?.record.kind).toBe("ping");
    t.setFilter({ ...EMPTY_FILTER, directions: ["out"] });
    expect(t.length).toBe(0);
  });

  test("a server node's stats rows are kept (for the charts and the file) and shown only when their kind is asked for", () => {
    const t = new Timeline(100);
    const stats = { kind: "server", what: "stats", nsp: "/admin", node: "a", clients: 1, seconds: [], seq: -1, t: 1 };
    t.push([event("/", "chat"), stats as unknown as ClientRecord]);
    expect(t.size).toBe(2);
    expect(t.length).toBe(1);
    t.setFilter({ ...EMPTY_FILTER, categories: ["stats"] });
    expect(t.length).toBe(1);
    expect(t.at(0)?.record).toMatchObject({ what: "stats" });
    t.setFilter({ ...EMPTY_FILTER, categories: ["stats", "event"] });
    expect(t.length).toBe(2);
  });

  test("eviction keeps the filtered list consistent", () => {
    const t = new Timeline(10);
    t.setFilter({ ...EMPTY_FILTER, text: "keep" });
    const pushed: ClientRecord[] = [];
    for (let i = 0; i < 50; i++) {
      const r = event("/", i % 2 ? "keep" : "drop");
      pushed.push(r);
      t.push([r]);
    }
    const expected = pushed.slice(-10).filter((r) => (r as { event: string }).event === "keep");
    expect(t.length).toBe(5);
    expect([0, 1, 2, 3, 4].map((i) => t.at(i)?.record)).toEqual(expected);
    expect(t.at(5)).toBeUndefined();
  });

  test("an ack is found from its emit", () => {
    const t = new Timeline(10);
    const emit = {
      kind: "packet",
      dir: "out",
      nsp: "/",
      type: "EVENT",
      event: "e",
      args: [],
      ackId: 0,
      attachments: 0,
      seq: 1000,
      t: 0,
      pair: 1000,
    } as ClientRecord;
    const ack = {
      kind: "packet",
      dir: "in",
      nsp: "/",
      type: "ACK",
      args: ["ok"],
      ackId: 0,
      attachments: 0,
      seq: 1001,
      t: 5,
      pair: 1000,
      latency: 5,
    } as ClientRecord;
    t.push([emit, ack]);
    expect(t.replyTo(t.at(0)!)?.record).toBe(ack);
    expect(t.replyTo(t.at(1)!)).toBeUndefined();
  });
});
