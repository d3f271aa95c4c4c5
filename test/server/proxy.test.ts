import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Server } from "socket.io";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startInspectProxy } from "../../src/server/local-server.js";
import { raw, WS_HEADERS as wsHeaders } from "../helpers/raw-request.js";
import { engineTargetProblem } from "../../src/server/guard.js";
import { ERROR_CODE_HEADER } from "../../src/server/static-files.js";
import { withCode } from "../helpers/codes.js";

interface Seen {
  url: string;
  headers: IncomingHttpHeaders;
}

/** A real socket.io server that also records every request it gets, on any path (and upgrades). */
async function recordingTarget() {
  const http = createServer((req, res) => res.writeHead(404).end("not here"));
  const io = new Server(http);
  io.on("connection", (socket) => socket.emit("secret", "for the user only"));
  const seen: Seen[] = [];
  const record = (req: { url?: string; headers: IncomingHttpHeaders }) =>
    seen.push({ url: req.url ?? "", headers: req.headers });
  http.prependListener("request", record);
  http.prependListener("upgrade", record);
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", () => r()));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return {
    url,
    seen,
    close: () =>
      new Promise<void>((r) => {
        io.close(() => r());
        http.closeAllConnections();
      }),
  };
}

const HANDSHAKE = "/socket.io/?EIO=4&transport=polling";
/** What a browser adds to the inspector's own polling GET: no Origin (same-origin GETs carry none), but this. */
const OWN_PAGE = { "sec-fetch-site": "same-origin", "sec-fetch-mode": "cors", "sec-fetch-dest": "empty" };

describe("the same-origin proxy serves its own page only", () => {
  let target: Awaited<ReturnType<typeof recordingTarget>>;
  let proxy: { url: string; origin: string; close(): Promise<void> };
  let port: number;
  let cookie: string;
  const page = mkdtempSync(join(tmpdir(), "inspector-page-"));
  writeFileSync(join(page, "index.html"), "<!doctype html><title>inspector</title>");

  beforeAll(async () => {
    target = await recordingTarget();
    proxy = await startInspectProxy({
      target: target.url,
      port: 0,
      headers: { Authorization: "Bearer s3cret" },
      root: page,
    });
    port = Number(new URL(proxy.origin).port);
    // The page's first load trades the token in its address for a cookie.
    const first = await raw(port, new URL(proxy.url).pathname + new URL(proxy.url).search);
    expect(first.status).toBe(302);
    const setCookie = String(first.headers["set-cookie"]);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    cookie = setCookie.split(";")[0] as string;
  });
  afterAll(async () => {
    await proxy.close();
    await target.close();
  });

  it("forwards its own page's polling and WebSocket requests, with the header, without its token, as the target's origin", async () => {
    const handshake = await raw(port, HANDSHAKE, { ...OWN_PAGE, cookie: `${cookie}; other=1` });
    expect(handshake.status).toBe(200);
    expect(handshake.body).toMatch(/^0\{"sid":/);
    const ws = await raw(port, "/socket.io/?EIO=4&transport=websocket", { ...wsHeaders, cookie, origin: proxy.origin });
    expect(ws.status).toBe(101);
    const forwarded = target.seen.filter((s) => s.url.startsWith("/socket.io/"));
    expect(forwarded.length).toBe(2);
    for (const s of forwarded) {
      expect(s.headers.authorization).toBe("Bearer s3cret");
      expect(String(s.headers.cookie ?? "")).not.toContain("sio-inspector-");
    }
    expect(forwarded[0]?.headers.cookie).toBe("other=1");
    expect(forwarded[1]?.headers.origin).toBe(target.url);
  });

  it("refuses a page on another origin: polling, a no-cors POST and the WebSocket get 403", async () => {
    const before = target.seen.length;
    for (const origin of ["http://evil.example", "http://127.0.0.1:8080", "null"]) {
      expect((await raw(port, HANDSHAKE, { cookie, origin })).status).toBe(403);
      expect(
        (await raw(port, `${HANDSHAKE}&sid=abc`, { cookie, origin, "content-type": "text/plain" }, "POST")).status,
      ).toBe(403);
      expect((await raw(port, "/socket.io/?EIO=4&transport=websocket", { ...wsHeaders, cookie, origin })).status).toBe(
        403,
      );
    }
    expect(target.seen.length).toBe(before);
  });

  it("refuses a page on another port of this host: its script, image, form and no-cors GETs carry the cookie but no Origin", async () => {
    const before = target.seen.length;
    for (const [dest, mode] of [
      ["script", "no-cors"],
      ["image", "no-cors"],
      ["document", "navigate"],
      ["empty", "no-cors"],
    ] as const) {
      const fetchMetadata = { "sec-fetch-site": "same-site", "sec-fetch-mode": mode, "sec-fetch-dest": dest };
      const answer = await raw(port, HANDSHAKE, { ...fetchMetadata, cookie });
      expect(answer.status, dest).toBe(403);
      expect(answer.headers[ERROR_CODE_HEADER]).toBe("cross-site-no-origin");
    }
    // A request with no Fetch Metadata at all (no browser sends that to a loopback origin) is refused too.
    expect((await raw(port, HANDSHAKE, { cookie })).headers[ERROR_CODE_HEADER]).toBe("no-origin-no-fetch-site");
    expect(target.seen.length).toBe(before);
  });

  it("refuses JSONP polling, even from its own page: the answer would be a script any page could run", async () => {
    const before = target.seen.length;
    const answer = await raw(port, `${HANDSHAKE}&j=0`, { ...OWN_PAGE, cookie });
    expect(answer.status).toBe(400);
    expect(answer.headers[ERROR_CODE_HEADER]).toBe("target-jsonp");
    expect(target.seen.length).toBe(before);
  });

  it("refuses requests without this run's token (another page can send no cookie, and cannot read the token)", async () => {
    const before = target.seen.length;
    expect((await raw(port, HANDSHAKE)).status).toBe(403);
    expect((await raw(port, HANDSHAKE, { cookie: "sio-inspector-1=wrong" })).status).toBe(403);
    expect(
      (await raw(port, "/socket.io/?EIO=4&transport=websocket", { ...wsHeaders, origin: proxy.origin })).status,
    ).toBe(403);
    expect((await raw(port, "/")).status).toBe(403);
    expect(target.seen.length).toBe(before);
  });

  it("refuses a forged Host (DNS rebinding), even with the token", async () => {
    const before = target.seen.length;
    for (const host of [`evil.example:${port}`, "evil.example", `127.0.0.1:${port + 1}`]) {
      expect((await raw(port, HANDSHAKE, { cookie, host })).status).toBe(403);
      expect(
        (
          await raw(port, "/socket.io/?EIO=4&transport=websocket", {
            ...wsHeaders,
            cookie,
            host,
            origin: `http://${host}`,
          })
        ).status,
      ).toBe(403);
    }
    expect((await raw(port, HANDSHAKE, { ...OWN_PAGE, cookie, host: `localhost:${port}` })).status).toBe(200);
    expect(target.seen.length).toBe(before + 1);
  });

  it("forwards only raw targets on the Engine.IO path: dot segments, encoded dots, absolute and scheme-relative forms get 400", async () => {
    const before = target.seen.length;
    for (const path of [
      "/admin/x/../../socket.io/?EIO=4&transport=polling",
      "/socket.io/../admin",
      "/socket.io/%2e%2e/admin",
      "/socket.io/..%2fadmin",
      "/socket.io//x",
      "/socket.io\\..\\admin",
      `${target.url}/socket.io/?EIO=4&transport=polling`,
      `//127.0.0.1:${new URL(target.url).port}/socket.io/?EIO=4&transport=polling`,
    ]) {
      const answer = await raw(port, path, { cookie });
      expect(answer.status, path).toBe(400);
    }
    expect((await raw(port, "/admin", { cookie })).status).toBe(404);
    expect(target.seen.length).toBe(before);
    // The header reached the target on the Engine.IO path only.
    const withHeader = target.seen.filter((s) => s.headers.authorization !== undefined);
    expect(withHeader.length).toBeGreaterThan(0);
    for (const s of withHeader) expect(s.url.startsWith("/socket.io/")).toBe(true);
  });
});

describe("startInspectProxy", () => {
  it("refuses a header it could not forward, naming it, instead of starting and dropping every request", async () => {
    await expect(
      startInspectProxy({ target: "http://127.0.0.1:9", port: 0, headers: { "X-Token": "\nabc" } }),
    ).rejects.toThrow(
      withCode("header-option-invalid", { cause: withCode("header-value-invalid", { name: "X-Token", at: 0 }) }),
    );
  });
});

describe("engineTargetProblem", () => {
  it("accepts the Engine.IO path and refuses everything that only looks like it", () => {
    expect(engineTargetProblem("/socket.io/?EIO=4&transport=polling", "/socket.io/")).toBeUndefined();
    expect(engineTargetProblem("/socket.io?EIO=4", "/socket.io/")).toBeUndefined();
    expect(engineTargetProblem("/socket.io/?x=/../..", "/socket.io/")).toBeUndefined(); // the query is not a path
    expect(engineTargetProblem("/socket.iox/", "/socket.io/")).toEqual(
      withCode("target-outside", { enginePath: "/socket.io/" }),
    );
    expect(engineTargetProblem("/other/", "/socket.io/")).toEqual(withCode("target-outside"));
    expect(engineTargetProblem("/socket.io/./", "/socket.io/")).toEqual(withCode("target-dot-segments"));
    expect(engineTargetProblem("/socket.io/%2E", "/socket.io/")).toEqual(withCode("target-encoded"));
    expect(engineTargetProblem("http://x/socket.io/", "/socket.io/")).toEqual(withCode("target-not-path"));
  });
});
