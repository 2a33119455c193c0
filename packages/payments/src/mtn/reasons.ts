import type { FailureReason } from "../core/types.js";

/**
 * MTN's failure reasons (the Open API's `ErrorReason` codes, and those MTN Congo returns in production,
 * such as `LOW_BALANCE_OR_PAYEE_LIMIT_REACHED_OR_NOT_ALLOWED`) onto the one set of this package.
 */
const REASONS: Readonly<Record<string, FailureReason>> = {
  NOT_ENOUGH_FUNDS: "insufficient_funds",
  // One code for three causes: telling the payer "not enough funds" would be wrong when a limit or a ban was it.
  LOW_BALANCE_OR_PAYEE_LIMIT_REACHED_OR_NOT_ALLOWED: "declined_unspecified",
  APPROVAL_REJECTED: "rejected",
  PAYER_REJECTED: "rejected",
  EXPIRED: "expired",
  TRANSACTION_EXPIRED: "expired",
  PAYER_NOT_FOUND: "payer_not_found",
  PAYER_LIMIT_REACHED: "limit_reached",
  PAYEE_LIMIT_REACHED: "limit_reached",
  NOT_ALLOWED: "not_allowed",
  NOT_ALLOWED_TARGET_ENVIRONMENT: "not_allowed",
  PAYEE_NOT_ALLOWED_TO_RECEIVE: "not_allowed",
  SENDER_ACCOUNT_NOT_ACTIVE: "not_allowed",
};

/**
 * MTN's reason code, whether it comes as a string (current API) or as `{ code, message }` (older gateways).
 */
export function mtnReasonCode(reason: unknown): string | undefined {
  if (typeof reason === "string" && reason.length > 0) return reason;
  if (typeof reason === "object" && reason !== null) {
    const code = (reason as { code?: unknown }).code;
    if (typeof code === "string" && code.length > 0) return code;
  }
  return undefined;
}

/** The {@link FailureReason} of an MTN reason code; `unknown` for anything unlisted. */
export function mtnFailureReason(code: string | undefined): FailureReason {
  if (code === undefined) return "unknown";
  const key = code.toUpperCase();
  return Object.hasOwn(REASONS, key) ? (REASONS[key] as FailureReason) : "unknown";
}
