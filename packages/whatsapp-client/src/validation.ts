import { z } from "zod";
import { type ValidationIssue, WhatsAppValidationError } from "./errors.js";
import type { Logger } from "./logger.js";

function formatPath(prefix: string, path: ReadonlyArray<PropertyKey>, whole: string): string {
  let out = prefix;
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || whole;
}

/** Turns a zod issue into a rule a person can act on. */
function ruleOf(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "too_big":
      if (issue.origin === "string") return `at most ${issue.maximum} characters`;
      if (issue.origin === "array") return `at most ${issue.maximum} items`;
      return `at most ${issue.maximum}`;
    case "too_small":
      if (issue.origin === "string")
        return issue.minimum === 1 ? "must not be empty" : `at least ${issue.minimum} characters`;
      if (issue.origin === "array") return `at least ${issue.minimum} item${issue.minimum === 1 ? "" : "s"}`;
      return `at least ${issue.minimum}`;
    case "invalid_type":
      return `expected ${issue.expected}`;
    case "unrecognized_keys":
      return `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.join(", ")}`;
    default:
      return issue.message;
  }
}

/**
 * For a value that matches no member of a union (e.g. a header that is a text
 * or a media), report the member of the right shape and its failing rule
 * ("at most 60 characters") instead of zod's generic "Invalid input".
 */
function specific(
  issue: z.core.$ZodIssue,
  path: ReadonlyArray<PropertyKey>,
): { issue: z.core.$ZodIssue; path: ReadonlyArray<PropertyKey> } {
  if (issue.code !== "invalid_union" || !Array.isArray(issue.errors)) return { issue, path };
  const branch = issue.errors.find(
    (b) =>
      b.length > 0 &&
      !b.some((i) => i.path.length === 0 && (i.code === "invalid_type" || i.code === "unrecognized_keys")),
  );
  const first = branch?.[0];
  if (first === undefined) return { issue, path };
  return specific(first, [...path, ...first.path]);
}

/**
 * Validates `input` with `schema` and returns the parsed value, or throws a
 * {@link WhatsAppValidationError} naming each failing field (prefixed by `field`); the input itself, when
 * it is what fails (`null`, not an object), is named `whole`.
 */
export function validate<S extends z.ZodType>(schema: S, input: unknown, field = "", whole = "(input)"): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues: ValidationIssue[] = result.error.issues.map((raw) => {
    const { issue, path } = specific(raw, raw.path);
    return { field: formatPath(field, path, whole), rule: ruleOf(issue) };
  });
  throw new WhatsAppValidationError(issues);
}

/**
 * Validates the options of a handler or store (`createWebhookHandler`, `MemoryDedupeStore`…) and returns
 * them with the schema's defaults: a field is named by its path in the options (`dedupe.ttlMs`), the
 * options themselves `options` (as flows and smart-fallback name them), not `(input)`.
 */
export function validateOptions<S extends z.ZodType>(schema: S, options: unknown): z.output<S> {
  return validate(schema, options, "", "options");
}

// jscpd:ignore-start — the run-time check of the Logger shape every package declares for itself (src/logger.ts;
// leaves share no module); scripts/cross-package/logger.test-d.ts keeps the shapes assignable to one another.
/** A {@link Logger} option: checked by its four methods, handed back as it is (a pino logger needs its `this`). */
export const loggerSchema = z.custom<Logger>(
  (v) =>
    typeof v === "object" &&
    v !== null &&
    (["debug", "info", "warn", "error"] as const).every((m) => typeof (v as Logger)[m] === "function"),
  "must have debug, info, warn and error methods",
);
// jscpd:ignore-end
