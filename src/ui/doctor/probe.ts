/**
 * What an HTTP probe of the Engine.IO path tells, seen from the page: the answer (when CORS lets the page read it),
 * or whether anything answered at all (a no-cors request succeeds for any answer, and fails when nothing listens).
 */
export type ProbeResult =
  | { kind: "answer"; url: string; status: number; body: string; ms: number }
  | { kind: "cors-blocked"; url: string; ms: number }
  | { kind: "unreachable"; url: string; ms: number; message: string };

/** The URL of an Engine.IO 4 polling handshake for a server URL and path. */
export function handshakeUrl(serverUrl: string, path: string): string {
  const base = new URL(serverUrl.replace(/^ws/i, "http"));
  const p = `/${path.replace(/^\/+|\/+$/g, "")}/`;
  return `${base.origin}${p}?EIO=4&transport=polling&t=doctor${Date.now().toString(36)}`;
}

/** Probes one URL, with a time limit so that a black-holed host does not hang the doctor. */
export async function probe(url: string, timeoutMs = 5000): Promise<ProbeResult> {
  const start = performance.now();
  const ms = () => Math.round(performance.now() - start);
  try {
    const res = await fetch(url, { mode: "cors", cache: "no-store", credentials: "omit", signal: AbortSignal.timeout(timeoutMs) });
    const body = (await res.text()).slice(0, 200);
    return { kind: "answer", url, status: res.status, body, ms: ms() };
  } catch {
    try {
      await fetch(url, { mode: "no-cors", cache: "no-store", credentials: "omit", signal: AbortSignal.timeout(timeoutMs) });
      return { kind: "cors-blocked", url, ms: ms() };
    } catch (err) {
      return { kind: "unreachable", url, ms: ms(), message: (err as Error).message };
    }
  }
}
