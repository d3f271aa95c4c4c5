// Words for presets read from outside (an import, a file, storage, a share link): the file as a whole, and the
// predicates of a preset's fields (after their path: value-invalid).
import { formatSize } from "../binary.js";
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

  // The page's presets: names, the one chosen, storage, the demo's, imports and exports.
  "preset-name-missing": () => "Give the preset a name",
  "preset-name-too-long": (p: { max: number }) => `A preset name has at most ${p.max} characters`,
  /** `orUpdate`: saving as new, where Update is the other way. */
  "preset-name-taken": (p: { name: string; orUpdate: boolean }) =>
    `A preset named “${p.name}” exists${p.orUpdate ? ": choose another name, or Update it" : ""}`,
  "choose-preset": (p: { to: "update" | "rename" | "duplicate" | "delete" | "load" }) => `Choose a preset to ${p.to}`,
  /** `scenarios`: what was to be kept is a scenario. */
  "choose-or-save-preset": (p: { scenarios: boolean }) =>
    `Choose or save a preset first${p.scenarios ? ": scenarios are kept in presets" : ""}`,
  "no-demo-told": () => "This page was told of no demo server (?demo=<url>): there is no demo preset to restore",
  "demo-there-already": (p: { name: string }) => `“${p.name}” is there already`,
  "demo-url-invalid": (p: { asked: string }) =>
    `The page's ?demo= is not an http or https URL (${p.asked}): no demo is shown`,
  "presets-not-loaded": (p: { cause: Cause }, say: Say) =>
    `The presets could not be loaded: ${say(p.cause)} (reload the page)`,
  "presets-loading": () => "The presets are still loading: try again in a moment",
  "nothing-imported": (p: { cause: Cause }, say: Say) => `Nothing imported. ${say(p.cause)}`,
  "nothing-to-export": () => "Nothing to export: choose a preset",
  "import-file-too-large": (p: { name: string; bytes: number; maxMb: number }) =>
    `Import: ${p.name} is ${(p.bytes / 1_000_000).toFixed(1)} MB, over the limit of ${p.maxMb} MB`,
  // Storage: what the browser keeps.
  "storage-refused-read": (p: { cause: Cause }, say: Say) =>
    `Saved presets cannot be read: this browser refuses storage to the page (${say(p.cause)})`,
  "storage-not-json": () => "Saved presets could not be read (not JSON); they are kept untouched",
  "storage-format-unknown": () => "Saved presets are not in a format this inspector knows; they are kept untouched",
  "stored-preset-unkeepable": (p: { n: number }) =>
    `Saved preset ${p.n} cannot be kept aside either (it cannot be written as JSON); it will be dropped at the next save`,
  "not-saved-json": (p: { cause: Cause }, say: Say) =>
    `Not saved: the presets could not be written as JSON (${say(p.cause)})`,
  "not-saved-full": (p: { bytes: number }) =>
    `Not saved: the browser's storage for this page is full (the presets need ${formatSize(p.bytes)}). ` +
    "Delete presets you no longer need, or keep them in a file with Export all, then try again.",
  "not-saved-refused": (p: { cause: Cause }, say: Say) =>
    `Not saved: the browser refused to store the presets (${say(p.cause)})`,

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
