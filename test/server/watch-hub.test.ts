// What `watch` keeps for the inspector page: within a byte budget, the oldest let go and the page told how many; and
// a page that does not read is let go, so that the server does not hold what it cannot send.
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { TimelineRecord } from "../../src/core/feed/records.js";
import { MB } from "../../src/core/shared/size.js";
import { WatchHub } from "../../src/server/watch-hub.js";

/** An incoming event of `kb` KB of text, numbered n. */
const blob = (n: number, kb: number): TimelineRecord => ({
  kind: "packet",
  seq: n,
  t: 1_764_669_600_000 + n,
  dir: "in",
  nsp: "/",
  type: "EVENT",
  event: "blob",
  args: [n, "x".repeat(kb * 1024)],
  attachments: 0,
  client: "app #1",
});

let server: Server | undefined;
afterEach(() => {
  server?.closeAllConnections();
  server?.close();
  server = undefined;
});

/** Serves the hub's stream as the local server does (GET /_watch/events); the port. */
async function serve(hub: WatchHub): Promise<number> {
  server = createServer((_req, res) => hub.listen(res));
  await new Promise<void>((r) => server?.listen(0, "127.0.0.1", () => r()));
  return (server.address() as AddressInfo).port;
}

/** Reads a stream of server-sent events until `until` is in it. */
function readEvents(port: number, until: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path: "/" }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        text += chunk;
        if (text.includes(until)) {
          req.destroy();
          resolve(text);
        }
      });
    });
    req.on("error", reject);
    req.end();
  });
}

describe("what watch keeps for its page", () => {
  it("within its byte budget: 100 events of 50 KB kept within 1 MB, the oldest let go and counted", () => {
    const hub = new WatchHub(1 * MB);
    for (let n = 0; n < 100; n++) hub.push(blob(n, 50));
    const { kept, bytes, dropped } = hub.sizes;
    expect(bytes).toBeLessThanOrEqual(1 * MB);
    expect(kept + dropped).toBe(100);
    expect(dropped).toBeGreaterThan(70);
  });

  it("a page opened later is told first how many were let go, then gets the newest", async () => {
    const hub = new WatchHub(1 * MB);
    for (let n = 0; n < 100; n++) hub.push(blob(n, 50));
    const { dropped } = hub.sizes;
    const text = await readEvents(await serve(hub), '"args":[99,');
    const events = text.split("\n\n").filter(Boolean);
    expect(events[0]).toBe(`event: dropped\ndata: {"dropped":${dropped},"mb":1}`);
    expect(events[1]).toContain(`"args":[${dropped},`); // the oldest kept
    expect(events).toHaveLength(1 + 100 - dropped);
  });

  it("a page that does not read is let go once it is 1 MB behind: its stream ends, saying so", async () => {
    const hub = new WatchHub(64 * MB, 1 * MB);
    const port = await serve(hub);
    // A page that connects and then reads nothing: what is sent to it piles up in the server.
    const req = request({ host: "127.0.0.1", port, path: "/" });
    req.on("error", () => undefined); // the server ends it
    const answered = new Promise<import("node:http").IncomingMessage>((resolve) => req.on("response", resolve));
    req.end();
    await expect.poll(() => hub.sizes.pages).toBe(1);
    for (let n = 0; n < 400 && hub.sizes.pages === 1; n++) hub.push(blob(n, 100));
    expect(hub.sizes.pages).toBe(0);
    const page = await answered;
    // Read now, the stream ends with the event that tells the page it fell behind.
    let text = "";
    page.setEncoding("utf8");
    page.on("data", (chunk: string) => (text += chunk));
    page.resume();
    await new Promise((resolve) => page.on("end", resolve));
    expect(text.endsWith("event: behind\ndata: {}\n\n")).toBe(true);
  });
});
