// Option checks at the public boundary. Hand-written rather than zod: the package keeps lru-cache as its only
// runtime dependency, and these few numeric rules give the same typed error naming the field and the rule.
// `(value, field)` order, as the hand-written checks of @toktok/analytics.
import { CacheValidationError } from "./errors.js";

/** Throws unless `value` is an integer ≥ `min` (undefined allowed when `optional`). */
export function checkInt(value: unknown, field: string, min: number, optional = false): void {
  if (value === undefined && optional) return;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min) {
    throw new CacheValidationError(field, `must be an integer >= ${min} (got ${describe(value)})`);
  }
}

/** Throws unless `value` is a function (undefined allowed when `optional`). */
export function checkFunction(value: unknown, field: string, optional = true): void {
  if (value === undefined && optional) return;
  if (typeof value !== "function") throw new CacheValidationError(field, `must be a function (got ${describe(value)})`);
}

/** Throws unless `value` is a boolean (undefined allowed). */
export function checkBoolean(value: unknown, field: string): void {
  if (value !== undefined && typeof value !== "boolean") {
    throw new CacheValidationError(field, `must be a boolean (got ${describe(value)})`);
  }
}

/** Throws unless `value` is one of `allowed`. */
export function checkOneOf(value: unknown, field: string, allowed: readonly string[]): void {
  if (typeof value !== "string" || !allowed.includes(value)) {
    throw new CacheValidationError(
      field,
      `must be one of ${allowed.map((a) => `"${a}"`).join(", ")} (got ${describe(value)})`,
    );
  }
}

/** Throws unless `value` is a string (non-empty when `nonEmpty`). */
export function checkString(value: unknown, field: string, nonEmpty = false): void {
  if (typeof value !== "string" || (nonEmpty && value.length === 0)) {
    throw new CacheValidationError(field, `must be a ${nonEmpty ? "non-empty " : ""}string (got ${describe(value)})`);
  }
}

function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === "number" || typeof value === "boolean" || value === undefined || value === null)
    return String(value);
  return typeof value;
}
