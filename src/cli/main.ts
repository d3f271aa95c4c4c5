// socketio-inspector: the command-line tool (package.json "bin"). Built into dist/cli by scripts/build-cli.mjs.
import { artilleryCommand } from "./artillery-command.js";
import { parseArgs, USAGE, UsageError } from "./args.js";
import { runCommand, type Output } from "./run-command.js";
import { packageRoot, serveCommand } from "./serve-command.js";

// Output piped into a reader that stops early (`| head`): leave quietly with the code of a broken pipe (128 + 13).
for (const stream of [process.stdout, process.stderr])
  stream.on("error", (err: NodeJS.ErrnoException) => (err.code === "EPIPE" ? process.exit(141) : undefined));

const output: Output = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  color: !!process.stdout.isTTY && !process.env.NO_COLOR,
};

async function main(argv: string[]): Promise<number> {
  const options = parseArgs(argv);
  if (options.command === "help") {
    output.out(USAGE);
    return 0;
  }
  if (options.command === "artillery") return artilleryCommand(options, output);
  if (options.command === "serve") {
    const close = await serveCommand(options, output, packageRoot());
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
