// Raw HTTP requests to a local server: the target, Host and Origin exactly as given, as a hostile page or a
// rebound name would send them, and the WebSocket upgrade's answer read without a WebSocket client.
import { request, type IncomingHttpHeaders } from "node:http";

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A raw request: the target, Host and Origin exactly as given (as a hostile page or a rebound name would send them). */
export function raw(
  port: number,
  path: string,
  headers: Record<string, string> = {},
  method = "GET",
  body = "1:6",
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, method, headers: { host: `127.0.0.1:${port}`, ...headers } });
    req.on("response", (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    // A 101 answer: the upgrade went through.
    req.on("upgrade", (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode ?? 0, headers: res.headers, body: "" });
    });
    req.on("error", reject);
    req.end(method === "POST" ? body : undefined);
  });
}

/** The headers of a WebSocket upgrade (any key: the answer is read, no frame is sent). */
export const WS_HEADERS = {
  connection: "Upgrade",
  upgrade: "websocket",
  "sec-websocket-version": "13",
  "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ==",
};
