// A socket.io 4 server set up as the relay exists for: WebSocket only, no CORS at all, and an allowRequest that wants
// an Authorization header and a cookie on the upgrade (a browser can put neither on a WebSocket). It answers `add`
// with the sum as its ack.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "@playwright/test";
import { Server } from "socket.io";

export async function guardedServer() {
  const http = createServer();
  const io = new Server(http, {
    transports: ["websocket"],
    allowRequest: (req, ok) =>
      ok(
        null,
        req.headers.authorization === "Bearer s3cret" && /(^|; )session=abc(;|$)/.test(req.headers.cookie ?? ""),
      ),
  });
  io.on("connection", (socket) => {
    socket.emit("hello", { origin: socket.request.headers.origin ?? null });
    socket.on("add", (a: number, b: number, ack: (sum: number) => void) => ack(a + b));
  });
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", () => r()));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    close: () => {
      io.close();
      http.closeAllConnections();
    },
  };
}

/** Fills the form for that server through the inspector's server: WebSocket only, the header and the cookie. */
export async function routeToGuardedServer(page: Page, url: string): Promise<void> {
  await page.getByLabel("Server URL").fill(url);
  await page.getByLabel("Route").selectOption("relay");
  await page.getByRole("checkbox", { name: "polling" }).uncheck();
  for (const [i, [name, value]] of [
    ["Authorization", "Bearer s3cret"],
    ["Cookie", "session=abc"],
  ].entries()) {
    await page.getByRole("button", { name: "Add header" }).click();
    await page.getByLabel(`Header name ${i + 1}`, { exact: true }).fill(name as string);
    await page.getByLabel(`Header value ${i + 1}`, { exact: true }).fill(value as string);
  }
}

/** Emits add(2, 40) with an ack from the composer. */
export async function emitAdd(page: Page): Promise<void> {
  await page.getByLabel("Event name").fill("add");
  await page.getByLabel("Argument 1 type").selectOption("number");
  await page.getByLabel("Argument 1", { exact: true }).fill("2");
  await page.getByRole("button", { name: "Add argument" }).click();
  await page.getByLabel("Argument 2 type").selectOption("number");
  await page.getByLabel("Argument 2", { exact: true }).fill("40");
  await page.getByRole("button", { name: "Emit", exact: true }).click();
}
