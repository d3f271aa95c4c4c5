import { errorMessage, problem, type Problem } from "../../core/shared/errors.js";
import { regexRefusalDetail } from "../../core/shared/peer-words.js";

/**
 * The text filter as one regular expression, compiled once per filter: the text as typed (escaped), or as a regular
 * expression; case-insensitive unless asked. The same expression finds the rows and marks the matches in them.
 */
export interface TextQuery {
  text: string;
  caseSensitive: boolean;
  regex: boolean;
}

/**
 * `re` is the query; `loose` is the same without case (the query itself when it already ignores case): rows keep
 * their search text lower-cased, so `loose` finds the candidates and `re` confirms them on the row's own text.
 */
export type TextMatcher = { ok: true; re: RegExp | undefined; loose?: RegExp } | { ok: false; problem: Problem };

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The matcher of a query; an invalid regular expression says why (and filters nothing). */
export function textMatcher(q: TextQuery): TextMatcher {
  if (!q.text) return { ok: true, re: undefined };
  try {
    const source = q.regex ? q.text : escape(q.text);
    const loose = new RegExp(source, "i");
    return { ok: true, re: q.caseSensitive ? new RegExp(source) : loose, loose };
  } catch (err) {
    return { ok: false, problem: problem("search-regex-invalid", { detail: regexRefusalDetail(errorMessage(err)) }) };
  }
}

/** A piece of text, and whether it is a match to mark. */
export interface Segment {
  text: string;
  mark: boolean;
}

/** Splits text into marked and unmarked pieces (at most `limit` marks: a row is short, a leaf may not be). */
export function segments(text: string, re: RegExp | undefined, limit = 50): Segment[] {
  if (!re || !text) return [{ text, mark: false }];
  const global = new RegExp(re.source, re.flags.includes("g") ? re.flags : `${re.flags}g`);
  const out: Segment[] = [];
  let last = 0;
  let found = 0;
  for (let m = global.exec(text); m && found < limit; m = global.exec(text)) {
    // An empty match (a regex like "a*") marks nothing and must not loop.
    if (m[0] === "") {
      global.lastIndex++;
      continue;
    }
    if (m.index > last) out.push({ text: text.slice(last, m.index), mark: false });
    out.push({ text: m[0], mark: true });
    last = m.index + m[0].length;
    found++;
  }
  if (last < text.length) out.push({ text: text.slice(last), mark: false });
  return out;
}
