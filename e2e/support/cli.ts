// The command-line tool as a user starts it (the built bin, a child process), for the commands that keep running
// (serve, open): resolved once it prints the inspector's address.
import { spawn, type ChildProcess } from "node:child_process";

export interface RunningCli {
  child: ChildProcess;
  /** What it printed up to its address. */
  output: string;
  /** The address it printed, with its token (and, for `open`, the link's fragment). */
  url: string;
  /** Stops it as Ctrl+C does, and waits for it to end. */
  stop(): Promise<void>;
}

export function startCli(args: string[]): Promise<RunningCli> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["bin/socketio-inspector.mjs", ...args]);
    let output = "";
    const ended = new Promise<void>((done) => child.once("exit", () => done()));
    const stop = async () => {
      if (child.exitCode === null) child.kill("SIGINT");
      await ended;
    };
    child.stdout.on("data", (d: Buffer) => {
      output += d.toString();
      const url = /inspector: (\S+)/.exec(output)?.[1];
      if (url) resolve({ child, output, url, stop });
    });
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("exit", (code) => reject(new Error(`${args[0]} exited with ${code}: ${output}`)));
  });
}
