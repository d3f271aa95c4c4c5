import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, waitForPort } from "./cluster";

/**
 * A real nginx in front of one server, as a reverse proxy is often set up. `upgrade: false` leaves out the lines
 * that pass a WebSocket's Upgrade and Connection headers (a common mistake: polling works, WebSocket does not).
 */
export async function startNginx(target: string, { upgrade }: { upgrade: boolean }) {
  const dir = mkdtempSync(join(tmpdir(), "sio-nginx-"));
  const port = await freePort();
  const upgradeLines = upgrade
    ? 'proxy_http_version 1.1; proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection "upgrade";'
    : "";
  writeFileSync(
    join(dir, "nginx.conf"),
    `daemon off; master_process off; worker_processes 1; user root; error_log ${dir}/error.log; pid ${dir}/nginx.pid;
events { worker_connections 64; }
http { access_log off; client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fastcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  server { listen 127.0.0.1:${port}; location / { proxy_pass ${target}; ${upgradeLines} proxy_set_header Host $host; } }
}`,
  );
  const nginx = spawn("nginx", ["-p", dir, "-c", join(dir, "nginx.conf")], { stdio: ["ignore", "inherit", "inherit"] });
  await waitForPort(port, "nginx");
  return { url: `http://127.0.0.1:${port}`, stop: () => nginx.kill("SIGTERM") };
}
