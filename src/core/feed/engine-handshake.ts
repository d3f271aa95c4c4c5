/**
 * Engine.IO handshakes made by hand, over one polling request: to learn which Engine.IO a server speaks before a
 * client commits to a protocol (Server version auto), and for the doctor's checks. A handshake opens a session on
 * the server, so every one made here is closed at once (a v2 server runs its connection handler for it: left open, it
 * would live until its ping timeout).
 */

/** The URL of an Engine.IO 4 handshake for a server URL and path, over polling or WebSocket. */
export function handshakeUrl(
  serverUrl: string,
  path: string,
  transport: "polling" | "websocket" = "polling",
  query: Record<string, string> = {},
): string {
  const base = new URL(serverUrl.replace(/^ws/i, "http"));
  const p = `/${path.replace(/^\/+|\/+$/g, "")}/`;
  const origin = transport === "websocket" ? base.origin.replace(/^http/, "ws") : base.origin;
  // b64=1: an Engine.IO 3 server answers polling in text then (else in its binary framing); Engine.IO 4 ignores it.
  const params = new URLSearchParams({ ...query, EIO: "4", transport, b64: "1", t: `p${Date.now().toString(36)}` });
  return `${origin}${p}?${params}`;
}

/** A handshake read from a polling answer: the Engine.IO version it is framed in, and the session it opened. */
export interface Handshake {
  eio: 3 | 4;
  sid: string;
}

/**
 * Reads the open packet of a polling answer: `0{"sid":...}` is Engine.IO 4; `96:0{"sid":...}` (a length, a colon)
 * is Engine.IO 3's payload framing. Anything else (an error page, a 400 of another protocol) is no handshake.
 */
export function readHandshake(body: string): Handshake | undefined {
  const framed = /^(\d+):0(\{.*)$/s.exec(body);
  const eio = framed ? 3 : body.startsWith("0{") ? 4 : undefined;
  if (eio === undefined) return undefined;
  let json = framed ? (framed[2] as string).slice(0, Number(framed[1]) - 1) : body.slice(1).split("\u001e")[0];
  json ??= "";
  try {
    const open = JSON.parse(json) as { sid?: unknown };
    return typeof open.sid === "string" ? { eio, sid: open.sid } : undefined;
  } catch {
    return undefined;
  }
}

/** What a handshake by hand sends: the session's own headers and credentials, so it is let in for the same reasons. */
export interface HandshakeOptions {
  headers?: Record<string, string>;
  withCredentials?: boolean;
  timeoutMs?: number;
}

/** Closes a session opened by a handshake by hand: a close packet, framed as its Engine.IO reads it. */
export async function closeSession(url: string, handshake: Handshake, options: HandshakeOptions = {}): Promise<void> {
  const target = new URL(url);
  target.searchParams.set("sid", handshake.sid);
  if (handshake.eio === 3) target.searchParams.set("EIO", "3");
  try {
    await fetch(target, {
      method: "POST",
      cache: "no-store",
      credentials: options.withCredentials ? "include" : "omit",
      headers: { ...options.headers, "content-type": "text/plain;charset=UTF-8" },
      body: handshake.eio === 3 ? "1:1" : "1",
      signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
    });
  } catch {
    // The session ends by the server's ping timeout then: nothing more can be done from here.
  }
}

/**
 * Asks a server which Engine.IO it speaks, over polling when the session may use it (one handshake, closed at once),
 * else over a WebSocket where the platform has one (a v2 server sends its "40" right after its handshake; the
 * socket is closed at once). Undefined when it cannot tell: no answer, an answer the page may not read (CORS), no
 * Engine.IO server there, no WebSocket here; the client then learns it from its own first answers.
 */
export async function askEngineVersion(
  serverUrl: string,
  path: string,
  query: Record<string, string>,
  options: HandshakeOptions & { transports?: readonly string[] } = {},
): Promise<3 | 4 | undefined> {
  if (options.transports && !options.transports.includes("polling"))
    return askOverWebSocket(handshakeUrl(serverUrl, path, "websocket", query), options.timeoutMs ?? 5000);
  const url = handshakeUrl(serverUrl, path, "polling", query);
  let body: string;
  try {
    const res = await fetch(url, {
      cache: "no-store",
      credentials: options.withCredentials ? "include" : "omit",
      headers: options.headers,
      signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
    });
    body = await res.text();
  } catch {
    return undefined;
  }
  const handshake = readHandshake(body);
  if (!handshake) return undefined;
  await closeSession(url, handshake, options);
  return handshake.eio;
}

/** How long a WebSocket handshake is watched for the "40" a v2 server sends unasked. */
const V2_CONNECT_WAIT_MS = 300;

function askOverWebSocket(url: string, timeoutMs: number): Promise<3 | 4 | undefined> {
  if (typeof WebSocket === "undefined") return Promise.resolve(undefined);
  return new Promise((resolve) => {
    let ws: WebSocket;
    try {
      ws = new WebSocket(url);
    } catch {
      resolve(undefined);
      return;
    }
    let opened = false;
    let grace: ReturnType<typeof setTimeout> | undefined;
    const done = (eio: 3 | 4 | undefined) => {
      clearTimeout(limit);
      clearTimeout(grace);
      ws.onmessage = ws.onerror = ws.onclose = null;
      try {
        ws.close();
      } catch {
        // A socket that never opened may throw on close in some browsers: it is gone either way.
      }
      resolve(eio);
    };
    const limit = setTimeout(() => done(opened ? 4 : undefined), timeoutMs);
    ws.onmessage = (event) => {
      const data = typeof event.data === "string" ? event.data : "";
      if (!opened) {
        if (!data.startsWith("0{")) return done(undefined);
        opened = true;
        grace = setTimeout(() => done(4), V2_CONNECT_WAIT_MS);
      } else done(/^40(,|$)/.test(data) ? 3 : 4);
    };
    ws.onerror = ws.onclose = () => done(opened ? 4 : undefined);
  });
}
