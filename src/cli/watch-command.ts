// `watch <app-url>`: opens the app in Chromium (or attaches to a Chrome started with --remote-debugging-port) and
// reads its Socket.IO traffic over the DevTools protocol as it happens: polling requests and WebSocket messages,
// decoded (core/capture) into the inspector's records, printed a line per event, and kept for --ndjson.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import WebSocket from "ws";
import { CdpNetworkCapture } from "../core/capture/cdp-network.js";
import { LiveCapture } from "../core/capture/live-capture.js";
import { TimeOrder } from "../core/capture/time-order.js";
import type { TimelineRecord } from "../core/feed/records.js";
import { sessionLines } from "../core/files/session-file.js";
import { DEFAULT_RECORD_BUDGET } from "../core/scenario/standalone-host.js";
import { BoundedList } from "../core/shared/bounded-list.js";
import { MB, recordBytes } from "../core/shared/size.js";
import { previewArgs } from "../core/shared/preview.js";
import { usage, type WatchOptions } from "./args.js";
import { InspectorError, problem, words } from "../core/shared/errors.js";
import type { Output } from "./terminal.js";
import { startLocalServer, type RunningLocalServer } from "../server/local-server.js";
import { WATCH_REPLAY_BYTES, WatchHub } from "../server/watch-hub.js";
import { writeLines } from "./line-files.js";
import { heapStopped, readHeap, recordBudgetFor, watchHeap, type HeapReading } from "./memory-watch.js";
import { builtInspector } from "../server/package-root.js";

/** Where a Chromium usually is: $CHROMIUM_PATH first. */
const BROWSERS = [
  process.env.CHROMIUM_PATH,
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
];

type Message = {
  id?: number;
  method?: string;
  params?: Record<string, unknown>;
  sessionId?: string;
  result?: unknown;
  error?: { message: string };
};

/** A DevTools protocol connection: commands with their answers, events to one listener. */
class Cdp {
  private next = 0;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  constructor(
    private readonly ws: WebSocket,
    onEvent: (m: Message) => void,
  ) {
    ws.on("message", (raw) => {
      const m = JSON.parse(String(raw)) as Message;
      if (m.id === undefined) return onEvent(m);
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (m.error) p?.reject(new Error(m.error.message));
      else p?.resolve(m.result);
    });
  }
  /** Calls back once the browser's end closes (the browser quit, or the attached Chrome went away). */
  onClose(listener: () => void): void {
    this.ws.once("close", listener);
  }
  static async open(url: string, onEvent: (m: Message) => void): Promise<Cdp> {
    const ws = new WebSocket(url, { perMessageDeflate: false, maxPayload: 256 * 1024 * 1024 });
    await new Promise<void>((resolve, reject) => {
      ws.once("open", () => resolve());
      ws.once("error", reject);
    });
    return new Cdp(ws, onEvent);
  }
  send<T = unknown>(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<T> {
    const id = ++this.next;
    this.ws.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    return new Promise<T>((resolve, reject) =>
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject }),
    );
  }
  close(): void {
    this.ws.close();
  }
}

/** Starts a Chromium with its DevTools endpoint; resolves with the browser's WebSocket URL. */
/** A Chromium the watch started: its process, its DevTools endpoint and its temporary profile. */
interface Launched {
  child: ChildProcess;
  ws: string;
  profile: string;
}

async function launch(headless: boolean): Promise<Launched> {
  const path = BROWSERS.find((p) => p && existsSync(p));
  if (!path) usage("chromium-missing");
  const profile = mkdtempSync(join(tmpdir(), "sio-watch-"));
  const args = [
    "--remote-debugging-port=0",
    `--user-data-dir=${profile}`,
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    ...(headless ? ["--headless=new"] : []),
    // Chromium refuses to run its sandbox as root (containers, CI).
    ...(process.getuid?.() === 0 ? ["--no-sandbox"] : []),
    "about:blank",
  ];
  const child = spawn(path, args, { stdio: ["ignore", "ignore", "pipe"] });
  const ws = await new Promise<string>((resolve, reject) => {
    let err = "";
    child.stderr?.on("data", (d: Buffer) => {
      err += d.toString();
      const found = /DevTools listening on (ws:\/\/\S+)/.exec(err)?.[1];
      if (found) resolve(found);
    });
    child.once("exit", (code) =>
      reject(new InspectorError(problem("chromium-exited", { code, stderr: err.slice(-300) }))),
    );
  });
  return { child, ws, profile };
}

/** The browser endpoint of a Chrome started with --remote-debugging-port, from its http address. */
async function endpointOf(cdp: string): Promise<string> {
  if (cdp.startsWith("ws")) return cdp;
  const answer = await fetch(new URL("/json/version", cdp)).catch((err: Error) => {
    usage("cdp-not-answering", { cdp, message: err.message });
  });
  const body = (await answer.json()) as { webSocketDebuggerUrl?: string };
  if (!body.webSocketDebuggerUrl) usage("cdp-no-endpoint", { cdp });
  return body.webSocketDebuggerUrl;
}

/** A record in one line, for the terminal: events, acks, and what happened to the connection. */
function line(r: TimelineRecord): string | undefined {
  const who = r.client ?? "";
  if (r.kind === "handshake") return `${who}: Engine.IO ${r.eio} handshake over ${r.transport}`;
  if (r.kind === "upgrade") return `${who}: upgraded to ${r.transport}`;
  if (r.kind === "note") return who ? `${who}: ${r.text}` : r.text;
  if (r.kind !== "packet") return undefined;
  const arrow = r.dir === "out" ? "→" : "←";
  if (r.type.endsWith("EVENT")) return `${who} ${arrow} ${r.nsp} “${r.event ?? ""}” ${previewArgs(r.args, 120)}`;
  if (r.type.endsWith("ACK"))
    return `${who} ${arrow} ${r.nsp} ack #${r.ackId ?? ""}${r.latency === undefined ? "" : ` (${Math.round(r.latency)} ms)`} ${previewArgs(r.args, 120)}`;
  return `${who} ${arrow} ${r.nsp} ${r.type}`;
}

/** What a watch keeps and shows: the records within a byte budget, and the inspector page that shows them live. */
interface Recording {
  budget: number;
  kept: BoundedList<TimelineRecord>;
  hub: WatchHub;
  page: RunningLocalServer;
  /** Puts the browser's records in the order of its times, then keeps, shows and prints them. */
  order: TimeOrder<TimelineRecord>;
}

async function startRecording(options: WatchOptions, o: Output): Promise<Recording> {
  // Within a budget of bytes, as run's records and the page's rows are: the oldest let go, and counted.
  const budget = recordBudgetFor(readHeap(), DEFAULT_RECORD_BUDGET);
  const kept = new BoundedList<TimelineRecord>(Number.POSITIVE_INFINITY, budget, recordBytes);
  // The inspector page, served by the local server, shows what is captured as it comes.
  const hub = new WatchHub(Math.min(WATCH_REPLAY_BYTES, budget));
  const page = await startLocalServer({ port: options.port ?? 0, root: builtInspector(), watch: hub });
  o.out(`inspector: ${page.url}  (the watched page's traffic, live)`);
  // Records in the order of the browser's times, not of its telling (see TimeOrder).
  const order = new TimeOrder<TimelineRecord>(
    (r) => {
      hub.push(r);
      if (options.ndjson) kept.push(r);
      const text = line(r);
      if (text) o.out(text);
    },
    { sizeOf: recordBytes },
  );
  return { budget, kept, hub, page, order };
}

/**
 * Attaches to every page of the browser, those there now and those to come, before they run (so that a first
 * handshake is seen), and hands their network events to the capture.
 */
class PageWatcher {
  /** The tabs being watched, by target id. */
  private readonly watched = new Set<string>();
  private cdp: Cdp | undefined;
  private readonly send = (method: string, params: Record<string, unknown>, session: string) =>
    this.cdp ? this.cdp.send(method, params, session) : Promise.reject(new InspectorError(problem("browser-gone")));
  /** The pages' network events, read by the same code as the browser extension's (core/capture/cdp-network.ts). */
  private readonly network: CdpNetworkCapture;

  constructor(capture: LiveCapture) {
    this.network = new CdpNetworkCapture(capture, this.send);
  }

  async open(endpoint: string): Promise<Cdp> {
    const cdp = await Cdp.open(endpoint, (m) => this.onEvent(m));
    this.cdp = cdp;
    await cdp.send("Target.setAutoAttach", { autoAttach: true, waitForDebuggerOnStart: true, flatten: true });
    const { targetInfos } = await cdp.send<{ targetInfos: Array<{ targetId: string; type: string }> }>(
      "Target.getTargets",
    );
    for (const t of targetInfos.filter((x) => x.type === "page"))
      await cdp.send("Target.attachToTarget", { targetId: t.targetId, flatten: true }).catch(() => undefined);
    return cdp;
  }

  close(): void {
    this.cdp?.close();
  }

  private onEvent(m: Message): void {
    if (m.method === "Target.attachedToTarget") return this.attached(m.params ?? {});
    if (m.method) this.network.event(m.method, m.params ?? {}, m.sessionId);
  }

  private attached(p: Record<string, unknown>): void {
    const info = p.targetInfo as { type?: string; targetId?: string };
    const id = p.sessionId as string;
    if (info.type !== "page") return;
    // A tab that was open before watch came is attached twice (auto-attach, then by hand): watched once.
    if (this.watched.has(String(info.targetId))) {
      void this.cdp?.send("Target.detachFromTarget", { sessionId: id }).catch(() => undefined);
      return;
    }
    this.watched.add(String(info.targetId));
    // Not awaited: the page waits for it, and its own events come meanwhile.
    void this.watchPage(id);
  }

  private async watchPage(session: string): Promise<void> {
    await CdpNetworkCapture.enable(this.send, session).catch(() => undefined);
    await this.cdp?.send("Runtime.runIfWaitingForDebugger", {}, session).catch(() => undefined);
  }
}

/** Resolves when --for seconds pass, the user stops, the heap guard stops, or the browser goes. */
function untilEnd(
  options: WatchOptions,
  stops: AbortSignal[],
  cdp: Cdp,
  launched: Launched | undefined,
): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = options.seconds ? setTimeout(resolve, options.seconds * 1000) : undefined;
    const stop = () => {
      clearTimeout(timer);
      resolve();
    };
    for (const signal of stops) signal.addEventListener("abort", stop, { once: true });
    launched?.child.once("exit", stop);
    cdp.onClose(stop);
  });
}

/** Stops the Chromium the watch started, then removes its profile once Chromium has let go of it. */
async function closeBrowser({ child, profile }: Launched): Promise<void> {
  if (child.exitCode === null) {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill();
    await exited;
  }
  try {
    rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  } catch {
    // left to the system's temporary folder: not an error
  }
}

function writeSession(file: string, { kept, budget }: Recording, o: Output): void {
  writeLines(file, sessionLines(kept.items));
  const left = kept.dropped
    ? `; the oldest ${kept.dropped} were left out to stay within ${Math.round(budget / MB)} MB`
    : "";
  o.out(`session: ${file} (${kept.items.length} records${left})`);
}

/**
 * `watch`: until --for seconds pass, the page (and with --cdp, the browser) closes, or Ctrl+C.
 * @returns 0 when the page spoke Socket.IO, 1 when it never connected to a Socket.IO server.
 */
export async function watchCommand(options: WatchOptions, o: Output, signal: AbortSignal): Promise<number> {
  const recording = await startRecording(options, o);
  const capture = new LiveCapture((r) => recording.order.push(r));
  // The last guard, for what no budget foresaw: the watch stops and writes what it kept rather than die.
  let outOfMemory: HeapReading | undefined;
  const heapStop = new AbortController();
  const unwatchHeap = watchHeap((reading) => {
    outOfMemory = reading;
    heapStop.abort();
  });
  const launched = options.cdp ? undefined : await launch(options.headless);
  const pages = new PageWatcher(capture);
  try {
    const cdp = await pages.open(launched?.ws ?? (await endpointOf(options.cdp as string)));
    if (options.url) await cdp.send("Target.createTarget", { url: options.url });
    o.out(
      `watching ${options.url ?? options.cdp}${options.seconds ? ` for ${options.seconds} s` : ""} (Ctrl+C to stop)`,
    );
    await untilEnd(options, [signal, heapStop.signal], cdp, launched);
  } finally {
    unwatchHeap();
    recording.order.flush();
    recording.hub.close();
    await recording.page.close();
    pages.close();
    if (launched) await closeBrowser(launched);
  }
  if (outOfMemory) o.err(words(heapStopped("watch", outOfMemory)));
  if (options.ndjson) writeSession(options.ndjson, recording, o);
  if (outOfMemory) return 1;
  if (capture.connectionCount === 0) {
    o.err(words(problem("watch-never-connected")));
    return 1;
  }
  return 0;
}
