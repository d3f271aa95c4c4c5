// The one table of the inspector's errors: each code to its words, by family (a file each). The page and the command
// line both say a problem with these words; nothing else in src writes or reads an error's words (lint refuses
// reading them anywhere but here and in ../peer-words.ts, other programs' words).
import { CAPTURE_WORDS } from "./capture.js";
import { CLI_WORDS } from "./cli.js";
import { CONNECTION_WORDS } from "./connection.js";
import { EXTENSION_WORDS } from "./extension.js";
import { FILES_WORDS } from "./files.js";
import { GENERAL_WORDS } from "./general.js";
import { LIVE_WORDS } from "./live.js";
import { PAGE_WORDS } from "./page.js";
import { PRESETS_WORDS } from "./presets.js";
import { READING_WORDS } from "./reading.js";
import { SCENARIO_WORDS } from "./scenario.js";
import { SERVER_WORDS } from "./server.js";
import { SERVER_VIEW_WORDS } from "./server-view.js";
import { VARIABLES_WORDS } from "./variables.js";

export type { Cause, Say, Words } from "./say.js";

/** The families, by name: the test checks that no code is in two of them. */
export const ERROR_FAMILIES = {
  general: GENERAL_WORDS,
  connection: CONNECTION_WORDS,
  live: LIVE_WORDS,
  files: FILES_WORDS,
  capture: CAPTURE_WORDS,
  serverView: SERVER_VIEW_WORDS,
  page: PAGE_WORDS,
  presets: PRESETS_WORDS,
  reading: READING_WORDS,
  scenario: SCENARIO_WORDS,
  server: SERVER_WORDS,
  cli: CLI_WORDS,
  extension: EXTENSION_WORDS,
  variables: VARIABLES_WORDS,
} as const;

export const ERROR_WORDS = {
  ...GENERAL_WORDS,
  ...CONNECTION_WORDS,
  ...LIVE_WORDS,
  ...FILES_WORDS,
  ...CAPTURE_WORDS,
  ...SERVER_VIEW_WORDS,
  ...PAGE_WORDS,
  ...PRESETS_WORDS,
  ...READING_WORDS,
  ...SCENARIO_WORDS,
  ...SERVER_WORDS,
  ...CLI_WORDS,
  ...EXTENSION_WORDS,
  ...VARIABLES_WORDS,
} as const;
