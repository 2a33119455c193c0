import type { z } from "zod";
import { FlowsValidationError } from "./errors.js";

/**
 * Parses options against `schema` at a constructor's boundary and returns them with the schema's defaults
 * applied (`z.output`): defaults are written in the schema, once. The first issue names the field and the rule.
 */
export function parseOptions<S extends z.ZodType>(schema: S, options: unknown): z.output<S> {
  const parsed = schema.safeParse(options);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new FlowsValidationError(issue?.path.join(".") || "options", issue?.message ?? "invalid");
}

/**
 * Checks options against `schema` without using its output, for options holding functions (zod would wrap
 * them) or objects the caller keeps using; prefer {@link parseOptions}.
 */
export function validateOptions(schema: z.ZodType, options: unknown): void {
  parseOptions(schema, options);
}
