import { defaultConfig } from "../connection/config.js";
import { MIGRATED_CLIENT as FIRST_CLIENT, presetFrom, type Preset } from "./format.js";

/** Presets the inspector ships with, added on first start: the demo server, with emits to try. */
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
    ),
  ];
}
