import { bytesOf, isBinary } from "../../core/shared/binary.js";
import { nestedDeeperThan } from "../../core/composer/typed-args.js";
import { fail } from "../../core/shared/errors.js";

/** Deeper values are copied as far as this: clipboard text is for people and code, not for a hostile payload. */
const MAX_DEPTH = 200;

/**
 * Binary as a typed array in code (`new Uint8Array([1, 2])`), or as `{ $binary: "0102" }` in JSON. In code, binary
 * first becomes a marked string, replaced after JSON.stringify; the mark has a random part, so that a string the
 * server sent cannot pass for one.
 */
function replacer(asCode: boolean, mark: string) {
  return (_key: string, value: unknown) => {
    if (!isBinary(value)) return value;
    const bytes = bytesOf(value);
    if (!bytes) return asCode ? "<Blob>" : { $blob: true };
    return asCode
      ? `${mark}${[...bytes.slice(0, 4096)].join(", ")}`
      : { $binary: [...bytes.slice(0, 4096)].map((b) => b.toString(16).padStart(2, "0")).join("") };
  };
}

/** The arguments as JSON, to copy (binary as hex). @throws Error for a value too deep to copy. */
export function argumentsJson(args: readonly unknown[]): string {
  if (nestedDeeperThan(args, MAX_DEPTH)) fail("args-too-deep-to-copy", { max: MAX_DEPTH });
  return JSON.stringify(args, replacer(false, ""), 2);
}

/**
 * The emit as client code, to paste into a script: `socket.emit("event", ...)`, or `await socket.emitWithAck(...)`
 * for one that asked for an ack. @throws Error for a value too deep to copy.
 */
export function emitCode(event: string, args: readonly unknown[], withAck: boolean): string {
  if (nestedDeeperThan(args, MAX_DEPTH)) fail("args-too-deep-to-copy", { max: MAX_DEPTH });
  const mark = `bin${Math.random().toString(36).slice(2)}:`;
  const parts = [JSON.stringify(event), ...args.map((a) => JSON.stringify(a, replacer(true, mark)) ?? "undefined")];
  // Binary markers become typed arrays in the code.
  const list = parts.join(", ").replace(new RegExp(`"${mark}([\\d, ]*)"`, "g"), "new Uint8Array([$1])");
  return withAck ? `const reply = await socket.emitWithAck(${list});` : `socket.emit(${list});`;
}
