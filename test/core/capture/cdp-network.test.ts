// The DevTools protocol's Network events made into records (what `watch` and the browser extension share), read
// from a real Chromium over a CDP session while a page on the official client talks to a real socket.io server.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type CDPSession, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { CDP_NETWORK_EVENTS, CdpNetworkCapture, MAX_OPEN_REQUESTS } from "../../../src/core/capture/cdp-network.js";
import { LiveCapture } from "../../../src/core/capture/live-capture.js";
import type { TimelineRecord } from "../../../src/core/feed/records.js";
import { CHROMIUM_ARGS, chromiumExecutable } from "../../../scripts/chromium.mjs";
import { serverSockets, startServer, waitFor, type TestServer } from "../../helpers/server.js";
import { problem } from "../../../src/core/shared/errors.js";

const CLIENT = readFileSync(
  fileURLToPath(new URL("../../../node_modules/socket.io-client/dist/socket.io.js", import.meta.url)),
);
/** Connects, emits `hello` with an ack once upgraded to WebSocket, and titles itself with the ack's answer. */
const APP = `<!doctype html><title>app</title><script src="/client.js"></script><script>
const socket = io({ reconnectionDelay: 100, randomizationFactor: 0 });
socket.on("connect", () => {
  const go = () => socket.emit("hello", { n: 1 }, (reply) => (document.title = "acked " + reply));
  if (socket.io.engine.transport.name === "websocket") go(); else socket.io.engine.once("upgrade", go);
});
</script>`;

let browser: Browser;
let server: TestServer;

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
  server = await startServer();
  server.io.on("connection", (socket) => socket.on("hello", (_x: unknown, ack: (v: string) => void) => ack("ok")));
  server.http.prependListener("request", (req, res) => {
    if (req.url === "/") res.writeHead(200, { "content-type": "text/html" }).end(APP);
    else if (req.url === "/client.js") res.writeHead(200, { "content-type": "text/javascript" }).end(CLIENT);
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A page watched over its own CDP session: every record the capture makes. */
async function watched(): Promise<{ page: Page; records: TimelineRecord[]; network: CdpNetworkCapture }> {
  const page = await browser.newPage();
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const records: TimelineRecord[] = [];
  const network = new CdpNetworkCapture(new LiveCapture((r) => records.push(r)), (method, params) =>
    cdp.send(method as "Network.enable", params),
  );
  for (const method of CDP_NETWORK_EVENTS)
    cdp.on(method, (params: Record<string, unknown>) => network.event(method, params));
  await CdpNetworkCapture.enable((method, params) => cdp.send(method as "Network.enable", params), "");
  return { page, records, network };
}

/** The notes' problems: their codes and params. */
const texts = (records: TimelineRecord[]) =>
  records.flatMap((r) => (r.kind === "note" ? [{ code: r.code, params: r.params }] : []));

describe("a page's traffic over the DevTools protocol", () => {
  test("polling, the upgrade and an acked emit; a reload is a note and keeps what came before; a cut WebSocket ends its connection", async () => {
    const { page, records, network } = await watched();
    await page.goto(server.url);
    await page.waitForFunction(() => document.title === "acked ok");
    await network.settled();
    const host = new URL(server.url).host;
    expect(texts(records)).toEqual([problem("page-loaded", { url: `${server.url}/` })]);
    const first = records.filter((r) => r.client === `${host}/socket.io #1`);
    expect(first.map((r) => r.kind)).toEqual(expect.arrayContaining(["handshake", "upgrading", "upgrade"]));
    const hello = first.find((r) => r.kind === "packet" && r.event === "hello");
    expect(hello).toMatchObject({ dir: "out", nsp: "/", args: [{ n: 1 }] });
    const ack = first.find((r) => r.kind === "packet" && r.type === "ACK");
    expect(ack).toMatchObject({ dir: "in", args: ["ok"], pair: hello?.seq });
    // Times are the browser's own, in wall-clock ms: the ack after its emit, both within this test's run.
    expect((ack as TimelineRecord).t).toBeGreaterThanOrEqual((hello as TimelineRecord).t);
    expect(Math.abs((hello as TimelineRecord).t - Date.now())).toBeLessThan(60_000);

    await page.reload();
    await page.waitForFunction(() => document.title === "acked ok");
    await waitFor(() => records.some((r) => r.client === `${host}/socket.io #2` && r.kind === "upgrade"), "#2");
    await network.settled();
    expect(texts(records)).toContainEqual(problem("page-reloaded", { url: `${server.url}/` }));
    // The note sits between the two pages' connections.
    const at = (p: (r: TimelineRecord) => boolean) => records.findIndex(p);
    const reloaded = at((r) => r.kind === "note" && r.code === "page-reloaded");
    expect(reloaded).toBeGreaterThan(at((r) => r === ack));
    expect(reloaded).toBeLessThan(at((r) => r.client === `${host}/socket.io #2`));
    // Its time is the reload's own (the page's document request), before the new page's first handshake.
    const handshake = records.find((r) => r.client === `${host}/socket.io #2` && r.kind === "handshake");
    expect((records[reloaded] as TimelineRecord).t).toBeLessThan((handshake as TimelineRecord).t);
    expect(records.filter((r) => r.kind === "packet" && r.event === "hello")).toHaveLength(2);

    // The server cuts the upgraded connection's WebSocket (no close packet): its connection's close row.
    await page.evaluate(() => (document.title = "cut"));
    for (const socket of serverSockets(server.io)) socket.conn.close();
    await page.waitForFunction(() => document.title === "acked ok");
    await network.settled();
    const closes = records.filter((r) => r.kind === "close" && r.client === `${host}/socket.io #2`);
    expect(closes).toMatchObject([{ reason: "the WebSocket closed without an Engine.IO close packet" }]);
    await page.close();
  });

  test("polling requests that never end are let go past the bound, oldest first", async () => {
    const asked: string[] = [];
    const network = new CdpNetworkCapture(new LiveCapture(() => undefined), async (_m, params) => {
      asked.push(String(params.requestId));
      return { body: "", base64Encoded: false };
    });
    const url = "http://app.test/socket.io/?EIO=4&transport=polling&sid=x";
    for (let i = 0; i <= MAX_OPEN_REQUESTS; i++)
      network.event("Network.requestWillBeSent", { requestId: `r${i}`, request: { url, method: "GET" } });
    network.event("Network.loadingFinished", { requestId: "r0" });
    network.event("Network.loadingFinished", { requestId: "r1" });
    network.event("Network.loadingFinished", { requestId: `r${MAX_OPEN_REQUESTS}` });
    await network.settled();
    expect(asked).toEqual(["r1", `r${MAX_OPEN_REQUESTS}`]);
  });
});
