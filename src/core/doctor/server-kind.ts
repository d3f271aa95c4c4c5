/**
 * What kind of server answers, told from its Engine.IO handshake, so that a fix is given in that server's terms.
 * Fingerprints, read off real servers (see test/doctor.test.ts):
 * - Node socket.io 4.1+ (engine.io 5.1+): `sid, upgrades, pingInterval, pingTimeout, maxPayload`;
 * - Node socket.io 3.x and 4.0: the same without maxPayload;
 * - python-socketio (python-engineio): `pingTimeout` before `pingInterval`;
 * - Socket.IO v2 (Engine.IO 3): a length-prefixed polling payload, or over WebSocket a CONNECT of "/" right away.
 */
export type ServerKind =
  | { kind: "node"; version: "4.1+" | "3.x or 4.0"; label: string }
  | { kind: "python"; label: string }
  | { kind: "v2"; label: string }
  | { kind: "unknown"; label: string };

export const UNKNOWN_SERVER: ServerKind = { kind: "unknown", label: "a server of unknown kind" };

/** Identifies a server from the field names of its handshake, in order, and its Engine.IO version. */
export function identifyServer(fields: readonly string[], eio: 3 | 4 = 4): ServerKind {
  if (eio === 3) return { kind: "v2", label: "Socket.IO v2 (Engine.IO 3)" };
  const interval = fields.indexOf("pingInterval");
  const timeout = fields.indexOf("pingTimeout");
  if (interval === -1 || timeout === -1) return UNKNOWN_SERVER;
  if (timeout < interval) return { kind: "python", label: "python-socketio (python-engineio)" };
  if (fields.includes("maxPayload")) return { kind: "node", version: "4.1+", label: "Node socket.io 4.1 or later" };
  return { kind: "node", version: "3.x or 4.0", label: "Node socket.io 3.x or 4.0" };
}

/** Identifies a server from the raw text of its handshake (an HTTP answer or a WebSocket's first messages). */
export function identifyFromText(text: string, nextMessage?: string): ServerKind | undefined {
  if (/^\d+:0\{/.test(text)) return { kind: "v2", label: "Socket.IO v2 (Engine.IO 3)" };
  const match = /^0(\{.*\})/.exec(text);
  if (!match) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(match[1] as string);
  } catch {
    return undefined;
  }
  if (!data || typeof data !== "object" || !("sid" in data)) return undefined;
  // A v2 server over WebSocket: the same handshake as Engine.IO 4, then it joins "/" without being asked.
  if (nextMessage === "40") return { kind: "v2", label: "Socket.IO v2 (Engine.IO 3)" };
  return identifyServer(Object.keys(data));
}

/** How each kind of server is told to do something, for fixes in its own terms. */
export const FIXES = {
  cors(server: ServerKind, origin: string): string {
    switch (server.kind) {
      case "node":
        return `Allow this page's origin on the server: new Server(httpServer, { cors: { origin: "${origin}" } }).`;
      case "python":
        return `Allow this page's origin on the server: socketio.AsyncServer(cors_allowed_origins=["${origin}"]) (or socketio.Server).`;
      case "v2":
        return `Allow this page's origin on the server: require("socket.io")(httpServer, { origins: ["${origin}"] }).`;
      default:
        return `Allow ${origin} in the server's CORS settings (Node socket.io: cors: { origin }; python-socketio: cors_allowed_origins).`;
    }
  },
  parser(server: ServerKind, clientParser: "default" | "msgpack"): string {
    const other = clientParser === "default" ? "msgpack" : "default";
    const serverSide =
      clientParser === "msgpack"
        ? server.kind === "python"
          ? 'socketio.AsyncServer(serializer="msgpack")'
          : server.kind === "node"
            ? 'new Server(httpServer, { parser: require("socket.io-msgpack-parser") })'
            : 'its msgpack parser (Node socket.io: parser: socket.io-msgpack-parser; python-socketio: serializer="msgpack")'
        : server.kind === "python"
          ? "no serializer argument"
          : server.kind === "node"
            ? "no parser option"
            : "its default parser (no parser or serializer option)";
    return `Set Parser to ${other} here, to match the server; or give the server ${serverSide}, to match this client.`;
  },
  maxPayload(server: ServerKind): string {
    if (server.kind === "python")
      return "Send less per packet, or raise max_http_buffer_size on the server (python-socketio, 1 MB by default).";
    if (server.kind === "node")
      return "Send less per packet, or raise maxHttpBufferSize on the server (Node socket.io, 1 MB by default).";
    return (
      "Send less per packet, or raise the server's limit (Node socket.io: maxHttpBufferSize; python-socketio: " +
      "max_http_buffer_size; 1 MB by default in both)."
    );
  },
};
