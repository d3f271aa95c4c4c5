import { decodePresetFragment, presetFragmentOf } from "../core/presets/link.js";
import type { OpenOptions } from "./args.js";
import { serveCommand } from "./serve-command.js";
import type { Output } from "./terminal.js";

/**
 * `open <link>`: a share link made by any inspector, opened in this one. The link's address was its maker's run (its
 * port, its token); only the fragment travels: read and checked here first (a damaged link is said before anything
 * starts), then the local server starts as the command without arguments does and the page opens on the fragment.
 * @returns what stops the server
 */
export async function openCommand(options: OpenOptions, o: Output, root: string): Promise<() => Promise<void>> {
  const fragment = presetFragmentOf(options.link);
  const preset = await decodePresetFragment(fragment);
  const clients = preset.clients.map(
    (c) =>
      `${c.name} to ${c.connection.url} (${c.connection.route === "relay" ? "through the inspector's server" : "directly"})`,
  );
  o.out(`The link holds the preset “${preset.name}”: ${clients.join("; ")}.`);
  o.out("  Nothing connects until you choose Use this preset in the page.");
  return serveCommand(options.serve, o, root, fragment);
}
