import { createReadStream, statSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { HarError } from "../core/capture/har.js";
import { openRecordFile } from "../core/files/open-records.js";
import { scenarioFromCapture } from "../core/capture/to-scenario.js";
import { defaultConfig } from "../core/connection/config.js";
import { presetFrom } from "../core/presets/format.js";
import { MAX_SESSION_BYTES, sessionLines } from "../core/files/session-file.js";
import type { HarOptions } from "./args.js";
import { usage, usageError } from "./args.js";
import { words, type Problem } from "../core/shared/errors.js";
import { newTally, streamHar, tallyRecord, type ConnectionTally } from "./har-stream.js";
import { writeLines } from "./line-files.js";
import type { Output } from "./terminal.js";

/** Files bigger than this tell how far reading has come (a line per tenth, on standard error). */
const PROGRESS_FROM_BYTES = 20 * 1024 * 1024;

/** `har <file>`: each Socket.IO connection of a HAR, in short; --ndjson writes the session file. */
export async function harCommand(options: HarOptions, o: Output): Promise<number> {
  const size = statSync(options.file, { throwIfNoEntry: false })?.size;
  if (size === undefined) usage("file-missing", { file: options.file });
  if (size > MAX_SESSION_BYTES)
    usage("file-over-limit", {
      file: options.file,
      mb: Math.round(size / 1024 / 1024),
      maxMb: MAX_SESSION_BYTES / 1024 / 1024,
    });
  let told = 0;
  const onRead = (characters: number) => {
    const tenth = Math.floor(Math.min(1, characters / size) * 10);
    if (size < PROGRESS_FROM_BYTES || tenth <= told) return;
    told = tenth;
    o.err(`reading ${options.file}: ${tenth * 10}%`, "muted");
  };
  // Read as a stream: a 300 MB export is never one string.
  const chunks = () => createReadStream(options.file, { encoding: "utf8", highWaterMark: 1 << 20 });
  try {
    if (options.scenario) await withScenario(options, options.scenario, chunks(), onRead, size, o);
    else {
      // Decoded on disk: the memory it takes does not grow with the file (har-stream.ts).
      const streamed = await streamHar(chunks(), options.file, options.ndjson, { onRead });
      summarise(streamed.connections, streamed.problems, o);
      if (options.ndjson) o.out(sessionWritten(options.ndjson, streamed.records));
    }
  } catch (err) {
    if (err instanceof HarError) throw usageError(err.problem);
    throw err;
  }
  return 0;
}

/** A line per connection, then what could not be read. */
function summarise(
  connections: ReadonlyArray<{ name: string; tally: ConnectionTally }>,
  problems: readonly Problem[],
  o: Output,
) {
  for (const { name, tally } of connections)
    o.out(
      `${name}: ${tally.events} events, ${tally.acks} acks paired on ${[...tally.namespaces].join(", ") || "no namespace"}` +
        (tally.undecoded ? `, ${tally.undecoded} frames not decoded` : ""),
    );
  for (const p of problems) o.err(`note: ${words(p)}`);
}

const sessionWritten = (file: string, records: number) =>
  `session: ${file} (${records} records; open it in the inspector)`;

/**
 * `--scenario`: a scenario is made from the whole capture (its emits, their acks, the events received), so the
 * capture's records are kept in memory here, as the page keeps them.
 */
async function withScenario(
  options: HarOptions,
  scenarioFile: string,
  chunks: AsyncIterable<string>,
  onRead: (characters: number) => void,
  size: number,
  o: Output,
): Promise<void> {
  // Opened as the page opens a file (core/files/open-records.ts).
  const capture = await openRecordFile(chunks, options.file, { size, onProgress: (share) => onRead(share * size) });
  if (capture.kind !== "har") usage("session-not-har", { file: options.file });
  summarise(
    capture.connections.map(({ name }) => {
      const tally = newTally();
      for (const r of capture.records) if (r.client === name) tallyRecord(tally, r);
      return { name, tally };
    }),
    capture.problems,
    o,
  );
  const made = scenarioFromCapture(capture.records, `From ${basename(options.file)}`);
  const clients = made.clients.map((c) => {
    const where = capture.connections.find((x) => x.name === c.connection);
    const config = defaultConfig(where?.url ?? "http://localhost:3000");
    config.path = where?.path ?? "/socket.io";
    config.namespaces = (c.namespaces.length ? c.namespaces : ["/"]).map((nsp) => ({ nsp, auth: "" }));
    return { name: c.name, config };
  });
  const preset = presetFrom(made.scenario.name, clients, [], [made.scenario]);
  writeFileSync(scenarioFile, `${JSON.stringify(preset, null, 2)}\n`);
  o.out(
    `scenario: ${scenarioFile} (${made.scenario.steps.length} steps; run it: socketio-inspector run ${scenarioFile})`,
  );
  for (const n of made.notes) o.err(`note: ${words(n)}`);
  if (options.ndjson) {
    writeLines(options.ndjson, sessionLines(capture.records));
    o.out(sessionWritten(options.ndjson, capture.records.length));
  }
}
