import { writeFileSync } from "node:fs";
import { clientsFrom } from "../core/presets/format.js";
import { toArtillery } from "../core/scenario/artillery.js";
import { chooseEnvironment } from "../core/variables/environment-file.js";
import type { ArtilleryOptions } from "./args.js";
import { checkUrlOption, choose, readPresetFile } from "./run-command.js";
import type { Output } from "./terminal.js";
import { words } from "../core/shared/errors.js";
import { readEnvironmentOption } from "./variables-option.js";

/**
 * `artillery <file>`: the scenario as an Artillery script (stdout or --out); what did not translate, on stderr. The
 * preset's {{variables}} stay variables: those of --env's environments become Artillery's (`config.variables` of
 * --env-name's, `config.environments` for `artillery run -e`), a secret is read from the runner's environment.
 */
export function artilleryCommand(options: ArtilleryOptions, o: Output): number {
  const [chosen] = choose(readPresetFile(options.file), {
    scenarios: options.scenario === undefined ? [] : [options.scenario],
  });
  if (!chosen) return 2;
  checkUrlOption(options.url);
  const environments = options.env === undefined ? [] : readEnvironmentOption(options.env);
  const active =
    options.envName === undefined ? environments[0]?.name : chooseEnvironment(environments, options.envName).name;
  const clients = clientsFrom(chosen.preset).map((c) =>
    options.url === undefined ? c : { ...c, config: { ...c.config, url: options.url } },
  );
  const { script, notes, translated } = toArtillery(
    chosen.scenario,
    clients,
    { duration: options.duration, arrivalRate: options.rate },
    { environments, ...(active === undefined ? {} : { active }) },
  );
  const text = `${JSON.stringify(script, null, 2)}\n`;
  if (options.out) {
    writeFileSync(options.out, text);
    o.out(`Artillery script: ${options.out} (run it with: npx artillery run ${options.out})`);
  } else process.stdout.write(text);
  o.err(words(translated));
  for (const n of notes) o.err(`note: ${words(n)}`);
  return 0;
}
