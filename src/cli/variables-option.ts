import { readFileSync, statSync } from "node:fs";
import { basename } from "node:path";
import {
  MAX_ENVIRONMENT_FILE_BYTES,
  chooseEnvironment,
  readEnvironmentFile,
} from "../core/variables/environment-file.js";
import { fail } from "../core/shared/errors.js";
import { Variables, type Binding, type Environment } from "../core/variables/variables.js";
import { usage, type RunOptions } from "./args.js";

/** The environments of `--env <file>`. @throws UsageError or EnvironmentFileError naming what is wrong */
export function readEnvironmentOption(file: string): Environment[] {
  const size = statSync(file, { throwIfNoEntry: false })?.size;
  if (size === undefined) usage("file-missing", { file, option: "--env" });
  if (size > MAX_ENVIRONMENT_FILE_BYTES)
    usage("file-over-mb", { file, mb: MAX_ENVIRONMENT_FILE_BYTES / 1_000_000, option: "--env" });
  return readEnvironmentFile(readFileSync(file, "utf8"), `--env ${basename(file)}`);
}

/**
 * The variables a run resolves with, as the command line gives them: the environment of `--env` (the one
 * `--env-name` names, or the file's only one), then `--env-from-process` (secrets: they come from the CI's secrets),
 * then `--var`. Nothing is read from the process environment unless named. Read once, before anything runs.
 * @returns a fresh set for each scenario (what one scenario captures is its own)
 * @throws UsageError, EnvironmentFileError or InspectorError naming what is wrong
 */
export function variablesOption(
  options: Pick<RunOptions, "env" | "envName" | "vars" | "fromProcess">,
  processEnv: Record<string, string | undefined>,
): () => Variables {
  const environment =
    options.env === undefined ? undefined : chooseEnvironment(readEnvironmentOption(options.env), options.envName);
  if (options.env === undefined && options.envName !== undefined) usage("env-name-without-env");
  const overrides = new Map<string, Binding>();
  for (const { name, from } of options.fromProcess) {
    const value = processEnv[from];
    if (value === undefined) fail("process-variable-missing", { name: from });
    overrides.set(name, { value, secret: true });
  }
  for (const { name, value } of options.vars)
    overrides.set(name, { value, secret: overrides.get(name)?.secret ?? false });
  return () => new Variables(environment, overrides, "command-line");
}
