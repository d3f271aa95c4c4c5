import type { EmitDraft } from "../composer/emit-draft.js";
import { ARG_TYPES, type ArgDraft } from "../composer/typed-args.js";
import {
  ROUTES,
  SERVER_VERSIONS,
  cloneConfig,
  type ClientConfig,
  type ConnectionConfig,
  type HeaderParam,
  type QueryParam,
  type Route,
  type ServerVersion,
} from "../connection/config.js";
import { problem } from "../shared/errors.js";
import { ReadError, Reader, checkPlainJson, isObject, type Json } from "../shared/reader.js";
import type { Scenario } from "../scenario/format.js";
import { hasReference, holdsLiteral, jsonHoldsLiteral } from "../variables/template.js";
import type { Environment } from "../variables/variables.js";

/**
 * The preset format: plain JSON data, versioned. Version 1 was the first shape (query as a plain object, as the
 * client option takes it); version 2 lists query parameters so that each can be marked secret; version 3 holds a
 * list of clients, each with its own connection (1 and 2 become one client).
 * Anything read from a link, a file or storage goes through `readPreset` (read-preset.ts) before it is used.
 */
export const PRESET_VERSION = 3;

/** The name a client takes when a preset of version 1 or 2 (one connection) is read. */
export const MIGRATED_CLIENT = "client 1";

/** An emit kept in a preset, fired again in one action: the composer's draft, as it was (and which client fires it). */
export type SavedEmit = EmitDraft & { client?: string };

/** The connection form as a preset stores it: the same fields, with the attempts limit as null for none (JSON has no Infinity). */
export type PresetConnection = Omit<ConnectionConfig, "reconnectionAttempts"> & { reconnectionAttempts: number | null };

/** One client of a preset: its name and its connection. */
export interface PresetClient {
  name: string;
  connection: PresetConnection;
  /** Fields of this client's connection that this version does not know, kept as they came. */
  unknown?: Record<string, unknown>;
}

export interface Preset {
  version: typeof PRESET_VERSION;
  name: string;
  clients: PresetClient[];
  emits: SavedEmit[];
  /** Checks made of a session: steps across the clients (absent: none). */
  scenarios?: Scenario[];
  /**
   * The server view's settings (the server's Admin UI namespace and user name). Its password is never kept in a
   * preset: not in storage, exports or links.
   */
  serverView?: PresetServerView;
  /**
   * The environments that go with the preset's `{{variables}}` (in a link or an export: those it refers to, secrets
   * without their values unless the user asked for them). Absent: none travel with it.
   */
  environments?: Environment[];
  /** Fields this version does not know, kept as they came so that nothing is lost on the way through. */
  unknown?: Record<string, unknown>;
}

export interface PresetServerView {
  namespace: string;
  username: string;
}

export class PresetError extends ReadError {
  override name = "PresetError";
}

/** Unknown fields are kept up to these bounds; past them the preset is refused, naming the field. */
export const MAX_UNKNOWN_DEPTH = 20;
export const MAX_UNKNOWN_CHARS = 100_000;

/** Checks an unknown field: plain JSON within the bounds, or refused by name. @returns its size in characters, about. */
export function checkUnknown(r: Reader, value: unknown, path: string): number {
  return checkPlainJson(r, value, path, {
    depth: MAX_UNKNOWN_DEPTH,
    chars: MAX_UNKNOWN_CHARS,
    keeps: "unknown-fields",
  });
}

export function unknownFields(
  r: Reader,
  o: Json,
  known: readonly string[],
  prefix = "",
): Record<string, unknown> | undefined {
  const extra = Object.keys(o).filter((k) => !known.includes(k));
  let chars = 0;
  for (const k of extra) {
    chars += checkUnknown(r, o[k], `unknown field ${prefix}${k}`);
    if (chars > MAX_UNKNOWN_CHARS)
      r.fail(
        `unknown fields${prefix ? ` of ${prefix.slice(0, -1)}` : ""}`,
        problem("unknown-fields-too-large", { kb: MAX_UNKNOWN_CHARS / 1000 }),
      );
  }
  return extra.length ? Object.fromEntries(extra.map((k) => [k, o[k]])) : undefined;
}

/**
 * A server URL a preset may carry: an absolute http(s) or ws(s) URL with a host, or a path on the page's own
 * origin ("/" for the same-origin proxy). Scheme-relative ("//host") and other odd forms are refused. One that refers
 * to variables (`{{baseUrl}}`, `http://{{host}}:3000`) is checked once they are in, when it connects.
 */
function checkUrl(r: Reader, url: string, path: string): void {
  if (hasReference(url)) return;
  if (url.startsWith("/")) {
    if (url.startsWith("//") || url.startsWith("/\\")) r.fail(path, problem("url-scheme-relative"));
    return;
  }
  if (!/^(https?|wss?):\/\//i.test(url)) r.fail(path, problem("url-scheme-missing"));
  let host = "";
  try {
    host = new URL(url).hostname;
  } catch {
    r.fail(path, problem("url-invalid"));
  }
  if (!host || /[\s\\]/.test(url)) r.fail(path, problem("url-invalid"));
}

export const CONNECTION_KEYS = [
  "url",
  "path",
  "transports",
  "parser",
  "serverVersion",
  "query",
  "extraHeaders",
  "withCredentials",
  "route",
  "reconnection",
  "reconnectionAttempts",
  "reconnectionDelay",
  "reconnectionDelayMax",
  "randomizationFactor",
  "timeout",
  "ackTimeout",
  "retries",
  "namespaces",
] as const;

export function readConnection(r: Reader, v: unknown, path: string, version: number): PresetConnection {
  const o = r.object(v, path);
  const url = r.string(o.url, `${path}.url`, { max: 2000, empty: false });
  checkUrl(r, url, `${path}.url`);
  const transports = r.array(
    o.transports,
    `${path}.transports`,
    (t, p) => {
      if (t !== "polling" && t !== "websocket") r.fail(p, problem("must-be-either", { a: "polling", b: "websocket" }));
      return t;
    },
    2,
  );
  if (transports.length === 0) r.fail(`${path}.transports`, problem("transports-empty"));
  let query: QueryParam[];
  if (version === 1) {
    // Version 1 kept the query as the client option takes it: { key: value }.
    const q = o.query === undefined ? {} : r.object(o.query, `${path}.query`);
    query = Object.entries(q).map(([key, value]) => ({
      key,
      value: r.string(value, `${path}.query.${key}`),
      secret: false,
    }));
  } else {
    query = r.array(
      o.query,
      `${path}.query`,
      (q, p) => {
        const qo = r.object(q, p);
        return {
          key: r.string(qo.key, `${p}.key`, { max: 500 }),
          value: r.string(qo.value, `${p}.value`),
          secret: qo.secret === undefined ? false : r.boolean(qo.secret, `${p}.secret`),
        };
      },
      100,
    );
  }
  // Presets made before headers existed have none.
  const extraHeaders: HeaderParam[] =
    o.extraHeaders === undefined
      ? []
      : r.array(
          o.extraHeaders,
          `${path}.extraHeaders`,
          (h, p) => {
            const ho = r.object(h, p);
            return {
              name: r.string(ho.name, `${p}.name`, { max: 200 }),
              value: r.string(ho.value, `${p}.value`, { max: 10_000 }),
              secret: ho.secret === undefined ? false : r.boolean(ho.secret, `${p}.secret`),
            };
          },
          50,
        );
  if (o.parser !== undefined && o.parser !== "default" && o.parser !== "msgpack")
    r.fail(`${path}.parser`, problem("must-be-either", { a: "default", b: "msgpack" }));
  // Presets made before the choice existed read the server's first answer (auto).
  if (o.serverVersion !== undefined && !SERVER_VERSIONS.includes(o.serverVersion as ServerVersion))
    r.fail(`${path}.serverVersion`, problem("must-be-one-of", { values: [...SERVER_VERSIONS] }));
  if (o.route !== undefined && !ROUTES.includes(o.route as Route))
    r.fail(`${path}.route`, problem("must-be-one-of", { values: [...ROUTES] }));
  return {
    url,
    path: r.string(o.path, `${path}.path`, { max: 500 }),
    ...(o.route === "relay" ? { route: "relay" as const } : {}),
    transports,
    parser: (o.parser ?? "default") as "default" | "msgpack",
    serverVersion: (o.serverVersion ?? "auto") as ServerVersion,
    query,
    extraHeaders,
    withCredentials: o.withCredentials === undefined ? false : r.boolean(o.withCredentials, `${path}.withCredentials`),
    reconnection: r.boolean(o.reconnection, `${path}.reconnection`),
    reconnectionAttempts: r.number(o.reconnectionAttempts, `${path}.reconnectionAttempts`, { nullable: true }),
    reconnectionDelay: r.number(o.reconnectionDelay, `${path}.reconnectionDelay`) as number,
    reconnectionDelayMax: r.number(o.reconnectionDelayMax, `${path}.reconnectionDelayMax`) as number,
    randomizationFactor: r.number(o.randomizationFactor, `${path}.randomizationFactor`, { max: 1 }) as number,
    timeout: r.number(o.timeout, `${path}.timeout`) as number,
    ackTimeout: r.number(o.ackTimeout ?? null, `${path}.ackTimeout`, { nullable: true }),
    retries: r.number(o.retries ?? null, `${path}.retries`, { nullable: true, max: 1000 }),
    namespaces: r.array(
      o.namespaces,
      `${path}.namespaces`,
      (n, p) => {
        const no = r.object(n, p);
        const nsp = r.string(no.nsp, `${p}.nsp`, { max: 500 });
        if (!nsp.startsWith("/") && !hasReference(nsp))
          r.fail(`${p}.nsp`, problem("must-start-with-slash-or-variable"));
        const query = no.query === undefined ? undefined : r.string(no.query, `${p}.query`, { max: 2000 });
        return { nsp, auth: no.auth === undefined ? "" : r.string(no.auth, `${p}.auth`), ...(query ? { query } : {}) };
      },
      100,
    ),
  };
}

export function readEmit(r: Reader, v: unknown, path: string): SavedEmit {
  const o = r.object(v, path);
  return {
    nsp: r.string(o.nsp, `${path}.nsp`, { max: 500 }),
    event: r.string(o.event, `${path}.event`, { max: 500, empty: false }),
    args: r.array(
      o.args,
      `${path}.args`,
      (a, p) => {
        const ao = r.object(a, p);
        if (!ARG_TYPES.includes(ao.type as never))
          r.fail(`${p}.type`, problem("must-be-one-of", { values: [...ARG_TYPES] }));
        return { type: ao.type as ArgDraft["type"], value: r.string(ao.value, `${p}.value`, { max: 1_000_000 }) };
      },
      100,
    ),
    expectAck: r.boolean(o.expectAck, `${path}.expectAck`),
    ackTimeout: r.number(o.ackTimeout, `${path}.ackTimeout`) as number,
    volatile: o.volatile === undefined ? false : r.boolean(o.volatile, `${path}.volatile`),
    compress: o.compress === undefined ? true : r.boolean(o.compress, `${path}.compress`),
    ...(o.client === undefined ? {} : { client: r.string(o.client, `${path}.client`, { max: 60 }) }),
  };
}

/**
 * Checks one saved emit on its own (the composer's history keeps emits in the same shape as presets do).
 * @throws PresetError that says what is wrong and where.
 */
export function readSavedEmit(value: unknown, where: string): SavedEmit {
  return readEmit(new Reader(where, PresetError), value, "the emit");
}

export function readClients(r: Reader, v: unknown, version: number): PresetClient[] {
  const seen = new Set<string>();
  const clients = r.array(
    v,
    "clients",
    (c, p) => {
      const co = r.object(c, p);
      const name = r.string(co.name, `${p}.name`, { max: 60, empty: false }).trim();
      if (seen.has(name)) r.fail(`${p}.name`, problem("name-again", { name, each: "client" }));
      seen.add(name);
      const client: PresetClient = { name, connection: readConnection(r, co.connection, `${p}.connection`, version) };
      // Kept: fields of the connection this version does not know, and those kept before (written back as `unknown`).
      const kept = isObject(co.unknown) ? unknownFields(r, co.unknown, [], `${p}.unknown.`) : undefined;
      const extra = { ...unknownFields(r, co.connection as Json, CONNECTION_KEYS, `${p}.connection.`), ...kept };
      if (Object.keys(extra).length) client.unknown = extra;
      return client;
    },
    20,
  );
  if (clients.length === 0) r.fail("clients", problem("clients-empty"));
  return clients;
}

/** The names of the fields a preset carried that this version keeps without understanding. */
export function unknownFieldNames(preset: Preset): string[] {
  const top = Object.keys(preset.unknown ?? {});
  const perClient = preset.clients.flatMap((c) =>
    Object.keys(c.unknown ?? {}).map((k) => `clients[${c.name}].connection.${k}`),
  );
  return [...top, ...perClient];
}

/** How a connection form is kept in a preset. */
export function presetConnection(config: ConnectionConfig): PresetConnection {
  return {
    ...cloneConfig(config),
    query: config.query.map((q) => ({ key: q.key, value: q.value, secret: !!q.secret })),
    extraHeaders: config.extraHeaders.map((h) => ({ name: h.name, value: h.value, secret: !!h.secret })),
    reconnectionAttempts: Number.isFinite(config.reconnectionAttempts) ? config.reconnectionAttempts : null,
  };
}

/** A preset of the clients (their forms), the saved emits and the scenarios. */
export function presetFrom(
  name: string,
  clients: readonly ClientConfig[],
  emits: SavedEmit[],
  scenarios: Scenario[] = [],
  serverView?: PresetServerView,
): Preset {
  return {
    version: PRESET_VERSION,
    name,
    clients: clients.map((c) => ({ name: c.name, connection: presetConnection(c.config) })),
    emits: plain(emits),
    ...(scenarios.length ? { scenarios: plain(scenarios) } : {}),
    ...(serverView ? { serverView: { namespace: serverView.namespace, username: serverView.username } } : {}),
  };
}

/** A detached copy of JSON data, also from reactive state (where structuredClone refuses Vue's proxies). */
export function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** The connection form of a preset's connection. */
export function configOf(connection: PresetConnection): ConnectionConfig {
  const c = plain(connection);
  return { ...c, reconnectionAttempts: c.reconnectionAttempts ?? Infinity };
}

/** The clients' forms filled from a preset. */
export function clientsFrom(preset: Preset): ClientConfig[] {
  return preset.clients.map((c) => ({ name: c.name, config: configOf(c.connection) }));
}

/**
 * A copy without secrets: namespace auth and queries are emptied, and query and header values marked secret are
 * blanked (their names stay, so the receiver sees what to fill in), in every client. A field that only refers to
 * variables (`{"token": "{{token}}"}`, `Bearer {{token}}`) holds no secret of its own and travels as written: its
 * secrets live in an environment, which travels without them.
 */
export function stripSecrets(preset: Preset): Preset {
  const copy = plain(preset);
  for (const { connection } of copy.clients) {
    connection.namespaces = connection.namespaces.map((n) => ({
      ...n,
      auth: jsonHoldsLiteral(n.auth) ? "" : n.auth,
      ...(n.query ? { query: holdsLiteral(n.query) ? "" : n.query } : {}),
    }));
    connection.query = connection.query.map((q) => (q.secret && holdsLiteral(q.value) ? { ...q, value: "" } : q));
    connection.extraHeaders = connection.extraHeaders.map((h) =>
      h.secret && holdsLiteral(h.value) ? { ...h, value: "" } : h,
    );
  }
  return copy;
}

/** Whether a preset holds anything that stripping would remove. */
export function hasSecrets(preset: Preset): boolean {
  return preset.clients.some(
    ({ connection }) =>
      connection.namespaces.some((n) => jsonHoldsLiteral(n.auth) || (!!n.query && holdsLiteral(n.query))) ||
      connection.query.some((q) => q.secret && holdsLiteral(q.value)) ||
      connection.extraHeaders.some((h) => h.secret && holdsLiteral(h.value)),
  );
}

/** A name not yet taken: "name", else "name (2)", "name (3)", ... */
export function freeName(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name)) return name;
  for (let i = 2; ; i++) if (!taken.has(`${name} (${i})`)) return `${name} (${i})`;
}
