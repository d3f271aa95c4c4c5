// `socketio-inspector serve`: the built inspector served as it is (no rebuild when the build is current), and with
// --target the same-origin proxy in front of a server.
import { spawn, type ChildProcess } from "node:child_process";
import { connect, expect, test } from "./support/fixtures";

/** Starts `serve` and resolves with what it printed once it gives the address. */
function serve(args: string[]): Promise<{ child: ChildProcess; output: string; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["bin/socketio-inspector.mjs", "serve", "--port", "0", ...args]);
    let output = "";
    child.stdout.on("data", (d: Buffer) => {
      output += d.toString();
      const url = /inspector: (\S+)/.exec(output)?.[1];
      if (url) resolve({ child, output, url });
    });
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("exit", (code) => reject(new Error(`serve exited with ${code}: ${output}`)));
  });
}

test("serve: the current build as it is; the page works", async ({ page }) => {
  const { child, output, url } = await serve([]);
  try {
    expect(output).toContain("The inspector's build is current: serving it as it is.");
    await page.goto(url);
    await expect(page.getByRole("heading", { name: "Socket.IO Inspector" })).toBeVisible();
  } finally {
    child.kill("SIGINT");
  }
});

test("serve --target: the proxy in front of the demo server; the page connects through it", async ({ page, demo }) => {
  const { child, url } = await serve(["--target", demo.url]);
  try {
    expect(url).toMatch(/\?token=/);
    await page.goto(url);
    await expect(page.getByLabel("Server URL")).toHaveValue(new URL(url).origin);
    await connect(page);
  } finally {
    child.kill("SIGINT");
  }
});
