// A page's traffic as the DevTools protocol (CDP) tells it, made into a LiveCapture's input: the one reading of
// Network events that `watch` (over a debugging port) and the browser extension (over chrome.debugger) share.
// Polling requests are read when they complete (their bodies asked for with getResponseBody / getRequestPostData),
// WebSocket messages as they pass, and each main-frame navigation of a page becomes a note row (a reload keeps the
// rows before it). Framework-free: the caller brings the events and a way to send a command.
import type { NoteRecord } from "../feed/records.js";
import { problem, words } from "../shared/errors.js";
export { CDP_NETWORK_COMMANDS, CDP_NETWORK_EVENTS } from "./cdp-methods.js";
import { engineRequest, type LiveCapture } from "./live-capture.js";

/** Sends one CDP command to a page (`session`: which page, for a connection that holds several) and resolves with its result. */
export type CdpSend = (method: string, params: Record<string, unknown>, session: string) => Promise<unknown>;

/**
 * Polling requests waiting for their end at most: a page that never finishes its requests (or one whose end is
 * never told) must not grow this without bound. Past it, the oldest is let go (its body is not read).
 */
export const MAX_OPEN_REQUESTS = 1000;

interface OpenRequest {
  url: string;
  method: string;
  postData?: string;
}

type Params = Record<string, unknown>;

export class CdpNetworkCapture {
  private readonly requests = new Map<string, OpenRequest>();
  /** Each page's main-frame address, to tell a reload from a navigation elsewhere. */
  private readonly pages = new Map<string, string>();
  /** When each page last asked for a document: a navigation's own time (its frameNavigated event carries none). */
  private readonly documents = new Map<string, number>();
  /** Wall-clock ms minus the browser's monotonic ms, learnt from the first event that tells both. */
  private clockOffset: number | undefined;
  // One event after another, each finished before the next: a polling response's body is fetched (a round trip)
  // before the WebSocket that upgrades it is looked at, so that the two join into one connection.
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly capture: LiveCapture,
    private readonly send: CdpSend,
    private readonly now: () => number = Date.now,
  ) {}

  /** The commands that make a page tell its network and navigation events; send them once per page. */
  static enable(send: CdpSend, session: string): Promise<unknown> {
    return Promise.all([send("Network.enable", {}, session), send("Page.enable", {}, session)]);
  }

  /**
   * A page whose address is known before its events come (attached to a page already loaded): its next navigation
   * to the same address reads as a reload.
   */
  knownPage(session: string, url: string): void {
    this.pages.set(session, url);
  }

  /** Takes one event, in the order the browser told it (queued: see `queue`). Events not listed above are ignored. */
  event(method: string, params: Params, session = ""): void {
    this.queue = this.queue.then(() => this.handle(method, params, session)).catch(() => undefined);
  }

  /** Resolves once every event taken so far is read (its bodies fetched). */
  settled(): Promise<void> {
    return this.queue;
  }

  /** An event's time as wall-clock ms: the browser's own time of it where it says, else now. */
  private timeOf(p: Params): number {
    const monotonic = typeof p.timestamp === "number" ? p.timestamp * 1000 : undefined;
    if (monotonic !== undefined && this.clockOffset === undefined && typeof p.wallTime === "number")
      this.clockOffset = p.wallTime * 1000 - monotonic;
    return monotonic !== undefined && this.clockOffset !== undefined ? monotonic + this.clockOffset : this.now();
  }

  private async handle(method: string, p: Params, session: string): Promise<void> {
    const key = `${session} ${String(p.requestId)}`;
    switch (method) {
      case "Network.webSocketCreated":
        this.timeOf(p);
        this.capture.webSocket(key, String(p.url));
        return;
      case "Network.webSocketFrameSent":
      case "Network.webSocketFrameReceived": {
        const response = (p.response ?? {}) as { opcode?: number; payloadData?: string };
        this.capture.frame(
          key,
          method.endsWith("Sent") ? "out" : "in",
          this.timeOf(p),
          String(response.payloadData ?? ""),
          response.opcode === 2,
        );
        return;
      }
      case "Network.webSocketClosed":
        this.capture.closed(key, this.timeOf(p));
        return;
      case "Network.requestWillBeSent": {
        const t = this.timeOf(p);
        if (p.type === "Document") this.documents.set(session, t);
        const request = p.request as { url: string; method: string; postData?: string };
        if (engineRequest(request.url)?.transport !== "polling") return;
        // What the page sends is read as it leaves (its answers may come back before the POST's own end).
        if (request.method === "POST") await this.body(session, String(p.requestId), request, t);
        else this.open(key, request);
        return;
      }
      case "Network.loadingFinished": {
        const request = this.requests.get(key);
        if (!request) return;
        this.requests.delete(key);
        await this.body(session, String(p.requestId), request, this.timeOf(p));
        return;
      }
      case "Network.loadingFailed":
        this.requests.delete(key);
        return;
      case "Page.frameNavigated":
        return this.navigated(p, session);
    }
  }

  private open(key: string, request: OpenRequest): void {
    this.requests.set(key, { url: request.url, method: request.method });
    if (this.requests.size > MAX_OPEN_REQUESTS) this.requests.delete(this.requests.keys().next().value as string);
  }

  private async body(session: string, requestId: string, request: OpenRequest, t: number): Promise<void> {
    try {
      if (request.method === "POST") {
        const sent =
          request.postData ??
          ((await this.send("Network.getRequestPostData", { requestId }, session)) as { postData?: string })?.postData;
        if (sent !== undefined) this.capture.polling(request.url, "POST", t, sent, false);
        return;
      }
      const got = (await this.send("Network.getResponseBody", { requestId }, session)) as {
        body: string;
        base64Encoded: boolean;
      };
      if (got) this.capture.polling(request.url, "GET", t, got.body, got.base64Encoded);
    } catch {
      // The page went away with its request: nothing to read.
    }
  }

  /** A page's main frame went somewhere: a note row, so that what came before stays and reads as before. */
  private navigated(p: Params, session: string): void {
    const frame = p.frame as { parentId?: string; url?: string; urlFragment?: string } | undefined;
    if (!frame || frame.parentId !== undefined || typeof frame.url !== "string") return;
    const url = frame.url + (frame.urlFragment ?? "");
    const before = this.pages.get(session);
    this.pages.set(session, url);
    const what =
      before === undefined
        ? problem("page-loaded", { url })
        : before === url
          ? problem("page-reloaded", { url })
          : problem("page-navigated", { from: before, url });
    const t = this.documents.get(session) ?? this.now();
    this.documents.delete(session);
    const note: Omit<NoteRecord, "seq"> = {
      kind: "note",
      t,
      topic: "page",
      text: words(what),
      code: what.code,
      params: what.params,
    };
    this.capture.note(note);
  }
}
