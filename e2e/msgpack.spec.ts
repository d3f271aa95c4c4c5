import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";
import * as msgpackParser from "socket.io-msgpack-parser";
import { connect, eventRow, expect, openInspector, rows, test } from "./support/fixtures";

test("the msgpack parser, chosen in the form and kept in presets: binary and dates shown as they are", async ({
  page,
  inspector,
}) => {
  const http = createServer();
  const io = new Server(http, { cors: { origin: true }, parser: msgpackParser });
  io.on("connection", (socket) => {
    socket.emit("typed", { at: new Date("2026-11-25T12:34:56.789Z"), bytes: Buffer.from([0xca, 0xfe, 0xba, 0xbe]) });
    socket.on("echo", (v: unknown, ack: (v: unknown) => void) => ack(v));
  });
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", () => r()));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  try {
    await openInspector(page, inspector, url);
    await page.getByLabel("Parser").selectOption("msgpack");
    await connect(page);
    const typed = eventRow(page, "typed", "in");
    await expect(typed).toContainText("at: 2026-11-25T12:34:56.789Z");
    await expect(typed).toContainText("bytes: <binary 4 B>");
    await typed.click();
    const detail = page.getByRole("complementary", { name: "Row detail" });
    await expect(detail).toContainText("Date 2026-11-25T12:34:56.789Z");
    await detail.getByRole("button", { name: /bytes: binary 4 B/ }).click();
    await expect(detail.getByLabel("Binary, 4 bytes")).toContainText("ca fe ba be");
    // An ack round trip through msgpack.
    await page.getByLabel("Event name").fill("echo");
    await page.getByRole("button", { name: "Emit", exact: true }).click();
    await expect(eventRow(page, "echo", "out").locator(".c-reply")).toHaveText(/^ack /);
    // Kept in a preset.
    await page.getByLabel("Preset name").fill("msgpack server");
    await page.getByRole("button", { name: "Save as new" }).click();
    await page.reload();
    await page.getByLabel("Preset", { exact: true }).selectOption("msgpack server");
    await page.getByRole("button", { name: "Load", exact: true }).click();
    await expect(page.getByLabel("Parser")).toHaveValue("msgpack");
    // With the default parser the server cannot read our CONNECT and closes the transport: the timeline shows
    // the loop as it is, and no namespace connects.
    await page.getByLabel("Parser").selectOption("default");
    await page.getByRole("button", { name: "Connect", exact: true }).click();
    await expect(rows(page).filter({ hasText: "transport closed by the server" }).first()).toBeAttached();
    await expect(page.getByRole("listitem", { name: "Namespace /", exact: true })).toContainText("disconnected");
  } finally {
    io.close();
    http.closeAllConnections();
  }
});

test("a msgpack timestamp out of the Date range shows as a row with its raw value, and nothing around it is lost", async ({
  page,
  inspector,
}, testInfo) => {
  const http = createServer();
  const io = new Server(http, { cors: { origin: true }, parser: msgpackParser });
  // What notepack writes for { at: new Date(0) }, with the 8 bytes of milliseconds set to 9.2e18 by hand (no Date
  // can hold that: a server in another language can send it).
  const encoded = (
    new msgpackParser.Encoder().encode({
      type: 2,
      nsp: "/",
      data: ["when", { at: new Date(0) }],
    } as never) as unknown as Buffer[]
  )[0] as Buffer;
  const at = encoded.findIndex((b, i) => b === 0xd7 && encoded[i + 1] === 0x00);
  encoded.writeBigInt64BE(9_200_000_000_000_000_000n, at + 2);
  io.on("connection", (socket) => {
    socket.emit("before", 1);
    socket.conn.write(encoded);
    socket.emit("after", 2);
  });
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", () => r()));
  try {
    await openInspector(page, inspector, `http://127.0.0.1:${(http.address() as AddressInfo).port}`);
    await page.getByLabel("Parser").selectOption("msgpack");
    await connect(page);
    await expect(eventRow(page, "before", "in")).toHaveCount(1);
    const when = eventRow(page, "when", "in");
    await expect(when).toContainText("Invalid Date (9200000000000000000 ms since 1970, out of range)");
    await expect(eventRow(page, "after", "in")).toHaveCount(1);
    await when.click();
    await expect(page.getByRole("complementary", { name: "Row detail" })).toContainText(
      "Date Invalid Date (9200000000000000000 ms since 1970, out of range)",
    );
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Export session" }).click(),
    ]);
    const file = testInfo.outputPath("session.ndjson");
    await download.saveAs(file);
    const events = readFileSync(file, "utf8")
      .trim()
      .split("\n")
      .slice(1)
      .map((line) => JSON.parse(line))
      .filter((r) => r.kind === "packet" && r.dir === "in" && r.type === "EVENT");
    expect(events.map((r) => r.event)).toEqual(["before", "when", "after"]);
    expect(JSON.stringify(events[1].args)).toContain('"millis":"9200000000000000000"');
  } finally {
    io.close();
    http.closeAllConnections();
  }
});

test("an event named by a map (msgpack permits it) shows as a row with the name as text; the events after it too", async ({
  page,
  inspector,
}) => {
  // Issue 31: a name whose toString is not a function threw "Cannot convert object to primitive value" and the event
  // never became a row.
  const http = createServer();
  const io = new Server(http, { cors: { origin: true }, parser: msgpackParser });
  io.on("connection", (socket) => {
    (socket.emit as (...a: unknown[]) => boolean)({ toString: 1, room: "a" }, "payload");
    socket.emit("after", 1);
  });
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", () => r()));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  try {
    await openInspector(page, inspector, url);
    await page.getByLabel("Parser").selectOption("msgpack");
    await connect(page);
    await expect(eventRow(page, "after", "in")).toHaveCount(1);
    await expect(eventRow(page, '{toString: 1, room: "a"}', "in")).toContainText('"payload"');
    // The composer suggests it as text, as any name seen.
    await expect(page.locator("#seen-events option[value='{toString: 1, room: \"a\"}']")).toBeAttached();
  } finally {
    io.close();
    http.closeAllConnections();
  }
});
