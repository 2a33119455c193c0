import { AnalyticsValidationError } from "./errors.js";
import type { EventMeta } from "./tracking/events.js";

/** Roles a session can have. */
export const SESSION_ROLES = ["client", "livreur", "entreprise"] as const;

/** Who is chatting: a customer, a driver or a merchant. */
export type SessionRole = (typeof SESSION_ROLES)[number];

const MAX_LABEL = 128;
const MAX_USER = 256;

export function invalid(field: string, rule: string): AnalyticsValidationError {
  return new AnalyticsValidationError(field, rule);
}

/** A non-empty string of at most `max` characters. */
export function checkName(value: unknown, field: string, max = MAX_LABEL): string {
  if (typeof value !== "string" || value.length === 0 || value.length > max) {
    throw invalid(field, `must be a non-empty string of at most ${max} characters`);
  }
  return value;
}

export function checkUser(value: unknown, field = "user"): string {
  return checkName(value, field, MAX_USER);
}

/** An optional company (merchant) id: `undefined` → `null`, else a non-empty string of at most 128 characters. */
export function checkCompany(value: unknown, field = "companyId"): string | null {
  return value === undefined ? null : checkName(value, field);
}

/** The `companyId` of a tracking call's options, `null` when absent. */
export function companyOf(options: { companyId?: string } | undefined, field = "options"): string | null {
  if (options === undefined) return null;
  if (typeof options !== "object" || options === null) throw invalid(field, "must be an object");
  return checkCompany(options.companyId, `${field}.companyId`);
}

export function checkRole(value: unknown): SessionRole {
  if (!(SESSION_ROLES as readonly unknown[]).includes(value)) {
    throw invalid("role", `must be one of ${SESSION_ROLES.join(", ")}`);
  }
  return value as SessionRole;
}

export function checkNonNegative(value: unknown, field: string): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw invalid(field, "must be a finite number >= 0");
  }
  return value;
}

export function checkCount(value: unknown, field: string): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    throw invalid(field, "must be an integer >= 0");
  }
  return value;
}

export function checkPositive(value: unknown, field: string): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw invalid(field, "must be a finite number > 0");
  }
  return value;
}

/** Flat JSON metadata: string, finite number, boolean or null values, at most 32 keys. */
export function checkMeta(value: unknown, field: string): EventMeta | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== "object" || Array.isArray(value)) throw invalid(field, "must be a plain object");
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > 32) throw invalid(field, "must have at most 32 keys");
  const out: EventMeta = {};
  for (const [key, v] of entries) {
    if (
      v === null ||
      typeof v === "string" ||
      typeof v === "boolean" ||
      (typeof v === "number" && Number.isFinite(v))
    ) {
      out[key] = v;
    } else if (v !== undefined) {
      throw invalid(`${field}.${key}`, "must be a string, a finite number, a boolean or null");
    }
  }
  return out;
}

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

/** A `YYYY-MM-DD` calendar day. */
export function checkDay(value: unknown, field: string): string {
  if (typeof value !== "string" || !DAY_RE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw invalid(field, "must be a calendar day written YYYY-MM-DD");
  }
  if (new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
    throw invalid(field, "must be a real calendar day");
  }
  return value;
}
