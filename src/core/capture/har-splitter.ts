// A HAR read as a stream: the JSON text arrives in chunks and is cut into its entries (`log.entries[*]`), each handed
// on as text to parse on its own, without the whole file ever being one string or one tree. An entry's WebSocket
// messages (`_webSocketMessages`, all of a socket's life in one entry) are cut out one by one too: the entry is handed
// on with that array left empty. So what is held at once is one entry or one message, not the file. Framework-free.

import { InspectorError, problem, type Problem } from "../shared/errors.js";

/** A file that is not a HAR, or not one the inspector can read: the message says which and how to get one. */
export class HarError extends InspectorError {
  override name = "HarError";
}

/** Where the splitter hands the pieces: each message before the entry that holds it. */
export interface HarPieces {
  /** An entry's JSON text, its `_webSocketMessages` (if any) emptied. */
  entry(text: string): void;
  /** One WebSocket message of the entry being read, as JSON text. */
  message(text: string): void;
}

const OBJECT = 0x7b; // {
const ARRAY = 0x5b; // [
const OBJECT_END = 0x7d; // }
const ARRAY_END = 0x5d; // ]
const QUOTE = 0x22;
const COLON = 0x3a;
const COMMA = 0x2c;

/** What a container is to the HAR: the levels on the way to the entries and their messages, or anything else. */
type Role = "root" | "log" | "entries" | "entry" | "messages" | "message" | "other";

/** Keys are read only on the levels that lead somewhere, and only short ones: a long string is a value, not a key. */
const MAX_KEY = 64;
const KEYED: ReadonlySet<Role> = new Set(["root", "log", "entry"]);

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

export class HarSplitter {
  private readonly closers: number[] = [];
  private readonly roles: Role[] = [];
  private inString = false;
  /** A backslash ended the previous chunk inside a string: the next chunk's first character is escaped. */
  private escapeCarried = false;
  /** The string being read on a keyed level (undefined when not kept), and the last one read there. */
  private text: string | undefined;
  private lastString: string | undefined;
  /** The key of the value about to open (a string then a colon). */
  private key: string | undefined;
  /** The pieces being cut: an entry's text so far (paused while its messages are cut), a message's. */
  private entryParts: string[] = [];
  private messageParts: string[] = [];
  /** Which piece the current chunk is being cut into, from where. */
  private cutting: string[] | undefined;
  private from = 0;
  private started = false;
  private ended = false;
  private sawEntries = false;
  /** Characters read, to say where a fault is. */
  private offset = 0;

  constructor(
    private readonly pieces: HarPieces,
    private readonly name: string,
  ) {}

  /** Whether `log.entries` was found (a HAR), once the text has ended. */
  get hasEntries(): boolean {
    return this.sawEntries;
  }

  /** Whether the JSON closed (false: the file was cut short). */
  get complete(): boolean {
    return this.ended;
  }

  /** @throws HarError when the text is not JSON where the splitter looks (its structure, not every value) */
  push(chunk: string): void {
    if (chunk.length === 0) return; // an escape carried over waits for a character to apply to
    let i = 0;
    if (this.escapeCarried) {
      this.escapeCarried = false;
      if (this.text !== undefined) this.text += chunk.slice(0, 1);
      i = 1;
    }
    const n = chunk.length;
    while (i < n) {
      if (this.inString) {
        i = this.inStringFrom(chunk, i);
        continue;
      }
      const c = chunk.charCodeAt(i);
      if (isSpace(c)) {
        i++;
        continue;
      }
      if (this.ended) throw this.fault(i, problem("json-text-after-end"));
      if (!this.started && c !== OBJECT) throw new HarError(problem("har-not-json", { name: this.name }));
      if (c === QUOTE) {
        this.inString = true;
        this.text = KEYED.has(this.roles.at(-1) as Role) ? "" : undefined;
        i++;
        continue;
      }
      if (c === COLON) this.key = this.lastString;
      else if (c === COMMA) this.key = undefined;
      else if (c === OBJECT || c === ARRAY) this.open(c, chunk, i);
      else if (c === OBJECT_END || c === ARRAY_END) this.close(c, chunk, i);
      this.lastString = undefined;
      i++;
    }
    if (this.cutting) {
      this.cutting.push(chunk.slice(this.from));
      this.from = 0;
    }
    this.offset += n;
  }

  /** Reads a string's characters from `i`; returns where reading goes on. */
  private inStringFrom(chunk: string, i: number): number {
    let j = i;
    const n = chunk.length;
    // Jump to the next quote or backslash: most of a HAR is long strings (contents, payloads).
    while (j < n) {
      const c = chunk.charCodeAt(j);
      if (c === QUOTE || c === 0x5c) break;
      j++;
    }
    if (this.text !== undefined && this.text.length <= MAX_KEY) this.text += chunk.slice(i, Math.min(j, i + MAX_KEY));
    if (j >= n) return n;
    if (chunk.charCodeAt(j) === 0x5c) {
      if (j + 1 >= n) {
        this.escapeCarried = true;
        return n;
      }
      if (this.text !== undefined) this.text += chunk.slice(j, j + 2);
      return j + 2;
    }
    this.inString = false;
    this.lastString = this.text !== undefined && this.text.length <= MAX_KEY ? this.text : undefined;
    this.text = undefined;
    return j + 1;
  }

  private open(c: number, chunk: string, i: number): void {
    const parent = this.roles.at(-1);
    const key = this.key;
    this.key = undefined;
    let role: Role = "other";
    if (parent === undefined) {
      this.started = true;
      role = "root";
    } else if (parent === "root" && key === "log" && c === OBJECT) role = "log";
    else if (parent === "log" && key === "entries" && c === ARRAY) role = "entries";
    else if (parent === "entries" && c === OBJECT) role = "entry";
    else if (parent === "entry" && key === "_webSocketMessages" && c === ARRAY) role = "messages";
    else if (parent === "messages" && c === OBJECT) role = "message";
    if (role === "entries") this.sawEntries = true;
    else if (role === "entry") this.cut((this.entryParts = []), i);
    else if (role === "messages")
      this.pause(chunk, i + 1); // the entry keeps "[": its array is handed on empty
    else if (role === "message") this.cut((this.messageParts = []), i);
    this.roles.push(role);
    this.closers.push(c === OBJECT ? OBJECT_END : ARRAY_END);
  }

  private close(c: number, chunk: string, i: number): void {
    if (this.closers.pop() !== c)
      throw this.fault(i, problem("json-closes-nothing", { character: String.fromCharCode(c) }));
    const role = this.roles.pop();
    if (role === "entry") this.pieces.entry(this.finish(chunk, i + 1));
    else if (role === "message") this.pieces.message(this.finish(chunk, i + 1));
    else if (role === "messages")
      this.cut(this.entryParts, i); // the entry goes on from "]"
    else if (role === "root") this.ended = true;
  }

  private cut(parts: string[], from: number): void {
    this.cutting = parts;
    this.from = from;
  }

  private pause(chunk: string, end: number): void {
    this.cutting?.push(chunk.slice(this.from, end));
    this.cutting = undefined;
  }

  /** The piece being cut, whole; nothing is cut until the next piece starts. */
  private finish(chunk: string, end: number): string {
    const parts = this.cutting ?? [];
    parts.push(chunk.slice(this.from, end));
    this.cutting = undefined;
    return parts.join("");
  }

  private fault(i: number, what: Problem): HarError {
    return new HarError(problem("har-json-invalid", { name: this.name, at: this.offset + i + 1, what }));
  }
}
