import { z } from "zod";
import { SmartFallbackValidationError } from "./errors.js";

// jscpd:ignore-start — the same zod-issue reading as @toktok/flows's src/validate-options.ts (and the
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
 * applied (`z.output`): defaults are written in the schema, once. The first issue names the field and the
 * rule, never the value (a key in the wrong place must not reach a log).
 */
export function parseOptions<S extends z.ZodType>(schema: S, options: unknown): z.output<S> {
  const result = schema.safeParse(options);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new SmartFallbackValidationError(fieldPath(issue?.path ?? []), issue?.message ?? "invalid value");
}
// jscpd:ignore-end

/** An object with these methods; passed through as is (never cloned or stripped: it may be a client with state). */
export function withMethods<T>(methods: readonly string[], message: string) {
  return z.custom<T>(
    (v) =>
      typeof v === "object" &&
      v !== null &&
      methods.every((m) => typeof (v as Record<string, unknown>)[m] === "function"),
    message,
  );
}
