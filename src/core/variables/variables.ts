import { DYNAMIC_VALUES, isDynamic } from "./dynamic.js";
import type { AskedIn, LookedIn } from "../shared/error-words/variables.js";
import { fail } from "../shared/errors.js";
import { replaceReferences } from "./template.js";

/** One variable of an environment; a `secret` one is masked on screen and stays out of links, exports and reports. */
export interface Variable {
  key: string;
  value: string;
  secret: boolean;
  /** A disabled variable is kept but not used (Postman's `enabled`). */
  enabled: boolean;
}

/** A named set of variables: one is active at a time (local, staging, CI). */
export interface Environment {
  name: string;
  variables: Variable[];
}

/** What a name resolves to, and whether it is a secret. */
export interface Binding {
  value: unknown;
  secret: boolean;
}

/**
 * The variables a value is resolved with: one mechanism for all of them. Looked up in this order: what a scenario's
 * earlier steps captured, the overrides (`--var`, `--env-from-process`), the active environment; dynamic values
 * (`$timestamp`, ...) are made at each use.
 */
export class Variables {
  private readonly captured = new Map<string, unknown>();
  private readonly overrides: Map<string, Binding>;
  private readonly environment = new Map<string, Binding>();

  /**
   * @param environment the active one, if any
   * @param overrides values that win over the environment's (a secret one's stay secret)
   * @param askedIn where the user gives a secret that has no value (said in the refusal)
   */
  constructor(
    readonly active: Environment | undefined,
    overrides: ReadonlyMap<string, Binding> = new Map(),
    private readonly askedIn: AskedIn = "page",
  ) {
    for (const v of active?.variables ?? [])
      if (v.enabled) this.environment.set(v.key, { value: v.value, secret: v.secret });
    this.overrides = new Map(
      [...overrides].map(([k, b]) => [k, { value: b.value, secret: b.secret || !!this.environment.get(k)?.secret }]),
    );
  }

  /** The value of a name, if it has one (not the dynamic values: they are made at each use). */
  lookup(name: string): Binding | undefined {
    if (this.captured.has(name)) return { value: this.captured.get(name), secret: false };
    return this.overrides.get(name) ?? this.environment.get(name);
  }

  /** Whether a name resolves (a dynamic value's does). */
  has(name: string): boolean {
    return isDynamic(name) || this.lookup(name) !== undefined;
  }

  /** Keeps a value a scenario captured: a variable for the steps after. */
  capture(name: string, value: unknown): void {
    this.captured.set(name, value);
  }

  /** Whether a scenario captured a name. */
  isCaptured(name: string): boolean {
    return this.captured.has(name);
  }

  /** The captured values, by name. */
  capturedValues(): Record<string, unknown> {
    return Object.fromEntries(this.captured);
  }

  /** Where names are looked for: the active environment (null: none is chosen), and whether captures too. */
  lookedIn(captures = false): LookedIn {
    return { environment: this.active?.name ?? null, captures };
  }

  /**
   * The value of a reference in a field, as text. @throws InspectorError naming the variable and the field when it
   * has none (variable-undefined), or when it is a secret with no value (secret-without-value: a link or an export
   * left it out)
   */
  text(name: string, field: string): string {
    const make = DYNAMIC_VALUES[name];
    if (make) return make();
    const bound = this.lookup(name);
    if (!bound) fail("variable-undefined", { name, field, ...this.lookedIn(this.captured.size > 0) });
    if (bound.secret && bound.value === "")
      fail("secret-without-value", { name, field, environment: this.active?.name ?? "", askedIn: this.askedIn });
    return typeof bound.value === "string" ? bound.value : JSON.stringify(bound.value);
  }

  /** A text with its references resolved. @throws InspectorError naming the first that cannot be */
  resolve(text: string, field: string): string {
    return replaceReferences(text, (name) => this.text(name, field));
  }

  /** The secrets' values (non-empty), with their names: what reports and files must never hold. */
  secrets(): Array<{ name: string; value: string }> {
    const out = new Map<string, string>();
    for (const [name, b] of [...this.environment, ...this.overrides])
      if (b.secret && typeof b.value === "string" && b.value !== "") out.set(name, b.value);
    return [...out].map(([name, value]) => ({ name, value }));
  }
}

/** No environment: only dynamic values (and, in a scenario, captures) resolve. */
export const noVariables = (): Variables => new Variables(undefined);
