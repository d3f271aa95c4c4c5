import { fromBase64, toBase64 } from "../shared/base64.js";
import { fail, problem } from "../shared/errors.js";
import { PresetError, type Preset } from "./format.js";
import { readPreset } from "./read-preset.js";

/**
 * Share links carry the preset in the URL fragment (`#preset=...`), which browsers never send to a server:
 * the preset's JSON, deflated, in base64url.
 */
const PARAM = "preset=";
/** Longer fragments are refused before any work: a link is no place for megabytes. */
export const MAX_LINK_CHARS = 200_000;
/** Inflated size limit, enforced while inflating, so that a small "zip bomb" link cannot freeze the tab. */
export const MAX_PRESET_BYTES = 1_000_000;

function toBase64Url(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new PresetError(problem("link-not-base64url"));
  return fromBase64(text.replace(/-/g, "+").replace(/_/g, "/"));
}

async function deflate(text: string): Promise<Uint8Array> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream("deflate-raw"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function inflate(bytes: Uint8Array): Promise<string> {
  const reader = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream("deflate-raw")).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_PRESET_BYTES) {
        await reader.cancel();
        throw new PresetError(problem("link-inflates-too-large", { maxMb: MAX_PRESET_BYTES / 1_000_000 }));
      }
      chunks.push(value);
    }
  } catch (err) {
    if (err instanceof PresetError) throw err;
    throw new PresetError(problem("link-damaged"));
  }
  return new TextDecoder("utf-8", { fatal: false }).decode(await new Blob(chunks as BlobPart[]).arrayBuffer());
}

/** The fragment (with `#`) that carries a preset. */
export async function encodePresetFragment(preset: Preset): Promise<string> {
  return `#${PARAM}${toBase64Url(await deflate(JSON.stringify(preset)))}`;
}

/** Whether a URL fragment carries a preset. */
export function hasPresetFragment(hash: string): boolean {
  return hash.startsWith(`#${PARAM}`);
}

/**
 * The preset fragment of a link as a person pastes it: the whole link (made by any inspector, on any port), its
 * fragment alone, or either in quotes or angle brackets (as mail and chat wrap links). Only the fragment matters:
 * the address before it was the sender's own inspector.
 * @throws InspectorError when nothing was pasted (link-empty), or the text holds no preset (link-without-preset)
 */
export function presetFragmentOf(text: string): string {
  const trimmed = text.trim();
  if (trimmed === "") fail("link-empty");
  const at = trimmed.indexOf(`#${PARAM}`);
  const fragment = at >= 0 ? trimmed.slice(at) : trimmed.startsWith(PARAM) ? `#${trimmed}` : "";
  if (!fragment) fail("link-without-preset");
  return fragment.replace(/["'>\s]+$/, "");
}

/**
 * Reads a preset from a URL fragment, checking it fully.
 * @throws PresetError for a fragment that is too long, damaged, not JSON, or not a valid preset.
 */
export async function decodePresetFragment(hash: string): Promise<Preset> {
  if (!hasPresetFragment(hash)) throw new PresetError(problem("link-no-preset"));
  const data = hash.slice(PARAM.length + 1);
  if (data.length > MAX_LINK_CHARS)
    throw new PresetError(problem("link-too-long", { length: data.length, max: MAX_LINK_CHARS }));
  const text = await inflate(fromBase64Url(data));
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new PresetError(problem("link-not-json"));
  }
  return readPreset(json, "Link");
}
