import { errorMessage } from "../shared/errors.js";

/**
 * The one probe of a server's Engine.IO path, made by hand as the session's own requests would go: over HTTP (an
 * answer when CORS lets the page read it, an opaque one, none) and over a WebSocket (a handshake, a refusal). Used to
 * learn which Engine.IO a server speaks before a client commits to a protocol (Server version auto), and by the
 * doctor's checks. Each probe says what it saw and nothing more. A handshake opens a session on the server, so every
 * one made here is closed at once (a v2 server runs its connection handler for it: left open, it would live until its
 * ping timeout).
 */

export type ProbeResult =
  | { kind: "answer"; url: string; status: number; body: string; ms: number }
  | { kind: "cors-blocked"; url: string; ms: number }
  | { kind: "unreachable"; url: string; ms: number; message: string }
  | { kind: "timeout"; url: string; ms: number }
  | { kind: "not-made"; url: string; reason: string };

export type WebSocketProbe =
  /** The server sent its Engine.IO handshake; `next` is its second message, when one came at once (v2 sends "40"). */
  | { kind: "handshake"; url: string; text: string; next?: string; ms: number }
  /** The WebSocket closed or failed before any message: refused, or no WebSocket server at that path. */
  | { kind: "refused"; url: string; ms: number }
  | { kind: "timeout"; url: string; ms: number }
  | { kind: "not-made"; url: string; reason: string };

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

/** What a probe sends: the session's own headers and credentials, so that it is let in for the same reasons. */
export interface ProbeOptions {
  headers?: Record<string, string>;
  withCredentials?: boolean;
  timeoutMs?: number;
  /**
   * When CORS keeps the answer from the page, ask again without CORS to tell "something answered" from "nothing"
   * (the doctor's question; off for a question only a readable handshake answers).
   */
  opaqueRetry?: boolean;
}

/**
 * The credentials of the session's own requests: the cookies of the page's own origin always (the local server's
 * token is one, for a route through it), another origin's only With credentials.
 */
const credentialsOf = (options: ProbeOptions): RequestCredentials =>
  options.withCredentials ? "include" : "same-origin";

/** Closes a session opened by a handshake by hand: a close packet, framed as its Engine.IO reads it. */
export async function closeSession(url: string, handshake: Handshake, options: ProbeOptions = {}): Promise<void> {
  const target = new URL(url);
  target.searchParams.set("sid", handshake.sid);
  if (handshake.eio === 3) target.searchParams.set("EIO", "3");
  try {
    await fetch(target, {
      method: "POST",
      cache: "no-store",
      credentials: credentialsOf(options),
      headers: { ...options.headers, "content-type": "text/plain;charset=UTF-8" },
      body: handshake.eio === 3 ? "1:1" : "1",
      signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
    });
  } catch {
    // The session ends by the server's ping timeout then: nothing more can be done from here.
  }
}

const elapsed = (start: number) => Math.round(performance.now() - start);

/** Probes one URL over HTTP, with a time limit so that a black-holed host does not hang whoever waits. */
export async function probeHttp(url: string, options: ProbeOptions = {}): Promise<ProbeResult> {
  const { headers, timeoutMs = 5000, opaqueRetry = true } = options;
  const start = performance.now();
  const credentials = credentialsOf(options);
  try {
    const res = await fetch(url, {
      mode: "cors",
      cache: "no-store",
      credentials,
      headers,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    const handshake = readHandshake(text);
    if (handshake) await closeSession(url, handshake, options);
    return { kind: "answer", url, status: res.status, body: text.slice(0, 300), ms: elapsed(start) };
  } catch (err) {
    if ((err as Error).name === "TimeoutError") return { kind: "timeout", url, ms: elapsed(start) };
    if (!opaqueRetry) return { kind: "unreachable", url, ms: elapsed(start), message: errorMessage(err) };
    try {
      // A no-cors request cannot carry custom headers: it only tells whether anything answers at all.
      await fetch(url, { mode: "no-cors", cache: "no-store", credentials, signal: AbortSignal.timeout(timeoutMs) });
      return { kind: "cors-blocked", url, ms: elapsed(start) };
    } catch (second) {
      if ((second as Error).name === "TimeoutError") return { kind: "timeout", url, ms: elapsed(start) };
      return { kind: "unreachable", url, ms: elapsed(start), message: errorMessage(second) };
    }
  }
}

/** How long after a WebSocket's handshake a second message is waited for: a v2 server sends "40" unasked. */
const V2_CONNECT_WAIT_MS = 300;

/** Opens a WebSocket to the Engine.IO path and waits for the server's handshake (and, briefly, one more message). */
export function probeWebSocket(url: string, timeoutMs = 4000): Promise<WebSocketProbe> {
  const start = performance.now();
  return new Promise((resolve) => {
    let ws: WebSocket;
    try {
      ws = new WebSocket(url);
    } catch (err) {
      resolve({ kind: "not-made", url, reason: errorMessage(err) });
      return;
    }
    let text: string | undefined;
    let grace: ReturnType<typeof setTimeout> | undefined;
    const finish = (result: WebSocketProbe) => {
      clearTimeout(limit);
      clearTimeout(grace);
      ws.onmessage = ws.onerror = ws.onclose = null;
      try {
        ws.close();
      } catch {
        // Closing a socket that never opened may throw in some browsers; it is gone either way.
      }
      resolve(result);
    };
    const handshake = (next?: string) =>
      finish({
        kind: "handshake",
        url,
        text: text as string,
        ...(next === undefined ? {} : { next }),
        ms: elapsed(start),
      });
    const limit = setTimeout(
      () => (text === undefined ? finish({ kind: "timeout", url, ms: elapsed(start) }) : handshake()),
      timeoutMs,
    );
    ws.onmessage = (event) => {
      const data = typeof event.data === "string" ? event.data.slice(0, 300) : "<binary>";
      if (text === undefined) {
        text = data;
        grace = setTimeout(() => handshake(), V2_CONNECT_WAIT_MS);
      } else handshake(data);
    };
    ws.onerror = ws.onclose = () =>
      text === undefined ? finish({ kind: "refused", url, ms: elapsed(start) }) : handshake();
  });
}

/**
 * Asks a server which Engine.IO it speaks, over polling when the session may use it (one handshake, closed at once),
 * else over a WebSocket where the platform has one (a v2 server sends its "40" right after its handshake). Undefined
 * when it cannot tell: no answer, an answer the page may not read (CORS), no Engine.IO server there, no WebSocket
 * here; the client then learns it from its own first answers.
 */
export async function askEngineVersion(
  serverUrl: string,
  path: string,
  query: Record<string, string>,
  options: ProbeOptions & { transports?: readonly string[] } = {},
): Promise<3 | 4 | undefined> {
  if (options.transports && !options.transports.includes("polling")) {
    if (typeof WebSocket === "undefined") return undefined;
    const ws = await probeWebSocket(handshakeUrl(serverUrl, path, "websocket", query), options.timeoutMs ?? 5000);
    if (ws.kind !== "handshake" || !ws.text.startsWith("0{")) return undefined;
    return ws.next !== undefined && /^40(,|$)/.test(ws.next) ? 3 : 4;
  }
  const answer = await probeHttp(handshakeUrl(serverUrl, path, "polling", query), { ...options, opaqueRetry: false });
  return answer.kind === "answer" ? readHandshake(answer.body)?.eio : undefined;
}
