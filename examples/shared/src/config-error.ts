/** One environment variable at fault and why; never its value. */
export interface ConfigIssue {
  variable: string;
  message: string;
}

/**
 * Thrown when the environment is not a valid configuration. The message names each bad variable
 * and the rule it broke, never a value, so it can be logged even when the variable is a secret.
 */
export class ConfigError extends Error {
  override readonly name: string = "ConfigError";
  /** The variables at fault, e.g. `["WHATSAPP_TOKEN", "PORT"]`. */
  readonly variables: string[];
  /** Each variable at fault with its rule. */
  readonly issues: ConfigIssue[];

  constructor(issues: ConfigIssue[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  - ${i.variable}: ${i.message}`).join("\n")}`);
    this.issues = issues;
    this.variables = issues.map((i) => i.variable);
  }
}
