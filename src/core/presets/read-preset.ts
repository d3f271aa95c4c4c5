// A preset read from a link, a file or storage: checked field by field (its scenarios too) before it is used. Its own
// module, apart from the preset's shape (format.ts), so that what only handles presets already read does not carry
// the scenario readers.
import { readScenarios } from "../scenario/format.js";
import { problem } from "../shared/errors.js";
import { Reader, isObject, type Json } from "../shared/reader.js";
import { readEnvironment } from "../variables/environment-file.js";
import {
  CONNECTION_KEYS,
  MIGRATED_CLIENT,
  PRESET_VERSION,
  PresetError,
  readClients,
  readConnection,
  readEmit,
  unknownFields,
  type Preset,
  type PresetClient,
} from "./format.js";

/**
 * Checks a preset of any known version and returns it in the current version.
 * @param where names the source in errors ("Link", "File", "Saved preset 3")
 * @throws PresetError that says what is wrong and where.
 */
export function readPreset(value: unknown, where = "Preset"): Preset {
  const r: Reader = new Reader(where, PresetError);
  const o = r.object(value, "the preset");
  const version = o.version;
  if (typeof version !== "number") r.fail("version", problem("version-missing"));
  if (version > PRESET_VERSION) r.fail("version", problem("version-newer", { version, reads: PRESET_VERSION }));
  if (version !== 1 && version !== 2 && version !== 3) r.fail("version", problem("version-not-known", { version }));
  const name = r.string(o.name, "name", { max: 200, empty: false }).trim();
  let clients: PresetClient[];
  if (version === 3) clients = readClients(r, o.clients, version);
  else {
    // Versions 1 and 2 had one connection: it becomes the one client.
    clients = [{ name: MIGRATED_CLIENT, connection: readConnection(r, o.connection, "connection", version) }];
    const extra = unknownFields(r, o.connection as Json, CONNECTION_KEYS, "connection.");
    if (extra) (clients[0] as PresetClient).unknown = extra;
  }
  const preset: Preset = {
    version: PRESET_VERSION,
    name,
    clients,
    emits: o.emits === undefined ? [] : r.array(o.emits, "emits", (e, p) => readEmit(r, e, p), 500),
  };
  // Scenarios came within version 3: a preset without them has none.
  if (o.scenarios !== undefined) {
    const scenarios = readScenarios(r, o.scenarios);
    if (scenarios.length) preset.scenarios = scenarios;
  }
  if (o.serverView !== undefined) {
    const v = r.object(o.serverView, "serverView");
    const namespace = r.string(v.namespace, "serverView.namespace", { max: 500, empty: false });
    if (!namespace.startsWith("/")) r.fail("serverView.namespace", problem("must-start-with-slash"));
    // A password in a file is not taken: presets never hold it.
    preset.serverView = { namespace, username: r.string(v.username ?? "", "serverView.username", { max: 500 }) };
  }
  if (o.environments !== undefined) {
    const seen = new Set<string>();
    const environments = r.array(
      o.environments,
      "environments",
      (e, p) => {
        const env = readEnvironment(r, e, p, where);
        if (seen.has(env.name)) r.fail(`${p}.name`, problem("name-again", { name: env.name, each: "environment" }));
        seen.add(env.name);
        return env;
      },
      20,
    );
    if (environments.length) preset.environments = environments;
  }
  const kept = isObject(o.unknown) ? unknownFields(r, o.unknown, [], "unknown.") : undefined;
  const known = [
    "version",
    "name",
    "emits",
    "scenarios",
    "serverView",
    "environments",
    "unknown",
    version === 3 ? "clients" : "connection",
  ];
  const unknown = { ...unknownFields(r, o, known), ...kept };
  if (Object.keys(unknown).length) preset.unknown = unknown;
  return preset;
}
