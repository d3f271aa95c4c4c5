import { expect, test } from "vitest";
import type { ClientRecord } from "../src/client/observe/records.js";
import { diagnoseProbe, diagnoseRecords } from "../src/ui/doctor/diagnose.js";
import { defaultConfig } from "../src/ui/session/config.js";

test("mixed content: an https page and an http or ws server elsewhere than loopback", () => {
  const config = defaultConfig("http://dev.example.test:3000");
  const [finding] = diagnoseRecords([], config, "https:");
  expect(finding).toMatchObject({ id: "mixed-content", evidence: ["page: https://", "server URL: http://dev.example.test:3000"] });
  expect(diagnoseRecords([], { ...config, url: "ws://dev.example.test" }, "https:")[0]?.id).toBe("mixed-content");
  expect(diagnoseRecords([], { ...config, url: "wss://dev.example.test" }, "https:")).toEqual([]);
  expect(diagnoseRecords([], { ...config, url: "http://127.0.0.1:3000" }, "https:")).toEqual([]);
  expect(diagnoseRecords([], config, "http:")).toEqual([]);
});

test("each finding is named once, however many records show it", () => {
  const close = { kind: "close", seq: 1, t: 0, reason: "ping timeout" } as ClientRecord;
  expect(diagnoseRecords([close, { ...close, seq: 2 }], defaultConfig("http://127.0.0.1:1"), "http:").map((d) => d.id)).toEqual(["ping-timeout"]);
});

test("an Engine.IO 4 handshake at the path is no finding", () => {
  expect(diagnoseProbe({ kind: "answer", url: "http://h/socket.io/?EIO=4", status: 200, body: '0{"sid":"x"}', ms: 3 }, defaultConfig("http://h"))).toEqual([]);
});
