// Words for captures (a HAR file, a watched page) and what is made of them: what a capture holds that cannot be read,
// the notes a captured connection adds (a frame that does not decode, a page that loaded), and the notes of a
// scenario made from a capture (what was left out, what was loosened and why).
import type { Cause, Say, Words } from "./say.js";

/** A frame's data as a note shows it: its text (clipped to 120 characters), or its size when it is binary. */
export type Shown = { text: string } | { bytes: number };
const shown = (s: Shown) =>
  "bytes" in s ? `${s.bytes} bytes` : JSON.stringify(s.text.length > 120 ? `${s.text.slice(0, 120)}…` : s.text);
const sentOrReceived = (dir: "in" | "out") => (dir === "in" ? "received" : "sent");
const method = (post: boolean) => (post ? "POST" : "GET");

/** What a loosened value was: the kind of value that changes from one connection to the next. */
export type LooseKind = "engine id" | "v2 socket id" | "socket id" | "recovery id" | "UUID" | "time" | "epoch time";
const WHAT: Record<LooseKind, string> = {
  "engine id": "the connection's Engine.IO session id",
  "v2 socket id": "a socket id of the connection (a v2 server's Engine.IO session id, the socket id on /)",
  "socket id": "a socket id of the connection",
  "recovery id": "the connection's recovery session id",
  UUID: "a UUID",
  time: "a time",
  "epoch time": "a time since the epoch",
};
/** Where in a made scenario a value was loosened: the event (or the ack of it) and the place in its arguments. */
export interface LoosePlace {
  event: string;
  nsp: string;
  ack: boolean;
  path: string;
}
const place = (p: LoosePlace) => `${p.ack ? "the ack of " : ""}“${p.event}” on ${p.nsp}, at ${p.path || "(the value)"}`;

export const CAPTURE_WORDS = {
  // A HAR file as a whole (`name`: the file's).
  "har-not-json": (p: { name: string }) => `${p.name} is not JSON, so not a HAR file`,
  "har-json-invalid": (p: { name: string; at: number; what: Cause }, say: Say) =>
    `${p.name} is not valid JSON at character ${p.at}: ${say(p.what)}`,
  "json-text-after-end": () => "text after the end of its JSON",
  "json-closes-nothing": (p: { character: string }) => `a “${p.character}” that closes nothing open`,
  "har-no-entries": (p: { name: string }) => `${p.name} is not a HAR file: it has no log.entries`,
  "har-no-traffic": (p: { name: string; problems: Cause[] }, say: Say) =>
    `${p.name} holds no Engine.IO traffic` +
    (p.problems.length ? `: ${p.problems.map(say).join("; ")}` : " (no request with EIO=3 or EIO=4)"),

  // What of a HAR could not be read; the rest was.
  "har-cut-short": (p: { name: string }) =>
    `${p.name} ends before its JSON does (cut short?): what came before the end was read`,
  "har-entry-not-json": (p: { name: string; entry: number }) =>
    `${p.name}: entry ${p.entry} is not valid JSON (the file may be cut or edited): left out, the rest was read`,
  "har-websocket-without-messages": (p: { host: string }) =>
    `${p.host}: a WebSocket without its messages: export from Chromium's Network panel with “Save all as HAR with content” (or Playwright's recordHar with content "embed")`,
  "har-polling-without-content": (p: { host: string }) =>
    `${p.host}: polling requests without their content: export with “Save all as HAR with content”`,
  "har-message-not-json": (p: { entry: number; message: number }) =>
    `entry ${p.entry}, WebSocket message ${p.message}: not valid JSON (the file may be cut or edited); the rest was read`,
  "har-message-no-data": (p: { entry: number; message: number }) =>
    `entry ${p.entry}, WebSocket message ${p.message}: it has no "data"; the rest was read`,
  "har-message-not-base64": (p: { entry: number; message: number; dir: "in" | "out"; data: Shown }) =>
    `entry ${p.entry}, WebSocket message ${p.message} (${sentOrReceived(p.dir)} ${shown(p.data)}): binary data ("opcode": 2) that is not base64; the rest was read`,
  "har-polling-not-base64": (p: { entry: number; post: boolean }) =>
    `entry ${p.entry} (a polling ${method(p.post)}): its content is marked base64 but is not base64; the rest was read`,
  // The same of a watched page.
  "live-message-not-base64": (p: { dir: "in" | "out" }) =>
    `a binary WebSocket message the browser ${sentOrReceived(p.dir)} that is not base64`,
  "live-polling-not-base64": (p: { post: boolean }) =>
    `a polling ${method(p.post)} whose body the browser gave as base64 that is not base64`,

  // Notes a captured connection adds to its rows.
  "frame-undecoded": (p: { dir: "in" | "out"; data: Shown; transport: string; why: Cause }, say: Say) =>
    `${sentOrReceived(p.dir)} ${shown(p.data)} over ${p.transport}: ${say(p.why)}`,
  "msgpack-undecodable": (p: { cause: Cause }, say: Say) => `a msgpack packet that does not decode (${say(p.cause)})`,
  "binary-not-packet": () => "a binary message that is neither an attachment nor a msgpack packet",
  "packet-undecodable": (p: { cause: Cause }, say: Say) => `a Socket.IO packet that does not decode (${say(p.cause)})`,
  "packet-type-unknown": (p: { type: number }) => `no Socket.IO packet type ${p.type}`,
  "binary-not-base64": () => "binary data that is not base64",
  "engine-type-unknown": (p: { type: string }) => `no Engine.IO packet type ${JSON.stringify(p.type)}`,
  "handshake-not-json": () => "an open packet whose handshake is not JSON",
  "page-loaded": (p: { url: string }) => `page loaded: ${p.url}`,
  "page-reloaded": (p: { url: string }) =>
    `page reloaded: ${p.url} (the rows above are kept; its connections start again below)`,
  "page-navigated": (p: { from: string; url: string }) =>
    `page navigated from ${p.from} to ${p.url} (the rows above are kept)`,

  // A scenario made from a capture: what was left out, what was loosened and why.
  "made-args-too-deep": (p: { event: string; nsp: string }) =>
    `“${p.event}” on ${p.nsp}: its arguments are nested too deep to write as a step; left out`,
  "made-too-many-steps": (p: { count: number; kept: number }) =>
    `the capture makes ${p.count} steps: the first ${p.kept} are kept`,
  "loosened-sent": (p: LoosePlace & { name: string }) =>
    `${place(p)}, is ${p.name}, captured from the server earlier: sent as this run's value ({"$var"})`,
  "loosened-within": (p: LoosePlace & { kind: LooseKind; value: string }) =>
    `${place(p)}, holds ${WHAT[p.kind]} (${p.value}): matched by its shape, the rest as recorded`,
  "loosened-again": (p: LoosePlace & { name: string }) => `${place(p)}, is ${p.name} again: expected equal ({"$var"})`,
  "loosened-captured": (p: LoosePlace & { kind: LooseKind; value: string; byShape: boolean; name: string }) =>
    `${place(p)}, was ${WHAT[p.kind]} (${p.value}), which a replay gets anew: matched by ${p.byShape ? "its shape" : "any number"} and captured as ${p.name}`,
} satisfies Record<string, Words>;
