/**
 * The errors of environments, variables and links opened anywhere: each one a code and its words, made by one function
 * here, so that they move whole into the codes table (src/core/shared/errors.ts) and nothing reads the words back.
 */

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
