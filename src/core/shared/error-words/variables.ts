// Words for environments and {{variables}}: a variable a field cannot be filled with, an environment file or name
// refused, the command line's variable options, and a share link pasted to open anywhere.
import type { Cause, Say, Words } from "./say.js";

const quotedNames = (names: readonly string[]) => names.map((n) => `“${n}”`).join(", ");

/**
 * Where a variable was looked for, as the end of a sentence. `environment`: the active environment's name, null when
 * none is chosen, absent where only what earlier steps captured was looked in; `captures`: whether those were too.
 */
export interface LookedIn {
  environment?: string | null;
  captures: boolean;
}
const lookedIn = ({ environment, captures }: LookedIn): string => {
  if (environment === undefined) return captures ? " (nor captured by an earlier step)" : "";
  const env = environment === null ? " (no environment is chosen)" : ` in the environment “${environment}”`;
  return captures ? `${env}${environment === null ? ", and not" : " nor"} captured by an earlier step` : env;
};

/** Where the user gives a secret's value: in the page, or on the command line. */
export type AskedIn = "page" | "command-line";

export const VARIABLES_WORDS = {
  /** A `{{name}}` with no value where it is used (`field`: "client 1: Server URL", "step 3 (emit), args[0]"). */
  "variable-undefined": (p: { name: string; field: string } & LookedIn) =>
    `${p.field}: {{${p.name}}} is not defined${lookedIn(p)}`,
  "secret-without-value": (p: { name: string; field: string; environment: string; askedIn: AskedIn }) =>
    `${p.field}: {{${p.name}}} is a secret of the environment “${p.environment}” with no value yet: ` +
    (p.askedIn === "page"
      ? "fill it in Environments"
      : `give it with --var ${p.name}=... or --env-from-process ${p.name}`),
  /** A JSON field (auth, a JSON argument) that is not JSON once its variables are in (`cause`: the parser's). */
  "variable-json": (p: { field: string; cause: Cause }, say: Say) =>
    `${p.field}: not valid JSON once its variables are in (${say(p.cause)})`,
  "variable-name-invalid": (p: { where: string; name: string }) =>
    `${p.where}: “${p.name}” is not a variable name: letters, digits, _, . and -, starting with a letter or _ ` +
    "(at most 100), as {{name}} writes it",

  // The command line's options for variables.
  "var-option-invalid": (p: { text: string }) =>
    `--var takes name=value (for example --var token=$TOKEN), got “${p.text}”`,
  "process-variable-missing": (p: { name: string }) =>
    `--env-from-process ${p.name}: the process environment has no ${p.name} (set it, or give the value with --var)`,

  // Environments: files, and the names chosen or given.
  "environment-not-found": (p: { name: string; names: string[] }) =>
    `no environment named “${p.name}” (the file has ${quotedNames(p.names) || "none"})`,
  "environment-not-chosen": (p: { names: string[] }) =>
    `the file holds ${p.names.length} environments (${quotedNames(p.names)}): choose one with --env-name`,
  "environment-name-empty": () => "Give the environment a name of at most 100 characters, for example local",
  "environment-name-taken": (p: { name: string }) => `An environment named “${p.name}” exists: choose another name`,
  "environments-unreadable": (p: { cause: Cause; keptAt: string }, say: Say) =>
    `${say(p.cause)}; kept aside as it was (${p.keptAt})`,
  "environments-not-saved": (p: { cause: Cause }, say: Say) => `The environments were not saved: ${say(p.cause)}`,
  "choose-environment-to-export": () => "Choose an environment to export",
  /** A variable's name as typed in the panel (`n`: the variable's place, from 1). */
  "variable-key-invalid": (p: { n: number }) =>
    `Variable ${p.n}: letters, digits, _ . - (starting with a letter or _), as {{name}} writes it`,
  "variable-key-again": (p: { n: number }) => `Variable ${p.n}: another variable has this name`,
  "not-an-environment-file": () =>
    "is not an environment file: an inspector environments export, a Postman environment export (name, values), or presets that carry environments",

  // A share link pasted into Open link (or given to `open`).
  "link-empty": () => "Open link: paste a share link first",
  "link-without-preset": () =>
    "Open link: this is not a share link: it has no #preset= part (copy the whole link, up to its end)",
} satisfies Record<string, Words>;
