// What other programs tell us, read by code where they send one, and by their own words only where they send none.
// The one place where another program's words are recognised: nothing else reads them.

/** Engine.IO servers answer a refused request with `{"code": n, "message": ...}`: the codes (engine.io's table). */
export const ENGINE_ERRORS = {
  unknownTransport: 0,
  unknownSession: 1,
  badHandshakeMethod: 2,
  badRequest: 3,
  forbidden: 4,
  unsupportedProtocolVersion: 5,
} as const;

/** An Engine.IO server's refusal read from its answer's body: its code and message, or undefined when it is not one. */
export function engineErrorOf(body: string | undefined): { code: number; message: string } | undefined {
  if (!body?.startsWith('{"code":')) return undefined;
  try {
    const parsed = JSON.parse(body) as { code?: unknown; message?: unknown };
    if (typeof parsed.code !== "number") return undefined;
    return { code: parsed.code, message: typeof parsed.message === "string" ? parsed.message : "" };
  } catch {
    // A body cut at the probe's 300 characters: the code comes first, so read it off the text.
    const code = /^\{"code":(\d+)/.exec(body)?.[1];
    return code === undefined ? undefined : { code: Number(code), message: "" };
  }
}

/**
 * engine.io-client's code for an answer it could not decode (a record's `error.code`): what a v2 server's Engine.IO 3
 * framing gives a v4 client.
 */
export const ENGINE_PARSER_ERROR = "parser error";

/**
 * Why a connection closed, as engine.io-client and socket.io-client name it (a record's `reason`): a fixed set of
 * codes the official client documents, in words. Compared here by name, never searched.
 */
export const CLOSE_REASONS = {
  /** The client closed it (a Disconnect, the page leaving). */
  forcedClose: "forced close",
  transportClose: "transport close",
  transportError: "transport error",
  pingTimeout: "ping timeout",
  /** socket.io-client: the client disconnected the socket. */
  clientDisconnect: "io client disconnect",
  /** socket.io-client: the server disconnected the socket. */
  serverDisconnect: "io server disconnect",
} as const;

/**
 * Refusals that come with words only (no code):
 * - socket.io answers the CONNECT of a namespace nobody serves with the message "Invalid namespace";
 * - python-socketio (python-engineio) refuses an origin it does not accept with a body saying "not an accepted origin";
 * - @socket.io/admin-ui refuses wrong credentials with the message "invalid credentials";
 * - python-socketio refuses a namespace without handlers (or a connect handler that returned False) with the message
 *   "Unable to connect".
 */
export const isInvalidNamespace = (message: string | undefined): boolean => message === "Invalid namespace";
export const isOriginRefusedByPython = (body: string): boolean => /not an accepted origin/i.test(body);
export const isAdminCredentialsRefusal = (message: string): boolean => message === "invalid credentials";
export const isPythonUnableToConnect = (message: string): boolean => message === "Unable to connect";

/**
 * The first line of an HTTP answer behind a transport error, and what Node's error codes in it say: a proxy in front
 * of the server (Vite's dev proxy, http-proxy) answers a target it cannot reach with Node's error as text
 * ("Error: connect ECONNREFUSED 127.0.0.1:3000"), with no code of its own.
 */
export function proxyAnswer(body: string | undefined): { first: string; unreachable: boolean; refused: boolean } {
  const first =
    body
      ?.split("\n")[0]
      ?.replace(/^Error: /, "")
      .slice(0, 200) ?? "";
  return { first, unreachable: /ECONNREFUSED|ENOTFOUND|ETIMEDOUT/.test(first), refused: /ECONNREFUSED/.test(first) };
}

/** chrome.debugger.attach refuses a tab a debugger holds already with words only ("... already attached ..."). */
export const isDebuggerAlreadyAttached = (message: string): boolean => /already attached/i.test(message);

/** A JavaScript engine's reason for refusing a regular expression, without the lead every one of them has. */
export const regexRefusalDetail = (message: string): string => message.replace(/^Invalid regular expression: /, "");

/**
 * Whether Node's error for a connection is a TLS failure: by its code (CERT_*, ERR_SSL_*, EPROTO, a self-signed
 * chain), else by its words, since some TLS failures come with no code of their own.
 */
export const isTlsFailure = (err: { code?: string; message: string }): boolean =>
  /CERT|SSL|TLS|SELF_SIGNED|EPROTO/i.test(err.code ?? "") || /certificate|ssl|tls/i.test(err.message);
