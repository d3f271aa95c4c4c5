// The comparison's Markdown rendered by real GitHub-flavoured renderers: session text that holds addresses, emails,
// mentions and issue references must read as the same text and make no link (issue 31). remark with remark-github
// links @mentions and #references as GitHub does after its own Markdown pass; markdown-it with linkify is what
// VS Code's preview uses.
import MarkdownIt from "markdown-it";
import { marked } from "marked-18";
import { micromark } from "micromark";
import { gfm, gfmHtml } from "micromark-extension-gfm";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkGithub from "remark-github";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { describe, expect, test } from "vitest";
import { compareSessions } from "../../../src/core/charts/compare.js";
import { compareToMarkdown } from "../../../src/core/charts/compare-markdown.js";
import { SessionDigest } from "../../../src/core/charts/session-digest.js";
import type { TimelineRecord } from "../../../src/core/feed/records.js";
import { recorder } from "./make-records.js";

const T0 = Date.UTC(2026, 10, 25, 10, 0, 0);

const markdownIt = new MarkdownIt({ linkify: true });
const remark = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkGithub, { repository: "acme/app" })
  .use(remarkRehype)
  .use(rehypeStringify);

const RENDERERS: Record<string, (markdown: string) => string> = {
  "marked (gfm)": (md) => marked.parse(md, { gfm: true, async: false }),
  "markdown-it (linkify)": (md) => markdownIt.render(md),
  "micromark (gfm)": (md) => micromark(md, { extensions: [gfm()], htmlExtensions: [gfmHtml()] }),
  "remark (gfm, github)": (md) => String(remark.processSync(md)),
};

/** Every text a person would see in the rendered page (tags dropped, entities read). */
function visibleText(html: string): string {
  return html
    .replace(/<[^>]*>/g, "")
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** What a hostile session may carry, each a link or a mention in some renderer as plain text. */
const HOSTILE = {
  url: "https://evil.example.com/login?next=/admin",
  plainHttp: "http://evil.example.com",
  www: "www.evil.example.com",
  mailto: "mailto:ceo@evil.example.com",
  email: "bob@evil.example.com",
  mention: "@octocat",
  team: "@acme/owners",
  issue: "#12",
  crossRepo: "acme/app#3",
  html: '<a href="https://evil.example.com">x</a>',
  pipe: "a|b",
  backticks: "`@octocat`",
};

/** Two sessions whose event names, namespace, client, file names and a changed reply carry the hostile texts. */
function hostileComparison(): string {
  const texts = Object.values(HOSTILE);
  const session = (name: string, reply: string) => {
    const r = recorder(HOSTILE.mention);
    const login = r.emit(T0, HOSTILE.url, [], { ackId: 1, nsp: `/${HOSTILE.www}` });
    const records: TimelineRecord[] = [
      login,
      r.ack(T0 + 5, login.seq, 5, [{ to: reply }], "in", `/${HOSTILE.www}`),
      ...texts.map((t, i) => r.receive(T0 + 10 + i, t, [t])),
    ];
    // Fewer events kept than the session has: the comparison adds a note that names the file.
    const digest = new SessionDigest(name, { sequence: { maxEvents: texts.length } });
    digest.addAll(records);
    return digest;
  };
  return compareToMarkdown(
    compareSessions(session(`${HOSTILE.email}.ndjson`, HOSTILE.mailto), session(HOSTILE.plainHttp, HOSTILE.issue)),
  );
}

describe("the comparison's Markdown rendered as GitHub-flavoured Markdown (issue 31)", () => {
  const markdown = hostileComparison();

  for (const [name, render] of Object.entries(RENDERERS)) {
    test(`${name}: no link and no mention made of session text`, () => {
      const html = render(markdown);
      expect(html).toContain("<table>");
      expect(html).not.toMatch(/<a[\s>]/i);
    });

    test(`${name}: each session text still reads as it was written`, () => {
      const text = visibleText(render(markdown));
      for (const t of Object.values(HOSTILE)) expect(text).toContain(t);
      expect(text).toContain(`${HOSTILE.email}.ndjson has`);
    });
  }
});
