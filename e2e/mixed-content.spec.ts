import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { expect, test } from "./support/fixtures";

/** The built inspector over https, with a throw-away self-signed certificate (openssl). */
async function httpsInspector() {
  const dir = mkdtempSync(join(tmpdir(), "sio-tls-"));
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-days",
      "1",
      "-subj",
      "/CN=127.0.0.1",
      "-keyout",
      join(dir, "key.pem"),
      "-out",
      join(dir, "cert.pem"),
    ],
    { stdio: "ignore" },
  );
  const root = join(process.cwd(), "dist/inspector");
  const types: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css" };
  const server = createServer(
    { key: readFileSync(join(dir, "key.pem")), cert: readFileSync(join(dir, "cert.pem")) },
    (req, res) => {
      const path = normalize(join(root, req.url === "/" || !req.url ? "index.html" : req.url.split("?")[0]!));
      if (!path.startsWith(root) || !existsSync(path)) return void res.writeHead(404).end();
      res
        .writeHead(200, { "content-type": types[extname(path)] ?? "application/octet-stream" })
        .end(readFileSync(path));
    },
  );
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  return { url: `https://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => server.close() };
}

test.use({ ignoreHTTPSErrors: true });

// Browsers treat loopback as a secure origin, so an https page may reach http://127.0.0.1: the doctor must not
// cry mixed content there (the finding for other hosts is covered by test/doctor.test.ts: this machine has no
// non-loopback server to point at).
test("an https page and an http server on loopback: it connects, and no false mixed-content finding", async ({
  page,
  demo,
}) => {
  const site = await httpsInspector();
  try {
    await page.goto(site.url);
    await page.getByLabel("Server URL").fill(demo.url);
    await page.getByRole("button", { name: "Connect", exact: true }).click();
    await expect(page.getByRole("listitem", { name: "Namespace /", exact: true })).toContainText("connected");
    expect(page.url().startsWith("https://")).toBe(true);
    await expect(
      page.getByRole("region", { name: "Connection doctor" }).getByRole("article", { name: /^Mixed content/ }),
    ).toHaveCount(0);
  } finally {
    site.close();
  }
});
