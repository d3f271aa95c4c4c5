import { byteLength, formatSize, isBinary } from "./binary.js";
import { dateText } from "./dates.js";

/**
 * A one-line preview of any value a server or the user sent, bounded in length and in work:
 * it stops walking once `max` characters are written, so a 10 MB payload costs no more than a small one.
 * The result is plain text; it is rendered as text, never as HTML.
 */
export function preview(value: unknown, max = 200): string {
  const out: string[] = [];
  let length = 0;
  const write = (s: string): boolean => {
    if (length >= max) return false;
    const room = max - length;
    out.push(s.length > room ? s.slice(0, room) : s);
    length += Math.min(s.length, room);
    return length < max;
  };
  const walk = (v: unknown, depth: number): boolean => {
    if (v === null) return write("null");
    if (v === undefined) return write("undefined");
    switch (typeof v) {
      case "string":
        return write(JSON.stringify(v.length > max ? v.slice(0, max) : v));
      case "number":
      case "boolean":
      case "bigint":
        return write(String(v));
      case "function":
        return write("ƒ ack");
      case "symbol":
        return write(v.toString());
    }
    if (isBinary(v)) return write(`<binary ${formatSize(byteLength(v))}>`);
    if (v instanceof Date) return write(dateText(v));
    if (depth > 8) return write("…");
    if (Array.isArray(v)) {
      if (!write("[")) return false;
      for (let i = 0; i < v.length; i++) {
        if (i && !write(", ")) return false;
        if (!walk(v[i], depth + 1)) return false;
      }
      return write("]");
    }
    if (!write("{")) return false;
    let first = true;
    for (const key of Object.keys(v as object)) {
      if (!first && !write(", ")) return false;
      first = false;
      if (!write(`${/^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key)}: `)) return false;
      if (!walk((v as Record<string, unknown>)[key], depth + 1)) return false;
    }
    return write("}");
  };
  if (!walk(value, 0) && length >= max) return out.join("") + "…";
  return out.join("");
}

/** The preview of an argument list, as `a, b, c`. */
export function previewArgs(args: readonly unknown[] | undefined, max = 200): string {
  if (!args || args.length === 0) return "";
  const text = preview(args, max + 2);
  // Drop the outer brackets of the list.
  return text.endsWith("]") ? text.slice(1, -1) : text.slice(1);
}
