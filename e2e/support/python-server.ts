import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

/** Debian's python3, where python3-socketio and python3-aiohttp are installed (.ci/run installs them when missing). */
const PYTHON = process.env.PYTHON_SOCKETIO ?? "/usr/bin/python3";

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Starts a real python-socketio server (e2e/support/python_server.py); resolves once it listens. */
export async function startPythonServer(mode: "default" | "cors" | "small"): Promise<{ url: string; close(): void }> {
  const port = await freePort();
  const child = spawn(PYTHON, [fileURLToPath(new URL("./python_server.py", import.meta.url)), String(port), mode], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let errors = "";
  child.stderr.on("data", (d) => (errors += d));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (d) => String(d).includes("ready") && resolve());
    child.on("exit", (code) => reject(new Error(`python-socketio server exited (${code}): ${errors}`)));
  });
  return { url: `http://127.0.0.1:${port}`, close: () => child.kill() };
}
