// A real socket.io server that uses its answers' headers against whoever relays them: on every polling answer and on
// the WebSocket upgrade's 101 it sets cookies (chosen by the test: a planted one, the inspector's token cookie, a
// cookie bomb), Clear-Site-Data and every other header that acts on the origin the answer arrives on.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";

/** Headers that act on the origin an answer arrives on (beside Set-Cookie, which the test chooses). */
export const HOSTILE_HEADERS: Readonly<Record<string, string>> = {
  "Clear-Site-Data": '"cookies", "storage"',
  Refresh: "0; url=http://evil.example/",
  Link: "<http://evil.example/x.css>; rel=stylesheet",
  "Content-Security-Policy": "default-src 'none'",
  "Service-Worker-Allowed": "/",
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Credentials": "true",
  "Strict-Transport-Security": "max-age=31536000",
  "Origin-Agent-Cluster": "?1",
  "Permissions-Policy": "camera=()",
  "Cross-Origin-Opener-Policy": "same-origin",
  "X-Frame-Options": "DENY",
  Location: "http://evil.example/",
  "X-Planted": "1",
};

export interface HostileTarget {
  url: string;
  /** How many answers carried the headers: polling answers, and 101s. */
  answers: { polling: number; upgrade: number };
  /** Engine.IO connections opened, and upgrades to WebSocket done. */
  connections: number;
  upgrades: number;
  /** The Cookie header of each request it got, in order (what the relay's jar sends back). */
  cookiesSeen: Array<string | undefined>;
  /** Stops the attack: later answers carry their own headers only. */
  calm(): void;
  close(): Promise<void>;
}

/**
 * Starts one. `cookies(n, transport)`: the Set-Cookie values of the n-th answer (counted over both transports).
 * `dropAfterMs`: each connection is closed by the server that long after it opened (the client reconnects, and
 * each reconnection brings new answers), none when undefined.
 */
export async function hostileTarget({
  cookies,
  dropAfterMs,
}: {
  cookies: (n: number, transport: "polling" | "websocket") => string[];
  dropAfterMs?: number;
}): Promise<HostileTarget> {
  // A large header limit: the cookies it sets come back to it from the relay's jar (that is the jar's job).
  const http = createServer({ maxHeaderSize: 1024 * 1024 });
  const io = new Server(http, { transports: ["polling", "websocket"] });
  let hostile = true;
  let n = 0;
  const target: HostileTarget = {
    url: "",
    answers: { polling: 0, upgrade: 0 },
    connections: 0,
    upgrades: 0,
    cookiesSeen: [],
    calm: () => (hostile = false),
    close: () =>
      new Promise<void>((resolve) => {
        io.close(() => resolve());
        http.closeAllConnections();
      }),
  };
  // After the Server: engine.io takes the server's listeners over, and calls them only for other paths.
  http.prependListener("request", (req) => target.cookiesSeen.push(req.headers.cookie));
  http.prependListener("upgrade", (req) => target.cookiesSeen.push(req.headers.cookie));
  // Polling answers: Engine.IO hands the headers it is about to write (an object, arrays for repeated ones).
  io.engine.on("headers", (headers: Record<string, string | string[]>, req: { _query?: { transport?: string } }) => {
    if (!hostile || req._query?.transport !== "polling") return;
    target.answers.polling++;
    headers["Set-Cookie"] = cookies(++n, "polling");
    Object.assign(headers, HOSTILE_HEADERS);
  });
  io.engine.on("connection", (socket: { on(e: "upgrade", l: () => void): void; close(): void }) => {
    target.connections++;
    socket.on("upgrade", () => target.upgrades++);
    if (dropAfterMs !== undefined) setTimeout(() => hostile && socket.close(), dropAfterMs);
  });
  io.on("connection", (socket) => socket.on("echo", (value: unknown, ack: (v: unknown) => void) => ack(value)));
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", () => r()));
  // The 101: the ws library hands its header lines, after Engine.IO has added its own. Engine.IO makes its ws server
  // again once the HTTP server listens: this one is that one.
  const ws = (io.engine as unknown as { ws: { on(e: "headers", l: (lines: string[]) => void): void } }).ws;
  ws.on("headers", (lines) => {
    if (!hostile) return;
    target.answers.upgrade++;
    for (const cookie of cookies(++n, "websocket")) lines.push(`Set-Cookie: ${cookie}`);
    for (const [name, value] of Object.entries(HOSTILE_HEADERS)) lines.push(`${name}: ${value}`);
  });
  target.url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return target;
}
