import { createReadStream, statSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { HarError, readHar } from "../core/capture/har.js";
import { scenarioFromCapture } from "../core/capture/to-scenario.js";
import { defaultConfig } from "../core/connection/config.js";
import { presetFrom } from "../core/presets/format.js";
import { encodeSession, MAX_SESSION_BYTES } from "../core/feed/session-file.js";
import type { HarOptions } from "./args.js";
import { UsageError } from "./args.js";
import type { Output } from "./terminal.js";

/** Files bigger than this tell how far reading has come (a line per tenth, on standard error). */
const PROGRESS_FROM_BYTES = 20 * 1024 * 1024;

/** `har <file>`: each Socket.IO connection of a HAR, in short; --ndjson writes the session file. */
export async function harCommand(options: HarOptions, o: Output): Promise<number> {
  const size = statSync(options.file, { throwIfNoEntry: false })?.size;
  if (size === undefined) throw new UsageError(`no file ${options.file}`);
  if (size > MAX_SESSION_BYTES)
    throw new UsageError(
      `${options.file} is ${Math.round(size / 1024 / 1024)} MB: over the limit of ${MAX_SESSION_BYTES / 1024 / 1024} MB`,
    );
  let capture;
  try {
    // Read as a stream: a 200 MB export is never one string; only its Engine.IO entries are kept.
    let told = 0;
    capture = await readHar(
      createReadStream(options.file, { encoding: "utf8", highWaterMark: 1 << 20 }),
      options.file,
      {
        size,
        onProgress: (phase, share) => {
          const tenth = Math.floor(share * 10);
          if (size < PROGRESS_FROM_BYTES || phase !== "read" || tenth <= told) return;
          told = tenth;
          o.err(`reading ${options.file}: ${tenth * 10}%`, "muted");
        },
      },
    );
  } catch (err) {
    if (err instanceof HarError) throw new UsageError(err.message);
    throw err;
  }
  for (const { name } of capture.connections) {
    const mine = capture.records.filter((r) => r.client === name);
    const events = mine.filter((r) => r.kind === "packet" && r.type.endsWith("EVENT")).length;
    const acks = mine.filter((r) => r.kind === "packet" && r.type.endsWith("ACK") && r.pair !== undefined).length;
    const undecoded = mine.filter((r) => r.kind === "note").length;
    const namespaces = [...new Set(mine.flatMap((r) => (r.kind === "packet" ? [r.nsp] : [])))];
    o.out(
      `${name}: ${events} events, ${acks} acks paired on ${namespaces.join(", ") || "no namespace"}` +
        (undecoded ? `, ${undecoded} frames not decoded` : ""),
    );
  }
  for (const p of capture.problems) o.err(`note: ${p}`);
  if (options.scenario) {
    const made = scenarioFromCapture(capture.records, `From ${basename(options.file)}`);
    const clients = made.clients.map((c) => {
      const where = capture.connections.find((x) => x.name === c.connection);
      const config = defaultConfig(where?.url ?? "http://localhost:3000");
      config.path = where?.path ?? "/socket.io";
      config.namespaces = (c.namespaces.length ? c.namespaces : ["/"]).map((nsp) => ({ nsp, auth: "" }));
      return { name: c.name, config };
    });
    const preset = presetFrom(made.scenario.name, clients, [], [made.scenario]);
    writeFileSync(options.scenario, `${JSON.stringify(preset, null, 2)}\n`);
    o.out(
      `scenario: ${options.scenario} (${made.scenario.steps.length} steps; run it: socketio-inspector run ${options.scenario})`,
    );
    for (const n of made.notes) o.err(`note: ${n}`);
  }
  if (options.ndjson) {
    writeFileSync(options.ndjson, encodeSession(capture.records));
    o.out(`session: ${options.ndjson} (${capture.records.length} records; open it in the inspector)`);
  }
  return 0;
}
