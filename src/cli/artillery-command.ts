import { writeFileSync } from "node:fs";
import { toArtillery } from "../core/scenario/artillery.js";
import type { ArtilleryOptions } from "./args.js";
import { choose, clientsFor, readPresetFile } from "./run-command.js";
import type { Output } from "./terminal.js";
import { words } from "../core/shared/errors.js";

/** `artillery <file>`: the scenario as an Artillery script (stdout or --out); what did not translate, on stderr. */
export function artilleryCommand(options: ArtilleryOptions, o: Output): number {
  const [chosen] = choose(readPresetFile(options.file), {
    scenarios: options.scenario === undefined ? [] : [options.scenario],
  });
  if (!chosen) return 2;
  const { script, notes, translated } = toArtillery(
    chosen.scenario,
    clientsFor(chosen.preset, { url: options.url, headers: [] }),
    {
      duration: options.duration,
      arrivalRate: options.rate,
    },
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
