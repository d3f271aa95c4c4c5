import type { OwedAckHandle } from "../../../client/observe/records.js";
import { pageRelay } from "../../connection/relay.js";
import { rawMillis } from "../../shared/dates.js";
import { fail, problem, problemOf } from "../../shared/errors.js";
import type { ClientCommand, ClientReport, ClientState, MessageEnd, OwedState } from "./client-protocol.js";
import { LiveClient } from "../live-client.js";
import { toTaggedJson } from "../../files/tagged-json.js";
import type { TimelineRecord } from "../../feed/records.js";

/** Server emits awaiting an answer, kept per client: past this many the oldest is let go (as the observer does). */
const MAX_OWED = 10_000;
/** How deep the arguments are searched for binary to hand over rather than copy. */
const TRANSFER_DEPTH = 4;

interface Hosted {
  client: LiveClient;
  undo: () => void;
  /** Answers owed to the server, by the number their record went out with, and what the page was last told. */
  owed: Map<number, { handle: OwedAckHandle; told: OwedState }>;
  /** The state last sent, as JSON: a state is sent when it changes. */
  told: string;
  /** Whether to look at the owed answers again (the socket disconnected or connected since). */
  recheck: boolean;
  /** The client decodes msgpack, whose timestamps may be out of the range of a Date. */
  msgpack: boolean;
}

/**
 * The worker's side of the live clients: runs a LiveClient per client the page starts (the engine, the parser and
 * the observer, so that decoding is off the page's thread) and hands the page what happens in batches, a few ms
 * apart, in order: records (numbered by each client, in the page by its feed), each client's state when it changed,
 * ack replies, errors. Binary that arrived is handed over, not copied. Framework-free; a MessagePort works too.
 */
export class ClientHost {
  private readonly clients = new Map<number, Hosted>();
  private queue: ClientReport[] = [];
  private readonly transfer = new Set<ArrayBuffer>();
  private scheduled = false;
  private lastOwed = 0;

  constructor(
    private readonly end: MessageEnd,
    /** How long reports gather before they go (ms): a flood goes out in a few hundred messages a second at most. */
    private readonly gather = 4,
  ) {
    end.onmessage = (event) => this.take(event.data as ClientCommand);
  }

  private take(command: ClientCommand): void {
    try {
      this.run(command);
    } catch (err) {
      this.report({ type: "error", id: command.id, problem: problemOf(err) });
    }
    this.schedule();
  }

  private run(command: ClientCommand): void {
    if (command.op === "start") return this.start(command);
    const hosted = this.clients.get(command.id);
    if (!hosted) return; // disposed meanwhile: nothing to act on
    const client = hosted.client;
    switch (command.op) {
      case "open":
        return client.open(command.ns);
      case "close":
        return client.close(command.nsp);
      case "closeAll":
        return client.closeAll();
      case "drop":
        return client.dropTransport();
      case "rename":
        return client.rename(command.name);
      case "emit": {
        const { id, ack } = command;
        try {
          this.emit(client, command);
        } catch (err) {
          // Nothing was sent: the page's callback hears why, so that whoever waits for the reply (a scenario's
          // step) does not wait for ever.
          if (ack) this.report({ type: "reply", id, call: ack.call, args: [], err: problemOf(err) });
          throw err;
        }
        return;
      }
      case "answer":
        return this.answer(command.id, hosted, command.owed, command.args);
      case "dispose":
        client.dispose(); // its last records (the disconnects) are queued before the word that it is gone
        this.recheckOwed(command.id, hosted); // the answers it owed can no longer be given
        hosted.undo();
        this.clients.delete(command.id);
        this.report({ type: "disposed", id: command.id });
    }
  }

  private emit(client: LiveClient, command: Extract<ClientCommand, { op: "emit" }>): void {
    const { id, ack } = command;
    client.emit(command.nsp, command.event, command.args, {
      ...(command.volatile ? { volatile: true } : {}),
      ...(command.compress === false ? { compress: false } : {}),
      ...(ack
        ? {
            ack: {
              timeout: ack.timeout,
              onReply: (err, args) =>
                this.report({ type: "reply", id, call: ack.call, args, ...(err ? { err: problemOf(err) } : {}) }),
            },
          }
        : {}),
    });
  }

  private start(command: Extract<ClientCommand, { op: "start" }>): void {
    const { id } = command;
    const relay = command.relayOrigin === undefined ? undefined : pageRelay(command.relayOrigin);
    const client = new LiveClient(command.name, command.config, {
      onError: (problem) => this.report({ type: "error", id, problem }),
      ...(relay ? { relay } : {}),
    });
    const hosted: Hosted = {
      client,
      undo: () => undefined,
      owed: new Map(),
      told: "",
      recheck: false,
      msgpack: command.config.parser === "msgpack",
    };
    hosted.undo = client.subscribe((record) => this.record(id, hosted, record));
    this.clients.set(id, hosted);
    client.start(command.namespaces);
  }

  /** Answers a server's ask; the page is told the answer's state whatever happens (it showed it as answered). */
  private answer(id: number, hosted: Hosted, n: number, args: unknown[]): void {
    const owed = hosted.owed.get(n);
    if (!owed) {
      this.report({ type: "owed", id, n, owed: { state: "gone", ready: false } });
      fail("ack-no-longer-awaited");
    }
    try {
      owed.handle.answer(...args);
    } finally {
      owed.told = { state: owed.handle.state, ready: owed.handle.ready };
      this.report({ type: "owed", id, n, owed: owed.told });
      if (owed.told.state !== "waiting") hosted.owed.delete(n);
    }
  }

  private record(id: number, hosted: Hosted, record: TimelineRecord): void {
    const handle = record.kind === "packet" ? record.reply : undefined;
    if (handle) {
      const n = ++this.lastOwed;
      const told = { state: handle.state, ready: handle.ready };
      hosted.owed.set(n, { handle, told });
      if (hosted.owed.size > MAX_OWED) {
        const oldest = hosted.owed.keys().next().value as number;
        hosted.owed.delete(oldest);
        this.report({ type: "owed", id, n: oldest, owed: { state: "gone", ready: false } });
      }
      // The socket hands out its ack right after the record is made: `ready` is read again when the batch goes.
      this.report({ type: "record", id, record, owed: { n, ...told } });
    } else {
      this.report({ type: "record", id, record });
    }
    if (hosted.msgpack && record.kind === "packet" && holdsRawDate(record.args ?? record.data)) {
      // Structured clone keeps a Date's time only: an out-of-range one would lose the value it came with. Written as
      // a session file writes it, it keeps it (and an owed answer's readiness follows with the next batch).
      const report = this.queue.pop() as ClientReport;
      this.queue.push({ type: "encoded", id, json: toTaggedJson(report) });
      hosted.recheck = true;
    }
    if (record.kind === "packet" && record.dir === "in" && record.attachments > 0 && !record.type.endsWith("ACK")) {
      for (const arg of record.args ?? []) collectBuffers(arg, this.transfer, TRANSFER_DEPTH);
    }
    if (record.kind === "disconnect" || record.kind === "connect" || record.kind === "close") hosted.recheck = true;
  }

  private report(report: ClientReport): void {
    this.queue.push(report);
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // A hidden page's timers wait a second or more; its records (and a scenario's acks) must not.
    if (typeof document !== "undefined" && document.hidden) queueMicrotask(() => this.flush());
    else setTimeout(() => this.flush(), this.gather);
  }

  /** Sends what gathered, with each client's state when it changed. */
  flush(): void {
    this.scheduled = false;
    for (const report of this.queue) {
      if (report.type !== "record" || !report.owed) continue;
      const owed = this.clients.get(report.id)?.owed.get(report.owed.n);
      if (owed)
        report.owed = { n: report.owed.n, ...(owed.told = { state: owed.handle.state, ready: owed.handle.ready }) };
    }
    for (const [id, hosted] of this.clients) {
      if (hosted.recheck) this.recheckOwed(id, hosted);
      const state = stateOf(hosted.client);
      const json = JSON.stringify(state);
      if (json !== hosted.told) {
        hosted.told = json;
        this.queue.push({ type: "state", id, state });
      }
    }
    if (this.queue.length === 0) return;
    const batch = this.queue;
    this.queue = [];
    const transfer = [...this.transfer];
    this.transfer.clear();
    try {
      this.end.postMessage(batch, transfer);
    } catch {
      this.postOneByOne(batch);
    }
  }

  /** Tells the page of the owed answers that changed (answered, gone, delivered), and forgets the settled ones. */
  private recheckOwed(id: number, hosted: Hosted): void {
    hosted.recheck = false;
    for (const [n, owed] of hosted.owed) {
      const now = { state: owed.handle.state, ready: owed.handle.ready };
      if (now.state !== owed.told.state || now.ready !== owed.told.ready) {
        owed.told = now;
        this.queue.push({ type: "owed", id, n, owed: now });
      }
      if (now.state !== "waiting") hosted.owed.delete(n);
    }
  }

  /**
   * A batch that could not be cloned (a value structured clone refuses, or nested deeper than it goes): each report
   * alone, and one that still fails goes as the text of a session file's record (written without recursion, binary
   * and all), which the page reads back.
   */
  private postOneByOne(batch: ClientReport[]): void {
    for (const report of batch) {
      try {
        this.end.postMessage([report]);
      } catch (err) {
        let encoded: ClientReport;
        try {
          encoded = { type: "encoded", id: report.id, json: toTaggedJson(report) };
        } catch {
          encoded = {
            type: "error",
            id: report.id,
            problem: problem("record-not-handed", { cause: problemOf(err) }),
          };
        }
        this.end.postMessage([encoded]);
      }
    }
  }
}

function stateOf(client: LiveClient): ClientState {
  const emit = client.emitState("");
  return {
    status: client.status(),
    sockets: client.socketStatus(),
    maxPayload: emit.maxPayload,
    handshakeSeen: emit.handshakeSeen,
  };
}

/** Whether a value holds an out-of-range Date (one that keeps its raw value), searched without recursion. */
function holdsRawDate(root: unknown): boolean {
  const stack: unknown[] = [root];
  while (stack.length) {
    const v = stack.pop();
    if (v instanceof Date) {
      if (rawMillis(v) !== undefined) return true;
    } else if (v !== null && typeof v === "object" && !ArrayBuffer.isView(v) && !(v instanceof ArrayBuffer)) {
      for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push(child);
    }
  }
  return false;
}

/** The ArrayBuffers in a value (as received: attachments are whole buffers), searched to a bounded depth. */
function collectBuffers(value: unknown, into: Set<ArrayBuffer>, depth: number): void {
  if (value instanceof ArrayBuffer) {
    into.add(value);
    return;
  }
  if (depth === 0 || value === null || typeof value !== "object" || ArrayBuffer.isView(value)) return;
  for (const v of Array.isArray(value) ? value : Object.values(value)) collectBuffers(v, into, depth - 1);
}
