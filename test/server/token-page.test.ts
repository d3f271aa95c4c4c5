// The local server's page without this run's token: where another run's share link lands. Static HTML under a CSP that
// allows its own script only; the request's address (the link) is never written into it.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalServer, type RunningLocalServer } from "../../src/server/local-server.js";
import { TOKEN_PAGE_SCRIPT } from "../../src/server/token-page.js";
import { raw } from "../helpers/raw-request.js";

const page = mkdtempSync(join(tmpdir(), "inspector-page-"));
writeFileSync(join(page, "index.html"), "<!doctype html><title>the inspector itself</title>");

let local: RunningLocalServer;
let port: number;
beforeAll(async () => {
  local = await startLocalServer({ root: page });
  port = Number(new URL(local.origin).port);
});
afterAll(() => local.close());

describe("the page without the token", () => {
  it("is a 403 in HTML that says how to get in, under a CSP that runs its own script and nothing else", async () => {
    for (const path of ["/", "/index.html", "/?token=wrong", "/?url=%3Cscript%3Ealert(1)%3C%2Fscript%3E"]) {
      const answer = await raw(port, path, { accept: "text/html" });
      expect(answer.status, path).toBe(403);
      expect(answer.headers["content-type"]).toBe("text/html; charset=utf-8");
      expect(answer.headers["content-security-policy"]).toContain("default-src 'none'; script-src 'self'");
      expect(answer.headers["x-content-type-options"]).toBe("nosniff");
      expect(answer.body).toContain("This address needs this run's token");
      expect(answer.body).toContain(`<script src="${TOKEN_PAGE_SCRIPT}" defer></script>`);
      // Static: nothing of the request is in it, and it is not the inspector's page.
      expect(answer.body).not.toContain("alert(1)");
      expect(answer.body).not.toContain("the inspector itself");
    }
  });

  it("its script is served to anyone (it holds nothing of the run), as JavaScript, and writes text only", async () => {
    const answer = await raw(port, TOKEN_PAGE_SCRIPT);
    expect(answer.status).toBe(200);
    expect(answer.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(answer.body).toContain("location.hash");
    expect(answer.body).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(/);
  });

  it("with the token, the address still opens the inspector", async () => {
    const first = await raw(port, new URL(local.url).pathname + new URL(local.url).search);
    expect(first.status).toBe(302);
    const cookie = String(first.headers["set-cookie"]).split(";")[0] as string;
    const answer = await raw(port, "/", { cookie });
    expect(answer.status).toBe(200);
    expect(answer.body).toContain("the inspector itself");
  });
});
