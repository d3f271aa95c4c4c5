import { startBenchServer } from "./support.mjs";
import { launchBrowser, startInspector } from "./browser.mjs";
import { readFileSync } from "node:fs";
const server = await startBenchServer();
const insp = await startInspector();
const b = await launchBrowser();
const page = await b.newPage();
page.on("console", (m) => console.log("console", m.text()));
const script = readFileSync("dist/client/socket.io.js", "utf8");
await page.route(`${insp.url}counter/**`, (route) => { console.log("route", route.request().url()); return route.request().url().endsWith(".js") ? route.fulfill({ contentType: "text/javascript", body: script }) : route.fulfill({ contentType: "text/html", body: '<!doctype html><script src="socket.io.js"></script><p>counting</p>' }); });
await page.goto(`${insp.url}counter/index.html`, { timeout: 10000 }).catch((e) => console.log("goto err", e.message));
console.log("loaded", await page.evaluate(() => typeof window.io));
const r = await page.evaluate(async (url) => {
  const main = window.io(url, { transports: ["websocket"] });
  const sockets = [main, ...["/a", "/b", "/c"].map((n) => main.io.socket(n))];
  return await new Promise((r) => { let n = 0; for (const s of sockets) { s.on("connect", () => ++n === 4 && r("all connected")); s.on("connect_error", (e) => r("err " + e.message)); } setTimeout(() => r("timeout " + n), 3000); });
}, server.url);
console.log(r);
await b.close(); server.stop(); await insp.close(); process.exit(0);
