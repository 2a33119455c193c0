import { z } from "zod";
import { FlowsValidationError } from "./errors.js";
import type { Logger } from "./logger.js";

// jscpd:ignore-start — the same zod-issue reading as @toktok/smart-fallback's src/validate-options.ts (and the
// formatPath of payments and whatsapp-client), on purpose: the packages are leaves and share no module, and
// a field must read the same in all; scripts/cross-package/field-paths.test.ts holds the copies equal.
/**
 * A zod issue's path as JavaScript reads it (`items[0].name`), the form every TokTok package uses, so an
 * error names the same field whichever package threw it. An empty path names `fallback`.
 */
export function fieldPath(path: ReadonlyArray<PropertyKey>, fallback = "options"): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || fallback;
}

/**
 * Parses options against `schema` at a constructor's boundary and returns them with the schema's defaults
 * applied (`z.output`): defaults are written in the schema, once. The first issue names the field and the rule.
 */
export function parseOptions<S extends z.ZodType>(schema: S, options: unknown): z.output<S> {
  const parsed = schema.safeParse(options);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new FlowsValidationError(fieldPath(issue?.path ?? []), issue?.message ?? "invalid");
}
// jscpd:ignore-end

/**
 * Checks options against `schema` without using its output, for options holding functions (zod would wrap
 * them) or objects the caller keeps using; prefer {@link parseOptions}.
 */
export function validateOptions(schema: z.ZodType, options: unknown): void {
  parseOptions(schema, options);
}

// jscpd:ignore-start — the run-time check of the Logger shape every package declares for itself (src/logger.ts;
// leaves share no module); scripts/cross-package/logger.test-d.ts keeps the shapes assignable to one another.
/** A {@link Logger} option: checked by its four methods, handed back as it is (a pino logger needs its `this`). */
export const loggerSchema = z.custom<Logger>(
  (v) =>
    typeof v === "object" &&
    v !== null &&
    (["debug", "info", "warn", "error"] as const).every((m) => typeof (v as Logger)[m] === "function"),
  "must have debug, info, warn and error",
);
// jscpd:ignore-end
