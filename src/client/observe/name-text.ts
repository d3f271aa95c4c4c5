/**
 * An event name as text, whatever a server sent as one.
 *
 * socket.io-parser's JSON decoder lets only strings and numbers through as names, but a msgpack server may put a
 * map, a list, binary or nil there (and the admin UI forwards what its server received): `String()` of a map whose
 * `toString` is not a function throws "Cannot convert object to primitive value", and "[object Object]" says
 * nothing of it. A string is kept as it is; any other value becomes a short JSON-like text (`{toString: 1}`,
 * `["a", 2]`) of at most `max` characters, read from own data properties only (no `toString`, `valueOf`,
 * `toJSON` or getter of the value is called), so that it never throws, and the walk stops once the text is full.
 */
export const NAME_TEXT_MAX = 200;

/** Beyond this depth a nested value reads as "…". */
const DEPTH = 4;

export function nameText(value: unknown, max = NAME_TEXT_MAX): string {
  if (typeof value === "string") return value;
  const out: string[] = [];
  let length = 0;
  /** Appends what fits; false once the text is full (the walk stops there). */
  const write = (s: string): boolean => {
    if (length >= max) return false;
    const piece = s.length > max - length ? s.slice(0, max - length) : s;
    out.push(piece);
    length += piece.length;
    return length < max;
  };
  const walk = (v: unknown, depth: number): boolean => {
    if (v === null) return write("null");
    switch (typeof v) {
      case "undefined":
        return write("undefined");
      case "string":
        return write(JSON.stringify(v.length > max ? v.slice(0, max) : v));
      case "number":
      case "boolean":
      case "bigint":
        return write(String(v));
      case "symbol":
        return write(v === GETTER ? "(getter)" : `Symbol(${v.description ?? ""})`);
      case "function":
        return write("ƒ");
    }
    if (v instanceof ArrayBuffer || ArrayBuffer.isView(v)) return write(`<binary ${v.byteLength} B>`);
    if (v instanceof Date) {
      const ms = Date.prototype.getTime.call(v);
      return write(Number.isNaN(ms) ? "Invalid Date" : Date.prototype.toISOString.call(v));
    }
    if (depth >= DEPTH) return write("…");
    if (Array.isArray(v)) {
      if (!write("[")) return false;
      for (let i = 0; i < v.length; i++) {
        if ((i && !write(", ")) || !walk(own(v, String(i)), depth + 1)) return false;
      }
      return write("]");
    }
    if (!write("{")) return false;
    let first = true;
    for (const key of Object.keys(v as object)) {
      if (!first && !write(", ")) return false;
      first = false;
      if (!write(`${/^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key)}: `)) return false;
      if (!walk(own(v as object, key), depth + 1)) return false;
    }
    return write("}");
  };
  let whole: boolean;
  try {
    whole = walk(value, 0);
  } catch {
    // A proxy's traps, or an object whose keys cannot be listed: nothing of it is read.
    return "(a name that cannot be read)";
  }
  return whole || length < max ? out.join("") : `${out.join("")}…`;
}

/** An own property's value without running a getter (a getter reads as such). */
function own(o: object, key: string): unknown {
  const d = Object.getOwnPropertyDescriptor(o, key);
  return d === undefined ? undefined : "value" in d ? d.value : GETTER;
}

/** A getter's place in the text: its value is not read. */
const GETTER = Symbol("getter");
