/** How a line reads on a terminal with colours: its status. */
export type Tone = "pass" | "fail" | "muted";

/**
 * Characters that must not reach a terminal as they are: C0 and C1 controls (a line break forges a "✓" or "0 failed"
 * line; ESC and the 8-bit CSI start sequences that restyle the screen, set its title or write to the clipboard),
 * DEL, the Unicode line and paragraph separators, and the bidirectional overrides that reorder what is shown.
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this finds
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t", "\u001b": "\\e" };

/**
 * One line as a terminal may show it. Everything printed passes here, since what a server or a file controls (event
 * names, messages, values, scenario and preset names) is printed inside the tool's own lines: each unsafe character
 * is shown escaped (`\n`, `\e`, `\u009b`), so the line stays one line and reads as it was sent.
 */
export function terminalLine(text: string): string {
  return text.replace(UNSAFE, (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

const SGR: Record<Tone, number> = { pass: 32, fail: 31, muted: 90 };

/** Where the tool prints: each call is one line, made safe by {@link terminalLine}, and coloured last. */
export interface Output {
  out(line: string, tone?: Tone): void;
  err(line: string, tone?: Tone): void;
}

/** An Output whose every line passes `redact` first (secrets become their {{name}}). */
export function redactedOutput(o: Output, redact: (text: string) => string): Output {
  return { out: (text, tone) => o.out(redact(text), tone), err: (text, tone) => o.err(redact(text), tone) };
}

/** An Output on two streams; `color`: paint tones (a terminal that has not asked for NO_COLOR). */
export function streamOutput(
  stdout: { write(text: string): unknown },
  stderr: { write(text: string): unknown },
  color: boolean,
): Output {
  const line = (text: string, tone: Tone | undefined) => {
    const safe = terminalLine(text);
    return `${color && tone ? `\x1b[${SGR[tone]}m${safe}\x1b[0m` : safe}\n`;
  };
  return {
    out: (text, tone) => stdout.write(line(text, tone)),
    err: (text, tone) => stderr.write(line(text, tone)),
  };
}
