// The page a browser gets at the local server's address without this run's token: a share link made by another run
// (another port, another token, a colleague's inspector) lands here. Its preset is in the link's fragment, which
// browsers never send to a server: only the page's own script can read it. So the page is static HTML (nothing of
// the request is written into it) with one small script of its own origin, under a CSP that allows nothing else;
// the script shows the link as text and says how to open it. Without scripts, the page says where the link is.
import type { ServerResponse } from "node:http";

/** Where the page's script is served (without the token: it is the same for every run, and reads nothing). */
export const TOKEN_PAGE_SCRIPT = "/_link/open-help.js";

const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'none'",
  "img-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

const SECURITY_HEADERS = {
  "content-security-policy": CSP,
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cache-control": "no-store",
};

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Socket.IO Inspector: this run's token is missing</title>
<script src="${TOKEN_PAGE_SCRIPT}" defer></script>
</head>
<body>
<main>
<h1>This address needs this run's token</h1>
<p>Each run of the inspector has a token that keeps other pages out. Open the address that
<code>socketio-inspector</code> printed when it started: it ends with <code>?token=...</code>.</p>
<section id="share-link" hidden aria-labelledby="share-link-title">
<h2 id="share-link-title">You opened a share link</h2>
<p>It holds a preset made in an inspector (a colleague's, or yours in an earlier run), and it is kept below. This run
cannot open it without its token; your own inspector can:</p>
<ul>
<li>in your inspector (<code>npx socketio-inspector</code>), paste it in <strong>Link to open</strong> (Presets, Share)
and press <strong>Open link</strong>; or</li>
<li>run <code id="open-command">npx socketio-inspector open '&lt;the link&gt;'</code>: it starts the inspector and
opens the link in it.</li>
</ul>
<p>Nothing connects until you choose <strong>Use this preset</strong> there.</p>
<label for="the-link">The link</label><br>
<textarea id="the-link" readonly rows="4" cols="80" spellcheck="false"></textarea>
</section>
<noscript><p>If the address you opened holds <code>#preset=</code>, it is a share link: copy the whole address from the
address bar, and paste it in your inspector's <strong>Link to open</strong> (Presets, Share), or run
<code>npx socketio-inspector open '&lt;the link&gt;'</code>.</p></noscript>
</main>
</body>
</html>
`;

// Text only (value and textContent): the link is whatever the address bar holds, never markup. The command offered
// for a shell quotes the fragment alone, and only when it is base64url (what a share link holds): a crafted address
// cannot put a quote, and so a command of its own, into what the user may paste into a terminal.
const SCRIPT = `"use strict";
(function () {
  var hash = String(location.hash);
  if (hash.indexOf("#preset=") !== 0) return;
  document.getElementById("the-link").value = String(location.href);
  if (/^#preset=[A-Za-z0-9_-]+$/.test(hash))
    document.getElementById("open-command").textContent = "npx socketio-inspector open '" + hash + "'";
  document.getElementById("share-link").hidden = false;
})();
`;

/** Answers 403 with the page (a request for the page's address without the token). */
export function answerTokenPage(res: ServerResponse): void {
  res.writeHead(403, { "content-type": "text/html; charset=utf-8", ...SECURITY_HEADERS }).end(PAGE);
}

/** Answers the page's script. */
export function answerTokenPageScript(res: ServerResponse): void {
  res.writeHead(200, { "content-type": "text/javascript; charset=utf-8", ...SECURITY_HEADERS }).end(SCRIPT);
}
