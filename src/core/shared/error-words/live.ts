// Words for a live client: its settings refused before it starts, an emit refused or warned about, what failed after
// it started, the notes it adds to its timeline (route, protocol), and the msgpack decoder's refusals.
import { formatSize } from "../binary.js";
import type { Cause, Say, Words } from "./say.js";

/** What socket.io-msgpack-parser refuses in a decoded packet (msgpack-packet-refused). */
export type MsgpackRefusal = "packet" | "type" | "namespace" | "payload" | "id";
/** socket.io-msgpack-parser's own words for them: a decoder in its place says the same. */
const MSGPACK_REFUSALS: Record<MsgpackRefusal, string> = {
  packet: "invalid packet",
  type: "invalid packet type",
  namespace: "invalid namespace",
  payload: "invalid payload",
  id: "invalid packet id",
};

export const LIVE_WORDS = {
  // The client's settings, checked before anything connects.
  "no-transport": () => "Choose at least one transport",
  "msgpack-with-v2": () =>
    "Parser msgpack is not available with Server version v2 in this inspector: choose the default parser",
  "relay-needs-local-server": () =>
    "Route “through the inspector's server” needs the page opened from that server: run npx socketio-inspector " +
    "and open the address it prints (or choose Route: direct)",
  "auth-not-sent-v2": (p: { nsp: string }) =>
    `Auth of ${p.nsp} is not sent: Socket.IO v2 servers have no auth. Put the credentials in the namespace's query (for example token=...)`,
  "query-not-sent-v4": (p: { nsp: string }) =>
    `Query of ${p.nsp} is not sent: only Socket.IO v2 servers read a namespace query; v3 and v4 servers read auth`,

  // An emit: refused (nothing sent), or sent with a warning.
  "namespace-not-open": (p: { nsp: string }) => `Namespace ${p.nsp} is not open`,
  "event-reserved": (p: { event: string }) => `"${p.event}" is a reserved event name`,
  "emit-too-large": (p: { bytes: number; max: number }) =>
    `The emit is ${formatSize(p.bytes)}; the server accepts at most ${formatSize(p.max)} per packet (maxPayload). Nothing was sent.`,
  "emit-over-usual-limit": (p: { bytes: number }) =>
    `Sent ${formatSize(p.bytes)}: the server did not announce its maxPayload, and servers usually accept 1 MB per ` +
    `packet (Node socket.io's maxHttpBufferSize, python-socketio's max_http_buffer_size) and close the connection ` +
    `on more.`,
  "emit-volatile-dropped": (p: { nsp: string }) =>
    `${p.nsp} is not connected: a volatile emit is dropped, not buffered.`,
  "emit-buffered": (p: { nsp: string }) => `Buffered: ${p.nsp} is not connected; the emit goes out when it connects.`,
  "ack-no-longer-awaited": () => "The server no longer waits for this ack (too many asked since)",

  // After the client started.
  "v2-load-failed": (p: { cause: Cause }, say: Say) => `The v2 mode could not be loaded: ${say(p.cause)}`,
  "msgpack-load-failed": (p: { cause: Cause }, say: Say) => `The msgpack parser could not be loaded: ${say(p.cause)}`,
  "record-unreadable": (p: { cause: Cause }, say: Say) => `The inspector could not read a record: ${say(p.cause)}`,
  "record-not-shown": (p: { cause: Cause }, say: Say) => `A record could not be shown: ${say(p.cause)}`,
  /** `detail`: the browser's message for the failure ("" when it gave none). */
  "client-worker-failed": (p: { detail: string }) =>
    `The inspector's client worker failed (${p.detail || "it could not be loaded"}): connect again, and the ` +
    `client runs on the page's own thread`,
  "record-not-handed": (p: { cause: Cause }, say: Say) => `A record could not be handed to the page: ${say(p.cause)}`,

  // The notes a live client adds to its timeline.
  "route-direct": (p: { url: string }) =>
    `direct: this page connects to ${p.url} itself (CORS and the browser's rules apply)`,
  "route-relay": (p: { origin: string; target: string; headers: string[] }) =>
    `through the inspector's server (${p.origin}) to ${p.target}: no CORS` +
    (p.headers.length ? `; it adds ${p.headers.join(", ")} to every request, the WebSocket upgrade included` : ""),
  /** Route relay: why the local server could not reach the server, as it told. */
  "relay-unreachable": (p: { cause: Cause }, say: Say) => `The inspector's server: ${say(p.cause)}`,
  "user-dropped-transport": () => "Drop transport: the transport is closed on purpose, as a network failure would",
  /** Server version auto, told by a handshake made by hand (`polling`: asked with a polling request, else a WebSocket). */
  "protocol-told": (p: { eio: 3 | 4; polling: boolean }) => {
    const how = p.polling
      ? `its handshake is ${p.eio === 3 ? "framed in Engine.IO 3" : "Engine.IO 4"} (asked with one polling request, closed at once)`
      : `its WebSocket handshake was ${p.eio === 3 ? "followed by the CONNECT a v2 server sends unasked" : "not followed by an unasked CONNECT"} (asked with one WebSocket, closed at once)`;
    return p.eio === 3
      ? `Server version auto: Socket.IO v2 (Engine.IO 3): ${how}`
      : `Server version auto: Socket.IO v3/v4 (Engine.IO 4): ${how}`;
  },
  "protocol-settled-v4": (p: { nsp: string }) =>
    `Server version auto: Socket.IO v3/v4 (Engine.IO 4): the server's CONNECT of ${p.nsp} carried a session id`,
  "protocol-v2-by-framing": () =>
    "Server version auto: switching to Socket.IO v2 (Engine.IO 3): its first answer is not Engine.IO 4 framing (the " +
    "client read a parser error); Socket.IO v2 servers answer in Engine.IO 3",
  "protocol-v2-by-connect": (p: { nsp: string }) =>
    `Server version auto: switching to Socket.IO v2 (Engine.IO 3): its CONNECT of ${p.nsp} carried no session id, as Socket.IO v2 servers answer`,

  // The msgpack decoder (the engine shows these as a parser error).
  "msgpack-trailing-bytes": (p: { bytes: number }) => `msgpack: ${p.bytes} trailing bytes`,
  "msgpack-cut": (p: { at: number }) => `msgpack: the packet ends inside a value (at byte ${p.at})`,
  "msgpack-too-deep": (p: { max: number }) => `msgpack: nested deeper than ${p.max} levels`,
  "msgpack-bad-byte": (p: { byte: number }) => `msgpack: byte 0x${p.byte.toString(16)} starts no value`,
  "msgpack-text-frame": () => "msgpack: a text frame",
  "msgpack-packet-refused": (p: { refusal: MsgpackRefusal }) => MSGPACK_REFUSALS[p.refusal],
} satisfies Record<string, Words>;
