// Words for the files the inspector reads (session files, a watched page's stream of records) and the record check
// every record from outside passes, and for an inspector page's address typed to hand a session over.
import type { Cause, Say, Words } from "./say.js";

/** A value found where a record or a field should be, as data: its kind and, for a scalar, its text (clipped). */
export interface Seen {
  kind: "null" | "list" | "object" | "text" | "number" | "value" | "other";
  text?: string;
}
const seen = (v: Seen): string =>
  v.kind === "null"
    ? "null"
    : v.kind === "list"
      ? "a list"
      : v.kind === "object"
        ? "an object"
        : v.kind === "text"
          ? `the text ${JSON.stringify(v.text ?? "")}`
          : `${v.kind === "number" ? "the number" : v.kind === "value" ? "the value" : "a"} ${v.text ?? ""}`;

/** What a record's field should be (record-field-wrong): a type, or one of some values. */
export type Wanted =
  | { type: "string" | "number" | "time" | "duration" | "boolean" | "list" | "strings" | "error" | "count" | "any" }
  /** A node's traffic per second: at most `max` entries of {t, and each of `counts`}. */
  | { type: "seconds"; max: number; counts: string[] }
  | { oneOf: Array<string | number> };
const TYPE_WORDS = {
  string: "a string",
  number: "a number",
  time: "a time in ms within ±8.64e15 of 1970 (the range of a date)",
  duration: "a duration in ms within ±8.64e15 (the range of a date)",
  boolean: "true or false",
  list: "a list",
  strings: "a list of strings",
  error: 'an error object with a "message" string',
  count: "a count (a finite number, 0 or more)",
  any: "anything",
} as const;
const wanted = (w: Wanted) =>
  "oneOf" in w
    ? `one of ${w.oneOf.map((x) => JSON.stringify(x)).join(", ")}`
    : w.type === "seconds"
      ? `a list of at most ${w.max} seconds ({t, ${w.counts.join(", ")}})`
      : TYPE_WORDS[w.type];

export const FILES_WORDS = {
  // A session file (`name`: the file's, or "The file").
  "file-too-large": (p: { name: string; maxMb: number }) => `${p.name} is over the limit of ${p.maxMb} MB`,
  "session-header-not-json": (p: { name: string }) => `${p.name} is not a recorded session: line 1 is not JSON`,
  "session-no-format": (p: { name: string; format: string }) =>
    `${p.name} is not a recorded session (line 1 has no "format": "${p.format}")`,
  "session-version": (p: { name: string; version: string; known: number }) =>
    `${p.name} is session format version ${p.version}; this inspector reads versions 1 and ${p.known}`,
  "session-line-not-json": (p: { name: string; line: number }) =>
    `${p.name}, line ${p.line}: not valid JSON (the file may be cut or edited)`,
  "session-line-invalid": (p: { name: string; line: number; cause: Cause }, say: Say) =>
    `${p.name}, line ${p.line}: ${say(p.cause)}`,
  "session-empty": (p: { name: string }) => `${p.name} is empty: not a recorded session`,

  // The record check (a file's record, a watched page's).
  "record-not-object": (p: { got: Seen }) => `not a timeline record (${seen(p.got)})`,
  "record-kind-unknown": (p: { got: Seen | null }) =>
    `kind must be one of the record kinds (got ${p.got === null ? "none" : seen(p.got)})`,
  "record-field-missing": (p: { field: string; kind: string }) => `${p.field} is missing (a ${p.kind} record has one)`,
  "record-field-wrong": (p: { field: string; wanted: Wanted; got: Seen }) =>
    `${p.field} must be ${wanted(p.wanted)} (got ${seen(p.got)})`,
  /** One second of a node's traffic (a `seconds` list's entry at `index`) that is not what it should be. */
  "record-second-invalid": (p: { field: string; index: number; cause: Cause }, say: Say) =>
    `${p.field}[${p.index}] ${say(p.cause)}`,
  "second-not-object": (p: { got: Seen }) => `is ${seen(p.got)}, not {t, counts}`,

  // An inspector page's address, typed (`shown`: what was typed, clipped).
  "address-no-scheme": (p: { shown: string }) =>
    `“${p.shown}” needs http:// or https:// before it (as the inspector printed it)`,
  "address-invalid": (p: { shown: string }) =>
    `“${p.shown}” is not an address: paste the inspector's, e.g. http://127.0.0.1:5173/`,
  "address-scheme": (p: { protocol: string }) =>
    `The inspector's address must start with http:// or https:// (this one is ${p.protocol})`,
} satisfies Record<string, Words>;
