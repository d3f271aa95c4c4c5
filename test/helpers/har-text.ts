// HAR text written as Chromium's "Save all as HAR with content" and Playwright's recordHar write it: WebSocket
// messages under `_webSocketMessages` (times in seconds since the epoch), polling requests with their content.

type Message = { type: "send" | "receive"; time: number; opcode: number; data: string };

/** A whole HAR of these entries. */
export function har(entries: unknown[]): string {
  return JSON.stringify({ log: { version: "1.2", creator: { name: "test", version: "1" }, entries } });
}

/** A WebSocket as Chromium writes it: message times in seconds since the epoch. */
export function webSocket(
  url: string,
  atMs: number,
  messages: Array<[dir: "send" | "receive", ms: number, data: string]>,
) {
  return {
    startedDateTime: new Date(atMs).toISOString(),
    time: 0,
    request: { method: "GET", url },
    response: { status: 101, content: { size: 0 } },
    _webSocketMessages: messages.map(([type, ms, data]): Message => ({ type, time: ms / 1000, opcode: 1, data })),
  };
}

/** One Engine.IO 4 WebSocket on its own: the handshake, a CONNECT of "/", then the messages given. */
export function oneSocketHar(t0: number, messages: Array<[dir: "send" | "receive", ms: number, data: string]>): string {
  return har([
    webSocket("ws://127.0.0.1:3000/socket.io/?EIO=4&transport=websocket", t0, [
      ["receive", t0, '0{"sid":"s1","upgrades":[],"pingInterval":25000,"pingTimeout":20000}'],
      ["send", t0 + 1, "40"],
      ["receive", t0 + 2, '40{"sid":"x"}'],
      ...messages,
    ]),
  ]);
}
