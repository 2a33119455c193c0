// A leaf with no import: the one list of the `error` codes the dashboard API and the inbox answer
// with. Their bodies are typed with it (`ApiErrorBody`, `InboxRefusal`), and openapi.test.ts holds
// the `Error.error` enum of openapi.yaml equal to it, so a new code cannot be sent undocumented.

/** `error` codes of the analytics API under /api/analytics (also used by the inbox for the same causes). */
export const DASHBOARD_ERROR_CODES = [
  "unauthorized",
  "invalid_token",
  "token_expired",
  "forbidden",
  "invalid_query",
  "invalid_path",
  "not_found",
  "method_not_allowed",
  "internal",
  "reports_not_configured",
  "send_failed",
  "promotions_not_configured",
] as const;

/** Why the inbox (/api/inbox) refused a request about a conversation; see `InboxRefusal`. */
export const INBOX_REFUSAL_CODES = [
  "not_found",
  "not_owner",
  "taken",
  "not_held",
  "window_closed",
  "no_contact",
] as const;

/** One of {@link INBOX_REFUSAL_CODES}. */
export type InboxRefusalCode = (typeof INBOX_REFUSAL_CODES)[number];

/** An `error` code of either API: the inbox adds `invalid_request` (a bad body) and its refusals. */
export type ApiErrorCode = (typeof DASHBOARD_ERROR_CODES)[number] | "invalid_request" | InboxRefusalCode;

/** Every {@link ApiErrorCode} once, in the order of the `Error` schema in openapi.yaml. */
export const API_ERROR_CODES: readonly ApiErrorCode[] = Object.freeze([
  ...new Set<ApiErrorCode>([...DASHBOARD_ERROR_CODES, "invalid_request", ...INBOX_REFUSAL_CODES]),
]);
