import { defaultConfig } from "../connection/config.js";
import { MIGRATED_CLIENT as FIRST_CLIENT, presetFrom, type Preset } from "./format.js";
import type { Scenario } from "../scenario/format.js";

/**
 * The example scenario of the demo server: two clients (copies of the preset's one) in a room, acks checked, a value
 * captured and used again, a dropped transport that comes back recovered with the same id. `.ci/run` runs it with the
 * command-line tool, and it is in the shipped preset.
 */
export const DEMO_SCENARIO: Scenario = {
  name: "Rooms, acks and recovery",
  steps: [
    { kind: "connect", client: "alice" },
    {
      kind: "expect",
      client: "alice",
      nsp: "/",
      event: "welcome",
      args: [{ $partial: { id: { $capture: "alice-id" }, recovered: false } }],
      within: 2000,
    },
    { kind: "connect", client: "bob" },
    { kind: "emit", client: "alice", nsp: "/", event: "add", args: [2, 40], ack: { timeout: 2000, match: [42] } },
    {
      kind: "emit",
      client: "alice",
      nsp: "/",
      event: "join",
      args: ["lobby"],
      ack: { timeout: 2000, match: [{ $partial: { joined: "lobby" } }] },
    },
    {
      kind: "emit",
      client: "bob",
      nsp: "/",
      event: "join",
      args: ["lobby"],
      // At least the two of them (the demo server may have other visitors in the lobby).
      ack: { timeout: 2000, match: [{ joined: "lobby", members: { $type: "number" } }] },
    },
    {
      kind: "emit",
      client: "alice",
      nsp: "/",
      event: "to-room",
      args: ["lobby", "hello bob"],
      ack: { timeout: 2000, match: ["sent"] },
    },
    {
      kind: "expect",
      client: "bob",
      nsp: "/",
      event: "room-message",
      args: [{ room: "lobby", from: { $var: "alice-id" }, message: { $regex: "^hello" } }],
      within: 2000,
    },
    {
      kind: "expect",
      client: "alice",
      nsp: "/metrics",
      event: "tick",
      args: [{ $partial: { n: { $type: "number" } } }],
      within: 3000,
    },
    { kind: "drop", client: "alice" },
    { kind: "assert", client: "alice", nsp: "/", connected: true, recovered: true, sameId: true, within: 5000 },
    {
      kind: "emit",
      client: "alice",
      nsp: "/",
      event: "echo",
      args: [{ $var: "alice-id" }],
      ack: { timeout: 2000, match: [{ $var: "alice-id" }] },
    },
  ],
};

/**
 * The demo server's Socket.IO Admin UI namespace (demo/server.mjs instruments itself there, in development mode, on
 * loopback only): its /admin is an example of a namespace guarded by auth of its own.
 */
export const DEMO_ADMIN_UI_NAMESPACE = "/admin-ui";

/** The demo server's preset, with emits to try: added on first start to a page told of a demo server (src/ui/connection/demo.ts). */
export function shippedPresets(demoUrl: string): Preset[] {
  const config = defaultConfig(demoUrl);
  config.namespaces = [
    { nsp: "/", auth: "" },
    { nsp: "/metrics", auth: "" },
    { nsp: "/admin", auth: '{"token": "letmein"}' },
  ];
  const emit = (event: string, args: Preset["emits"][number]["args"], expectAck = true) => ({
    nsp: "/",
    event,
    args,
    expectAck,
    ackTimeout: 5000,
    volatile: false,
    compress: true,
  });
  return [
    presetFrom(
      "Demo server",
      [{ name: FIRST_CLIENT, config }],
      [
        emit("echo", [{ type: "json", value: '{"hello": "world"}' }]),
        emit("add", [
          { type: "number", value: "2" },
          { type: "number", value: "40" },
        ]),
        emit("slow", [{ type: "number", value: "8000" }]),
        emit("binary", [{ type: "number", value: "64" }]),
        emit("ask-me", [{ type: "text", value: "Do you copy?" }], false),
      ],
      [DEMO_SCENARIO],
      { namespace: DEMO_ADMIN_UI_NAMESPACE, username: "" },
    ),
  ];
}
