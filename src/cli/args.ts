import { headerProblem } from "../core/connection/config.js";
import { fail, InspectorError, problem, type ArgsOf, type ErrorCode, type Problem } from "../core/shared/errors.js";
import { isVariableName } from "../core/variables/template.js";

/**
 * The command line, read into options; a wrong one throws a UsageError that says what is wrong (its problem: the cli
 * family of the error table, or the problem of what refused the option). The command then exits 2.
 */
export class UsageError extends InspectorError {
  override name = "UsageError";
}

/** Throws the UsageError of a code. */
export function usage<C extends ErrorCode>(code: C, ...params: ArgsOf<C>): never {
  throw new UsageError(problem(code, ...params));
}

/** A problem as the UsageError that ends the command (a file the command was given that cannot be read). */
export const usageError = (why: Problem): UsageError => new UsageError(why);

export const USAGE = `socketio-inspector: the inspector in your browser, scenarios in Node

  socketio-inspector [options]
      Starts the local server on 127.0.0.1 and opens the inspector in a browser (where one can be opened). It prints
      the address with this run's token. The page can reach any server through it (Route: through the inspector's
      server): no CORS, and headers and cookies on every request, the WebSocket upgrade included.
      --port <n>             default: a free port
      --host <address>       default 127.0.0.1
      --no-open              print the address only

  socketio-inspector open <link> [options]
      Opens a share link made in any inspector (another run, another port, a colleague's): starts the local server
      as the command without arguments does, and opens the link's preset in it (nothing connects until you choose
      Use this preset). Quote the link in the shell: '...#preset=...'.
      --port <n>             default: a free port
      --host <address>       default 127.0.0.1
      --no-open              print the address only

  socketio-inspector run <file> [options]
      Runs the scenarios of a preset file (an inspector export, or one preset) in Node, step by step; exits 1
      when a step fails, 130 when interrupted (Ctrl+C), 2 on a bad file or option.
      --scenario <name>      only this scenario (repeatable)
      --preset <name>        only the scenarios of this preset
      --url <url>            the server, for every client (instead of the preset's)
      --header "Name: value" a header for every client, sent on polling and WebSocket alike (repeatable)
      --junit <file>         write a JUnit XML report
      --ndjson <file>        write the session (every record), as the inspector's Export session does
      --admin-password <p>   the password of the server's admin UI, for server steps (or $SOCKETIO_ADMIN_PASSWORD);
                             its namespace and user name come from the preset
      --env <file>           the values of the preset's {{variables}}: a Postman environment export, the inspector's
                             Export of environments, or presets that carry them
      --env-name <name>      the environment of that file to use (when it holds several)
      --var <name>=<value>   a variable's value, over the environment's (repeatable; --var token=$TOKEN in the shell)
      --env-from-process <NAME> or <name>=<NAME>
                             a variable's value from this process's environment, named explicitly (repeatable;
                             nothing is read from it otherwise); such values are secrets
                             Secrets (an environment's, and those from the process) never reach the terminal, JUnit or
                             the session file: each shows as {{name}}.

  socketio-inspector artillery <file> [options]
      Writes a scenario as an Artillery test script (its socketio engine), and says what did not translate.
      --scenario <name>      the scenario (default: the file's first)
      --url <url>            the server (instead of the preset's)
      --env <file>           environments for the preset's {{variables}}: each becomes one of Artillery's
                             config.environments (artillery run -e <name>); secrets are read from the runner's
                             environment ({{ $env.NAME }}), never written
      --env-name <name>      the environment whose values are the script's defaults (config.variables)
      --out <file>           where to write it (default: stdout)
      --duration <s>         the load phase's length, default 10
      --rate <n>             new virtual users per second, default 2

  socketio-inspector har <file> [options]
      Reads the Socket.IO traffic of a HAR file (Chromium's "Save all as HAR with content"): each connection, its
      events and acks, said in short; --ndjson writes it as a session file the inspector opens.
      --ndjson <file>        write the session
      --scenario <file>      write a preset whose scenario replays what the app did (its emits, the acks it got,
                             the events it received), to run with \`socketio-inspector run\`

  socketio-inspector watch <app-url> [options]
      Opens the app in Chromium and prints its Socket.IO traffic as it happens, decoded: events, acks, namespaces,
      whatever client library it bundles. Exits 1 when the page never connected to a Socket.IO server.
      --headless             no window
      --cdp <url>            watch the tabs of a Chrome started with --remote-debugging-port=<port> instead
      --for <s>              stop after this many seconds (default: Ctrl+C)
      --ndjson <file>        write the session
      --port <n>             the inspector page's port (it prints its address; default: a free port)

  socketio-inspector report <session.ndjson> [options]
      The shape of a recorded session, read line by line (a million records in bounded memory): events per second by
      namespace, event and client; ack latency per event (p50, p95, p99); the ping's round trip; each client's
      connection state, drops and recoveries.
      --html <file>          also write it as one HTML file with charts (no scripts, nothing fetched: opens offline)

  socketio-inspector report <a.ndjson> --compare <b.ndjson> [options]
      Compares two sessions: event counts, the events aligned in order (missing from b, extra in b, reordered, and
      payload differences by path for events that match), ack latency per event side by side.
      --markdown <file>      also write the comparison as Markdown

  socketio-inspector serve [options]
      The local server on a fixed port (in a clone, building the page first when its sources are newer).
      --port <n>             default 5173 (with --target: 5174)
      --host <address>       default 127.0.0.1
      --target <url>         also proxy the Engine.IO path to this server (same origin: no CORS; headers added)
      --path <path>          the Engine.IO path to proxy, default /socket.io
      --header "Name: value" a header the proxy adds for the target (repeatable)
`;

export interface RunOptions {
  command: "run";
  file: string;
  scenarios: string[];
  preset?: string;
  url?: string;
  headers: Array<{ name: string; value: string }>;
  junit?: string;
  ndjson?: string;
  /** The server view's password (server steps); the preset never holds it. */
  adminPassword?: string;
  /** A file of environments (Postman's, ours, or presets carrying them), and which of them. */
  env?: string;
  envName?: string;
  /** Values over the environment's, in the order given. */
  vars: Array<{ name: string; value: string }>;
  /** Variables read from the process environment: the variable's name, and the process variable's. */
  fromProcess: Array<{ name: string; from: string }>;
}

export interface ServeOptions {
  command: "serve";
  port?: number;
  /** Open the page in a browser once listening (the default command, on a desktop). */
  open: boolean;
  host: string;
  target?: string;
  path: string;
  headers: Array<{ name: string; value: string }>;
}

/** `open <link>`: the local server, as without a command, opened on a share link's preset. */
export interface OpenOptions {
  command: "open";
  /** The share link as given (any inspector's address, or its fragment alone). */
  link: string;
  serve: ServeOptions;
}

export interface ArtilleryOptions {
  command: "artillery";
  file: string;
  scenario?: string;
  url?: string;
  out?: string;
  env?: string;
  envName?: string;
  duration: number;
  rate: number;
}

export interface HarOptions {
  command: "har";
  file: string;
  ndjson?: string;
  scenario?: string;
}

export interface WatchOptions {
  command: "watch";
  /** The app to open (absent with --cdp: the tabs that are there). */
  url?: string;
  cdp?: string;
  headless: boolean;
  seconds?: number;
  ndjson?: string;
  /** The port of the local server that shows the traffic live. */
  port?: number;
}

export interface ReportOptions {
  command: "report";
  file: string;
  /** Write the figures as one self-contained HTML file. */
  html?: string;
  /** Compare with this session instead of reporting one. */
  compare?: string;
  /** With --compare: write the comparison as Markdown. */
  markdown?: string;
}

export type Options =
  | RunOptions
  | ServeOptions
  | OpenOptions
  | ArtilleryOptions
  | HarOptions
  | WatchOptions
  | ReportOptions
  | { command: "help" };

function header(text: string | undefined): { name: string; value: string } {
  const at = text?.indexOf(":") ?? -1;
  if (!text || at < 1) usage("header-option-form", { got: text ?? "" });
  // Checked before trimming: a line break at the start of a value is a mistake to name, not whitespace to drop.
  const name = text.slice(0, at).replace(/^[ \t]+|[ \t]+$/g, "");
  const value = text.slice(at + 1).replace(/^[ \t]+|[ \t]+$/g, "");
  const wrong = headerProblem(name, value);
  if (wrong) usage("header-option-invalid", { cause: wrong });
  return { name, value };
}

/** `--var name=value`: the value may hold `=` (only the first one splits). */
function varOption(text: string): { name: string; value: string } {
  const at = text.indexOf("=");
  if (at < 1) fail("var-option-invalid", { text });
  const name = text.slice(0, at);
  if (!isVariableName(name)) fail("variable-name-invalid", { where: "--var", name });
  return { name, value: text.slice(at + 1) };
}

/** `--env-from-process NAME` (the variable and the process variable alike) or `name=NAME`. */
function fromProcessOption(text: string): { name: string; from: string } {
  const at = text.indexOf("=");
  const name = at < 0 ? text : text.slice(0, at);
  const from = at < 0 ? text : text.slice(at + 1);
  if (!isVariableName(name)) fail("variable-name-invalid", { where: "--env-from-process", name });
  if (!/^[A-Za-z_]\w*$/.test(from)) fail("variable-name-invalid", { where: "--env-from-process", name: from });
  return { name, from };
}

export function parseArgs(argv: readonly string[]): Options {
  const [command, ...rest] = argv;
  const help = (a: string | undefined) => a === "help" || a === "--help" || a === "-h";
  if (help(command) || rest.some(help)) return { command: "help" };
  // No command (options only): the local server on a free port, opened in a browser.
  if (command === undefined || command.startsWith("--")) return readServe(argv, true);
  if (
    command !== "run" &&
    command !== "serve" &&
    command !== "open" &&
    command !== "artillery" &&
    command !== "har" &&
    command !== "watch" &&
    command !== "report"
  )
    usage("command-unknown", { command });
  if (command === "watch") return readWatch(rest);
  if (command === "serve") return readServe(rest, false);
  if (command === "open") return readOpen(rest);
  const values = new Map<string, string[]>();
  const positional: string[] = [];
  const known = {
    run: [
      "--scenario",
      "--preset",
      "--url",
      "--header",
      "--junit",
      "--ndjson",
      "--admin-password",
      "--env",
      "--env-name",
      "--var",
      "--env-from-process",
    ],
    artillery: ["--scenario", "--url", "--out", "--duration", "--rate", "--env", "--env-name"],
    har: ["--ndjson", "--scenario"],
    report: ["--html", "--compare", "--markdown"],
  }[command];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string;
    if (!arg.startsWith("--")) {
      positional.push(arg);
      continue;
    }
    if (!known.includes(arg)) usage("option-unknown", { command, option: arg });
    const value = rest[++i];
    if (value === undefined) usage("option-needs-value", { command, option: arg });
    values.set(arg, [...(values.get(arg) ?? []), value]);
  }
  const one = (name: string) => values.get(name)?.at(-1);
  const headers = (values.get("--header") ?? []).map(header);
  if (command === "run") {
    if (positional.length !== 1) usage("takes-one-file", { command });
    return {
      command,
      file: positional[0] as string,
      scenarios: values.get("--scenario") ?? [],
      ...(one("--preset") === undefined ? {} : { preset: one("--preset") }),
      ...(one("--url") === undefined ? {} : { url: one("--url") }),
      headers,
      ...(one("--junit") === undefined ? {} : { junit: one("--junit") }),
      ...(one("--ndjson") === undefined ? {} : { ndjson: one("--ndjson") }),
      ...(one("--admin-password") === undefined ? {} : { adminPassword: one("--admin-password") }),
      ...(one("--env") === undefined ? {} : { env: one("--env") }),
      ...(one("--env-name") === undefined ? {} : { envName: one("--env-name") }),
      vars: (values.get("--var") ?? []).map(varOption),
      fromProcess: (values.get("--env-from-process") ?? []).map(fromProcessOption),
    };
  }
  if (command === "har") {
    if (positional.length !== 1) usage("takes-one-file", { command });
    return {
      command,
      file: positional[0] as string,
      ...(one("--ndjson") === undefined ? {} : { ndjson: one("--ndjson") }),
      ...(one("--scenario") === undefined ? {} : { scenario: one("--scenario") }),
    };
  }
  if (command === "report") {
    if (positional.length !== 1) usage("report-takes-one-file");
    if (one("--compare") === undefined && one("--markdown") !== undefined) usage("report-markdown-needs-compare");
    if (one("--compare") !== undefined && one("--html") !== undefined) usage("report-html-not-with-compare");
    return {
      command,
      file: positional[0] as string,
      ...(one("--html") === undefined ? {} : { html: one("--html") }),
      ...(one("--compare") === undefined ? {} : { compare: one("--compare") }),
      ...(one("--markdown") === undefined ? {} : { markdown: one("--markdown") }),
    };
  }
  if (command === "artillery") {
    if (positional.length !== 1) usage("takes-one-file", { command });
    const count = (name: string, fallback: number) => {
      const v = one(name);
      if (v === undefined) return fallback;
      if (!/^\d{1,6}$/.test(v) || Number(v) === 0) usage("whole-number-above-zero", { option: name, got: v });
      return Number(v);
    };
    return {
      command,
      file: positional[0] as string,
      ...(one("--scenario") === undefined ? {} : { scenario: one("--scenario") }),
      ...(one("--url") === undefined ? {} : { url: one("--url") }),
      ...(one("--out") === undefined ? {} : { out: one("--out") }),
      ...(one("--env") === undefined ? {} : { env: one("--env") }),
      ...(one("--env-name") === undefined ? {} : { envName: one("--env-name") }),
      duration: count("--duration", 10),
      rate: count("--rate", 2),
    };
  }
  return usage("command-unknown", { command });
}

/** A port number, checked. */
function portOf(port: string): number {
  if (!/^\d{1,5}$/.test(port) || Number(port) > 65535) usage("port-invalid", { got: port });
  return Number(port);
}

/** The options of `watch`. */
function readWatch(args: readonly string[]): WatchOptions {
  let url: string | undefined;
  let headless = false;
  const values = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === "--headless") headless = true;
    else if (arg === "--cdp" || arg === "--for" || arg === "--ndjson" || arg === "--port") {
      const value = args[++i];
      if (value === undefined) usage("option-needs-value", { command: "watch", option: arg });
      values.set(arg, value);
    } else if (arg.startsWith("--")) usage("option-unknown", { command: "watch", option: arg });
    else if (url === undefined) url = arg;
    else usage("watch-one-url", { got: arg });
  }
  if (url !== undefined && !/^https?:\/\//.test(url)) usage("watch-url-scheme", { url });
  if (url === undefined && !values.has("--cdp")) usage("watch-needs-url");
  const seconds = values.get("--for");
  if (seconds !== undefined && (!/^\d{1,6}$/.test(seconds) || Number(seconds) === 0))
    usage("seconds-invalid", { got: seconds });
  return {
    command: "watch",
    ...(url === undefined ? {} : { url }),
    ...(values.has("--cdp") ? { cdp: values.get("--cdp") } : {}),
    headless,
    ...(seconds === undefined ? {} : { seconds: Number(seconds) }),
    ...(values.has("--ndjson") ? { ndjson: values.get("--ndjson") } : {}),
    ...(values.has("--port") ? { port: portOf(values.get("--port") as string) } : {}),
  };
}

/** The options of `open <link>`: the link, then the options of the command without arguments. */
function readOpen(args: readonly string[]): OpenOptions {
  const links = args.filter((a, i) => !a.startsWith("--") && !["--port", "--host"].includes(args[i - 1] ?? ""));
  if (links.length !== 1) usage("open-takes-one-link");
  const link = links[0] as string;
  return {
    command: "open",
    link,
    serve: readServe(
      args.filter((a) => a !== link),
      true,
      "open",
    ),
  };
}

/** The options of the local server: `serve`, or no command at all (`open`: a free port and a browser). */
function readServe(args: readonly string[], open: boolean, name = open ? "socketio-inspector" : "serve"): ServeOptions {
  const known = open ? ["--port", "--host"] : ["--port", "--host", "--target", "--path", "--header"];
  const values = new Map<string, string[]>();
  let noOpen = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === "--no-open") {
      noOpen = true;
      continue;
    }
    if (!arg.startsWith("--")) usage("takes-no-file", { command: name, got: arg });
    if (!known.includes(arg)) usage("option-unknown", { command: name, option: arg });
    const value = args[++i];
    if (value === undefined) usage("option-needs-value", { command: name, option: arg });
    values.set(arg, [...(values.get(arg) ?? []), value]);
  }
  const one = (key: string) => values.get(key)?.at(-1);
  const port = one("--port");
  if (port !== undefined && (!/^\d{1,5}$/.test(port) || Number(port) > 65535)) usage("port-invalid", { got: port });
  return {
    command: "serve",
    ...(port === undefined ? (open ? { port: 0 } : {}) : { port: Number(port) }),
    open: open && !noOpen,
    host: one("--host") ?? "127.0.0.1",
    ...(one("--target") === undefined ? {} : { target: one("--target") }),
    path: one("--path") ?? "/socket.io",
    headers: (values.get("--header") ?? []).map(header),
  };
}
