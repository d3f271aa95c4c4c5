/**
 * Probes of the Engine.IO path from the page, as the session's own requests would go. Each says what it saw and
 * nothing more: an HTTP answer (when CORS lets the page read it), an opaque one (something answered), no answer;
 * a WebSocket handshake (WebSocket is not subject to CORS), or a refusal.
 */
import { closeSession, readHandshake } from "../../core/feed/engine-handshake.js";
import type { ProbeResult, WebSocketProbe } from "../../core/doctor/diagnose.js";
import { errorMessage } from "../../core/shared/errors.js";

/** What the session sends with its requests, so that a probe is refused or let in for the same reasons. */
export interface ProbeOptions {
  headers?: Record<string, string>;
  withCredentials?: boolean;
  timeoutMs?: number;
}

export { handshakeUrl } from "../../core/feed/engine-handshake.js";

const elapsed = (start: number) => Math.round(performance.now() - start);

/** Probes one URL over HTTP, with a time limit so that a black-holed host does not hang the doctor. */
export async function probe(
  url: string,
  { headers, withCredentials, timeoutMs = 5000 }: ProbeOptions = {},
): Promise<ProbeResult> {
  const start = performance.now();
  // As the session's own requests go: cookies of the page's own origin always (a same-origin proxy's token is one),
  // another origin's only With credentials.
  const credentials: RequestCredentials = withCredentials ? "include" : "same-origin";
  try {
    const res = await fetch(url, {
      mode: "cors",
      cache: "no-store",
      credentials,
      headers,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    // A handshake opened a session: closed at once (a v2 server runs its connection handler for it).
    const handshake = readHandshake(text);
    if (handshake) await closeSession(url, handshake, { headers, withCredentials });
    return { kind: "answer", url, status: res.status, body: text.slice(0, 300), ms: elapsed(start) };
  } catch (err) {
    if ((err as Error).name === "TimeoutError") return { kind: "timeout", url, ms: elapsed(start) };
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
    let settled = false;
    const finish = (result: WebSocketProbe) => {
      if (settled) return;
      settled = true;
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
    let grace: ReturnType<typeof setTimeout> | undefined;
    const limit = setTimeout(
      () => (text === undefined ? finish({ kind: "timeout", url, ms: elapsed(start) }) : handshake()),
      timeoutMs,
    );
    ws.onmessage = (event) => {
      const data = typeof event.data === "string" ? event.data.slice(0, 300) : "<binary>";
      if (text === undefined) {
        text = data;
        // A v2 server joins "/" right after its handshake: wait a moment for that second message.
        grace = setTimeout(() => handshake(), 300);
      } else handshake(data);
    };
    ws.onerror = ws.onclose = () =>
      text === undefined ? finish({ kind: "refused", url, ms: elapsed(start) }) : handshake();
  });
}
