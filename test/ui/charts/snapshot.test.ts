import { expect, test } from "vitest";
import { SessionFigures } from "../../../src/core/charts/session-figures.js";
import { chartsSnapshot, MAX_CLIENTS_DRAWN } from "../../../src/ui/charts/snapshot.js";
import { recorder } from "../../core/charts/make-records.js";

const T0 = Date.UTC(2026, 10, 25, 10, 0, 0);

function twoClients(): SessionFigures {
  const alice = recorder("alice");
  const bob = recorder("bob");
  const f = new SessionFigures();
  f.addAll([
    alice.record({ kind: "connect", t: T0, nsp: "/" }),
    bob.record({ kind: "connect", t: T0, nsp: "/" }),
    alice.receive(T0 + 100, "tick", [], { nsp: "/metrics" }),
    alice.receive(T0 + 1100, "tick", [], { nsp: "/metrics" }),
    bob.emit(T0 + 1500, "chat"),
  ]);
  return f;
}

test("one snapshot per draw: the chart asked for, and the tables of every breakdown, summary first", () => {
  const s = chartsSnapshot(twoClients(), { by: "event", client: "" });
  expect(s.rate.series.map((x) => x.label)).toEqual(["tick", "chat"]);
  expect(s.clients).toEqual(["alice", "bob"]);
  expect(s.tables.map((t) => t.id)).toEqual([
    "summary",
    "rates-namespace",
    "rates-event",
    "rates-client",
    "events",
    "namespaces",
    "clients",
    "latency",
    "ping",
    "connection",
    "markers",
    "bands",
  ]);
});

test("one client chosen: its rates, its connection, and tables that say whose they are", () => {
  const s = chartsSnapshot(twoClients(), { by: "namespace", client: "bob" });
  expect(s.rate.series.map((x) => [x.label, x.total])).toEqual([["/", 1]]);
  expect(s.connections.map((c) => c.client)).toEqual(["bob"]);
  const titles = s.tables.map((t) => t.title);
  expect(titles).toContain("Events per second by namespace, client bob");
  expect(titles).toContain("Connection bands, client bob");
  expect(titles).not.toContain("Events per second by client");
  // A client that is not there (any more: the timeline was cleared) shows everyone's.
  expect(chartsSnapshot(twoClients(), { by: "namespace", client: "carol" }).rate.series).toHaveLength(2);
});

test("past MAX_CLIENTS_DRAWN clients, the charts draw the first ones and say how many are left to the tables", () => {
  const f = new SessionFigures();
  for (let i = 0; i < MAX_CLIENTS_DRAWN + 3; i++)
    f.add(recorder(`client ${i}`).record({ kind: "connect", t: T0 + i, nsp: "/" }));
  const s = chartsSnapshot(f, { by: "namespace", client: "" });
  expect(s.connections).toHaveLength(MAX_CLIENTS_DRAWN);
  expect(s.clientsNotDrawn).toBe(3);
  expect(s.tables.find((t) => t.id === "bands")?.rows).toHaveLength(MAX_CLIENTS_DRAWN + 3);
});
