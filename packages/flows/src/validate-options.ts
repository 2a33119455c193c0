import type { z } from "zod";
import { FlowsValidationError } from "./errors.js";

/** Checks options against `schema` at a constructor's boundary; the first issue names the field and the rule. */
export function validateOptions(schema: z.ZodType, options: unknown): void {
  const parsed = schema.safeParse(options);
  if (parsed.success) return;
  const issue = parsed.error.issues[0];
  throw new FlowsValidationError(issue?.path.join(".") || "options", issue?.message ?? "invalid");
}
