// The errors of environments, variables and links opened anywhere: each one a code and its words, made by one function
// here, so that they move whole into the codes table (src/core/shared/errors.ts) and nothing reads the words back.
import { ReadError } from "../shared/reader.js";

/** What these errors are, for logic; the words are for people. */
export const VARIABLE_ERROR_CODES = {
  linkEmpty: "link_empty",
  linkWithoutPreset: "link_without_preset",
  unresolvedVariable: "unresolved_variable",
  secretWithoutValue: "secret_without_value",
  variableJson: "variable_json",
  badVariableName: "bad_variable_name",
  badVarOption: "bad_var_option",
  processVariableMissing: "process_variable_missing",
  environmentFile: "environment_file",
  environmentNotFound: "environment_not_found",
  environmentName: "environment_name",
  noEnvironment: "no_environment",
} as const;

export type VariableErrorCode = (typeof VARIABLE_ERROR_CODES)[keyof typeof VARIABLE_ERROR_CODES];

/** An error of this module: its code says what it is. */
export class VariableError extends Error {
  override name = "VariableError";
  constructor(
    readonly code: VariableErrorCode,
    message: string,
    /** The variable it is about, when it is about one (the page marks its field). */
    readonly variable?: string,
  ) {
    super(message);
  }
}

const C = VARIABLE_ERROR_CODES;

/** Open link with nothing pasted. */
export const linkEmpty = () => new VariableError(C.linkEmpty, "Open link: paste a share link first");

/** A pasted text (or `open <link>`) that holds no preset. */
export const linkWithoutPreset = () =>
  new VariableError(
    C.linkWithoutPreset,
    "Open link: this is not a share link: it has no #preset= part (copy the whole link, up to its end)",
  );

/** Where a variable was looked for, as the end of a sentence: " in the environment “local”". */
export type Where = string;

/** A `{{name}}` with no value where it is used: refused before anything is sent, naming both. */
export const unresolvedVariable = (name: string, field: string, where: Where) =>
  new VariableError(C.unresolvedVariable, `${field}: {{${name}}} is not defined${where}`, name);

/** Where the user gives a value: the page, or the command line. */
export type AskedIn = "page" | "command line";

/** A secret variable with no value (a link or an export left it out): the user is asked for it. */
export const secretWithoutValue = (name: string, field: string, environment: string, askedIn: AskedIn) =>
  new VariableError(
    C.secretWithoutValue,
    `${field}: {{${name}}} is a secret of the environment “${environment}” with no value yet: ` +
      (askedIn === "page" ? "fill it in Environments" : `give it with --var ${name}=... or --env-from-process ${name}`),
    name,
  );

/** A JSON field (auth, a JSON argument) that is not JSON once its variables are in. */
export const variableJson = (field: string, problem: string) =>
  new VariableError(C.variableJson, `${field}: not valid JSON once its variables are in (${problem})`);

/** A variable's name that `{{...}}` could not name. */
export const badVariableName = (where: string, name: string) =>
  new VariableError(
    C.badVariableName,
    `${where}: “${name}” is not a variable name: letters, digits, _, . and -, starting with a letter or _ ` +
      "(at most 100), as {{name}} writes it",
    name,
  );

/** `--var` without its `=`. */
export const badVarOption = (text: string) =>
  new VariableError(C.badVarOption, `--var takes name=value (for example --var token=$TOKEN), got “${text}”`);

/** `--env-from-process NAME` for a name the process environment does not have. */
export const processVariableMissing = (name: string) =>
  new VariableError(
    C.processVariableMissing,
    `--env-from-process ${name}: the process environment has no ${name} (set it, or give the value with --var)`,
    name,
  );

/** What an environment file holds wrong (read with a Reader: the path of the field names it). */
export class EnvironmentFileError extends ReadError {
  override name = "EnvironmentFileError";
}

/** `--env-name` (or the file's choice) naming an environment the file lacks. */
export const environmentNotFound = (name: string, names: readonly string[]) =>
  new VariableError(
    C.environmentNotFound,
    `no environment named “${name}” (the file has ${names.map((n) => `“${n}”`).join(", ") || "none"})`,
  );

/** A file of several environments, and none chosen. */
export const environmentNotChosen = (names: readonly string[]) =>
  new VariableError(
    C.noEnvironment,
    `the file holds ${names.length} environments (${names.map((n) => `“${n}”`).join(", ")}): choose one with --env-name`,
  );

/** An environment's name that is empty or too long. */
export const environmentNameEmpty = () =>
  new VariableError(C.environmentName, "Give the environment a name of at most 100 characters, for example local");

/** An environment's name that another has. */
export const environmentNameTaken = (name: string) =>
  new VariableError(C.environmentName, `An environment named “${name}” exists: choose another name`);
