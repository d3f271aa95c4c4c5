// Records as JSON text, for session files and for what structured clone cannot carry: values JSON has no form for
// are tagged (binary as base64 with its kind, dates as ISO text with the raw value of an out-of-range one,
// `undefined` as a marker), and the text is written and read without recursion.
import { fromBase64, toBase64 } from "../shared/base64.js";
import { outOfRangeDate, rawMillis } from "../shared/dates.js";

const TAG = "$sio-inspector";

type Tagged =
  | { [TAG]: "binary"; kind: string; base64: string }
  | { [TAG]: "date"; iso: string; millis?: string }
  | { [TAG]: "undefined" };
/** An object of the payload itself that has the tag key is wrapped, so that a server cannot forge a tagged value. */
const ESCAPED = `{"${TAG}":"plain","value":`;

/** The JSON text of a leaf or a value JSON cannot carry (tagged), or undefined for an array or object to walk. */
function leafJson(value: unknown): string | undefined {
  if (value === undefined || typeof value === "function")
    return JSON.stringify({ [TAG]: "undefined" } satisfies Tagged);
  if (value instanceof Date) {
    const valid = !Number.isNaN(value.getTime());
    const raw = rawMillis(value);
    return JSON.stringify({
      [TAG]: "date",
      iso: valid ? value.toISOString() : "",
      ...(raw === undefined ? {} : { millis: raw }),
    } satisfies Tagged);
  }
  if (value instanceof ArrayBuffer)
    return JSON.stringify({
      [TAG]: "binary",
      kind: "ArrayBuffer",
      base64: toBase64(new Uint8Array(value)),
    } satisfies Tagged);
  if (ArrayBuffer.isView(value)) {
    const bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    return JSON.stringify({ [TAG]: "binary", kind: value.constructor.name, base64: toBase64(bytes) } satisfies Tagged);
  }
  if (value === null || typeof value !== "object")
    return typeof value === "bigint" ? String(value) : (JSON.stringify(value) ?? "null");
  return undefined;
}

interface Frame {
  value: object;
  /** The keys of an object; undefined for an array. */
  keys: string[] | undefined;
  index: number;
  close: string;
}

/**
 * JSON with the values it cannot carry tagged (see the module comment), written without recursion: a server may
 * send a payload nested 100,000 levels deep, which JSON.stringify and a recursive walk cannot take.
 */
export function toTaggedJson(root: unknown): string {
  const out: string[] = [];
  const stack: Frame[] = [];
  const write = (value: unknown) => {
    const leaf = leafJson(value);
    if (leaf !== undefined) out.push(leaf);
    else if (Array.isArray(value)) {
      out.push("[");
      stack.push({ value, keys: undefined, index: 0, close: "]" });
    } else {
      const escaped = Object.prototype.hasOwnProperty.call(value, TAG);
      out.push(escaped ? `${ESCAPED}{` : "{");
      stack.push({ value: value as object, keys: Object.keys(value as object), index: 0, close: escaped ? "}}" : "}" });
    }
  };
  write(root);
  while (stack.length) {
    const frame = stack[stack.length - 1] as Frame;
    const length = frame.keys ? frame.keys.length : (frame.value as unknown[]).length;
    if (frame.index >= length) {
      out.push(frame.close);
      stack.pop();
      continue;
    }
    if (frame.index > 0) out.push(",");
    const i = frame.index++;
    if (frame.keys) {
      const key = frame.keys[i] as string;
      out.push(JSON.stringify(key), ":");
      write((frame.value as Record<string, unknown>)[key]);
    } else write((frame.value as unknown[])[i]);
  }
  return out.join("");
}

function untag(o: Record<string, unknown>): unknown {
  switch (o[TAG]) {
    case "undefined":
      return undefined;
    case "plain":
      return o.value;
    case "date":
      return typeof o.millis === "string" && /^-?\d{1,30}$/.test(o.millis)
        ? outOfRangeDate(o.millis)
        : new Date(String(o.iso));
    case "binary": {
      const bytes = fromBase64(String(o.base64));
      return o.kind === "ArrayBuffer" ? bytes.buffer : bytes;
    }
  }
  return o;
}

const isWalkable = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && (Array.isArray(v) || Object.getPrototypeOf(v) === Object.prototype);

/** Turns tagged values of parsed JSON back into what they were, in place and without recursion. */
export function fromTaggedJson(parsed: unknown): unknown {
  const root = isWalkable(parsed) ? untag(parsed) : parsed;
  const stack: unknown[] = [root];
  while (stack.length) {
    const v = stack.pop();
    if (!isWalkable(v)) continue;
    for (const key of Object.keys(v)) {
      const child = v[key];
      if (!isWalkable(child)) continue;
      const value = untag(child);
      // defineProperty: a key named "__proto__" stays an ordinary key (plain assignment would set the prototype).
      if (value !== child)
        Object.defineProperty(v, key, { value, enumerable: true, writable: true, configurable: true });
      stack.push(value);
    }
  }
  return root;
}
