import type { z } from "zod";
import { PaymentsValidationError, type ValidationIssue } from "./errors.js";

// jscpd:ignore-start — the same zod-issue reading as @toktok/whatsapp-client's src/validation.ts, on purpose:
// both packages are leaves (docs/architecture.md: they share no module), and a field path must read the same in both.
function formatPath(prefix: string, path: ReadonlyArray<PropertyKey>): string {
  let out = prefix;
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || "(input)";
}

/** Turns a zod issue into a rule a person can act on. */
function ruleOf(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "too_small":
      if (issue.origin === "string")
        return issue.minimum === 1 ? "must not be empty" : `at least ${issue.minimum} characters`;
      return `at least ${issue.minimum}`;
    case "too_big":
      if (issue.origin === "string") return `at most ${issue.maximum} characters`;
      return `at most ${issue.maximum}`;
    case "invalid_type":
      return `expected ${issue.expected}`;
    case "unrecognized_keys":
      return `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.join(", ")}`;
    default:
      return issue.message;
  }
}
// jscpd:ignore-end

/**
 * Parses `input` with `schema`, or throws a {@link PaymentsValidationError} naming each failing field
 * (prefixed by `field`). Values are never echoed, so a secret in a wrong place does not reach a log.
 */
// jscpd:ignore-start — see above: the one parse-or-throw shape of every package with zod.
export function validate<S extends z.ZodType>(schema: S, input: unknown, field = ""): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues: ValidationIssue[] = result.error.issues.map((issue) => ({
    field: formatPath(field, issue.path),
    rule: ruleOf(issue),
  }));
  throw new PaymentsValidationError(issues);
}
// jscpd:ignore-end
