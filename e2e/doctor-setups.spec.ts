// The connection doctor against set-ups it got wrong before: a proxy in front, a bare HTTP server, nginx without
// the Upgrade headers, websocket-only servers, credentials and CORS, TLS to a plain server, a v2 server under auto,
// and a python server with a small packet limit. Each asserts the headline, the fix, and no wrong advice.
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "@playwright/test";
import { Server } from "socket.io";
import ServerV2 from "socket.io-v2";
import { startInspectProxy } from "../src/server/local-server";
import { connect, expect, openInspector, rows, test } from "./support/fixtures";
import { startNginx } from "./support/nginx";
import { startPythonServer } from "./support/python-server";

const listen = (http: HttpServer) =>
  new Promise<string>((r) =>
    http.listen(0, "127.0.0.1", () => r(`http://127.0.0.1:${(http.address() as AddressInfo).port}`)),
  );
const doctor = (page: Page) => page.getByRole("region", { name: "Connection doctor" });
const finding = (page: Page, title: string | RegExp) => doctor(page).getByRole("article", { name: title });
const openFindings = (page: Page) => doctor(page).locator("article:not([data-resolved])");
const connectButton = (page: Page) =>
  page.getByRole("form", { name: "Connection" }).getByRole("button", { name: /^(Connect|Reconnect)$/ });
async function noWrongAdvice(page: Page, ...wrong: RegExp[]) {
  for (const text of wrong) await expect(doctor(page)).not.toContainText(text);
}
/** Clicks Run checks and resolves once that check has run to its end (the panel counts the checks finished). */
async function runChecks(page: Page): Promise<void> {
  const finished = async () => Number(await doctor(page).getAttribute("data-checks-finished"));
  const before = await finished();
  await doctor(page).getByRole("button", { name: "Run checks" }).click();
  await expect.poll(finished).toBe(before + 1);
}
const only = async (page: Page, transport: "polling" | "websocket") => {
  const other = transport === "polling" ? "websocket" : "polling";
  await page.getByRole("checkbox", { name: other }).uncheck();
};

test("through the same-origin proxy, Run checks on an open connection goes the proxy's way and never contradicts it", async ({
  page,
}) => {
  const http = createServer();
  const io = new Server(http);
  const target = await listen(http);
  const proxy = await startInspectProxy({ target, port: 0 });
  try {
    await page.goto(proxy.url);
    await connect(page);
    await runChecks(page);
    await expect(openFindings(page)).toHaveCount(0);
    await noWrongAdvice(page, /No Engine\.IO server/, /Set Path/, /403/);
  } finally {
    await proxy.close();
    io.close();
    http.closeAllConnections();
  }
});

test("a bare http.createServer() with socket.io on /realtime: requests elsewhere hang, and the doctor still finds the path", async ({
  page,
  inspector,
}) => {
  test.setTimeout(90_000);
  const http = createServer(); // no request handler: what is not Socket.IO's hangs
  const io = new Server(http, { path: "/realtime", cors: { origin: "*" } });
  const url = await listen(http);
  try {
    await openInspector(page, inspector, url);
    await connectButton(page).click();
    await expect(finding(page, "No Engine.IO server at /socket.io; there is one at /realtime")).toContainText(
      "Fix: Set Path to /realtime.",
      // 4 s of silence, then an HTTP probe that waits 5 s for an answer that never comes, then WebSockets.
      { timeout: 60_000 },
    );
    await noWrongAdvice(page, /the server hangs/i, /Could not check/);
  } finally {
    io.close();
    http.closeAllConnections();
  }
});

test("websocket only, behind an nginx that does not pass the Upgrade headers: the WebSocket is named, polling works there", async ({
  page,
  inspector,
}) => {
  test.setTimeout(60_000);
  const http = createServer();
  const io = new Server(http, { cors: { origin: "*" } });
  const target = await listen(http);
  const nginx = await startNginx(target, { upgrade: false });
  try {
    await openInspector(page, inspector, nginx.url);
    await only(page, "websocket");
    await connectButton(page).click();
    const f = finding(page, "The WebSocket to /socket.io fails, while polling there works");
    await expect(f).toContainText('proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection "upgrade"', {
      timeout: 30_000,
    });
    await expect(f).toContainText("Or tick polling: it works (checked).");
    await noWrongAdvice(page, /Nothing wrong/, /CORS/);
  } finally {
    nginx.stop();
    io.close();
    http.closeAllConnections();
  }
});

test("a websocket-only server and a page on polling only: Transport unknown, and the fix is to allow WebSocket", async ({
  page,
  inspector,
}) => {
  const http = createServer();
  const io = new Server(http, { transports: ["websocket"], cors: { origin: "*" } });
  const url = await listen(http);
  try {
    await openInspector(page, inspector, url);
    await only(page, "polling");
    await connectButton(page).click();
    const f = finding(page, /takes WebSocket only: HTTP 400 Transport unknown for polling/);
    await expect(f).toContainText("Fix: Tick websocket in the form");
    await noWrongAdvice(page, /allowRequest/);
  } finally {
    io.close();
    http.closeAllConnections();
  }
});

for (const [label, cors] of [
  ['origin "*" with credentials: true', { origin: "*", credentials: true }],
  ["the page's origin without credentials", "page"],
] as const) {
  test(`With credentials and a CORS of ${label}: credentials are named, not a missing Access-Control-Allow-Origin`, async ({
    page,
    inspector,
  }) => {
    const http = createServer();
    const origin = new URL(inspector).origin;
    const io = new Server(http, { cors: cors === "page" ? { origin } : cors });
    const url = await listen(http);
    try {
      await openInspector(page, inspector, url);
      await only(page, "polling");
      await page.getByRole("checkbox", { name: /With credentials/ }).check();
      await connectButton(page).click();
      const f = finding(page, "CORS: the server lets this page's origin in, but not with credentials");
      await expect(f).toContainText("untick With credentials");
      await expect(f).toContainText(`cors: { origin: "${origin}", credentials: true }`);
      await noWrongAdvice(page, /carry no Access-Control-Allow-Origin/);
    } finally {
      io.close();
      http.closeAllConnections();
    }
  });
}

test("https:// to a server that speaks plain http: named as such, not as nothing listening", async ({
  page,
  inspector,
}) => {
  const http = createServer();
  const io = new Server(http, { cors: { origin: "*" } });
  const url = await listen(http);
  const https = url.replace("http:", "https:");
  try {
    await openInspector(page, inspector, https);
    await connectButton(page).click();
    const f = finding(page, `${new URL(url).host} speaks plain http, not https`);
    await expect(f).toContainText(`Use ${url} as the server URL`);
    await noWrongAdvice(page, /Nothing is listening/);
  } finally {
    io.close();
    http.closeAllConnections();
  }
});

test("auto, websocket only, against socket.io 2: it connects in v2 with no finding, no v3/v4 label, no row advising protocol v2", async ({
  page,
  inspector,
}) => {
  const http = createServer();
  const io = ServerV2(http);
  const url = await listen(http);
  try {
    await openInspector(page, inspector, url);
    await only(page, "websocket");
    await connect(page);
    await expect(page.getByRole("status", { name: "Connection status" })).toContainText("Socket.IO v2");
    await expect(rows(page).filter({ hasText: "its WebSocket handshake was followed by the CONNECT" })).toHaveCount(1);
    // The doctor reads the records as they come; what it would say of the settings waits for its rules.
    await expect(doctor(page)).toHaveAttribute("data-rules-loaded");
    await expect(doctor(page).locator("article")).toHaveCount(0);
    await noWrongAdvice(page, /Node socket\.io 3\.x or 4\.0/, /Server version is set to v3/);
    await expect(rows(page).filter({ hasText: "connect with protocol v2" })).toHaveCount(0);
  } finally {
    io.close();
    http.closeAllConnections();
  }
});

test("python-socketio with a 1 KB packet limit: a drop right after a 2 KB emit is tied to it, as possibly over the limit", async ({
  page,
  inspector,
}) => {
  const python = await startPythonServer("small");
  try {
    await openInspector(page, inspector, python.url);
    await only(page, "websocket");
    await connect(page);
    await page.getByLabel("Event name").fill("echo");
    await page.getByLabel("Expect ack").uncheck();
    await page.getByLabel("Argument 1", { exact: true }).fill("x".repeat(2048));
    await page.getByRole("button", { name: "Emit", exact: true }).click();
    const f = finding(page, /after a 2\.0 KB emit: possibly over its size limit/);
    await expect(f).toContainText("max_http_buffer_size");
    await noWrongAdvice(page, /^The transport was closed/, /A server restart, a network change/);
  } finally {
    python.close();
  }
});
