// Words for a connection's form and what is typed into it: headers, auth, JSON, typed arguments, hex.
import type { Cause, Say, Words } from "./say.js";

const json = JSON.stringify;

/** What the JSON scanner expected where it stopped (json-expected). */
export type JsonExpected = "property-name" | "colon" | "comma-or-brace" | "comma-or-bracket";
const EXPECTED: Record<JsonExpected, string> = {
  "property-name": "a property name in double quotes",
  colon: '":"',
  "comma-or-brace": '"," or "}"',
  "comma-or-bracket": '"," or "]"',
};
/** A character found, or the end of the text (null). */
const found = (c: string | null) => (c === null ? "unexpected end of input" : `unexpected ${json(c)}`);

/** Which character in a header's value a header cannot hold (header-value-invalid). */
export type HeaderCharacter = "cr" | "lf" | "control";
const CHARACTER: Record<HeaderCharacter, string> = {
  cr: "a carriage return (CR)",
  lf: "a line feed (LF)",
  control: "a control character",
};

export const CONNECTION_WORDS = {
  "header-name-invalid": (p: { name: string }) =>
    `Header name ${json(p.name)} is not valid: letters, digits and !#$%&'*+.^_\`|~- only`,
  /** `at`: the offending character's index in the value. */
  "header-value-invalid": (p: { name: string; character: HeaderCharacter; at: number }) =>
    `Header "${p.name}": the value holds ${CHARACTER[p.character]} ${p.at === 0 ? "at its start" : `at character ${p.at + 1}`}; a header value is one line of text`,
  "header-cookie-forbidden": () =>
    'Header "Cookie" cannot be set by a page: tick With credentials to send the browser\'s cookies for the server, ' +
    "or set Route to “through the inspector's server”, which sends it",
  "header-forbidden": (p: { name: string }) =>
    `Header "${p.name}" cannot be set by a page: the browser forbids it. Set Route to “through the inspector's server”, which sends it`,
  "auth-invalid": (p: { nsp: string; cause: Cause }, say: Say) => `Auth of ${p.nsp}: ${say(p.cause)}`,
  "auth-not-object": (p: { nsp: string }) => `Auth of ${p.nsp}: must be a JSON object`,

  // JSON as typed: where the scanner stopped and why (json-invalid gives the line and column).
  "json-unexpected": (p: { found: string | null }) => found(p.found),
  "json-after-value": (p: { found: string }) => `unexpected ${json(p.found)} after the value`,
  "json-expected": (p: { expected: JsonExpected; found: string | null }) =>
    `expected ${EXPECTED[p.expected]}, ${found(p.found)}`,
  "json-bad-unicode-escape": () => "bad \\u escape",
  "json-bad-escape": () => "bad escape",
  "json-control-character": () => "control character in string (escape it)",
  "json-unterminated-string": () => "unterminated string",
  "json-too-deep-to-scan": () => "nested too deeply",
  "json-invalid": (p: { line: number; column: number; reason: Cause }, say: Say) =>
    `invalid JSON at line ${p.line}, column ${p.column}: ${say(p.reason)}`,
  /** JSON.parse refused a text the scanner found nothing wrong in: the engine's own words. */
  "json-invalid-engine": (p: { message: string }) => `invalid JSON: ${p.message}`,
  "json-too-deep": (p: { max: number }) => `nested more than ${p.max} levels deep, which the encoder cannot take`,

  // An emit's arguments as typed in the composer (`n` counts from 1, as the composer labels them).
  "argument-invalid": (p: { n: number; cause: Cause }, say: Say) => `Argument ${p.n}: ${say(p.cause)}`,
  "arg-not-number": (p: { value: string }) => `not a finite number: ${json(p.value)}`,
  "arg-not-boolean": (p: { value: string }) => `a boolean is true or false, not ${json(p.value)}`,
  "hex-not-hex": (p: { character: string; digit: number }) => `not hex: ${json(p.character)} at digit ${p.digit}`,
  "hex-odd-digits": (p: { digits: number }) => `odd number of hex digits (${p.digits}): each byte takes two`,
} satisfies Record<string, Words>;
