// socketio-inspector: the command-line tool (package.json "bin"). Built into dist/cli by scripts/build-cli.mjs.
import { artilleryCommand } from "./artillery-command.js";
import { harCommand } from "./har-command.js";
import { openCommand } from "./open-command.js";
import { watchCommand } from "./watch-command.js";
import { parseArgs, USAGE, UsageError } from "./args.js";
import { reportCommand } from "./report-command.js";
import { runCommand } from "./run-command.js";
import { packageRoot, serveCommand } from "./serve-command.js";
import { streamOutput } from "./terminal.js";

// Output piped into a reader that stops early (`| head`): leave quietly with the code of a broken pipe (128 + 13).
for (const stream of [process.stdout, process.stderr])
  stream.on("error", (err: NodeJS.ErrnoException) => (err.code === "EPIPE" ? process.exit(141) : undefined));

// Colours on a terminal unless NO_COLOR is set; FORCE_COLOR asks for them anywhere (a CI log that shows them).
const color = !process.env.NO_COLOR && (!!process.stdout.isTTY || !!process.env.FORCE_COLOR);
const output = streamOutput(process.stdout, process.stderr, color);

async function main(argv: string[]): Promise<number> {
  const options = parseArgs(argv);
  if (options.command === "help") {
    for (const line of USAGE.split("\n")) output.out(line);
    return 0;
  }
  if (options.command === "artillery") return artilleryCommand(options, output);
  if (options.command === "har") return harCommand(options, output);
  if (options.command === "report") return reportCommand(options, output);
  if (options.command === "watch") {
    const stop = new AbortController();
    process.once("SIGINT", () => stop.abort());
    process.once("SIGTERM", () => stop.abort());
    return watchCommand(options, output, stop.signal);
  }
  if (options.command === "serve" || options.command === "open") {
    const close =
      options.command === "open"
        ? await openCommand(options, output, packageRoot())
        : await serveCommand(options, output, packageRoot());
    await new Promise<void>((resolve) => process.once("SIGINT", () => void close().then(resolve)));
    return 0;
  }
  // Ctrl+C ends the step that runs, reports what ran (and writes the reports); a second one leaves at once.
  const controller = new AbortController();
  process.once("SIGINT", () => {
    output.err("Interrupted: finishing the report (Ctrl+C again to leave now)");
    controller.abort();
    process.once("SIGINT", () => process.exit(130));
  });
  process.once("SIGTERM", () => controller.abort());
  return runCommand(options, output, controller.signal);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // Nothing is left to wait for: sockets were closed; timers of closed clients must not hold the exit.
    setTimeout(() => process.exit(code), 200).unref();
  },
  (err: Error) => {
    output.err(`socketio-inspector: ${err.message}`);
    if (err instanceof UsageError) output.err("(socketio-inspector help: the commands and options)");
    process.exit(2);
  },
);
