import { AnalyticsError, AnalyticsStoreError, AnalyticsStoreUnavailableError } from "../../errors.js";

/**
 * How a failure of PostgreSQL is handled:
 * - `unavailable`: the server could not be reached or went away (no SQLSTATE:
 *   refused, reset, timed out, connection terminated; or a connection,
 *   resources, shutdown or system class 08, 53, 57P, 58) — retried;
 * - `rejected`: the server refused the data itself (classes 22 data exception,
 *   23 integrity) — the same batch would fail forever;
 * - `failed`: anything else the server answered (kept, retried, never dropped).
 */
export type PgFailure = "unavailable" | "rejected" | "failed";

/** The SQLSTATE of an error the server sent (pg's `DatabaseError` has `severity` and `code`), else undefined. */
function sqlState(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const e = error as { severity?: unknown; code?: unknown };
  return typeof e.severity === "string" && typeof e.code === "string" ? e.code : undefined;
}

/** Classifies a failure; this package's own store errors are judged by their cause. */
export function classifyPgError(error: unknown): PgFailure {
  if (AnalyticsStoreUnavailableError.isInstance(error)) return "unavailable";
  if (AnalyticsError.isInstance(error)) return classifyPgError(error.cause);
  const code = sqlState(error);
  if (code === undefined) return "unavailable";
  const cls = code.slice(0, 2);
  if (cls === "08" || cls === "53" || cls === "58" || code.startsWith("57P")) return "unavailable";
  if (cls === "22" || cls === "23") return "rejected";
  return "failed";
}

/** True when the schema or a table is gone (a restored or re-created database): migrate again. */
export function isMissingSchema(error: unknown): boolean {
  const code = sqlState(AnalyticsError.isInstance(error) ? error.cause : error);
  return code === "42P01" || code === "3F000";
}

/** The typed error of a failed `operation`: {@link AnalyticsStoreUnavailableError} when unreachable. */
export function storeError(operation: string, error: unknown, retryable = false): AnalyticsStoreError {
  if (AnalyticsStoreError.isInstance(error)) return error;
  if (classifyPgError(error) === "unavailable") return new AnalyticsStoreUnavailableError(operation, error);
  return new AnalyticsStoreError(operation, error, retryable);
}

const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@]+@/gi;
const PASSWORD_KV = /\b(password|passwd|pwd)(\s*[=:]\s*)("[^"]*"|'[^']*'|\S+)/gi;

/** Removes credentials from a text: the user info of URLs and `password=…` pairs. */
export function redact(text: string): string {
  return text.replace(URL_USERINFO, "$1***@").replace(PASSWORD_KV, "$1$2***");
}

/** A loggable description of an error: name, SQLSTATE or errno code, message without credentials. */
export function describeError(error: unknown): { name: string; message: string; code?: string } {
  const e = error instanceof Error ? error : new Error(String(error));
  // Our own errors carry the driver's error as cause: show its SQLSTATE or errno.
  const source = AnalyticsError.isInstance(e) ? e.cause : e;
  const code = typeof source === "object" && source !== null ? (source as { code?: unknown }).code : undefined;
  return {
    name: e.name,
    message: redact(e.message).slice(0, 500),
    ...(typeof code === "string" ? { code } : {}),
  };
}

/** `name: message` of {@link describeError}, for `health().lastError`. */
export function errorSummary(error: unknown): string {
  const d = describeError(error);
  return `${d.name}${d.code === undefined ? "" : ` (${d.code})`}: ${d.message}`;
}
