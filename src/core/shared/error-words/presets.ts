// Words for presets read from outside (an import, a file, storage, a share link): the file as a whole, and the
// predicates of a preset's fields (after their path: value-invalid).
import type { Cause, Say, Words } from "./say.js";

export const PRESETS_WORDS = {
  // An import (a file, or text pasted), as a whole: `where` names it ("Import", "File x.json").
  "import-too-large": (p: { where: string; bytes: number; maxMb: number }) =>
    `${p.where}: ${(p.bytes / 1_000_000).toFixed(1)} MB is over the limit of ${p.maxMb} MB`,
  "import-empty": (p: { where: string }) => `${p.where}: nothing to import`,
  /** `cause`: the JSON parser's own words (thrown). */
  "import-not-json": (p: { where: string; cause: Cause }, say: Say) => `${p.where}: not valid JSON (${say(p.cause)})`,
  /** `format`: what the file's format field held, as JSON. */
  "import-not-export": (p: { where: string; format: string }) =>
    `${p.where}: not an inspector export (format is ${p.format})`,
  "import-presets-not-list": (p: { where: string }) => `${p.where}: presets must be a list`,
  "import-too-many": (p: { where: string; max: number }) => `${p.where}: more than ${p.max} presets`,

  // A share link's preset.
  "link-no-preset": () => "Link: no preset in this link",
  "link-too-long": (p: { length: number; max: number }) =>
    `Link: the preset is ${p.length} characters long, over the limit of ${p.max}`,
  "link-not-base64url": () => "Link: the preset is not valid base64url (it may have been cut or edited)",
  "link-inflates-too-large": (p: { maxMb: number }) => `Link: the preset inflates to more than ${p.maxMb} MB; refused`,
  "link-damaged": () => "Link: the preset data is damaged (it may have been cut or edited)",
  "link-not-json": () => "Link: the preset is not valid JSON (it may have been cut or edited)",

  // A preset's fields (predicates after their path).
  "version-missing": () => "is missing: this is not an inspector preset",
  "version-newer": (p: { version: number; reads: number }) =>
    `is ${p.version}: made by a newer inspector (this one reads up to ${p.reads})`,
  "version-not-known": (p: { version: number }) => `is ${p.version}: not a known preset version`,
  "unknown-fields-too-large": (p: { kb: number }) => `take more than ${p.kb} KB together`,
  "url-scheme-relative": () => "must not be scheme-relative (//host): write http://, https://, ws:// or wss://",
  "url-scheme-missing": () => "must start with http://, https://, ws:// or wss://",
  "url-invalid": () => "is not a valid URL",
  "transports-empty": () => "must name at least one transport",
  "clients-empty": () => "must hold at least one client",
} satisfies Record<string, Words>;
